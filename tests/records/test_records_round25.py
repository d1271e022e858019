"""What the hold-out's round 25 showed (benchmarks/records_gathered: files by reference in round25.tsv): RIS files
written by the tools a review uses to chase citations and to export a website's bibliography (an urban-connectivity
meta-analysis's backward and forward citations of a key review, and of two reference lists), and Rayyan's CSV export
of records imported from a file R had written.

The files carry publishers' abstracts: each test's text is written in the layout of the file it stands for, cut down
to what shows the quirk, with invented records."""

from __future__ import annotations

from screener.records import read_text
from screener.records.authors import list_separators

# A reference list as RIS (a website's bibliography, a paper's references): a lone '"' before the first record, and
# every author of a record on one AU line, BibTeX's way — 'Surname, Given' names joined by ' and '
REFERENCE_LIST_RIS = (
    '"\n'
    "\n"
    "TY  - JOUR\n"
    "AU  - Atchin, K.A. and Rodewell, A.D.\n"
    "TI  - The value of invented forests to wintering birds\n"
    "PY  - 2006\n"
    "SP  - 280\n"
    "EP  - 288\n"
    "JF  - Nat. Area J\n"
    "VL  - 26\n"
    "IS  - \n"
    "DO  - 10.99999/0885-8608(2006)26[280:TVOIFT]2.0.CO;2\n"
    "UR  - \n"
    "ER  - \n"
    "\n"
    "TY  - JOUR\n"
    "AU  - Abrams, Brianna and Sawyers, Sarah C. and Jordan, Neil R. and McNutty, J. Weldon\n"
    "TI  - Does invented resource selection inform corridor conservation?\n"
    "PY  - 2017\n"
    "JF  - Journal of Invented Ecology\n"
    "ER  - \n"
    "\n"
    "TY  - JOUR\n"
    "AU  - Peterson, Robert and Rippel, William J and 2556 invented signatories from 43 countries (INCLUDING 1472 FROM"
    " THE UNITED STATES and 616 FROM MEXICO)\n"
    "TI  - An invented warning signed by a group\n"
    "PY  - 2018\n"
    "ER  - \n"
    "\n"
    "TY  - RPRT\n"
    "AU  - Ministry of Health, Labour and Welfare\n"
    "TI  - An invented report by a group\n"
    "PY  - 2019\n"
    "ER  - \n"
    "\n"
    "TY  - JOUR\n"
    "AU  - Inventa, Maria\n"
    "AU  - Smith and Sons\n"
    "TI  - One name a line, one of them a group with 'and'\n"
    "PY  - 2020\n"
    "ER  - \n"
)


def test_one_ris_author_line_of_names_joined_by_and_is_those_people() -> None:
    first, second, signed, group, lines = read_text(REFERENCE_LIST_RIS, "beninde2015refs.ris").records
    assert first.authors == ["Atchin, K.A.", "Rodewell, A.D."]
    assert second.authors == ["Abrams, Brianna", "Sawyers, Sarah C.", "Jordan, Neil R.", "McNutty, J. Weldon"]
    # after two such names the line is a list: a group among them is an author, its own ' and ' in brackets kept
    assert signed.authors == ["Peterson, Robert", "Rippel, William J", "2556 invented signatories from 43 countries "
                              "(INCLUDING 1472 FROM THE UNITED STATES and 616 FROM MEXICO)"]
    assert not list_separators(first.authors[0]) and not list_separators(second.authors[0])
    # a group's name with ' and ' is not a list: not every piece is a 'Surname, Given' name
    assert group.authors == ["Ministry of Health, Labour and Welfare"]
    assert lines.authors == ["Inventa, Maria", "Smith and Sons"]


# A citation chaser's RIS (Lens.org records written by R): a record without a named author has 'AU  - ,' (an empty
# family and given name), R's missing value 'NA' stands in any field, and the page range's missing end too
CITATION_CHASER_RIS = (
    "TY  - BOOK\n"
    "AU  - ,\n"
    "TI  - World Invented Prospects\n"
    "PY  - 2012\n"
    "AB  - NA\n"
    "SP  - NA\n"
    "EP  - NA\n"
    "JF  - NA\n"
    "VL  - NA\n"
    "IS  - NA\n"
    "PB  - Invented Nations\n"
    "DO  - 10.99999/08b807d4-en\n"
    "ER  - \n"
    "\n"
    "TY  - JOUR\n"
    "AU  - Stokes, Eleanor C.; Seta, Karen C.\n"
    "TI  - Characterizing invented urban landscapes\n"
    "PY  - 2019\n"
    "AB  - NA\n"
    "SP  - 045002\n"
    "EP  - NA\n"
    "JF  - Environmental Invented Letters\n"
    "VL  - 14\n"
    "IS  - NA\n"
    "DO  - 10.99999/1748-9326/aafab8\n"
    "ER  - \n"
)


def test_an_empty_ris_name_is_no_author() -> None:
    book, article = read_text(CITATION_CHASER_RIS, "keyreview_bwd.ris").records
    assert book.authors == []
    assert book.tags["AU"] == [","]          # the tags keep what the file says
    assert article.authors == ["Stokes, Eleanor C.", "Seta, Karen C."]


def test_r_missing_values_in_ris_are_nothing() -> None:
    book, article = read_text(CITATION_CHASER_RIS, "keyreview_bwd.ris").records
    assert (book.abstract, book.pages, book.journal, book.volume, book.issue) == ("", "", "", "", "")
    assert book.doi == "10.99999/08b807d4-en"
    assert (article.abstract, article.pages, article.journal, article.volume, article.issue) == \
        ("", "045002", "Environmental Invented Letters", "14", "")
    assert book.tags["VL"] == ["NA"]


# Rayyan's CSV export of records it was given as a CSV written by R: a missing abstract is R's 'NA'
RAYYAN_CSV = (
    "key,title,year,month,day,journal,issn,volume,issue,pages,authors,url,language,publisher,location,abstract,notes\n"
    "X.ISI.000466289700004,An invented nest defence study,2019,1,1,INVENTED BEHAVIOURAL ECOLOGY,0340-5443,73,5,NA,"
    '"Clermo, Jeanne and Reale, Denise",10.99999/s00265-019-2681-0,,INVENTED PRESS,,NA,'
    '"RAYYAN-INCLUSION: {""AST""=>""Included""}"\n'
)


def test_r_missing_abstract_in_a_csv_is_none() -> None:
    (record,) = read_text(RAYYAN_CSV, "ten_journals_rayyan_t-and-a_decisions.csv").records
    assert record.authors == ["Clermo, Jeanne", "Reale, Denise"]
    assert (record.abstract, record.pages) == ("", "")


# Web of Science's RIS of a proceedings paper: the conference in CP (WoS's tag for it), no IS
WOS_PROCEEDINGS_RIS = (
    "\ufeffTY  - CPAPER\n"
    "AU  - Virsto, A\n"
    "AU  - Cazanesco, S\n"
    "A1  - SGEM\n"
    "TI  - EXPLORATORY TECHNIQUES AND ANALYSIS OF INVENTED HEAT ISLANDS\n"
    "T2  - 10TH INTERNATIONAL MULTIDISCIPLINARY SCIENTIFIC GEOCONFERENCE: SGEM 2010, VOL II\n"
    "LA  - English\n"
    "CP  - 10th International Multidisciplinary Scientific GeoConference SGEM 2010\n"
    "SP  - 573\n"
    "EP  - +\n"
    "PY  - 2010\n"
    "ER  - \n"
)


def test_a_web_of_science_conference_is_not_the_issue() -> None:
    (record,) = read_text(WOS_PROCEEDINGS_RIS, "manualstem_wos3.ris").records
    assert record.authors[:2] == ["Virsto, A", "Cazanesco, S"]
    assert record.issue == ""
    assert record.tags["CP"] == ["10th International Multidisciplinary Scientific GeoConference SGEM 2010"]


# Covidence's CSV export of included studies: 'Given Family' names joined by ', ', a long list elided with '...'
# (as PubMed's and Crossref's metadata give it), other records' authors as imported ('Surname I; …')
COVIDENCE_INCLUDED_CSV = (
    "Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,Accession Number,DOI,Ref,"
    "Covidence #,Study,Notes,Tags\n"
    'An invented simulation of imputation.,"Dongdo Li, Jenna Wang, Xiaojan Li",An abstract.,2023,,'
    "Invented Pharmacoepidemiology,,,,36000001,10.99999/pds.5563,,#2101,Li 2023,,\n"
    'An invented bias analysis.,"Christen Grey, Eleanor Ralph, Matthew P Fax, Kim Van Naarden Brown, ..., '
    'Deborah Leyton",An abstract.,2024,,Invented Pharmacoepidemiology,,,,36000002,10.99999/pds.5701,,#2102,'
    "Grey 2024,,\n"
    "An invented case-crossover study.,Bykova K; Wang Sv; Hallas J,An abstract.,,,,,,,32548875,10.99999/pds.5031,,"
    "#2118,,,\n"
)


def test_a_given_family_list_elided_with_dots_is_its_people() -> None:
    first, elided, imported = read_text(COVIDENCE_INCLUDED_CSV, "review_522747_included_csv.csv").records
    assert first.authors == ["Dongdo Li", "Jenna Wang", "Xiaojan Li"]
    assert elided.authors == ["Christen Grey", "Eleanor Ralph", "Matthew P Fax", "Kim Van Naarden Brown",
                              "Deborah Leyton"]
    assert imported.authors == ["Bykova K", "Wang Sv", "Hallas J"]
