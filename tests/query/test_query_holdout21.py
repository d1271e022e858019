"""Defects the query hold-out of round 21 showed (benchmarks/query_holdout/sources.tsv: published Ovid appendices,
as transcribed from Cochrane reviews and journal supplements). Each strategy line here is invented in the shape
of the line that showed it; the hold-out files stay outside the repository."""

from __future__ import annotations

import pytest

from screener.query import parse, translate


def own(text: str, read: str = "ovid") -> list[tuple[str, int, int, str]]:
    """The strategy's own errors and warnings: (code, physical line, column, message)."""
    return [(p.code, p.line, p.col, p.message) for p in parse(text, read).problems if p.severity != "info"]


# ------------------------------------------------------------------ an Embase or PsycINFO strategy read as one

EMTREE = "1 exp palliative therapy/\n2 exp terminally ill patient/\n3 fitness/\n4 or/1-3\n"


@pytest.mark.parametrize("read, thesaurus", [("ovid-embase", "Emtree"), ("ovid-psycinfo", "APA"),
                                             ("ovid-amed", "AMED")])
def test_headings_of_an_ovid_embase_or_psycinfo_strategy_are_not_checked_against_mesh(read, thesaurus):
    # `query check embase.txt --from ovid-embase`: every Emtree heading was 'not a MeSH heading' (16 in one appendix)
    assert own(EMTREE, read) == []
    pubmed = translate(EMTREE, read, "pubmed")
    mapping = [p for p in pubmed.warnings if p.code == "HEADING_NEEDS_MAPPING"]
    assert len(mapping) == 3 and thesaurus in mapping[0].message


def test_the_same_headings_read_as_medline_are_still_checked():
    assert [c for c, *_ in own(EMTREE)] == ["UNKNOWN_HEADING"] * 3
    assert [c for c, *_ in own(EMTREE, "ovid-medline")] == ["UNKNOWN_HEADING"] * 3


def test_an_embase_strategy_compiles_back_to_ovid_embase_without_mapping():
    back = translate(EMTREE, "ovid-embase", "ovid-embase")
    assert not [p for p in back.warnings if p.code == "HEADING_NEEDS_MAPPING"]
    assert "exp palliative therapy/" in back.query.lower()      # Ovid is not case-sensitive


# ------------------------------------------------------------------ a hyphen as a web page writes it, inside words

@pytest.mark.parametrize("dash", ["\u2010", "\u2011"])
def test_a_typographic_hyphen_inside_a_word_or_heading_is_the_hyphen(dash):
    # Cochrane's appendices print `follow‐up studies/`, `(sf‐36 or ces‐d).mp.`, `home‐based` with U+2010: the words
    # were searched with it (no database matches it) and nothing was said
    written = f"1 follow{dash}up studies/ or (sf{dash}36 or ces{dash}d or home{dash}based).mp.\n"
    meant = "1 follow-up studies/ or (sf-36 or ces-d or home-based).mp.\n"
    problems = own(written)
    assert [(c, ln, col) for c, ln, col, _ in problems] == [("STRAY_CHARACTER", 1, 9)]
    assert f"U+{ord(dash):04X}" in problems[0][3] and "4 on this line" in problems[0][3]
    for target in ("pubmed", "ovid-medline", "embase-com"):
        assert translate(written, "ovid", target).query == translate(meant, "ovid", target).query


# ------------------------------------------------------------------ Ovid's exported search history

EXPORT = (
    "Database: Ovid MEDLINE(R) Epub Ahead of Print, In-Process & Other Non-Indexed Citations, Ovid \n"
    "MEDLINE(R) Daily and Ovid MEDLINE(R) 1946 to Present \n"
    "Search Strategy: \n"
    "-------------------------------------------------------------------------------- \n"
    "1     exp Neoplasms/ (3489255) \n"
    "2     (cancer* or neoplasm* or \n"
    "tumor*).mp. (4606954) \n"
    "3     1 or 2 (4799855) \n"
    "\n"
    "*************************** \n"
)


def test_ovids_exported_history_reads_as_its_searches():
    # the 'Database: …' lines were searches ('missing operator before 1946'), so the strategy was taken for an
    # unnumbered one and every numbered line got 'missing operator before exp'
    assert own(EXPORT) == []
    assert translate(EXPORT, "ovid", "pubmed").query == translate(
        "1 exp Neoplasms/\n2 (cancer* or neoplasm* or tumor*).mp.\n3 1 or 2\n", "ovid", "pubmed").query


def test_a_one_line_database_header_too():
    text = "Database: Embase <1974 to 2021 June 23>\nSearch Strategy:\n------------\n1 exp neoplasm/ (3666710)\n"
    assert own(text, "ovid-embase") == []


# ------------------------------------------------------------------ years ORed under .yr.

def test_years_ored_under_yr_are_years_not_line_references():
    # `… AND (2015 OR 2016 OR 2017).yr NOT …` in a one-line Embase strategy: 'line 2015 comes later' for each year
    text = '("prostate cancer".ti,ab AND english.lg AND (2015 OR 2016 OR 2017).yr)'
    assert own(text, "ovid-embase") == []
    assert translate(text, "ovid", "pubmed").query == (
        '("prostate cancer"[tiab] AND english[la] AND (2015[dp] OR 2016[dp] OR 2017[dp]))')


# ------------------------------------------------------------------ PubMed's date range with its colon spaced

def test_a_pubmed_date_range_written_with_a_spaced_colon_is_the_range():
    # `("2015/01/01"[PDAT] : "3000/12/31"[PDAT])`: the ':' was sent as a term (or, later, dropped and the two dates ANDed)
    text = 'pain[tiab] AND ("2015/01/01"[PDAT] : "3000/12/31"[PDAT])'
    assert [c for c, *_ in own(text, "pubmed")] in ([], ["LIMIT_APPROXIMATED"])
    assert translate(text, "pubmed", "pubmed").query == translate('pain[tiab] AND 2015/01/01:3000/12/31[dp]',
                                                                  "pubmed", "pubmed").query


# ------------------------------------------------------------------ Embase's conference-abstract limit

def test_limit_to_conference_abstracts_is_an_ovid_embase_limit():
    # `limit 43 to conference abstracts` in a published Embase strategy: UNKNOWN_LIMIT
    text = "1 exp neoplasm/\n2 limit 1 to conference abstracts\n3 1 not 2\n"
    assert own(text, "ovid-embase") == []


# ------------------------------------------------------------------ a mistyped code without its final dot

@pytest.mark.parametrize("line, col", [
    ("1 english.la and pain.ti,ab.", 10),          # a published Embase strategy's `english.la` (Ovid: .lg.)
    ("1 pain.tiab and back.ti.", 7),
    ("1 (neoplasm$ or tumor$).mp3", 24),            # `.mp3`, a transcribed appendix's typo
    ("1 pain.mp3", 7),
])
def test_an_unknown_code_without_its_final_dot_is_an_unknown_field(line, col):
    # each was one word with the dot ('english.la'[tw], 'pain.tiab'[tw]) and nothing said; `.mp3` after a group was
    # 'missing operator before .mp3'
    problems = [(c, ln, cl) for c, ln, cl, _ in own(line) if c != "SUFFIX_SCOPE"]
    assert problems == [("UNKNOWN_FIELD", 1, col)]
    query = translate(line, "ovid", "pubmed").query
    assert ".la" not in query and ".tiab" not in query and "mp3" not in query


@pytest.mark.parametrize("line", ["1 e.coli.mp.", "1 (s.aureus or e.g).ti.", "1 vitamin b.12.mp.", "1 ph.d.ti."])
def test_short_abbreviations_with_a_dot_stay_words(line):
    assert [c for c, *_ in own(line) if c == "UNKNOWN_FIELD"] == []


# ------------------------------------------------------------------ Ovid's history table with a cell a line

CELLS = (
    "Ovid MEDLINE(R) ALL 1946 to July 01, 2021\n"
    "Date searched: 02 June 2021 Search Strategy:\n"
    "#\nSearches\nResults\n"
    "1\nexp Neoplasms/ or (neoplasm* or cancer*).ti,ab,kf.\n4606655\n"
    "2\nCachexia/ or *Weight Loss/\n63432\n"
    "3\nand/1-2\n9650\n"
    "4\nlimit 3 to yr=\"1990 -Current\"\n3139\n"
)


def test_ovids_history_table_copied_a_cell_a_line_reads_as_its_searches():
    # a review's Word supplement: each count was 'line 4606655 comes later', the '#' header 'Ovid has no comments'
    assert own(CELLS) == []
    assert translate(CELLS, "ovid", "pubmed").query == translate(
        '1 exp Neoplasms/ or (neoplasm* or cancer*).ti,ab,kf.\n2 Cachexia/ or *Weight Loss/\n3 and/1-2\n'
        '4 limit 3 to yr="1990 -Current"\n', "ovid", "pubmed").query
    notes = [p.code for p in parse(CELLS).problems if p.severity == "info"]
    assert notes.count("HIT_COUNT_IGNORED") == 4


def test_a_table_whose_rows_do_not_count_from_one_is_left_as_written():
    text = "#\nSearches\nResults\n5\npain.ti.\n120\n7\nache.ti.\n30\n"
    assert "HIT_COUNT_IGNORED" not in [p.code for p in parse(text).problems]


# ------------------------------------------------------------------ more of an exported history

def test_a_hit_count_after_a_limit_line_is_a_count():
    # `37     limit 36 to yr="2012 -Current" (2030)`: the limit was 'yr="2012 -Current" (2030)', refused by every target
    text = '1     exp Neoplasms/ (3489255)\n2     limit 1 to yr="2012 -Current" (2030)\n'
    assert own(text) == []
    assert translate(text, "ovid", "pubmed").errors == []
    assert translate(text, "ovid", "pubmed").query == translate('1 exp Neoplasms/\n2 limit 1 to yr="2012 -Current"\n',
                                                                "ovid", "pubmed").query


def test_an_mp_echo_wrapped_onto_the_next_lines_is_removed_whole():
    # a PDF's `[mp=title, abstract, …, original` / `title, device manufacturer, …` / `candidate term word] (355608)`:
    # the wrapped part was searched ('missing operator before title,') and its ']' a stray character
    text = ("1     exp neoplasm/ (3666710)\n"
            "2     (patient reported outcome or patient based outcome).mp. [mp=title, abstract, heading word, original \n"
            "title, device manufacturer, drug manufacturer, device trade name, keyword, floating subheading word, \n"
            "candidate term word] (355608)\n"
            "3     1 and 2 (1234)\n")
    assert own(text, "ovid-embase") == []
    assert translate(text, "ovid-embase", "pubmed").query == translate(
        "1 exp neoplasm/\n2 (patient reported outcome or patient based outcome).mp.\n3 1 and 2\n",
        "ovid-embase", "pubmed").query


def test_a_pdf_pages_copyright_footer_between_searches_is_not_searched():
    # `© 2024 Balitsky AK et al. JAMA Network Open.` between two numbered lines: its words were ORed into line 2
    text = ("1     exp neoplasms/ (54786)\n2     (cancer* or \n\n\u00a9 2024 A Author et al. A Journal. \n"
            "neoplasm*).mp. (93452)\n3     1 or 2\n")
    assert own(text) == []
    assert translate(text, "ovid", "pubmed").query == translate("1 exp neoplasms/\n2 (cancer* or neoplasm*).mp.\n3 1 or 2\n",
                                                                "ovid", "pubmed").query


# ------------------------------------------------------------------ a history copied from a PDF table

PDF_TABLE = (
    "1 \n"
    "exp neoplasms/ or cancer survivors/ or exp hematopoietic stem \n"
    "cell transplantation/ \n"
    "No. \n"
    "Results \n"
    " \n"
    "3739041 \n"
    "2 \n"
    "(cancer* or neoplas* or \n"
    "adenocarcinoma* or glioma*).ti,ab,kf 4317109 \n"
    "3 or/1-2 5046055 \n"
    "4 (\"clinical trial, phase i\" or \"clinical \n"
    "trial, phase ii\").pt 856245 \n"
    "5 3 and 4 1944  \n"
    "limit 5 to (english language and yr=\"1980 -Current\")  1896 \n"
)
PDF_MEANT = (
    "1 exp neoplasms/ or cancer survivors/ or exp hematopoietic stem cell transplantation/\n"
    "2 (cancer* or neoplas* or adenocarcinoma* or glioma*).ti,ab,kf\n"
    "3 or/1-2\n"
    "4 (\"clinical trial, phase i\" or \"clinical trial, phase ii\").pt\n"
    "5 3 and 4\n"
    "6 limit 5 to (english language and yr=\"1980 -Current\")\n"
)


def test_a_history_copied_from_a_pdf_table_reads_as_its_rows():
    # a JAMA supplement's table: row numbers alone on a line, searches wrapped without indent, 'No.'/'Results'
    # headings and counts between and after them — about 80 errors a database, the counts read as line references
    assert own(PDF_TABLE) == []
    assert translate(PDF_TABLE, "ovid", "pubmed").query == translate(PDF_MEANT, "ovid", "pubmed").query
    counts = [p for p in parse(PDF_TABLE).problems if p.code == "HIT_COUNT_IGNORED"]
    assert len(counts) == 6


def test_a_bare_number_ending_a_line_of_a_numbered_strategy_is_still_a_word():
    # outside a PDF table (numbers on most lines) `covid 2019` is searched as written
    text = "1 (covid 2019 or sars).ti.\n2 pain.ti.\n3 1 and 2\n"
    assert "HIT_COUNT_IGNORED" not in [p.code for p in parse(text).problems]
