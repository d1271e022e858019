"""CSV reader on real vendor exports and on the dedupe benchmark's generic CSVs."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_file, read_text

CSV_COUNTS = {
    "asreview__embase.csv": (6, "Embase"),
    "citation-file-formatting___baseline_cinahl.csv": (10, "EBSCOhost"),
    "citation-file-formatting___baseline_cochrane.csv": (3, "Cochrane CENTRAL"),
    "citation-file-formatting___baseline_embase.csv": (10, "Embase"),
    "citation-file-formatting___baseline_pubmed.csv": (10, "PubMed"),
    "citation-file-formatting___baseline_scopus.csv": (10, "Scopus"),
}


@pytest.mark.parametrize("name", sorted(CSV_COUNTS))
def test_vendor_csv_counts(fixtures_dir, name):
    result = read_file(fixtures_dir / "records" / "csv" / name)
    count, database = CSV_COUNTS[name]
    assert result.format == "csv"
    assert len(result.records) == count
    assert {r.database for r in result.records} == {database}
    assert [r.record_number for r in result.records] == list(range(1, count + 1))


def test_scopus_csv_fields(fixtures_dir):
    r = read_file(fixtures_dir / "records/csv/citation-file-formatting___baseline_scopus.csv").records[0]
    assert r.title == "Global latitudinal gradients and the evolution of body size in dinosaurs and mammals"
    assert r.authors[:2] == ["Wilson L.N.", "Gardner J.D."]
    assert (r.year, r.volume, r.issue) == (2024, "15", "1")
    assert r.doi == "10.1038/s41467-024-46843-2"
    assert r.pmid == "38580657"
    assert r.record_id == "2-s2.0-85189760133"
    assert r.line == 2 and r.raw.startswith('"Wilson L.N.;')


def test_embase_csv_preamble_and_source(fixtures_dir):
    result = read_file(fixtures_dir / "records/csv/citation-file-formatting___baseline_embase.csv")
    assert [w.code for w in result.warnings].count("preamble") == 1
    embase = read_file(fixtures_dir / "records/csv/asreview__embase.csv").records[0]
    assert (embase.journal, embase.year, embase.volume, embase.issue, embase.pages) == (
        "Endoscopic Ultrasound", 2014, "3", "3", "152-160")


def test_embase_csv_doi_from_its_open_url_link(fixtures_dir):
    # Embase.com's CSV has no DOI column unless the searcher picks it; its 'Open URL Link' carries the DOI
    # as id=doi:… (asreview/asreview tests/demo_data/embase.csv, Apache-2.0; hand-read: records 1 and 6)
    records = read_file(fixtures_dir / "records/csv/asreview__embase.csv").records
    assert (records[0].doi, records[5].doi) == ("10.4103/2303-9027.138783", "10.1089/cren.2017.0016")
    text = ('Title,Author Names,Source,DOI,Open URL Link\n'
            'A,Smith J.,Lancet (2019) 1:1 (1-2),10.1016/s0140-6736(19)00001-1,http://sfx.example/x?sid=EMBASE&id=doi:10.2%2Fother\n'
            'B,Smith J.,Lancet (2019) 1:1 (1-2),,http://sfx.example/x?sid=EMBASE&id=pmid:123\n')
    kept, none = read_text(text, "embase.csv").records
    assert (kept.doi, none.doi) == ("10.1016/s0140-6736(19)00001-1", "")


def test_ebsco_excel_escaped_cells(fixtures_dir):
    r = read_file(fixtures_dir / "records/csv/citation-file-formatting___baseline_cinahl.csv").records[0]
    assert r.issn == ["1932-6203"]
    assert r.tags["ISSN"] == ["19326203"]


def test_generic_csv_bibtex_authors_and_id():
    text = 'ID,title,year,author,pages,volume,number,ENTRYTYPE,journal\n' \
           '"id_1","A title",2011,"Zuber, J and Le Quintrec, M","23-35",7,1,"article","Nat Rev Nephrol"\n'
    r = read_text(text, "x.csv").records[0]
    assert r.record_id == "id_1"
    assert r.authors == ["Zuber, J", "Le Quintrec, M"]
    assert (r.year, r.pages, r.volume, r.issue, r.journal, r.reference_type) == (
        2011, "23-35", "7", "1", "Nat Rev Nephrol", "article")


def test_generic_csv_column_synonyms_case_insensitive():
    text = 'Record_ID;TI;AU;PUBLICATION_YEAR;Source title;Volume;Issue;Pages;DOI;AB;pubmedID\n' \
           '7;T;Smith A and Jones B;2001;J;1;2;3-4;https://doi.org/10.1000/X;abs;123\n'
    r = read_text(text, "x.csv").records[0]
    assert (r.record_id, r.title, r.year, r.journal, r.doi, r.abstract, r.pmid) == (
        "7", "T", 2001, "J", "10.1000/x", "abs", "123")


def test_unclosed_quote_is_fatal_with_line():
    text = 'id,title,author\n1,"ok",A\n2,"broken,B\n'
    with pytest.raises(RecordParseError) as err:
        read_text(text, "bad.csv")
    assert err.value.line == 3 and "bad.csv:3" in str(err.value)


BENCH = {"cytology_screening": 1856, "digital_work": 7159, "haematology": 1415, "respiratory": 1988,
         "stroke": 1292, "special_cases": 12}


@pytest.mark.parametrize("name", sorted(BENCH))
def test_dedupe_benchmark_csv(shared_dir, name):
    path = shared_dir / "benchmarks/dedup/bib-dedupe" / name / "records_pre_merged.csv"
    records = read_file(path).records
    assert len(records) == BENCH[name]
    assert len({r.record_id for r in records}) == BENCH[name]
    assert all(r.record_id.startswith("id_") for r in records)


def test_zotero_csv_columns():
    text = ('"Key","Item Type","Publication Year","Author","Title","Publication Title","ISSN","DOI",'
            '"Abstract Note","Pages","Issue","Volume","Manual Tags"\n'
            '"ABCD1234","journalArticle","2019","Trindade, Ines A; Irons, Chris","Self-criticism",'
            '"Clinical Psychology & Psychotherapy","1063-3995","10.1002/cpp.2398","An abstract.",'
            '"1-10","3","26","depression; IBD"\n')
    r = read_text(text, "zotero.csv").records[0]
    assert (r.record_id, r.reference_type, r.year, r.journal, r.abstract, r.pages) == (
        "ABCD1234", "journalArticle", 2019, "Clinical Psychology & Psychotherapy", "An abstract.", "1-10")
    assert r.authors == ["Trindade, Ines A", "Irons, Chris"]
    assert r.keywords == ["depression", "IBD"]


def test_huge_cell_is_read():
    text = "id,title,abstract\n1,T," + "x" * 200_000 + "\n"
    assert len(read_text(text, "big.csv").records[0].abstract) == 200_000
