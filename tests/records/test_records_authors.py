"""Author lists: the per-field rules of screener.records.authors, and the property that no record of
any fixture, ../shared file or gathered hold-out file has a first author that is really a list of authors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from screener.errors import RecordParseError
from screener.records import read_file, read_text
from screener.records.authors import list_separators, split_authors


@pytest.mark.parametrize("rule,value,names", [
    # Ovid RIS: the whole list on one A1/AU line
    ("ris", "Ross S, Bossis A, Guss J, Agin-Liebes G", ["Ross S", "Bossis A", "Guss J", "Agin-Liebes G"]),
    ("ris", "Ross, Stephen", ["Ross, Stephen"]),
    ("ris", "Smith JA, Jr", ["Smith JA, Jr"]),
    ("ris", "Hern, Matt, Ed", ["Hern, Matt, Ed"]),
    ("ris", "Bywater, T; Hutchings, J", ["Bywater, T", "Hutchings, J"]),
    ("ris", "Pérez-de la Fuente R, O'Connor RE", ["Pérez-de la Fuente R", "O'Connor RE"]),
    # PubMed CSV: Vancouver list ending in '.', a group author after ';'
    ("vancouver", "Griffin DK, Larkin DM, O'Connor RE.", ["Griffin DK", "Larkin DM", "O'Connor RE"]),
    ("vancouver", "Smith J, Doe A; COVID-19 Genomics UK (COG-UK) Consortium.",
     ["Smith J", "Doe A", "COVID-19 Genomics UK (COG-UK) Consortium"]),
    ("vancouver", "Writing Committee for the REMAP-CAP Investigators; Estcourt LJ, Turgeon AF.",
     ["Writing Committee for the REMAP-CAP Investigators", "Estcourt LJ", "Turgeon AF"]),
    ("vancouver", "Department of Health, Social Services and Public Safety.",
     ["Department of Health, Social Services and Public Safety"]),
    # older Scopus CSV: ', Jr.,' belongs to the name before it
    ("vancouver", "King M.L., Jr., Brown C., Wilson L.N.", ["King M.L., Jr.", "Brown C.", "Wilson L.N."]),
    ("vancouver", "Wilson L.N.; Gardner J.D.", ["Wilson L.N.", "Gardner J.D."]),
    # Ovid CSV cells: one author per line (blank lines between), or '. ' before the next 'Surname,'
    ("csv", "Ross, Stephen\n\nBossis, Anthony\n\nGuss, Jeffrey", ["Ross, Stephen", "Bossis, Anthony", "Guss, Jeffrey"]),
    ("csv", "Ross, Stephen. Bossis, Anthony. Guss, Jeffrey.", ["Ross, Stephen", "Bossis, Anthony", "Guss, Jeffrey"]),
    ("csv", "Ross, S. M. Bossis, A. Guss, J.", ["Ross, S. M.", "Bossis, A.", "Guss, J."]),
    ("csv", "Ross S. Bossis A. Guss JA.", ["Ross S.", "Bossis A.", "Guss JA."]),
    ("csv", "Agin-Liebes G. Malone T.", ["Agin-Liebes G.", "Malone T."]),
    ("csv", "Smith J. A.", ["Smith J. A."]),
    ("csv", "Zuna, R E and Wang, S S", ["Zuna, R E", "Wang, S S"]),
    ("csv", "Curry Rogers, Kristina", ["Curry Rogers, Kristina"]),
    ("pipe", "Alba Vicente|Josep Sanjuan", ["Alba Vicente", "Josep Sanjuan"]),
    ("bibtex", "Smith, J. and {Smith and Sons} and others", ["Smith, J.", "Smith and Sons"]),
    # retorquere/zotero-better-bibtex test/fixtures/import (MIT): 'Unabbreviate on import #1436-3.bib' closes
    # every name with ';', '…discarded on import from bib file #873.bib' joins 'Surname, I.' pairs by ','
    ("bibtex", "Baibich, M.N.; and Broto, J.M.; and Van Dau, F.N.;", ["Baibich, M.N.", "Broto, J.M.", "Van Dau, F.N."]),
    ("bibtex", "Miller, D., Firby, J. and Dean, T.", ["Miller, D.", "Firby, J.", "Dean, T."]),
    ("bibtex", "de la Fontaine, Jr., Jean and Doe, J.", ["de la Fontaine, Jr., Jean", "Doe, J."]),
    # a reference list's style, initials before the surname (../shared's Bannach-Brown_2019 screening set:
    # 1,339 first authors were the whole list before ' and ')
    ("csv", "D. Pavlinac, R. Langer, L. Lenhard and L. Deftos",
     ["D. Pavlinac", "R. Langer", "L. Lenhard", "L. Deftos"]),
    ("csv", "J. W. Quintino-dos-Santos, C. J. Muller and L. C. Schenberg",
     ["J. W. Quintino-dos-Santos", "C. J. Muller", "L. C. Schenberg"]),
    ("csv", "R. L. Whistler and W. C. Lake", ["R. L. Whistler", "W. C. Lake"]),
    ("csv", "P. A. Raymond, S. S. Easter, Jr., J. A. Burnham and F. G. de Mello",
     ["P. A. Raymond", "S. S. Easter, Jr.", "J. A. Burnham", "F. G. de Mello"]),
    # 'Given Family' names joined by ',', a one-word group name among them (triple-a's Rayyan-format CSV)
    ("csv", "Rounak Dey,Wei Zhou,Aki Havulinna,FinnGen,Seunggeun Lee",
     ["Rounak Dey", "Wei Zhou", "Aki Havulinna", "FinnGen", "Seunggeun Lee"]),
    ("csv", "Mark A Hall,Nancy M P King,Catherine McKeon,T1DGC", ["Mark A Hall", "Nancy M P King", "Catherine McKeon", "T1DGC"]),
    # ... but not a group author's own commas, nor a 'Surname, Suffix, Initials' name among ' and '
    ("csv", "Aram V Chobanian; National Heart, Lung, and Blood Institute Joint National Committee on Prevention, "
            "Detection, Evaluation, and Treatment of High Blood Pressure",
     ["Aram V Chobanian", "National Heart, Lung, and Blood Institute Joint National Committee on Prevention, "
                          "Detection, Evaluation, and Treatment of High Blood Pressure"]),
    ("csv", "Orr, J M and Leath III, C A", ["Orr, J M", "Leath III, C A"]),
    # Scopus: a name's own final dot ('Md.' for Mohammad) is kept; only the list's end loses its dot
    ("vancouver", "Osama Md.; Ahmed K.; Taher H.M.A.", ["Osama Md.", "Ahmed K.", "Taher H.M.A."]),
])
def test_rules(rule, value, names):
    assert split_authors(value, rule) == names
    assert all(list_separators(n) == [] for n in names)


def test_list_separators_names_the_separator():
    assert list_separators("Ross S, Bossis A, Guss J") == ["',' between Vancouver names"]
    assert list_separators("Smith J; Doe A") == ["';'"]
    assert list_separators("Ross, Stephen. Bossis, Anthony") == ["'. ' before the next 'Surname,'"]
    assert list_separators("Ross S. Bossis A.") == ["'. ' between Vancouver names"]
    assert list_separators("Ross, Stephen") == []
    assert list_separators("National Collaborating Centre for Chronic Conditions (UK)") == []


@pytest.mark.parametrize("name,what", [
    # Publish or Perish's Google Scholar CSV and IEEE's names: initials before the surname, ',' between names
    ("C Kun-Rodrigues, J Salmona, A Besolo", "',' between 'I Surname' names"),
    ("S. Hochreiter, A. Graves", "',' between 'I Surname' names"),
    ("J.-M. Dupont, P. A. Martin", "',' between 'I Surname' names"),
    # Scopus's dotted initials, a transliterated initial of two letters among them
    ("Ma Ch.L., Eaton E.Ng., Smith J.", "',' between Vancouver names"),
    ("Wilson L.N., Gardner J.D.", "',' between Vancouver names"),
    ("Szatmári B, Barabássy Á, Harsányi J", "',' between Vancouver names"),
    # Rayyan's CSV: 'Given Family' names joined by ',' with no space
    ("Gabrielle Samuel,Jessica M Sims", "',' (no space) between 'Given Family' names"),
    ("Wei Zhou,Masahiro Kanai,FinnGen", "',' (no space) between 'Given Family' names"),
])
def test_list_separators_knows_given_first_and_dotted_lists(name, what):
    assert what in list_separators(name)


@pytest.mark.parametrize("name", [
    "Ross, Stephen", "Curry Rogers, Kristina", "de la Fontaine, Jr., Jean", "Smith JA, Jr", "Hern, Matt, Ed",
    "King M.L., Jr.", "Department of Health, Social Services and Public Safety", "K C, Anup", "Muhammed T, Sadiq",
    "Rathod N., Mr", "J. Smith, Jr.", "Smith,John", "Wright Jr., T C", "A. Rahman, M",
    "Van der Berg, J. A.", "O'Connor RE", "Kumar J A.", "Clark Jr., Thomas D.", "Coffee Jr., John C",
])
def test_list_separators_leaves_one_person_alone(name):
    assert list_separators(name) == []


def test_ovid_ris_one_line_author_list():
    text = ("TY  - JOUR\nDB  - Embase\nT1  - Rapid and sustained symptom reduction following psilocybin\n"
            "A1  - Ross S, Bossis A, Guss J, Agin-Liebes G, Malone T\nY1  - 2016\nER  - \n")
    record = read_text(text, "ovid.ris").records[0]
    assert record.authors == ["Ross S", "Bossis A", "Guss J", "Agin-Liebes G", "Malone T"]
    assert record.tags["A1"] == ["Ross S, Bossis A, Guss J, Agin-Liebes G, Malone T"]   # kept verbatim


def _all_files(*roots):
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix != ".md":
                yield path


# one person whose name, as a vendor wrote it, looks like two Vancouver names: checked by hand
ONE_PERSON = {
    # Web of Science BibTeX (hold-out round 17, samueldmq/interoperability-mapping): 'Z. David R. Gnimpieba'
    # in the same paper's ScienceDirect and Scopus entries, 'Gnimpieba, DR (Reprint Author)' in its own
    "Gnimpieba Z, David R.",
}


# a file whose first authors are known to stay lists, read by hand (benchmarks/records_gathered/README.md): the
# exact number is asserted, so that a change either way is seen
KNOWN_LISTS = {
    # EhsanBitaraf/triple-a's Rayyan-format CSV (hold-out round 17): 142 cells of two 'Given Family' names joined
    # by a bare ',' ('Gabrielle Samuel,Jessica M Sims': by form RefWorks's 'van Mackelenbergh,Madelaine G.', one
    # person) and 7 lists holding a group name with 'and'/'of' or its own ', ' (146 and 7 until round 29: its 4
    # cells of two names written initials first, 'A Stege,M Hummel', are now read as two names)
    "triple-a__rayyan.csv": 149,
}


def _first_author_problems(paths):
    problems, records = [], 0
    known: dict[str, int] = {}
    for path in paths:
        try:
            result = read_file(path)
        except RecordParseError:
            continue
        for record in result.records:
            records += 1
            found = list_separators(record.first_author) if record.first_author not in ONE_PERSON else []
            if found and path.name in KNOWN_LISTS:
                known[path.name] = known.get(path.name, 0) + 1
            elif found:
                problems.append(f"{path.name} record {record.record_number} ({result.format}): "
                                f"{record.first_author[:80]!r} has {found}")
    problems += [f"{name}: {count} first authors with a separator, {KNOWN_LISTS[name]} known"
                 for name, count in known.items() if count != KNOWN_LISTS[name]]
    return problems, records


def test_first_author_is_one_person_in_every_fixture(fixtures_dir):
    # every file under fixtures/ that reads as records (records/, and the dedupe, rank and seed CSVs): 1,192 records
    problems, records = _first_author_problems(_all_files(fixtures_dir))
    assert records > 1000
    assert problems == []


def test_first_author_is_one_person_in_every_shared_file(shared_dir):
    # every file of ../shared that reads as records: the fixtures, and the dedupe and screening sets
    # (CSV, EndNote XML, Ovid RIS): 34,553 records
    problems, records = _first_author_problems(_all_files(shared_dir))
    assert records > 30000
    assert problems == []


def _gathered_roots() -> list[Path]:
    """The gathered hold-out (benchmarks/records_gathered/README.md): $SCREENER_GATHERED (folders joined
    by the path separator, e.g. the hold-out and the Better BibTeX set), else ../gathered beside the clone."""
    named = os.environ.get("SCREENER_GATHERED")
    roots = [Path(p) for p in named.split(os.pathsep) if p] if named else [Path(__file__).parents[3] / "gathered"]
    return [root for root in roots if root.is_dir()]


def _listed_files() -> set[str]:
    """The files of the hold-out as the project records it (benchmarks/records_gathered/sources.tsv, and each
    later round's own list, round18.tsv, …, as gather.py reads them)."""
    here = Path(__file__).parents[2] / "benchmarks" / "records_gathered"
    names: set[str] = set()
    for listing in [here / "sources.tsv", *sorted(here.glob("round*.tsv"))]:
        rows = [line.split("\t") for line in listing.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
        names |= {row[1] for row in rows[1:] if len(row) > 1}
    return names


def test_first_author_is_one_person_in_every_gathered_file():
    # read locally only (the files are not the project's to copy: benchmarks/records_gathered/README.md)
    roots = _gathered_roots()
    if not roots:
        pytest.skip("no gathered hold-out here (set SCREENER_GATHERED; benchmarks/records_gathered/README.md)")
    paths = list(_all_files(*roots))
    if not os.environ.get("SCREENER_GATHERED"):
        # ../gathered by default: the files sources.tsv lists (a round still being gathered there, not yet
        # listed, is its gatherer's to run before its fixes); a folder named in $SCREENER_GATHERED is read whole
        listed = _listed_files()
        paths = [path for path in paths if path.name in listed]
        if not paths:    # e.g. only a new round being gathered there, the listed set not rebuilt on this machine
            pytest.skip("../gathered holds none of the files sources.tsv lists (gather.py writes them there)")
    problems, records = _first_author_problems(paths)
    assert records > 0
    assert problems == []
