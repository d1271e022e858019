"""Misreads found by the hold-out's round 17 (benchmarks/records_gathered: files by reference in sources.tsv).

The files that showed them may not be copied (no licence, or GPL): each test's text is written in the layout
of the file it stands for, cut down to what shows the quirk, with invented records."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_text
from screener.records.bibtex import write_bibtex
from screener.records.model import Record


def test_acm_bibtex_latex_escaped_html_entities():
    # lhsantos/sysreview-elderly acm.bib (no licence): the ACM Digital Library's BibTeX of the 2010s writes
    # an HTML character reference with LaTeX's escapes, '\&\#38;' for '&' and '\&\#x2019;' for '’'; the
    # title kept '&#38;' (9 of its 731 titles). Invented entries in that layout:
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")
    text = ("@inproceedings{Doe:2012:NMS:1.2,\n author = {Doe, Ann and Roe, Bo},\n"
            " title = {Needs \\&\\#38; Motivations of Older Travellers},\n year = {2012},\n}\n\n"
            "@article{Roe:2004:LB:3.4,\n author = {Roe, Bo},\n"
            " title = {Could Wearables Reduce Older People\\&\\#x2019;s Fear of Crime?},\n year = {2004},\n}\n\n"
            "@article{Poe:2020:X:5.6,\n author = {Poe, Cy},\n title = {Tea \\& Biscuits: a plain \\& stays},\n"
            " year = {2020},\n}\n")
    titles = [r.title for r in read_text(text, "acm.bib").records]
    assert titles == ["Needs & Motivations of Older Travellers",
                      "Could Wearables Reduce Older People’s Fear of Crime?",
                      "Tea & Biscuits: a plain & stays"]


IEEE_HEADER = ('"Document Title",Authors,"Author Affiliations","Publication Title",Date Added To Xplore,'
               '"Publication Year","Volume","Issue","Start Page","End Page","Abstract","ISSN",ISBNs,"DOI"\n')


def test_ieee_csv_with_quotes_inside_a_quoted_cell():
    # NLeSC/litstudy notebooks/data/ieee_1.csv (Apache-2.0; by reference): IEEE Xplore writes a conference
    # name's own quotes unescaped inside the quoted cell ('"… on "Computer as a Tool""'), and the whole file
    # of 100 records was refused. Such a record is read as the csv module reads it when not strict, kept
    # only when it has the header's number of cells, with a warning; the records after it are read as before.
    # Invented records in that layout:
    text = (IEEE_HEADER
            + '"GPU Solvers for Time-Domain Fields","A. Roe; B. Doe","Univ","Conference on "Computers as Tools"",'
              '"26 Dec 2007","2007","","","1","4","An abstract.","","978-1","10.1109/X.2007.1"\n'
            + '"Stream Computing","C. Poe","Univ","IEEE Micro","1 Jan 2010","2010","30","1","5","9","More.",'
              '"0272-1732","","10.1109/MM.2010.2"\n')
    result = read_text(text, "ieee.csv")
    assert [(r.title, r.authors, r.year, r.doi) for r in result.records] == [
        ("GPU Solvers for Time-Domain Fields", ["A. Roe", "B. Doe"], 2007, "10.1109/x.2007.1"),
        ("Stream Computing", ["C. Poe"], 2010, "10.1109/mm.2010.2")]
    assert [(w.code, w.line, w.record_number) for w in result.warnings] == [("stray_quote", 2, 1)]


def test_csv_unclosed_quote_is_still_refused():
    text = IEEE_HEADER + '"A title,"A. Roe","Univ","Journal","1 Jan 2010","2010","1","1","1","2","Ab.","","","10.1/x"\n'
    with pytest.raises(RecordParseError, match=r"ieee.csv:2 \(record 1\): cannot delimit the record"):
        read_text(text, "ieee.csv")


def test_scopus_csv_anon_placeholder_is_no_author():
    # UWNETLAB/metaknowledge scopus_testing.csv.scopus (GPL-2.0; by reference): Scopus gives the older records
    # it has no author for 'Anon' in Authors and in 'Authors with affiliations' (as it now gives
    # '[No author name available]'); 'Anon' was kept as the first author. Invented rows in that layout:
    text = ("Authors,Title,Year,Source title,DOI,Authors with affiliations,EID\n"
            '"Anon","COMPUTER SYSTEM FOR A WATERWORKS.",1987,"Water Services",,"Anon",2-s2.0-1\n'
            '"Anon K., Smith J.","A paper by a Dr Anon",2020,"Nature",10.1/x,"Anon, K., Univ",2-s2.0-2\n')
    records = read_text(text, "scopus.csv").records
    assert [r.authors for r in records] == [[], ["Anon K.", "Smith J."]]


def test_bibtex_writer_keeps_a_literal_character_reference():
    # what the writer writes for a text's own '&#39;' (an RIS title) is not read as ACM's escaped reference
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")

    record = Record(title="Alzheimer&#39;s disease & #1", authors=["Roe, B."], year=2020, reference_type="JOUR")
    assert read_text(write_bibtex([record]), "x.bib").records[0].title == "Alzheimer&#39;s disease & #1"


def test_mendeley_bibtex_author_list_typed_into_one_braced_name():
    # mcallaghan/rapid-screening mendeley.bib (Mendeley Desktop 1.19, no licence): a list of authors typed
    # into one author's surname comes out with that surname braced, '{Caldecott, B.; Lomax, G.; Workman}, M.';
    # the first author was the whole list. Invented entries in that layout:
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")
    text = ("@book{a,\nauthor = {{Roe, B.; Doe, A.; Poe}, C.},\ntitle = {{Stranded Assets}},\nyear = {2015}\n}\n"
            "@unpublished{b,\nauthor = {{Roe B.; Doe}, A.; Poe C},\ntitle = {{Negative Emissions}},\nyear = {2015}\n}\n"
            "@article{c,\nauthor = {{Smith; Jones Ltd} and {World Bank}},\ntitle = {Groups},\nyear = {2015}\n}\n")
    assert [r.authors for r in read_text(text, "mendeley.bib").records] == [
        ["Roe, B.", "Doe, A.", "Poe, C."], ["Roe B.", "Doe, A.", "Poe C"], ["Smith; Jones Ltd", "World Bank"]]


def test_endnote_bibtex_reference_list_style_authors_in_one_name():
    # lmfritz/ActivityBudgets 'My EndNote Library.txt' (EndNote's BibTeX, no licence): authors pasted into
    # EndNote as one name in a reference list's style, 'Dracott, K., Robinson, C. V., … & Birdsall, C.'; the
    # first author was the whole list. Invented entry in that layout:
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")
    text = ("@article{RN283,\n   author = {Roe, K., Doe, C. V., Poe, L., & Moe, C.},\n   title = {Porpoise echolocation},\n"
            "   year = {2025},\n   type = {Journal Article}\n}\n")
    assert read_text(text, "My EndNote Library.txt").records[0].authors == ["Roe, K.", "Doe, C. V.", "Poe, L.",
                                                                            "Moe, C."]


def test_endnote_bibtex_first_name_inverted_the_others_not():
    # the same file: 'Nielsen, H., D. Cajiao, G. Roldan, … V. Dinica.' (a reference list's style where only the
    # first name is inverted) pasted as one name. Invented entry in that layout:
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")
    text = ("@misc{RN68,\n   author = {Roe, H., D. Doe, G. Poe-Lo, Y.-F. Moe, V. Noe.},\n   title = {\"Is it helping?\"},\n"
            "   year = {2022},\n   type = {Generic}\n}\n")
    record = read_text(text, "My EndNote Library.txt").records[0]
    assert (record.authors, record.title) == (["Roe, H.", "D. Doe", "G. Poe-Lo", "Y.-F. Moe", "V. Noe"],
                                              '"Is it helping?"')


def test_wos_bibtex_doi_with_latex_escaped_hash():
    # funkepunkemonke/Research-trends-in-Propithecus-coquereli savedrecs-PropithecusCoquereli.bib (WoS BibTeX,
    # no licence): a SICI DOI ending in '#' is written '2-\#' (as '_' is written '\_', which was already read);
    # the DOI kept the backslash. Invented entry in that layout:
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")
    text = ("@article{ WOS:000165099700001,\nAuthor = {Roe, A},\nTitle = {{Sifaka density}},\nYear = {{2000}},\n"
            "DOI = {{10.1002/1098-2345(200011)52:3<133::AID-AJP2>3.0.CO;2-\\#}},\n}\n"
            "@article{ WOS:000165099700002,\nAuthor = {Doe, B},\nTitle = {{Lemurs}},\nYear = {{2017}},\n"
            "DOI = {{10.1007/978-981-10-3023-9\\_114}},\n}\n")
    assert [r.doi for r in read_text(text, "savedrecs.bib").records] == [
        "10.1002/1098-2345(200011)52:3<133::aid-ajp2>3.0.co;2-#", "10.1007/978-981-10-3023-9_114"]


def test_publish_or_perish_csv_authors():
    # funkepunkemonke/Research-trends-in-Propithecus-coquereli PoPCites.csv (Publish or Perish's CSV of a Google
    # Scholar search, no licence; 980 records): 'C Kun-Rodrigues, J Salmona, A Besolo, ...' (initials first, ','
    # between names, '...' where Google Scholar left names out) was one author. Invented rows in that layout:
    text = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN\n"
            '39,"C Roe-Lo, J Doe, A Poe, ...","Sifaka density in a national park",2014,"American Journal of …",'
            '"Wiley","https://example.org/a","https://example.org/c",1,"2022-06-03 12:00:00","",10.1002/ajp.1,\n'
            '4,"JL Moe","One author",2000,"Folia","","https://example.org/b","",2,"2022-06-03 12:00:00","","",\n')
    records = read_text(text, "PoPCites.csv").records
    assert [(r.authors, r.year, r.doi) for r in records] == [
        (["C Roe-Lo", "J Doe", "A Poe"], 2014, "10.1002/ajp.1"), (["JL Moe"], 2000, "")]


def test_scopus_csv_vancouver_initials_of_two_letters():
    # UWNETLAB/metaknowledge scopus_testing.csv.scopus (GPL-2.0; by reference): Scopus keeps a transliterated
    # initial of two letters ('Ma Ch.L.', 'Eaton E.Ng.'), and the list holding it was one author (2 of its
    # 220 records). Invented row in that layout:
    text = ("Authors,Title,Year,Source title,DOI,EID\n"
            '"Roe S.A., Doe W., Moe Ch.L., Poe E.Ng., Hudson Jr. J., Lo L.",A paper,2002,Nature,,2-s2.0-3\n')
    assert read_text(text, "scopus.csv").records[0].authors == [
        "Roe S.A.", "Doe W.", "Moe Ch.L.", "Poe E.Ng.", "Hudson Jr. J.", "Lo L."]
