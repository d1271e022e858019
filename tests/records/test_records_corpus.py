"""Every file in ../shared/fixtures (213 files): the record count matches PROVENANCE.md's *records*
column, or the difference is one of the justified ones below. Skips when ../shared is absent."""

from __future__ import annotations

import re

import pytest

from screener.errors import RecordParseError
from screener.records import read_file

# (folder, file) → (count we read, or None = refused as a whole file; why it differs from PROVENANCE)
JUSTIFIED = {
    ("ris", "jabref__RisImporterCorrupted.ris"): (
        1, "PROVENANCE counts TY lines (0); the block has every tag and an ER but no TY: read with a "
           "missing_ty warning rather than dropped"),
    ("ris", "rispy__example_wos.ris"): (
        2, "PROVENANCE counts RIS TY lines (0); the file is Web of Science tagged (FN/PT…ER/EF) and "
           "is read as such: 2 PT records"),
    ("nbib", "jabref__MedlinePlainImporterTestMultipleEntries.txt"): (
        7, "PROVENANCE counts PMID lines (5); two more blank-line-separated records carry no PMID "
           "(PMC-only and PMCR-only), as ERIC records do"),
    ("ovid-tagged", "jabref__OvidImporterTest2Invalid.txt"): (
        None, "no <n> record header: the records cannot be delimited, so the file is refused"),
    ("pubmed-xml", "jabref__MedlineImporterTestMalformedEntry.xml"): (
        None, "not well-formed XML: refused with its line and column"),
}


def _provenance(shared_dir):
    rows = {}
    section = None
    for line in (shared_dir / "fixtures" / "PROVENANCE.md").read_text(encoding="utf-8").split("\n"):
        match = re.match(r"## (\S+)/", line)
        if match:
            section = match.group(1)
        if line.startswith("| `") and section:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[(section, cells[0].strip("`"))] = cells[6]
    return rows


def _files(shared_dir):
    return sorted((p.parent.name, p.name) for p in (shared_dir / "fixtures").glob("*/*") if p.is_file())


def test_corpus_has_213_files(shared_dir):
    assert len(_files(shared_dir)) == 213


def test_every_fixture_count(shared_dir):
    provenance = _provenance(shared_dir)
    problems = []
    checked = 0
    for folder, name in _files(shared_dir):
        expected_text = provenance[(folder, name)]
        path = shared_dir / "fixtures" / folder / name
        try:
            got = len(read_file(path).records)
        except RecordParseError as exc:
            got = None
            assert str(path) in str(exc)          # the one line names the file
        if (folder, name) in JUSTIFIED:
            expected = JUSTIFIED[(folder, name)][0]
        elif folder == "eutils":
            expected = None                       # E-utilities responses are not export files
        else:
            match = re.match(r"\d+", expected_text)
            expected = int(match.group(0))
        checked += 1
        if got != expected:
            problems.append(f"{folder}/{name}: expected {expected} (PROVENANCE {expected_text!r}), got {got}")
    assert checked == 213
    assert problems == []


@pytest.mark.parametrize("folder,name,count", [
    # the copyleft files that broke rispy, read from ../shared (not copied into the repo)
    ("ris", "ASySD__wos_test.ris", 50),                 # BOM + AD/WE joined by bare CR
    ("ris", "ASySD__ris_export.txt", 69),               # BOM + CRLF
    ("ris", "ASySD__scopus.ris", 10),                   # BOM
    ("ris", "CiteSource__20221207_gambling-harms_lens_49.ris", 49),  # BOM + mixed CRLF/LF
    ("ris", "CiteSource__AGRIS.ris", 12),               # BOM
    ("ris", "CiteSource__EconLit.ris", 50),             # BOM
    ("ris", "synthesisr__citesource_issue_24.ris", 17),  # BOM
    ("wos", "synthesisr__zoorec.txt", 134),             # WokParser KeyError: 'UK'
    ("wos", "synthesisr__WoS_ciw_example.ciw", 5),      # WokParser KeyError: 'UK'
    ("wos", "bibliometrix__wos_sample.txt", 8),         # WokParser KeyError: 'UK'
])
def test_copyleft_regressions(shared_dir, folder, name, count):
    assert len(read_file(shared_dir / "fixtures" / folder / name).records) == count


def test_wos_ris_bare_cr_keeps_hidden_tags(shared_dir):
    records = read_file(shared_dir / "fixtures/ris/ASySD__wos_test.ris").records
    assert all("\r" not in v for r in records for vs in r.tags.values() for v in vs)
    assert sum(len(r.tags.get("AD", [])) for r in records) > len(records)


def test_ris_roundtrip_on_every_ris_file(shared_dir):
    """write_ris → read back: every field of every record of every RIS file is unchanged."""
    from screener.records import read_text
    from screener.records.ris import write_ris

    provenance_fields = {"file", "record_number", "line", "raw", "extra"}
    checked = 0
    for path in sorted((shared_dir / "fixtures").glob("*/*")):
        try:
            result = read_file(path)
        except RecordParseError:
            continue
        if result.format != "ris" or path.name == "jabref__RisImporterCorrupted.ris":
            continue   # (that file has no TY: the writer must add one, so reference_type differs)
        back = read_text(write_ris(result.records), "roundtrip.ris").records
        assert len(back) == len(result.records), path.name
        for a, b in zip(result.records, back):
            da, db = a.to_dict(), b.to_dict()
            for key in da.keys() - provenance_fields:
                if key == "tags":
                    skip = {"U1", "PMID"} | ({"DB"} if "DB" not in a.tags else set())
                    assert {k: v for k, v in db[key].items() if k not in skip} == \
                        {k: v for k, v in da[key].items() if k not in skip}, path.name
                else:
                    assert db[key] == da[key], (path.name, a.record_number, key)
            checked += 1
    assert checked == 1340   # records in the 85 RIS files read as RIS


def test_pmid_from_ovid_medline_links_in_zotero_export(shared_dir):
    records = read_file(shared_dir / "fixtures/ris/CiteSource__medline_84.ris").records
    assert records[0].pmid == "39012781"
    assert records[0].database == "MEDLINE"
    assert sum(1 for r in records if r.pmid) == 76


def test_counts_per_format(shared_dir):
    """The README's corpus summary: files and records per format read from ../shared/fixtures (the
    eutils responses and the two justified refusals are the 21 files not read)."""
    from collections import Counter

    files, records = Counter(), Counter()
    for folder, name in _files(shared_dir):
        try:
            result = read_file(shared_dir / "fixtures" / folder / name)
        except RecordParseError:
            continue
        files[result.format] += 1
        records[result.format] += len(result.records)
    assert {k: (files[k], records[k]) for k in files} == {
        "ris": (86, 1341), "medline": (23, 368), "pubmed_xml": (31, 37), "wos": (26, 270), "wos_tab": (2, 100),
        "ovid": (10, 23), "ovid_display": (6, 10), "csv": (8, 65)}
