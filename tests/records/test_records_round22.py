"""What the hold-out's round 22 showed (benchmarks/records_gathered: files by reference in round22.tsv): an Ovid
Embase display-text export, Web of Science's tab-delimited export re-saved with quoted cells, WoS's columns saved as
CSV, and ScienceDirect's text export.

The files carry publishers' metadata or state no licence: each test's text is written in the layout of the file it
stands for, cut down to what shows the quirk, with invented records."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_text

# Ovid Embase, Display → Export as text ('Citation (Title, Source, Author …)'): '<n>', a field's name alone on a
# line, its value indented; Embase's authors 'Surname I.' joined by '; ' (one space), 'Anonymous' where it names
# nobody, the Source 'Journal. Vol(Issue) (pp pages), Year. Date of Publication: …', and the DOI only in the links
OVID_EMBASE_DISPLAY = (
    "<1>\r\n"
    "Title\r\n"
    "  Retraction: An invented trial of a kinase inhibitor in sarcoma (J Invent Ther (2013) 12 (2591-600) "
    "DOI: 10.99999/jit.13-0338).\r\n"
    "Source\r\n"
    "  Journal of Invented Therapeutics. 23(11) (pp 1680), 2024. Date of Publication: 01 Nov 2024.\r\n"
    "Author\r\n"
    "  Anonymous\r\n"
    "Publisher\r\n"
    "  Invented Association Inc.\r\n"
    "Publication Type\r\n"
    "  Erratum\r\n"
    "Link to the Ovid Full Text or citation\r\n"
    " https://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=emexb&DO=10.99999%2fjit.24-0802\r\n"
    "Link to the External Link Resolver\r\n"
    " http://sfx.example.org/sfx?sid=OVID:embase&id=pmid:39000001&id=doi:10.99999%2Fjit.24-0802&issn=1234-5678"
    "&volume=23&issue=11&spage=1680&pages=1680&date=2024&aulast=anonymous\r\n"
    "\r\n"
    "<2>\r\n"
    "Title\r\n"
    "  An invented liver study after repeated radiotherapy.\r\n"
    "Source\r\n"
    "  Journal of Invented Oncology. Conference: 2024 Invented Society Annual Meeting. Invented Resort, "
    "Harbour United States. 6(2 Supplement) (pp E2-E6), 2015. Date of Publication: 2015.\r\n"
    "Author\r\n"
    "  Ferrand A.; Quesnel J.; Tan B.Chr.\r\n"
    "Publication Type\r\n"
    "  Conference Abstract\r\n"
    "Link to the Ovid Full Text or citation\r\n"
    " https://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=emed16&DO=10.99999%2fj.issn.0000-0000"
    ".2014.082\r\n"
    "Link to the External Link Resolver\r\n"
    " http://sfx.example.org/sfx?sid=OVID:embase&id=pmid:&id=doi:&issn=0000-0000&volume=6&issue=2\r\n"
)


def test_ovid_embase_display_export():
    first, second = read_text(OVID_EMBASE_DISPLAY.replace("\r\n", "\n"), "Embase_Ovid.txt").records
    assert first.format == "ovid_display"
    # 'Anonymous' names nobody (as PubMed's '[No authors listed]'); the year is the Source's, not its page '1680'
    assert first.authors == []
    assert (first.journal, first.volume, first.issue, first.pages, first.year) == (
        "Journal of Invented Therapeutics", "23", "11", "1680", 2024)
    # the record's own DOI is the links', not the retracted article's in its title
    assert first.doi == "10.99999/jit.24-0802"
    assert first.pmid == "39000001"
    assert second.authors == ["Ferrand A.", "Quesnel J.", "Tan B.Chr."]
    assert (second.journal, second.volume, second.issue, second.pages, second.year) == (
        "Journal of Invented Oncology", "6", "2 Supplement", "E2-E6", 2015)
    assert second.doi == "10.99999/j.issn.0000-0000.2014.082"     # only the full-text link has it
    assert second.pmid == ""


def test_ovid_display_degrees_after_semicolons_are_not_people():
    # other Ovid databases write one person's degrees after '; ' ('Bunkers, Sandra Schmidt RN; PhD; FAAN 1')
    text = "<1>\nAuthor\n  Bunting, Sara Jane RN; PhD; FAAN 1\nTitle\n  An invented nursing theory.\n"
    (record,) = read_text(text, "ovid.txt").records
    assert record.authors == ["Bunting, Sara Jane"]


# WoS 'Tab-delimited' re-saved by a spreadsheet: every cell holding a comma (each AU and AF, a title with a comma) in
# double quotes, a quote inside one doubled
WOS_TAB_QUOTED = (
    "PT\tAU\tAF\tTI\tSO\tPY\tDI\tUT\n"
    'J\t"Xu, Y; Moreau, ME"\t"Xu, Ying; Moreau, Michel Etienne"\tAn invented lecture-capture study\t'
    "INVENTED TECHTRENDS\t2019\t10.99999/itt.0293\tWOS:000000000000001\n"
    'J\t"Hoever, KM"\t"Hoever, Kai Michael"\t"Welcome to the course, but ""change your name""? An invented study"'
    '\tINVENTED JOURNAL\t2014\t10.99999/ij.68\tWOS:000000000000002\n'
)


def test_wos_tab_delimited_with_quoted_cells():
    first, second = read_text(WOS_TAB_QUOTED, "savedrecs.txt").records
    assert first.format == "wos_tab"
    assert first.authors == ["Xu, Ying", "Moreau, Michel Etienne"]
    assert second.authors == ["Hoever, Kai Michael"]
    assert second.title == 'Welcome to the course, but "change your name"? An invented study'


def test_wos_tab_delimited_keeps_its_own_quotes():
    # WoS's own files quote nothing: a title that opens with a quote keeps it
    text = ("PT\tAU\tAF\tTI\tPY\tUT\n"
            'J\tXu, Y\tXu, Ying\t"Invented" is a word: a study\t2019\tWOS:000000000000003\n'
            'J\tLi, Q\tLi, Qing\t"An invented title in quotes"\t2020\tWOS:000000000000004\n')
    first, second = read_text(text, "savedrecs.txt").records
    assert first.title == '"Invented" is a word: a study'
    assert second.title == '"An invented title in quotes"'


# WoS's columns (its tags) saved as CSV: AU has the names as indexed ('Borger, L'), AF as published ('Boerger, Luca')
WOS_COLUMNS_CSV = (
    "PT,AU,BA,BE,GP,AF,BF,CA,TI,SO,PY,VL,IS,BP,EP,DI,UT\n"
    'J,"Borger, L; Kelly, RA",,,,"Boerger, Luca; Kelly (Letcher), Rebecca A.",,,An invented movement study,'
    "INVENTED ECOLOGY,2013,50,6,1,10,10.99999/ie.12158,WOS:000000000000005\n"
)


def test_wos_columns_saved_as_csv_read_af_as_wos_files_are_read():
    (record,) = read_text(WOS_COLUMNS_CSV, "savedrecs.csv").records
    assert record.authors == ["Boerger, Luca", "Kelly (Letcher), Rebecca A."]
    assert (record.journal, record.volume, record.issue, record.pages, record.year, record.doi) == (
        "INVENTED ECOLOGY", "50", "6", "1-10", 2013, "10.99999/ie.12158")
    assert record.database == "Web of Science"


# ScienceDirect, Export → 'Export citation to text': a record's lines end in ',' (authors given names first, the
# title, the journal — or a chapter's 'Editor(s): …', book and publisher — 'Volume …, Issue …', the year, 'Pages …',
# ISSN or ISBN, the doi.org link), then the article's link in parentheses, 'Abstract: …' and 'Keywords: …'; a blank
# line between records
SCIENCEDIRECT_TEXT = (
    "S. Mo Janssen, Tiemo Gerts, Jo-Yun Queenie Lind,\r\n"
    "An invented approach to the roots of rumours: Evolution tree analysis,\r\n"
    "Computers in Invented Behavior,\r\n"
    "Volume 84, Part A,\r\n"
    "2018,\r\n"
    "Pages 103-113,\r\n"
    "ISSN 0000-5632,\r\n"
    "https://doi.org/10.99999/j.cib.2018.02.032.\r\n"
    "(http://www.sciencedirect.com/science/article/pii/S0000563218300906)\r\n"
    "Abstract: An invented abstract, in one line.\r\n"
    "Keywords: Rumour; Evolution tree analysis; Invented science\r\n"
    "\n"
    "Aurelio Coronel, Brent E. Turner,\r\n"
    "Chapter 2 - The Invented Psychology of Lying,\r\n"
    "Editor(s): Brent E. Turner, John O. Savin,\r\n"
    "Invented Allegations,\r\n"
    "Academic Press,\r\n"
    "2018,\r\n"
    "Pages 21-36,\r\n"
    "ISBN 9780000012505,\r\n"
    "https://doi.org/10.99999/B978-0-00-801250-5.00002-1.\r\n"
    "(http://www.sciencedirect.com/science/article/pii/B9780000012505000021)\r\n"
    "\n"
    "Przemo M. Wasik, Alicja Kubiak,\r\n"
    "The spread of invented news – a pilot study,\r\n"
    "Invented Policy and Technology,\r\n"
    "Volumes 349–350,\r\n"
    "2018,\r\n"
    ",\r\n"
    "ISSN 0000-8837,\r\n"
    "https://doi.org/10.99999/j.ipt.2018.03.002.\r\n"
    "(http://www.sciencedirect.com/science/article/pii/S0000883718300881)\r\n"
    "Abstract: Objectives\r\n"
    "An invented objective.\r\n"
    "Results\r\n"
    "Invented results.\r\n"
    "Keywords: Social Media; Misinformation\r\n"
    "\n"
    "James Chapmann, Aoife Powers,\r\n"
    "An invented reference work entry,\r\n"
    "Reference Module in Invented Science,\r\n"
    "Elsevier,\r\n"
    "2018,\r\n"
    ",\r\n"
    "ISBN 9780000005965,\r\n"
    "https://doi.org/10.99999/B978-0-00-100596-5.22373-1.\r\n"
    "(http://www.sciencedirect.com/science/article/pii/B9780000005965223731)\r\n"
)


def test_sciencedirect_text_export_is_read():
    """It was refused (round 22's file: 100 records split by blank lines), first as 'not a known export format',
    then naming ScienceDirect and asking for RIS; it is read now, each part of the citation to its field."""
    result = read_text(SCIENCEDIRECT_TEXT.replace("\r\n", "\n"), "science.txt")
    assert result.format == "sciencedirect_text"
    article, chapter, early, entry = result.records
    assert (article.title, article.authors, article.journal, article.volume, article.issue, article.year,
            article.pages, article.issn, article.doi) == (
        "An invented approach to the roots of rumours: Evolution tree analysis",
        ["S. Mo Janssen", "Tiemo Gerts", "Jo-Yun Queenie Lind"], "Computers in Invented Behavior", "84", "Part A",
        2018, "103-113", ["0000-5632"], "10.99999/j.cib.2018.02.032")
    assert article.abstract == "An invented abstract, in one line."
    assert article.keywords == ["Rumour", "Evolution tree analysis", "Invented science"]
    assert article.urls == ["http://www.sciencedirect.com/science/article/pii/S0000563218300906"]
    assert (article.line, article.record_number, article.database) == (1, 1, "ScienceDirect")
    assert (chapter.title, chapter.authors[0], chapter.journal, chapter.reference_type, chapter.year,
            chapter.pages, chapter.doi) == ("Chapter 2 - The Invented Psychology of Lying", "Aurelio Coronel",
                                            "Invented Allegations", "CHAP", 2018, "21-36",
                                            "10.99999/b978-0-00-801250-5.00002-1")
    assert chapter.extra["editors"] == ["Brent E. Turner", "John O. Savin"]
    assert chapter.extra["publisher"] == "Academic Press" and chapter.extra["isbn"] == ["9780000012505"]
    assert chapter.line == 13 and chapter.raw.startswith("Aurelio Coronel") and chapter.raw.endswith("0021)")
    assert (early.volume, early.pages, early.year, early.journal) == ("349–350", "", 2018,
                                                                      "Invented Policy and Technology")
    assert early.abstract == "Objectives\nAn invented objective.\nResults\nInvented results."
    assert early.keywords == ["Social Media", "Misinformation"]
    # a reference work's entry: no 'Editor(s):', but an ISBN — the book, then its publisher
    assert (entry.journal, entry.extra["publisher"], entry.reference_type) == (
        "Reference Module in Invented Science", "Elsevier", "CHAP")


def test_a_citation_list_that_is_not_sciencedirect_is_still_unknown():
    text = SCIENCEDIRECT_TEXT.replace("\r\n", "\n").replace("(http://www.sciencedirect.com/science/article/pii/",
                                                                "(http://www.example.org/article/")
    with pytest.raises(RecordParseError) as refusal:
        read_text(text, "refs.txt")
    assert "not a known export format" in str(refusal.value)


# bibliometrix's data frame of PubMed records written by R's write.csv: a first column of row names (header ""),
# WoS-like tag columns (AU 'CLARKE SA;PHYLACTOU M', PG, VL, DI) and R's NA where a value is missing
BIBLIOMETRIX_CSV = (
    '"","AU","AF","TI","SO","PY","VL","DI","PG","PMID","DB"\n'
    '"CLARKE SA, 2021, J INVENTED ENDOCRINOL","CLARKE SA;PHYLACTOU M","CLARKE, SOPHIE A;PHYLACTOU, MARIA",'
    '"AN INVENTED ADRENAL STUDY.","J INVENTED ENDOCRINOL",2021,NA,"10.99999/jie/dgab349",NA,34000009,"PUBMED"\n'
    '"KWOK S, 2020, INVENTED OBESITY","KWOK S","KWOK, SIMON","AN INVENTED OBESITY STUDY.","INVENTED OBESITY",2020,'
    '10,NA,"E12403",32000004,"PUBMED"\n'
)


def test_r_missing_values_are_no_values():
    first, second = read_text(BIBLIOMETRIX_CSV, "pubmed.csv").records
    assert (first.volume, first.pages, first.doi) == ("", "", "10.99999/jie/dgab349")
    assert (second.volume, second.pages, second.doi) == ("10", "E12403", "")
    assert first.authors == ["CLARKE SA", "PHYLACTOU M"]
