"""What the hold-out's round 24 showed (benchmarks/records_gathered: files by reference in round24.tsv): one MEDLINE
search run on five platforms (an Ovid MEDLINE display text, ProQuest's text export, MEDLINE via Web of Science),
Web of Science's BIOSIS Previews and Zoological Record tab-delimited exports, an Ovid Embase export re-saved by a
spreadsheet.

The files carry publishers' metadata or state no licence: each test's text is written in the layout of the file it
stands for, cut down to what shows the quirk, with invented records."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_text

# Ovid MEDLINE, Display → Export as text (complete reference): '<n>', 'Unique Identifier' and 'Title' with their
# values on the field name's line, the other fields' values indented below their names; a field of two words
# ('Title Comment') alone on its line; the DOI as a doi.org link and as MEDLINE's 'Article Identifier … [doi]';
# a translated title with Ovid's note of the language after it; the authors' list closed by a '.'
OVID_MEDLINE_DISPLAY = (
    "<1>\n"
    "Unique Identifier 99000001\n"
    "Title An invented study of immunity in the oldest old.\n"
    "Source\n"
    "  Invented Journal [Electronic Resource]. 4(10):e7642, 2009 Oct 29.\n"
    "VI 1\n"
    "Record Owner\n"
    "  From MEDLINE, a database of the U.S. National Library of Medicine.\n"
    "Authors\n"
    "  Inventa P; Tan W; Harouti V.\n"
    "Authors Full Name\n"
    "  Inventa, Pavel; Tan, Wei; Harouti, Vahe.\n"
    "Digital Object Identifier\n"
    "  https://dx.doi.org/10.99999/journal.inv.0007642\n"
    "Article Identifier\n"
    "  10.99999/journal.inv.0007642 [doi]\n"
    "   PMC9999999 [pmc]\n"
    "Year of Publication\n"
    "  2009\n"
    "Link to the External Link Resolver\n"
    " https://resolver.example.org/?url_ver=Z39.88-2004&rft_id=info:doi/10.99999%2Fjournal.inv.0007642"
    "&rft_id=info:pmid/99000001&rft.volume=4\n"
    "\n"
    "<2>\n"
    "Unique Identifier 99000002\n"
    "Title An invented case of mania before a diagnosis.\n"
    "Title Comment\n"
    "  [Comment in: Inv Rev Neurol. 2011 Sep;7(9):479-80; PMID: 99000009]\n"
    "Source\n"
    "  Journal of the Invented Medical Association. 68(2):92-5, 2005 Feb.\n"
    "Authors\n"
    "  Yang CY; Su TP.\n"
    "Article Identifier\n"
    "  S1726-4901(09)70142-X [pii]\n"
    "   10.99999/S1726-4901(09)70142-X [doi]\n"
    "Year of Publication\n"
    "  2005\n"
    "\n"
    "<3>\n"
    "Unique Identifier 99000003\n"
    "Title [First results with an invented serum in schizophrenia]. [Undetermined]\n"
    "Original Title\n"
    "  Primi risultati inventati.\n"
    "Source\n"
    "  Rassegna Inventata. 41(2):217-25, 1952 Mar-Apr.\n"
    "Record Owner\n"
    "  From MEDLINE, a database of the U.S. National Library of Medicine.\n"
    "Authors\n"
    "  DOGLIO P.\n"
    "Year of Publication\n"
    "  1952\n"
)


def test_ovid_medline_display_fields_on_their_names_line():
    first, second, third = read_text(OVID_MEDLINE_DISPLAY, "ovid_medline.txt").records
    assert first.format == "ovid_display"
    assert first.title == "An invented study of immunity in the oldest old."
    assert first.doi == "10.99999/journal.inv.0007642"
    assert (first.pmid, first.database) == ("99000001", "MEDLINE")
    assert (first.journal, first.volume, first.issue, first.pages, first.year) == (
        "Invented Journal [Electronic Resource]", "4", "10", "e7642", 2009)
    # the '.' closes the list (MEDLINE's initials have none)
    assert first.authors == ["Inventa P", "Tan W", "Harouti V"]
    # 'Title Comment' is a field of its own, not the title 'Comment'
    assert second.title == "An invented case of mania before a diagnosis."
    assert second.authors == ["Yang CY", "Su TP"]
    assert second.doi == "10.99999/s1726-4901(09)70142-x"       # only MEDLINE's Article Identifier has it
    # '[Undetermined]' is the article's language, not its title's
    assert third.title == "[First results with an invented serum in schizophrenia]."
    assert third.authors == ["DOGLIO P"]
    assert (third.pmid, third.year) == ("99000003", 1952)


def test_ovid_display_embase_initials_keep_their_dots():
    text = "<1>\nTitle\n  An invented trial.\nAuthor\n  Ferrand A.; Quesnel J.; Tan B.Chr.\n"
    (record,) = read_text(text, "embase.txt").records
    assert record.authors == ["Ferrand A.", "Quesnel J.", "Tan B.Chr."]


# ProQuest, Save → Text only (here MEDLINE on ProQuest): records between lines of underscores, 'Author:',
# 'Publication info:', 'ProQuest document ID:' …; a file without the 'Report Information from ProQuest' header
PROQUEST_TEXT = (
    "____________________________________________________________\n"
    "\n"
    "[An invented therapy in presenile psychoses].\n"
    "\n"
    "Author: INVENTO, P; CAMPO, L\n"
    "\n"
    "Publication info: Rassegna inventata  Vol. 41, Iss. 2,  (1952 Mar-Apr): 217-225.\n"
    "\n"
    "http://proxy.example.edu/login?url=https://search.proquest.com/docview/75079512?accountid=1\n"
    "\n"
    "Abstract: None available.\n"
    "\n"
    + "Links: http://resolver.example.edu/openurl?url_ver=Z39.88-2004&" + "x=1&" * 400 + "\n"
    "\n"
    "Database: MEDLINE®\n"
    "\n"
    "ProQuest document ID: 75079512\n"
    "\n"
    "Title: [An invented therapy in presenile psychoses ] .\n"
    "\n"
    "____________________________________________________________\n"
    "\n"
    "Contact us at: http://www.proquest.com/go/pqissupportcontact\n"
    "Database copyright © 2019 ProQuest LLC. All rights reserved.\n"
)


def test_proquest_text_export_without_its_header_is_refused_saying_what_it_is():
    with pytest.raises(RecordParseError, match="ProQuest text"):
        read_text(PROQUEST_TEXT, "proquest.txt")


# Web of Science's other databases, tab-delimited: BIOSIS Previews writes the corresponding author's e-mail after
# the name ('Surname, Given (e-mail) ; Next'); Zoological Record and MEDLINE give the pages as PS, not BP/EP
BIOSIS_TAB = (
    "\ufeffPT\tUT\tPM\tDT\tTI\tAU\tSO\tPY\tVL\tIS\tPS\tBP\tEP\tDI\n"
    "J\tBCI:BCI201800000001\t99000011\tArticle\tAn invented occupancy study\t"
    "Tingle, Morgan W. (m.tingle@example.edu) ; Still, Andrew N.; Thompson, Frank R., III\t"
    "Journal of Invented Ecology\t2018\t87\t5\t1484-1496\t1484\t1496\t10.99999/inv.12851\n"
)
ZOOREC_TAB = (
    "\ufeffPT\tAN\tDT\tTI\tAU\tGP\tSO\tVL\tIS\tPS\tPY\tDI\tUT\tPM\n"
    "J\tZOOR15400000001\tArticle\tAn invented fire regime study.\tTingle, Morgan W.; Still, Andrew N.\t\t"
    "Journal of Invented Ecology\t87\t5\t1484-1496\t2018\t\tZOOREC:ZOOR15400000001\t99000011\n"
)


def test_wos_biosis_email_after_a_name_is_no_part_of_it():
    (record,) = read_text(BIOSIS_TAB, "biosis.txt").records
    assert record.authors == ["Tingle, Morgan W.", "Still, Andrew N.", "Thompson, Frank R., III"]
    assert record.pages == "1484-1496"


def test_wos_zoological_record_pages_are_its_page_span():
    (record,) = read_text(ZOOREC_TAB, "zoorec.txt").records
    assert record.pages == "1484-1496"
    assert (record.pmid, record.database) == ("99000011", "Zoological Record")


# MEDLINE via Web of Science, plain text: AN and UT hold the PMID, PS the pages
WOS_MEDLINE = (
    "\ufeffFN Clarivate Analytics Web of Science\n"
    "VR 1.0\n"
    "PT J\n"
    "AN 99000021\n"
    "DT Journal Article; Review\n"
    "TI An invented review of infections and delirium.\n"
    "AU Chaeo, Jung Hee\n"
    "   Millar, Brian J\n"
    "SO Journal of invented practice\n"
    "VL 21\n"
    "IS 6\n"
    "PS 402-11\n"
    "PY 2015\n"
    "DI 10.99999/PRA.0000000000000105\n"
    "UT MEDLINE:99000021\n"
    "ER\n"
    "\n"
    "EF\n"
)


def test_medline_via_wos_pmid_and_pages():
    (record,) = read_text(WOS_MEDLINE, "wos.txt").records
    assert record.database == "MEDLINE"
    assert (record.pmid, record.pages) == ("99000021", "402-11")


# an Ovid Embase export's columns re-saved by a spreadsheet, which turned the 'Published Year' cells it could read
# as dates into its own ('14 Nov 2022' → '14-Nov-22', 'Jun 2023' → 'Jun-23'); the other cells stay as they were
EMBASE_RESAVED_CSV = (
    "\ufeffTitle,Authors,KW,MH,Abstract,Journal,Published Year\n"
    'An invented preprint.,"Soleima G.\n\nKupli R.",,,,medRxiv,14-Nov-22\n'
    'An invented atlas.,"Levin S.\n\nMiller M.",,,,bioRxiv,Jun-23\n'
    'An invented pallidum review.,Root D.H.,,,,Progress in Invented Neurobiology,01-Jul-15\n'
    'An invented old report.,Ling W.,,,,Journal of Invented Psychiatry,01-Jul-84\n'
    'An invented 1984 study.,Wesso D.R.,,,,Journal of Invented Psychiatry,September-October 1984\n'
)


def test_csv_year_a_spreadsheet_wrote_as_its_date():
    records = read_text(EMBASE_RESAVED_CSV, "addiction.csv").records
    assert [r.year for r in records] == [2022, 2023, 2015, 1984, 1984]
    assert records[0].authors == ["Soleima G.", "Kupli R."]
