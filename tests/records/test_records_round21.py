"""What the hold-out's round 21 showed (benchmarks/records_gathered: files by reference in round21.tsv): exports of
health-sciences databases (Embase.com, PubMed, SciELO) and re-exports of screening tools (Abstrackr, Covidence, Rayyan,
Zotero, Google Scholar; asreview/citation-file-formatting, CC0).

The files carry publishers' abstracts or state no licence: each test's text is written in the layout of the file it
stands for, cut down to what shows the quirk, with invented records (the Google Scholar CSV, CC0 and without abstracts,
is a fixture: fixtures/records/csv/citation-file-formatting___baseline_googlescholar.csv)."""

from __future__ import annotations

from pathlib import Path

from screener.records import read_file, read_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "records"


def test_pubmed_author_with_a_preferred_name_in_parentheses_is_one_of_the_list():
    # PubMed writes a preferred given name after the initials: 'Lin JY (Joyce)'
    text = "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n" + \
        '30000009,An invented decision-support study,"Hu L, Lin JY (Joyce), Sigel K, Kale M.","J Invented Inform. ' \
        '2019 Jan;1(1):1-9.",Hu L,J Invented Inform,2019,2019/01/02,,,\n'
    (row,) = read_text(text, "csv-invented-set.csv").records
    assert row.authors == ["Hu L", "Lin JY (Joyce)", "Sigel K", "Kale M"]


# Abstrackr's export (Export → CSV): the labelled citations, then a line 'citations that are not yet labeled by
# anyone', then the unlabelled ones (no label columns); authors 'Surname, I.' one a line, each after the first
# opened by ' and ' (BibTeX's separator kept from the import)
ABSTRACKR_CSV = (
    '(internal) id,(source) id,pubmed id,keywords,abstract,title,journal,authors,tags,consensus,labeled_at,'
    'Anonymous,labeled_at,general notes (Anonymous)\n'
    '51000001,7,0,"fossil,skull","An invented abstract.","A small hadrosaur from an invented basin","Sci Rep",'
    '"Lindqvist, N.R.\n and Pereda-Alonso, X.\n and Bardin, N.\n",,1,2024-08-15,1,2024-08-15,\n'
    '51000002,3,0,"trackways","Another invented abstract.","Trackways of an invented formation","PLoS ONE",'
    '"Ebbert, D.A.\n",,-1,2024-08-15,-1,2024-08-15,\n'
    'citations that are not yet labeled by anyone\n'
    '51000003,5,0,"feathers","A third invented abstract.","Feather keratin in an invented specimen",'
    '"BMC Ecol Evol","Braun, C.D.\n and Ota, K.\n"\n'
)


def test_abstrackr_csv_line_between_labelled_and_unlabelled_is_not_a_record():
    result = read_text(ABSTRACKR_CSV, "abstrackr.csv")
    assert [r.title for r in result.records] == [
        "A small hadrosaur from an invented basin", "Trackways of an invented formation",
        "Feather keratin in an invented specimen"]
    assert [r.record_number for r in result.records] == [1, 2, 3]
    assert any(w.code == "not_a_record" and "citations that are not yet labeled by anyone" in w.message
               for w in result.warnings)
    assert not any(w.code == "no_title" for w in result.warnings)


def test_abstrackr_csv_authors_one_a_line_after_and():
    first, second, third = read_text(ABSTRACKR_CSV, "abstrackr.csv").records
    assert first.authors == ["Lindqvist, N.R.", "Pereda-Alonso, X.", "Bardin, N."]
    assert second.authors == ["Ebbert, D.A."]
    assert third.authors == ["Braun, C.D.", "Ota, K."]


def test_a_name_beginning_with_and_in_capitals_is_kept():
    # only the separator ' and ' (lower case, before a name on its own line) goes; 'Anderson' and 'And' stay
    text = 'title,authors\n"A title","Andersen, P.\nAnd, Q.\n and Ng, K."\n'
    (row,) = read_text(text, "list.csv").records
    assert row.authors == ["Andersen, P.", "And, Q.", "Ng, K."]


# Google Scholar's CSV (My library → Export → CSV): 'Surname, Given; ' each author closed by '; ', the journal in
# 'Publication', the issue in 'Number'
def test_google_scholar_csv_publication_is_the_journal():
    records = read_file(FIXTURES / "csv" / "citation-file-formatting___baseline_googlescholar.csv").records
    assert len(records) == 10
    first = records[0]
    assert first.journal == "Biological Reviews"
    assert (first.volume, first.issue, first.pages, first.year) == ("76", "3", "411-447", 2001)
    assert first.authors == ["Barrett, Paul M", "Willis, Katherine J"]
    assert records[4].journal == "Annual Review of Ecology, Evolution, and Systematics"


# PubMed's CSV (Save → Format: CSV): the volume, issue and pages only in 'Citation'
PUBMED_CSV = (
    "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"
    '30000001,An invented primer,Stoltz JC.,Acad Emerg Med. 2011 Oct;18(10):1099-104. doi: 10.1111/j.1553-2712.2011.'
    '01185.x.,Stoltz JC,Acad Emerg Med,2011,2011/10/15,,,10.1111/j.1553-2712.2011.01185.x\n'
    '30000002,An invented genomics review,"Griff DK, Lark DM.","Eur J Med Genet. 2020 Feb;63(2):103640. doi: '
    '10.1016/j.ejmg.2019.03.004. Epub 2019 Mar 26.",Griff DK,Eur J Med Genet,2020,2019/03/30,,,'
    '10.1016/j.ejmg.2019.03.004\n'
    '30000003,An invented online-first paper,Han G.,"Sci Rep. 2023 Jul 17;13(1):11522. doi: 10.1038/s41598-023-'
    '37545-8.",Han G,Sci Rep,2023,2023/07/18,PMC0000001,,10.1038/s41598-023-37545-8\n'
    '30000004,An invented ahead-of-print paper,Vock LB.,"Stat Methods Med Res. 2020 Mar 10:962280220911435. doi: '
    '10.1177/0962280220911435. Online ahead of print.",Vock LB,Stat Methods Med Res,2020,2020/03/11,,,'
    '10.1177/0962280220911435\n'
    '30000005,An invented book chapter,Lee A.,"In: Smith B, editor. An Invented Book. Springfield: Invented Press; '
    '2019. Chapter 3.",Lee A,An Invented Book,2019,2019/05/01,,,\n'
)


def test_pubmed_csv_volume_issue_pages_from_its_citation():
    records = read_text(PUBMED_CSV, "csv-invented-set.csv").records
    got = [(r.journal, r.volume, r.issue, r.pages) for r in records]
    assert got == [
        ("Acad Emerg Med", "18", "10", "1099-104"),
        ("Eur J Med Genet", "63", "2", "103640"),
        ("Sci Rep", "13", "1", "11522"),
        ("Stat Methods Med Res", "", "", "962280220911435"),
        ("An Invented Book", "", "", ""),
    ]
    assert [r.year for r in records] == [2011, 2020, 2023, 2020, 2019]


# EBSCOhost's CSV (Export → CSV; here CINAHL with Academic Search records): 'First Page' and 'Page Count', where
# its RIS of the same records writes SP and EP (EP = first page + page count - 1)
EBSCO_CSV = (
    "Article Title,Author,Journal Title,ISSN,ISBN,Publication Date,Volume,Issue,First Page,Page Count,"
    "Accession Number,DOI,Publisher,Doctype,Subjects,Keywords,Abstract,PLink\n"
    '"An invented growth study.","Rogers, Kim; Martin, Rico N.","Historical Biology",="08912963",,="6/1/2023",'
    '"35","6","924","11","170000001","10.1080/08912963.2022.0000001","Taylor & Francis","Article","BONES",,'
    '"An invented abstract.","https://search.ebscohost.com/login.aspx?direct=true&db=aph&AN=170000001"\n'
    '"An invented one-page note.","Vinter, Jakob","Palaeontologia Polonica",="00787170",,="1/1/2023",'
    '"68","2","213","1","170000002",,"Invented","Article",,,,\n'
    '"An invented page-less record.","Bell, Phil R.","BMC Biology",,,="6/7/2022","20","1",,,"170000003",'
    '"10.1186/s12915-022-00000-9","BioMed Central","Article",,,,\n'
    '"An invented e-locator record.","Sereno, Paul C.","PLoS ONE",,,="3/6/2024","19","3","e0298957","12",'
    '"170000004",,,"Article",,,,\n'
)


def test_ebscohost_csv_pages_from_first_page_and_page_count():
    records = read_text(EBSCO_CSV, "cinahl.csv").records
    assert [r.pages for r in records] == ["924-934", "213", "", "e0298957"]
    assert records[0].database == "EBSCOhost"

# Embase.com's plain-text export (Export → Plain text): 'RECORD n', then each field's name in capitals on a line of its
# own and its value indented by two spaces, a long value's later lines not indented at all (so a title's second line in
# capitals is not a field name, and a broken line ends in a space, written '{sp}' here); authors 'Surname I.'
# joined by '; '; the PMID with its link
EMBASE_TEXT = """RECORD 1
TITLE
  Salivary markers of an invented residual disease in an invented cohort of{sp}
CHILDREN IN PERU
AUTHOR NAMES
  Pando-Cruz A.; Godoy-Vela V.; Pajuelo M.J.
AUTHOR ADDRESSES
  (Pando-Cruz A.) Invented Department, Invented University,{sp}
Lima, Peru
AiP/IP ENTRY DATE
  2026-02-26
SOURCE
  Invented Journal of Biomedicine (2026) 12:3 (101-109). Date of Publication: 19 Feb 2026
SOURCE TITLE
  Invented Journal of Biomedicine
PUBLICATION YEAR
  2026
VOLUME
  12
ISSUE
  3
FIRST PAGE
  101
LAST PAGE
  109
PUBLICATION TYPE
  Article
ISSN
  2831-0000 (electronic)
ABSTRACT
  An invented abstract of two{sp}
lines.
AUTHOR KEYWORDS
  saliva; microRNA;{sp}
MEDLINE PMID
  41700001 (http://www.ncbi.nlm.nih.gov/pubmed/41700001)
PUI
  L650000001
DOI
  10.17305/bb.2026.00001
EMBASE LINK
  https://www.embase.com/search/results?subaction=viewrecord&id=L650000001&from=export

RECORD 2
TITLE
  An invented conference abstract
AUTHOR NAMES
  Alvarez E.M.
SOURCE
  Invented Blood (2025) 146 Supplement 1 (5501). Date of Publication: 1 Nov 2025
SOURCE TITLE
  Invented Blood
PUBLICATION YEAR
  2025
PUBLICATION TYPE
  Conference Abstract
PUI
  L650000002
""".replace("{sp}", " ")


def test_embase_plain_text_export_is_read():
    result = read_text(EMBASE_TEXT, "embase.txt")
    assert result.format == "embase_text"
    first, second = result.records
    assert first.title == ("Salivary markers of an invented residual disease in an invented cohort of "
                           "CHILDREN IN PERU")
    assert first.authors == ["Pando-Cruz A.", "Godoy-Vela V.", "Pajuelo M.J."]
    assert (first.journal, first.year, first.volume, first.issue, first.pages) == \
        ("Invented Journal of Biomedicine", 2026, "12", "3", "101-109")
    assert (first.doi, first.pmid, first.issn) == ("10.17305/bb.2026.00001", "41700001", ["2831-0000"])
    assert first.abstract == "An invented abstract of two lines."
    assert first.keywords == ["saliva", "microRNA"]
    assert first.database == "Embase"
    assert (first.record_number, first.line) == (1, 1)
    assert (second.title, second.authors, second.year, second.doi) == \
        ("An invented conference abstract", ["Alvarez E.M."], 2025, "")
    assert (second.record_number, second.line) == (2, 44)
