"""BibTeX, EndNote tagged (.enw), RefWorks tagged, EndNote online XML, Cochrane plain text, and the CSV
layouts read by header signature (OpenAlex, PubMed's pre-2020 CSV, Ovid, RefWorks tab-delimited,
Embase.com fields by row).

Real files (fixtures/records, see PROVENANCE.md) are asserted with exact counts and two hand-read
records each: title, first author's family name, year, DOI. Where no public file with a licence that
allows copying was found, the test text is written here in the vendor's layout (marked synthetic)."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_file, read_text

F = "records"


def _needs_bibtexparser():
    # a declared dependency (pyproject.toml); a venv made before it was added skips, saying what to run
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")


def _family(name: str) -> str:
    if "," in name:
        return name.split(",")[0].strip()
    return name if name[:1].islower() else name.split()[-1]     # 'van den Hoven' (RefWorks, no given name)


@pytest.mark.parametrize("path,fmt,count,checks", [
    ("bibtex/colrev__scopus_bib.bib", "bibtex", 11, [
        (1, "Article classified as document_type Article, NO Volume, NO Number, NO art_number", "Firstwriter",
         2022, "10.1111/88888888.2022.7777777"),
        (11, "Conference classified as document_type Conference Review", "", 2013, "")]),
    ("bibtex/colrev__web_of_science_bib.bib", "bibtex", 2, [
        (1, "Inproceedings Title", "Writerone", 2017, "10.1007/999-9-999-99999-9_3"),
        (2, "A dummy title's", "Articlewriter", 2022, "10.1111/artjul.2021.0011")]),
    ("bibtex/colrev__europe_pmc_bib.bib", "bibtex", 2, [
        (1, "When there is a PERCENTAGE symbol anywhere, then the code highlighting will fail. Mostly in "
            "abstracts", "Articlewriter", 2023, "10.1111/s5555-333-55555-1"),
        (2, "This title is a misc", "Miscwriter", 2022, "10.55555/rs.1.rs-1777777/v99")]),
    ("bibtex/colrev__bib_data.bib", "bibtex", 6, [
        (1, "This is a dummy title", "Articlewriter", 2020, "10.3333/xyz.v4444.04"),
        (6, "Magnetic properties and phase transitions of iron boracites, Fe3B7O13X (X = Cl, Br OR I)",
         "Andreica", 1997, "")]),
    ("enw/colrev__ais_enl.txt", "enw", 6, [
        (1, "How Trust Leads to Commitment on Microsourcing Platforms: Unraveling the Effects of Governance "
            "and Third-Party Mechanisms on Triadic Microsourcing Relationships", "Guo", 2021, ""),
        (6, "IT INNOVATIONS AND ENTREPRENEURSHIP IN EMERGING ECONOMIES - IS CLOUD COMPUTING A MAGIC INGREDIENT FOR "
         "EGYPTIAN ENTREPRENEURS?",
         "El-Gazzar", 2017, "")]),
    ("enw/colrev__enl_data.enl", "enw", 3, [
        (2, "Microsourcing - Using Information Technology to Create Unexpected Work Relationships and "
            "Entrepreneurial Opportunities", "Obal", 2009, ""),
        (3, "MISQ Volume 45, Issue 3 Table of Contents", "", 2021, "")]),
    ("enw/jabref__Endnote.book.example.enw", "enw", 1, [
        (1, "Git : dezentrale Versionsverwaltung im Team : Grundlagen und Workflows", "Preißel", 2016, "")]),
    ("csv/citation-file-formatting___baseline_openalex.csv", "csv", 9, [
        (1, "A bioprovince for the Barremian–Aptian charophytes of the Central Tethyan Archipelago", "Vicente",
         2024, "10.1016/j.cretres.2023.105752"),
        (9, "Stratigraphy and depositional history of the Aguja Formation (Upper Cretaceous, Campanian) of "
            "West Texas, southwestern USA", "Lehman", 2024, "10.1130/ges02662.1")]),
    ("csv/citation-file-formatting___baseline_refworks.tsv", "tsv", 100, [
        (1, "The effect of intra-arterial angiotensin II on the hepatic tumor to non-tumor blood flow ratio "
            "for radioembolization: a systematic review", "van den Hoven", 2014, "10.1016/j.jvir.2013.12.293"),
        (100, "The Value of Radiologic Interventions and 18 F-DOPA PET in Diagnosing and Localizing Focal "
              "Congenital Hyperinsulinism: Systematic Review and Meta-Analysis", "Blomberg", 2012,
         "10.1007/s11307-012-0572-0")]),
])
def test_real_files(fixtures_dir, path, fmt, count, checks):
    if fmt == "bibtex":
        _needs_bibtexparser()
    result = read_file(fixtures_dir / F / path)
    assert (result.format, len(result.records)) == (fmt, count)
    for number, title, family, year, doi in checks:
        record = result.records[number - 1]
        assert record.record_number == number
        assert (record.title, _family(record.first_author) if record.authors else "", record.year,
                record.doi) == (title, family, year, doi)


def test_bibtex_keeps_every_field_verbatim(fixtures_dir):
    _needs_bibtexparser()
    scopus = read_file(fixtures_dir / F / "bibtex/colrev__scopus_bib.bib").records
    assert scopus[0].database == "Scopus" and scopus[0].tags["note"] == ["cited By 0"]
    assert scopus[0].authors == ["Firstwriter, Z.", "Secondwriter, T.", "Thirdwriter, L."]
    wos = read_file(fixtures_dir / F / "bibtex/colrev__web_of_science_bib.bib").records
    assert wos[1].tags["Unique-ID"] == ["WOS:000444488888888"] and wos[1].tags["Month"] == ["MAR 1"]
    assert wos[1].tags["Title"] == ["A dummy title&apos;s"]          # verbatim; decoded in the title
    assert wos[0].issn == ["0111-9119", "1111-3333"] and wos[0].pages == "48-98"
    assert wos[0].line == 3 and wos[0].raw.startswith("@inproceedings{ WOS:000223334444221,")
    pmc = read_file(fixtures_dir / F / "bibtex/colrev__europe_pmc_bib.bib").records
    assert pmc[0].pmid == "18888888"


def test_bibtex_duplicate_keys_are_two_records(fixtures_dir):
    _needs_bibtexparser()
    result = read_file(fixtures_dir / F / "bibtex/colrev__bib_data.bib")
    assert [r.record_id for r in result.records[:2]] == ["articlewriter_firstrandomword_2020"] * 2
    assert any("used again" in w.message for w in result.warnings)
    assert result.records[1].volume == "99" and result.records[1].pages == "99-123"   # {{99}} braces


def test_bibtex_broken_entry_is_refused_or_skipped(fixtures_dir):
    _needs_bibtexparser()
    path = fixtures_dir / F / "bibtex/colrev__ebsco_bib.bib"
    with pytest.raises(RecordParseError, match=r"colrev__ebsco_bib\.bib:15: cannot read this BibTeX entry"):
        read_file(path)
    result = read_file(path, skip_bad=True)
    assert [r.title for r in result.records] == ["Paper title."] and len(result.rejected) == 1


def test_bibtex_scopus_header_strings_accents_months():
    _needs_bibtexparser()
    # synthetic, in the layout Scopus writes (header lines, upper-case entry types, month macros)
    text = ('Scopus\nEXPORT DATE: 10 July 2024\n\n@string{jnl = "J. {\\"U}ber Stud."}\n'
            '@ARTICLE{M2020,\nauthor = {M{\\"u}ller, J{\\"o}rg and {World Health Organization} and Smith, J., Jr.},\n'
            'title = {{A} study of {\\"u}ber things},\njournal = jnl,\nyear = {2020},\nmonth = jan,\n'
            'pages = {1--10},\ndoi = {10.1000/abc},\nnote = {cited By 3}\n}\n')
    result = read_text(text, "scopus.bib")
    record = result.records[0]
    assert result.format == "bibtex" and record.database == "Scopus"
    assert record.authors == ["Müller, Jörg", "World Health Organization", "Smith, J., Jr."]
    assert (record.title, record.journal, record.pages, record.extra["month"]) == (
        "A study of über things", "J. Über Stud.", "1-10", 1)
    assert record.extra["preamble"] == ["Scopus", "EXPORT DATE: 10 July 2024"]
    assert record.line == 5


def test_enw_record_starting_with_title_and_keywords(fixtures_dir):
    record = read_file(fixtures_dir / F / "enw/colrev__ais_enl.txt").records[0]
    assert record.reference_type == "Journal Article" and record.tags["T"][0].startswith("How Trust")
    assert record.journal == "Management Information Systems Quarterly"
    assert (record.volume, record.issue, record.pages) == ("45", "3", "1309-1348")
    assert record.urls == ["https://aisel.aisnet.org/misq/vol45/iss3/13"]


def test_refworks_tagged_with_legend():
    # synthetic, in RefWorks' tagged layout (legend block, then records)
    text = ("RT Reference Type\nA1 Authors, Primary\nT1 Title Primary\n\n"
            "RT Journal Article\nSR Electronic(1)\nID 206\nA1 Stansfeld,Stephen\nA1 Fuhrer,Rebecca\n"
            "T1 Depression and coronary heart disease\nJF Int J Epidemiol\nYR 2002\nVO 1\nIS 3\nSP 101\n"
            "OP 123\nDO 10.1000/xyz\nK1 Etiology\nK1 Major Depression\nZZ kept\n\n"
            "RT Book, Section\nA1 Doe,Jane\nT1 Second\nYR 2001\n")
    result = read_text(text, "refworks.txt")
    assert result.format == "refworks" and len(result.records) == 2
    first = result.records[0]
    assert (first.title, first.authors[0], first.year, first.doi, first.pages) == (
        "Depression and coronary heart disease", "Stansfeld,Stephen", 2002, "10.1000/xyz", "101-123")
    assert first.keywords == ["Etiology", "Major Depression"] and first.tags["ZZ"] == ["kept"]
    assert first.extra["preamble"][0] == "RT Reference Type"


def test_endnote_online_upper_case_xml():
    # synthetic, in EndNote online's upper-case layout
    text = ('<?xml version="1.0" encoding="UTF-8"?><XML><RECORDS><RECORD><REFERENCE_TYPE>0</REFERENCE_TYPE>'
            '<REFNUM>7</REFNUM><AUTHORS><AUTHOR>Ross, S.</AUTHOR><AUTHOR>Bossis, A.</AUTHOR></AUTHORS>'
            '<YEAR>2016</YEAR><TITLE>Rapid and sustained symptom reduction</TITLE>'
            '<SECONDARY_TITLE>J Psychopharmacol</SECONDARY_TITLE><VOLUME>30</VOLUME><NUMBER>12</NUMBER>'
            '<PAGES>1165-1180</PAGES><ELECTRONIC_RESOURCE_NUMBER>10.1177/0269881116675512'
            '</ELECTRONIC_RESOURCE_NUMBER><CUSTOM9>kept</CUSTOM9></RECORD></RECORDS></XML>')
    result = read_text(text, "endnote-online.xml")
    record = result.records[0]
    assert result.format == "endnote_xml"
    assert (record.title, record.authors, record.year, record.journal, record.doi) == (
        "Rapid and sustained symptom reduction", ["Ross, S.", "Bossis, A."], 2016, "J Psychopharmacol",
        "10.1177/0269881116675512")
    assert record.reference_type == "Journal Article" and record.tags["CUSTOM9"] == ["kept"]


def test_cochrane_plain_text_bare_cr_and_bom_mid_file(tmp_path):
    # synthetic, in the Cochrane Library's plain-text layout; bare CR line ends, a BOM before record 2
    lines = ["Cochrane Library", "Trials: 2 of 2", "", "Record #1 of 2", "ID: CN-00780017", "AU: Bywater T",
             "AU: Hutchings J", "TI: The Incredible Years Therapeutic Dinosaur Programme", "SO: Trials",
             "YR: 2011", "VL: 12", "NO: 1", "PG: 39", "XR: PUBMED 21314913", "PT: Journal article",
             "KY: child behaviour; parenting", "DOI: 10.1186/1745-6215-12-39", "AB: An abstract",
             "US: https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00780017/full", "",
             "\ufeffRecord #2 of 2", "ID: CN-01000001", "AU: Smith J", "TI: Second trial", "SO: Lancet",
             "YR: 2015", ""]
    path = tmp_path / "cochrane.txt"
    path.write_bytes("\r".join(lines).encode("utf-8"))
    result = read_file(path)
    assert result.format == "cochrane_text" and len(result.records) == 2
    first, second = result.records
    assert (first.title, first.authors, first.year, first.doi, first.pmid, first.database) == (
        "The Incredible Years Therapeutic Dinosaur Programme", ["Bywater T", "Hutchings J"], 2011,
        "10.1186/1745-6215-12-39", "21314913", "Cochrane CENTRAL")
    assert first.keywords == ["child behaviour", "parenting"] and first.line == 4
    assert (second.title, second.first_author, second.year, second.line) == ("Second trial", "Smith J", 2015, 21)


def test_pubmed_legacy_csv():
    # synthetic rows in PubMed's pre-2020 CSV layout (bibliographic data of two PubMed records)
    text = ('Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,Properties\n'
            '"Author Response: Coronavirus Disease 2019 (COVID-19), Infectivity, and the Incubation Period.",'
            '/pubmed/32268459,Bae JM.,J Prev Med Public Health. 2020 Mar;53(2):71. doi: 10.3961/jpmph.20.066. '
            'Epub 2020 Mar 31.,J Prev Med Public Health.  2020,PubMed,citation,PMID:32268459,pubmed,32268459,'
            'create date:2020/04/09 | first author:Bae JM\n'
            '[Recommendations for general surgery clinical practice].,/pubmed/32187920,"Tao KX, Zhang BX; General '
            'Surgery Branch of Hubei Medical Association, General Surgery Branch of Wuhan Medical Association..",'
            'Zhonghua Wai Ke Za Zhi. 2020 Mar 1;58(3):170-177. doi: 10.3760/cma.j.issn.0529-5815.2020.03.003. '
            'Chinese. ,Zhonghua Wai Ke Za Zhi.  2020,PubMed,citation,PMID:32187920,pubmed,32187920,x\n')
    result = read_text(text, "pubmed_result.csv")
    first, second = result.records
    assert (first.authors, first.journal, first.year, first.volume, first.issue, first.pages, first.doi,
            first.pmid, first.database) == (["Bae JM"], "J Prev Med Public Health", 2020, "53", "2", "71",
                                             "10.3961/jpmph.20.066", "32268459", "PubMed")
    assert second.authors == ["Tao KX", "Zhang BX", "General Surgery Branch of Hubei Medical Association, "
                              "General Surgery Branch of Wuhan Medical Association."]


def test_ovid_csv_year_and_author_cells():
    # synthetic, in Ovid's CSV layout (field codes as column names, one author per line)
    text = ('"DB","AN","AU","TI","SO","YR","DO"\n'
            '"Embase","612345678","Ross, Stephen\n\nBossis, Anthony\n\nGuss, Jeffrey","Rapid and sustained",'
            '"Journal of Psychopharmacology. 30 (12) (pp 1165-1180), 2016.","2016","10.1177/0269881116675512"\n'
            '"Embase","612345679","Smith, J. Doe, A.","Second","J. 2019.","2019",""\n')
    result = read_text(text, "ovid.csv")
    first, second = result.records
    assert (first.authors, first.year, first.database, first.doi) == (
        ["Ross, Stephen", "Bossis, Anthony", "Guss, Jeffrey"], 2016, "Embase", "10.1177/0269881116675512")
    assert (second.authors, second.year) == (["Smith, J.", "Doe, A."], 2019)


def test_embase_fields_by_row_csv():
    # synthetic, in Embase.com's "fields by row" CSV layout
    text = ('"SEARCH QUERY","psilocybin AND cancer"\n\n'
            '"TITLE","Rapid and sustained symptom reduction following psilocybin treatment"\n'
            '"AUTHOR NAMES","Ross S., Bossis A., Guss J."\n"SOURCE","Journal of Psychopharmacology (2016) 30:12 '
            '(1165-1180)"\n"PUBLICATION YEAR","2016"\n"DOI","10.1177/0269881116675512"\n"EMBASE ACCESSION NUMBER",'
            '"613442016"\n\n"TITLE","Second record"\n"AUTHOR NAMES","Smith J."\n"PUBLICATION YEAR","2019"\n')
    result = read_text(text, "embase.csv")
    assert result.format == "csv_rows" and len(result.records) == 2 and result.search_query == "psilocybin AND cancer"
    first = result.records[0]
    assert (first.title, first.authors, first.year, first.journal, first.volume, first.pages, first.doi,
            first.database) == ("Rapid and sustained symptom reduction following psilocybin treatment",
                                ["Ross S.", "Bossis A.", "Guss J."], 2016, "Journal of Psychopharmacology", "30",
                                "1165-1180", "10.1177/0269881116675512", "Embase")
    assert first.tags["EMBASE ACCESSION NUMBER"] == ["613442016"] and first.line == 3


def test_embase_fields_by_row_one_author_per_cell_and_no_blank_lines():
    # synthetic, in the other layout Embase writes: one cell per author, records not blank-separated
    text = ('"TITLE","First record"\n"AUTHOR NAMES","Ross S.","Bossis A.","Guss J."\n"PUBLICATION YEAR","2016"\n'
            '"MEDLINE PMID","27909164"\n"TITLE","Second record"\n"AUTHOR NAMES","World Health Organization"\n'
            '"PUBLICATION YEAR","2019"\n')
    result = read_text(text, "embase.csv")
    first, second = result.records
    assert (first.authors, first.pmid, first.tags["AUTHOR NAMES"]) == (
        ["Ross S.", "Bossis A.", "Guss J."], "27909164", ["Ross S.", "Bossis A.", "Guss J."])
    assert (second.title, second.authors, second.year, second.line) == (
        "Second record", ["World Health Organization"], 2019, 5)


def test_ris_with_a_line_starting_rt_is_still_ris():
    text = ("TY  - JOUR\nT1  - A title\nA1  - Smith, J\nAB  - We used\nRT PCR to measure it\nER  - \n\n"
            "TY  - JOUR\nT1  - Second\nER  - \n")
    result = read_text(text, "x.ris")
    assert result.format == "ris" and len(result.records) == 2
