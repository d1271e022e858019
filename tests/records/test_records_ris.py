"""RIS reader on real vendor exports (including every file that broke rispy) and the RIS writer."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_file, read_text
from screener.records.ris import FIELDS, write_ris

RIS = "records/ris/"


def read(fixtures_dir, name):
    return read_file(fixtures_dir / RIS / name)


# files where rispy 0.10 silently returned the wrong count (../shared/fixtures/REPORT.md §2.1)
RISPY_REGRESSIONS = {
    "asreview___baseline.ris": 100,                          # UTF-8 BOM dropped record 1
    "citation-file-formatting___baseline_scopus.ris": 10,    # BOM
    "citation-file-formatting___baseline_webofscience.ris": 10,  # BOM
    "asreview__embase.ris": 6,                               # BOM
    "rispy__example_bom.ris": 1,                             # BOM
    "rispy__example_utf_chars.ris": 1,                       # BOM
    "asreview__baseline_tag-notes.ris": 12,                  # BOM + CRLF
    "litstudy__example.ris": 25,                             # bare-CR record separators (loads → 1)
    "colrev__ris_data.ris": 2,                               # first record has no ER (rispy → 1)
    "jabref__RisImporterTest1.ris": 11,                      # 11 TY, no ER (rispy → 1)
}


@pytest.mark.parametrize("name", sorted(RISPY_REGRESSIONS))
def test_files_that_broke_rispy(fixtures_dir, name):
    result = read(fixtures_dir, name)
    assert result.format == "ris"
    assert len(result.records) == RISPY_REGRESSIONS[name]


def test_bom_first_record_kept(fixtures_dir):
    first = read(fixtures_dir, "asreview__embase.ris").records[0]
    assert first.record_number == 1 and first.line == 1
    assert first.raw.startswith("TY  - JOUR")
    assert first.database == "Embase"


def test_missing_er_closes_at_next_ty_with_warning(fixtures_dir):
    result = read(fixtures_dir, "colrev__ris_data.ris")
    first, second = result.records
    assert first.title == "Title of a conference paper"
    assert second.title == "Title of a journal paper"
    assert "Title of a journal paper" not in first.raw
    codes = [(w.code, w.line, w.record_number) for w in result.warnings]
    assert ("missing_er", 2, 1) in codes
    # the untagged continuation of a one-space "KW - " line is a further keyword
    assert first.keywords == ["keyword2", "keyword3"]
    assert first.tags["KW"] == ["keyword2", "keyword2", "keyword3"]
    assert first.pmid == "12345678"


def test_bare_cr_separators_ieee(fixtures_dir):
    records = read(fixtures_dir, "litstudy__example.ris").records
    assert len(records) == 25
    # PROVENANCE.md says "a record with 163 authors": 163 is the file's total AU count; the longest has 51
    assert sum(len(r.tags["AU"]) for r in records) == 163
    assert max(len(r.authors) for r in records) == 51
    assert all("\r" not in v for r in records for vs in r.tags.values() for v in vs)


def test_repeated_tags_are_all_kept(fixtures_dir):
    embase = read(fixtures_dir, "citation-file-formatting___baseline_embase.ris").records[0]
    assert embase.tags["DB"] == ["Embase", "Medline"]
    assert len(embase.tags["M1"]) >= 2 or len(embase.tags.get("AD", [])) >= 1
    pmc = read(fixtures_dir, "jabref__RisImporterTest6.ris")
    assert len(pmc.records[0].tags["PY"]) == 3
    assert any(w.code == "repeated_tag" and "PY" in w.message for w in pmc.warnings)


def test_fused_tags_split(fixtures_dir):
    result = read(fixtures_dir, "citation-file-formatting___baseline_rayyan.ris")
    r = result.records[0]
    assert r.tags["U2"] == ["L2029880245"]
    assert r.urls == ["https://www.embase.com/search/results?subaction=viewrecord&id=L2029880245&from=export"]
    assert sum(w.code == "fused_tags" for w in result.warnings) == 20


def test_ovid_record_numbers_and_trailers(fixtures_dir):
    result = read(fixtures_dir, "asreview__ovid_psycinfo.ris")
    assert len(result.records) == 6
    r = result.records[0]
    assert [x.extra["preamble"] for x in result.records] == [[f"{n}."] for n in range(1, 7)]
    assert r.tags["NL"] == ["Clin Psychol Psychother"]
    assert r.extra["trailer"][1].startswith("Link to the Ovid Full Text")
    assert r.database == "PsycINFO"           # from the ovidsp link (D=psyc16)
    assert r.pages == ""                      # "No" / "Specified"
    assert r.doi == "10.1002/cpp.2398"
    assert r.tags["PB"] == ["John Wiley & Sons", "US"]


def test_cochrane_double_space_and_header(fixtures_dir):
    r = read(fixtures_dir, "citation-file-formatting___baseline_cochrane_endnote.ris").records[0]
    assert r.reference_type == "JOUR"
    assert r.record_id == "CN-00778158"
    assert r.database == "Cochrane CENTRAL"
    assert r.extra["preamble"][0] == "Record #3 of 18"


def test_apa_psycnet_pmid_and_database_header(fixtures_dir):
    r = read(fixtures_dir, "colrev__psycinfo_ris.ris").records[0]
    assert (r.pmid, r.record_id, r.database) == ("33355555", "2020-55555-005", "PsycINFO")
    assert r.issn == ["1999-7777", "0222-6666"]


def test_multiline_er_inside_value_does_not_end_record(fixtures_dir):
    records = read(fixtures_dir, "rispy__example_multiline.ris").records
    assert len(records) == 3
    assert records[2].tags["N2"] == ["first line,\nER then second line and at the end\nthe last line"]


def test_missing_ty_is_read_with_warning(fixtures_dir):
    result = read(fixtures_dir, "jabref__RisImporterCorrupted.ris")
    assert len(result.records) == 1
    assert result.records[0].title == "Editorial: Open Source and Empirical Software Engineering"
    assert [w.code for w in result.warnings] == ["missing_ty"]


def test_no_title_warning(fixtures_dir):
    result = read(fixtures_dir, "asreview__baseline_empty_values.ris")
    assert len(result.records) == 4
    assert sum(w.code == "no_title" for w in result.warnings) == 2


def test_unknown_tags_kept_and_reported_once(fixtures_dir):
    result = read(fixtures_dir, "rispy__example_multi_unknown_tags.ris")
    unknown = [w for w in result.warnings if w.code == "unknown_tag"]
    assert len(unknown) == 2
    for w in unknown:
        tag = w.message.split()[2]
        assert tag in result.records[0].tags


def test_not_ris_is_fatal():
    with pytest.raises(RecordParseError) as err:
        read_text("hello\nthis is a letter\n", "letter.txt")
    assert "letter.txt:1" in str(err.value) and "not a known export format" in str(err.value)


def test_tags_without_ty_or_er_is_fatal():
    with pytest.raises(RecordParseError) as err:
        read_text("\nTI  - a\nAU  - b\nPY  - 2000\n", "x.ris")
    assert err.value.line == 2


def test_writer_uses_the_shared_table():
    assert {f.write for f in FIELDS} >= {"TY", "TI", "AU", "PY", "T2", "VL", "IS", "SP", "DO", "AB"}


PROVENANCE = {"file", "record_number", "line", "raw", "extra"}


def _roundtrip(result):
    text = write_ris(result.records)
    back = read_text(text, "roundtrip.ris")
    assert back.format == "ris"
    assert len(back.records) == len(result.records)
    return back.records


@pytest.mark.parametrize("folder,name", [
    ("ris", "asreview__ovid_psycinfo.ris"), ("ris", "citation-file-formatting___baseline_rayyan.ris"),
    ("ris", "litstudy__example.ris"), ("ris", "asreview__pubmed_endnote.txt"),
    ("ris", "asreview__ris_issue_1099.txt"), ("ris", "colrev__ris_data.ris"),
    ("ris", "citation-file-formatting___baseline_embase.ris"), ("ris", "asreview___baseline.ris"),
    ("ris", "rispy__example_extraneous_data.ris"), ("ris", "colrev__jstor_ris.ris"),
])
def test_ris_roundtrip_every_field(fixtures_dir, folder, name):
    result = read_file(fixtures_dir / "records" / folder / name)
    for a, b in zip(result.records, _roundtrip(result)):
        da, db = a.to_dict(), b.to_dict()
        for key in da:
            if key in PROVENANCE:
                continue
            if key == "tags":
                # a database known only from a preamble is written as a DB tag; PsycNET's 4-letter
                # PMID tag is written as "U1  - <pmid>[pmid]" (other programs read only 2-letter tags)
                skip = {"U1", "PMID"} | ({"DB"} if "DB" not in a.tags else set())
                assert {k: v for k, v in db[key].items() if k not in skip} == \
                    {k: v for k, v in da[key].items() if k not in skip}
                continue
            assert db[key] == da[key], (name, a.record_number, key)


@pytest.mark.parametrize("folder,name", [
    ("csv", "citation-file-formatting___baseline_scopus.csv"),
    ("csv", "citation-file-formatting___baseline_pubmed.csv"),
    ("nbib", "citation-file-formatting___baseline_pubmed.ris"),
    ("wos", "jabref__IsiImporterTestWOS.isi"),
])
def test_other_formats_roundtrip_bibliographic_fields(fixtures_dir, folder, name):
    result = read_file(fixtures_dir / "records" / folder / name)
    kept = ("title", "abstract", "authors", "year", "journal", "journal_abbrev", "volume", "issue",
            "pages", "doi", "pmid", "issn", "language", "publication_types", "urls", "record_id",
            "database")
    for a, b in zip(result.records, _roundtrip(result)):
        for key in kept:
            assert getattr(b, key) == getattr(a, key), (name, a.record_number, key)


def test_writer_output_shape():
    from screener.records.model import Record
    text = write_ris([Record(title="T", authors=["A, B"], year=2001, pages="558-69", doi="10.1000/x",
                             reference_type="article", pmid="123", database="PubMed")])
    assert text.splitlines() == ["TY  - JOUR", "TI  - T", "AU  - A, B", "PY  - 2001", "SP  - 558",
                                 "EP  - 69", "DO  - 10.1000/x", "AN  - 123", "DB  - PubMed", "ER  - ", ""][:-1]


def test_text_before_first_record_is_kept_with_a_warning():
    result = read_text("Exported from MyLibrary\n\nTY  - JOUR\nTI  - x\nER  - \n", "x.ris")
    assert result.records[0].extra["preamble"] == ["Exported from MyLibrary"]
    assert [(w.code, w.line) for w in result.warnings] == [("stray_text", 1)]
    assert result.records[0].line == 3


def test_single_space_separator_and_eof_without_er():
    result = read_text("TY - JOUR\nTI - One space\nAU - Doe, J\n", "x.ris")
    r = result.records[0]
    assert (r.reference_type, r.title, r.authors) == ("JOUR", "One space", ["Doe, J"])
    assert [(w.code, w.line, w.record_number) for w in result.warnings] == [("missing_er", 1, 1)]


def test_blank_line_inside_value_is_a_paragraph_break():
    text = "TY  - JOUR\nAB  - First paragraph.\n\nSecond paragraph.\nER  - \n"
    r = read_text(text, "x.ris").records[0]
    assert r.abstract == "First paragraph.\n\nSecond paragraph."
    assert read_text(write_ris([r]), "y.ris").records[0].abstract == r.abstract


def test_bare_er_ends_the_record():
    result = read_text("TY  - JOUR\nTI  - a\nER\n\nTY  - JOUR\nTI  - b\nER\n", "x.ris")
    assert [r.title for r in result.records] == ["a", "b"]
    assert result.warnings == []


@pytest.mark.parametrize("folder,name", [
    ("ris", "asreview___baseline.ris"), ("ris", "asreview__ovid_psycinfo.ris"),
    ("ris", "litstudy__example.ris"), ("nbib", "citation-file-formatting___baseline_pubmed.ris"),
    ("csv", "citation-file-formatting___baseline_scopus.csv"), ("wos", "jabref__IsiImporterTestWOS.isi"),
])
def test_written_ris_is_read_by_another_parser(fixtures_dir, folder, name):
    """Interoperability proxy (EndNote and Zotero cannot run here): rispy reads our output record
    for record, with the same titles and DOIs."""
    import rispy

    records = read_file(fixtures_dir / "records" / folder / name).records
    entries = rispy.loads(write_ris(records))
    assert len(entries) == len(records)
    for record, entry in zip(records, entries):
        title = entry.get("title") or entry.get("primary_title") or ""
        assert " ".join(title.split()) == record.title
        if record.doi and "doi" in entry:
            assert record.doi in entry["doi"].lower()


def test_writer_emits_only_two_character_tags(fixtures_dir):
    records = read(fixtures_dir, "colrev__psycinfo_ris.ris").records
    text = write_ris(records)
    import re
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in text.splitlines() if "  - " in line[:6])
    assert "U1  - 33355555[pmid]" in text and "PMID" not in text
    assert read_text(text, "x.ris").records[0].pmid == "33355555"


def test_decomposed_accents_are_composed_in_fields_not_in_raw():
    text = "TY  - JOUR\nTI  - Caf\u0065\u0301 study\nAU  - Mu\u0308ller, A\nER  - \n"
    r = read_text(text, "x.ris").records[0]
    assert r.title == "Caf\u00e9 study" and r.authors == ["M\u00fcller, A"]
    assert "\u0301" in r.raw and r.tags["TI"] == ["Caf\u0065\u0301 study"]


def test_links_listed_on_one_line_with_semicolons_are_each_a_link():
    # EBSCOhost (ERIC in sysrev's import test files, record 4) lists two links on one UR line,
    # '; ' between them: the first kept its ';' as part of the address
    text = ("TY  - JOUR\nTI  - A title\nUR  - http://search.ebscohost.com/login.aspx?an=EJ1; "
            "https://doi.org/10.1000/xyz,\nER  - \n")
    [record] = read_text(text, "eric.ris").records
    assert record.urls == ["http://search.ebscohost.com/login.aspx?an=EJ1", "https://doi.org/10.1000/xyz"]
