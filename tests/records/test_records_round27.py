"""What the hold-out's round 27 showed (benchmarks/records_gathered: files by reference in round27.tsv): the Cochrane
Library's RIS export of CENTRAL (a trial registry's number as the author, a cut author list closed by 'et al.') and a
ProQuest export saved as CSV.

The files carry publishers' abstracts and trial registries' texts: each test's text is written in the layout of the
file it stands for, cut down to what shows the quirk, with invented records."""

from __future__ import annotations

from screener.records import read_text

# The Cochrane Library's RIS of CENTRAL (2026): 'Record #N of M' and two header lines before each record, 'TY  -  '
# with two spaces after the dash; a trial registry's record names the registry's number as its author, closed by a
# ','; a conference abstract's list is cut after ten names with an 'et al.' line of its own
CENTRAL_RIS = """Record #1 of 3
Provider: John Wiley &amp; Sons, Ltd.
Content: text/plain; charset="UTF-8"

TY  -  JOUR
AN  -  CN-09999901
AU  -  NCT09999901,
TI  -  An invented trial of an oral precursor
JA  -  https://clinicaltrials.gov/ct2/show/NCT09999901
PY  -  2025
M3  -  Trial registry record
UR  -  https://www.cochranelibrary.com/central/doi/10.1002/central/CN-09999901/full
ER  -


Record #2 of 3
Provider: John Wiley &amp; Sons, Ltd.
Content: text/plain; charset="UTF-8"

TY  -  JOUR
AN  -  CN-09999902
AU  -  Rudolfson, M
AU  -  Rosenberg, JT
AU  -  et al.
TI  -  An invented conference abstract with a cut author list
PY  -  2016
DO  -  10.9999/invented.22848
ER  -


Record #3 of 3
Provider: John Wiley &amp; Sons, Ltd.
Content: text/plain; charset="UTF-8"

TY  -  JOUR
AN  -  CN-09999903
AU  -  EUCTR2099-000001-01-XX,
AU  -  et al
TI  -  An invented registry record of a second registry
PY  -  2021
ER  -

"""


def test_a_central_registry_number_is_the_author_without_the_comma_after_it() -> None:
    records = read_text(CENTRAL_RIS, "central.ris").records
    assert records[0].authors == ["NCT09999901"]
    assert records[2].authors == ["EUCTR2099-000001-01-XX"]


def test_et_al_closing_a_cut_author_list_is_not_an_author() -> None:
    records = read_text(CENTRAL_RIS, "central.ris").records
    assert records[1].authors == ["Rudolfson, M", "Rosenberg, JT"]
    assert records[2].authors == ["EUCTR2099-000001-01-XX"]
    assert read_text("TY  - JOUR\nAU  - et al.\nTI  - Only et al.\nER  - \n", "x.ris").records[0].authors == []


# ProQuest's spreadsheet export (its .xls saved as CSV by Excel): camel-case column names, the DOI in
# 'digitalObjectIdentifier' after a space, the journal in 'pubtitle', ProQuest's own number in 'StoreId'
PROQUEST_CSV = (
    "\ufeffTitle,Abstract,StoreId,AccessionNumber,AlternateTitle,ArticleType,AuthorAffiliation,Authors,coden,"
    "companies,copyright,digitalObjectIdentifier,documentType,elecPubDate,entryDate,issn,issue,language,"
    "languageOfSummary,originalTitle,pages,placeOfPublication,pubdate,pubtitle,year,volume,DocumentURL,"
    "classification,classificationCodes,documentFeatures,majorClassificationCodes,notes,startPage,"
    "subjectClassifications,subjectHeadings,subjectTerms,subjects,substances,URL,FindACopy,Database\n"
    "An invented study of head motion,Invented abstract.,2499999991,,,,,\"Lvov, Zeno;Xu, Qin\",,,,"
    " 10.9999/2021.03.11.434910,Working Paper,,,,,English,,,,Cold Spring Harbor,24-Mar-21,bioRxiv,2021,,"
    "https://www.proquest.com/working-papers/invented/docview/2499999991/se-2,,,,,,,,,,,,"
    "https://www.proquest.com/working-papers/invented/docview/2499999991/se-2,,"
    "Publicly Available Content Database\n"
)


def test_a_proquest_csv_gives_its_doi_journal_and_database() -> None:
    (record,) = read_text(PROQUEST_CSV, "filtered_results_proquest.csv").records
    assert (record.title, record.authors, record.year) == ("An invented study of head motion",
                                                          ["Lvov, Zeno", "Xu, Qin"], 2021)
    assert record.doi == "10.9999/2021.03.11.434910"
    assert record.journal == "bioRxiv"
    assert record.record_id == "2499999991"


def test_et_al_closing_a_csv_author_cell_is_not_an_author() -> None:
    # as the RIS reader now drops Cochrane's 'et al.' line, a CSV cell's list cut short the same way (the seed
    # review's reference list: 'Sloots M, Dekker JH, Pont M, et al') has no 'et al' author: the review's RIS
    # export of such a record reads back as it was
    csv_text = ('id,authors,title,year\n1,"Slooten M, Dekkers JH, Ponte M, et al",An invented qualitative study,2010\n'
                '2,"Slooten M; Dekkers JH; et al.",Another invented study,2011\n')
    records = read_text(csv_text, "references.csv").records
    assert [r.authors for r in records] == [["Slooten M", "Dekkers JH", "Ponte M"], ["Slooten M", "Dekkers JH"]]


def test_anonymous_on_a_ris_author_line_is_no_author() -> None:
    # noticed re-running rounds 20 and 25 after this round's fixes: Ovid Embase's RIS writes 'A1  - Anonymous' for a
    # record with no author (as its CSV and display text do, which were read as no author), a Zotero RIS of ProQuest
    # records 'AU  - Anonymous'; the RIS reader's short way for one name a line took it as the first author
    text = ("TY  - JOUR\nT1  - An invented editorial with no author\nA1  - Anonymous\nY1  - 2019//\nER  - \n\n"
            "TY  - JOUR\nTI  - An invented news item\nAU  - Anon\nAU  - Smithson, J.\nPY  - 2020\nER  - \n")
    records = read_text(text, "ovid_embase.ris").records
    assert [r.authors for r in records] == [[], ["Smithson, J."]]
