"""Defects the query hold-out of round 28 showed (benchmarks/query_holdout/sources.tsv: a psychedelics living
review's five-database histories on Jekyll pages, a VR-transfer review's ProQuest string, CINAHL and CENTRAL
strategies of published appendices). Each strategy here is invented in the shape of the real line that showed
the defect; the hold-out files stay outside the repository."""

from __future__ import annotations

from screener.query import parse, translate


def own(text: str, read: str) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in parse(text, read).problems if p.severity != "info"]


# --------------------------------------------------------------------------- ProQuest (APA PsycInfo)

PROQUEST_SUBJECTS = ('S1 tiab("sleep*") OR MAINSUBJECT.EXACT.EXPLODE("Sleep Disorders")\n'
                     'S2 MAINSUBJECT.EXACT("Insomnia" OR "Hypersomnia") OR ti(insomnia)\n'
                     'S3 [S1] AND [S2]\n')


def test_proquest_main_subject_headings_are_headings():
    # was: 'MAINSUBJECT.EXACT.EXPLODE is not one of ProQuest's field codes' (an error each), the heading's name
    # searched in ProQuest's default fields, and `[S1] AND [S2]` sent to PubMed as the words [S1][all] AND [S2][all]
    found = own(PROQUEST_SUBJECTS, "proquest")
    assert ("UNKNOWN_FIELD", 1, 22) not in found and ("UNKNOWN_FIELD", 2, 4) not in found
    s = parse(PROQUEST_SUBJECTS, "proquest")
    heads = [(n.name, n.explode, n.thesaurus) for ln in s.lines if ln.node is not None for n in ln.node.walk()
             if type(n).__name__ == "Heading"]
    assert heads == [("Sleep Disorders", True, "apa"), ("Insomnia", False, "apa"), ("Hypersomnia", False, "apa")]
    back = translate(PROQUEST_SUBJECTS, "proquest", "proquest").query
    assert 'MAINSUBJECT.EXACT.EXPLODE("Sleep Disorders")' in back or '"Sleep Disorders"' in back
    pubmed = translate(PROQUEST_SUBJECTS, "proquest", "pubmed").query
    assert "[S1]" not in pubmed and "S1[" not in pubmed and "MAINSUBJECT" not in pubmed


def test_proquest_bracketed_set_numbers_are_line_references_with_a_warning():
    found = own(PROQUEST_SUBJECTS, "proquest")
    assert ("STRAY_CHARACTER", 3, 4) in found
    message = next(p.message for p in parse(PROQUEST_SUBJECTS, "proquest").problems
                   if p.code == "STRAY_CHARACTER" and p.line == 3)
    assert "ProQuest writes S1" in message
    assert not [c for c, *_ in found if c == "UNUSED_LINES"]


PROQUEST_LIMITS = ('ab(("virtual reality" OR simulat*)) AND (stype.exact(("Scholarly Journals" OR "Conference '
                   'Papers & Proceedings") NOT ("Newspapers")) AND la.exact("ENG"))\n')


def test_proquest_source_type_and_language_exact_are_fields():
    # was: 'stype.exact is not one of ProQuest's field codes', 'la.exact …' (errors), "Scholarly Journals" searched
    # as words anywhere
    assert [c for c, *_ in own(PROQUEST_LIMITS, "proquest") if c == "UNKNOWN_FIELD"] == []
    assert "stype.exact(" in translate(PROQUEST_LIMITS, "proquest", "proquest").query
    t = translate(PROQUEST_LIMITS, "proquest", "pubmed")
    assert "Scholarly Journals" not in t.query
    assert "FIELD_UNSUPPORTED" in [p.code for p in t.errors]
    assert '"ENG"[la]' in t.query


# --------------------------------------------------------------------------- Embase.com: a stray quote before (

EMBASE_STRAY = ("#1 '('ptsd':ti,ab OR 'post-traumatic stress':ti,ab OR 'posttraumatic stress disorder'/exp)\n"
                "#2 '('psychedelic':ti,ab OR 'mdma':ti,ab)\n"
                "#3 #1 AND #2\n")


def test_embase_com_quote_before_a_parenthesis_is_stray():
    # was: "'('" read as a phrase "(", then `ptsd'` a word and the closing ) 'without an opening one' at the line's
    # end; PubMed got ("("[all] AND ptsd'[tiab]) OR …
    found = own(EMBASE_STRAY, "embase-com")
    assert ("STRAY_CHARACTER", 1, 4) in found and ("STRAY_CHARACTER", 2, 4) in found
    assert [c for c, *_ in found if c in ("UNBALANCED_PARENTHESIS", "UNBALANCED_QUOTE", "SYNTAX_ERROR")] == []
    pubmed = translate(EMBASE_STRAY, "embase-com", "pubmed").query
    assert '"("' not in pubmed and "ptsd'" not in pubmed
    assert pubmed.startswith('(("ptsd"[tiab] OR "post-traumatic stress"[tiab]')


# --------------------------------------------------------------------------- Markdown bold around a history line

BOLD = ("**#1:** (pain:ti,ab OR ache:ti,ab)\n\n"
        "**#2:** (back:ti,ab)\n\n"
        "**#3: #1 AND #2**\n")


def test_markdown_bold_labels_are_not_searched():
    # was: `**#1:**` searched as a word (PubMed: SHORT_TRUNCATION for '**#1 :**' and the term dropped), and
    # `#2**` in the bold combining line not a reference: line 2 'not used by line 3', nothing else said in check
    s = parse(BOLD, "embase-com")
    assert [p.code for p in s.problems if p.severity != "info"] == []
    notes = [(p.code, p.line, p.col) for p in s.problems if p.severity == "info"]
    assert ("ANNOTATION_IGNORED", 1, 1) in notes and ("ANNOTATION_IGNORED", 5, 1) in notes
    t = translate(BOLD, "embase-com", "pubmed")
    assert t.errors == []
    assert t.query == "((pain[tiab] OR ache[tiab]) AND back[tiab])"
    # the same with Markdown's escapes (`**\\#4: \\#1 AND \\#2 AND \\#3**`, as a Jekyll page keeps them)
    escaped = BOLD.replace("#", "\\#")
    assert translate(escaped, "embase-com", "pubmed").query == "((pain[tiab] OR ache[tiab]) AND back[tiab])"
    assert "UNUSED_LINES" not in [p.code for p in parse(escaped, "embase-com").problems]


def test_an_ovid_double_asterisk_slip_is_still_reported():
    # the bold rule is for a line that starts with ** only: `child**` inside a search is the slip it was
    assert parse("1 child**.ti,ab.\n", "ovid").errors or [p for p in parse("1 child**.ti,ab.\n", "ovid").problems
                                                          if p.severity == "warning"]


# --------------------------------------------------------------------------- CINAHL: MH x y unquoted, U+2010 hyphens

CINAHL_BARE = ("1. MH palliative care\n"
               "2. MH terminally ill patients\n"
               "3. TX palliat*\n"
               "4. S1 or S2 or S3\n"
               "5. MH triple\u2010blind studies or MH double\u2010blind studies\n"
               "6. AB chi\u2010square? or TI home\u2010based\n"
               "7. S4 and (S5 or S6)\n")


def test_cinahl_unquoted_headings_of_several_words_are_one_heading():
    # was: `MH palliative care` read as the heading "Palliative" AND the word care (Embase.com got
    # 'palliative'/de AND care:ti,ab,kw), nothing said
    s = parse(CINAHL_BARE, "ebsco-cinahl")
    heads = [n.name for ln in s.lines if ln.node is not None for n in ln.node.walk() if type(n).__name__ == "Heading"]
    assert heads == ["Palliative Care", "Terminally Ill Patients", "Triple-Blind Studies", "Double-Blind Studies"]
    embase = translate(CINAHL_BARE, "ebsco-cinahl", "embase-com").query
    assert "'palliative'/de AND care" not in embase and "'palliative care'/de" in embase


def test_cinahl_typographic_hyphens_are_hyphens_with_a_warning():
    # was: chi‐square? and home‐based searched with U+2010, which no database matches, nothing said
    found = [(p.code, p.line) for p in parse(CINAHL_BARE, "ebsco-cinahl").problems if p.code == "STRAY_CHARACTER"]
    assert found == [("STRAY_CHARACTER", 5), ("STRAY_CHARACTER", 6)]
    pubmed = translate(CINAHL_BARE, "ebsco-cinahl", "pubmed").query
    assert "\u2010" not in pubmed and "home-based" in pubmed


def test_cinahl_an_unknown_field_code_before_a_group_is_reported():
    # was: `BG ("time series" and interrupt*)` (no CINAHL field) searched as the word BG ANDed on, nothing said
    line = '1. BG ("time series" and interrupt*) or TI ("time series" and interrupt*)\n'
    found = [(p.code, p.col, p.message) for p in parse(line, "ebsco-cinahl").problems if p.code == "UNKNOWN_FIELD"]
    assert [(c, col) for c, col, _ in found] == [("UNKNOWN_FIELD", 4)]
    assert "BG is not one of EBSCO CINAHL's field codes" in found[0][2]
    assert "BG" not in translate(line, "ebsco-cinahl", "pubmed").query
    # an acronym in a phrase's place is no field code: OR before a group stays the operator
    assert parse('1. MH "Pain" OR (ache or aching)\n', "ebsco-cinahl").errors == []
    # a heading code before a group is no unknown code (`MH (CROSSOVER DESIGN)`, a JAMA supplement's CINAHL table)
    assert parse("1. MH (CROSSOVER DESIGN) OR TI trial\n", "ebsco-cinahl").errors == []


# --------------------------------------------------------------------------- Cochrane: a qualifier alone, U+2010

def test_cochrane_any_descriptor_with_a_qualifier_is_the_subheading():
    # was: 'Any MeSH descriptor with qualifier(s): [Drug therapy ‐ DT]' searched as the words "Any MeSH descriptor
    # with qualifier", s and ": [Drug therapy ‐ DT]", nothing said
    text = ("#1 MeSH descriptor: [Neoplasms] explode all trees\n"
            "#2 Any MeSH descriptor with qualifier(s): [Drug therapy \u2010 DT]\n"
            "#3 anti\u2010depress* or antidepress*\n"
            "#4 #1 and (#2 or #3)\n")
    assert [p.code for p in parse(text, "cochrane").problems if p.severity != "info"] == ["STRAY_CHARACTER"]
    pubmed = translate(text, "cochrane", "pubmed").query
    assert '"drug therapy"[sh]' in pubmed and "Any MeSH" not in pubmed and "qualifier" not in pubmed
    assert "anti-depress*" in pubmed and "\u2010" not in pubmed


# --------------------------------------------------------------------------- a database's name alone above the table

def test_a_database_name_alone_on_the_first_line_is_a_label():
    # was: 'Central' (a PDF table's heading above the rows) read as the first search, so the numbered rows below it
    # were taken for an unnumbered strategy: 28 'missing operator' and 19 'there is no line 89174' errors
    text = ("Central \n"
            "1 \n"
            "exp neoplasms/ or cancer survivors/ or psycho-oncology/ or exp hematopoietic stem \n"
            "cell transplantation/ or stem cell transplantation/ 89174 \n"
            "2 \n"
            "(cancer* or neoplas* or tumo?r* or malignan* or metasta* or oncogen* or \n"
            "sarcoma* or leuk?emi* or lymphoma*).ti,ab,kw 264556 \n"
            "3 or/1-2 277579 \n"
            "4 depression/ or exp depressive disorder/ or sadness/ or mental \n"
            "health/ 24936 \n"
            "5 \n"
            "(depress* or dysthymi* or melanchol*).ti,ab,kw 73821 \n"
            "6 or/4-5 80112 \n"
            "7 3 and 6 3341 \n")
    s = parse(text, "ovid")
    assert s.errors == []
    assert [(p.code, p.line) for p in s.problems if p.code == "LABEL_IGNORED"] == [("LABEL_IGNORED", 1)]
    assert [ln.number for ln in s.lines] == [1, 2, 3, 4, 5, 6, 7]


# --------------------------------------------------------------------------- Cochrane Search Manager's export

COCHRANE_EXPORT = ("Search Name: 2021-06-23 PROMS\n"
                   "Date Run: 24/06/2021 20:20:37\n"
                   "Comment:  \n"
                   " \n"
                   "ID Search Hits \n"
                   "#1 MeSH descriptor: [Neoplasms] explode all trees 82113 \n"
                   "#2 cancer* or neoplasm* or carcinoma* or oncol* or malignan* or tumor* or leukemia* or \n"
                   "leukaemia* or sarcoma* 253639 \n"
                   "#3 #1 or #2 257658 \n"
                   '#4 "patient reported outcome" 6600 \n'
                   "#5 #3 and #4 in Trials 2937 \n"
                   "#6 #5 with Publication Year from 2012 to 2021, in Trials 2707 \n")


def test_cochrane_search_manager_export_reads_as_its_searches():
    # was: 'Search Name: …', 'Date Run: …', 'Comment:' and 'ID Search Hits' searched as phrases, each hit count ANDed
    # on as a word (PubMed got "Neoplasms"[mh] AND 82113[all]), 'with Publication Year from 2012 to 2021, in Trials'
    # searched as a phrase
    s = parse(COCHRANE_EXPORT, "cochrane")
    assert s.errors == []
    assert [p.code for p in s.problems if p.severity == "warning"] == []
    assert [ln.number for ln in s.lines] == [1, 2, 3, 4, 5, 6]
    pubmed = translate(COCHRANE_EXPORT, "cochrane", "pubmed").query
    for word in ("82113", "253639", "2937", "Search Name", "Date Run", "Trials", "Publication Year"):
        assert word not in pubmed, word
    assert "2012:2021[dp]" in pubmed or '"2012"[dp] : "2021"[dp]' in pubmed or "2012:2021" in pubmed
    notes = " ".join(p.message for p in s.problems if p.severity == "info")
    assert "in Trials" in notes


# --------------------------------------------------------------------------- a PDF table of rows in CINAHL and Scopus

CINAHL_TABLE = ("Cinahl \n"
                "\n"
                "© 2024 Someone A et al. A Journal.\n"
                "1 (MH neoplasms+) or (MH \"cancer survivors\") or (MH \n"
                "\"hematopoietic stem cell transplantation\")  633417 \n"
                "2 \n"
                "TI(cancer* or neoplas* or tumor* or tumour* or malignan* or \n"
                "metasta* or oncogen*) OR AB(cancer* or neoplas* or tumor* or \n"
                "tumour* or malignan* or \n"
                "metasta* or oncogen*) 732757 \n"
                "3 S1 or S2 875757 \n"
                "4 (MH depression) 180871 \n"
                "5 \n"
                "TI(depress* or dysthymi* or melanchol* or affective or mood) OR \n"
                "AB(depress* or dysthymi* or melanchol* or affective or mood) 473887 \n"
                "© 2024 Someone A et al. A Journal.\n"
                "6 S4 or S5 520011 \n"
                "7 S3 and S6 20112 \n")
SCOPUS_TABLE = ("Scopus \n"
                "1 \n"
                "\n"
                "TITLE-ABS-KEY(cancer* or neoplas* or \n"
                "tumo*r*) 6455147 \n"
                "2 \n"
                "\n"
                "TITLE-ABS-KEY(depress* or mood) 1150296 \n"
                "3  #1 and #2 415073 \n")


def test_a_pdf_table_of_rows_in_cinahl_and_scopus_reads_as_its_rows():
    # was: each row number alone on a line searched as a word ('3 AND (#1 OR #2) AND 6488041' in Embase.com), the
    # counts after one space searched as words, the '©' footer searched, nothing said in check
    for text, read, last in ((CINAHL_TABLE, "ebsco-cinahl", 7), (SCOPUS_TABLE, "scopus", 3)):
        s = parse(text, read)
        assert s.errors == [], s.errors
        assert [ln.number for ln in s.lines] == list(range(1, last + 1))
        embase = translate(text, read, "embase-com").query
        for word in ("633417", "732757", "6455147", "415073", "©", "Journal", "Cinahl", "Scopus"):
            assert word not in embase, (read, word)
        assert embase.splitlines()[-1] == ("#7 #3 AND #6" if read == "ebsco-cinahl" else "#3 #1 AND #2")


def test_cinahl_field_code_glued_to_its_group_and_the_history_limiters_note():
    # was: `TI(cancer* or tumor*)` read as the word TI ANDed with the group (Embase.com: TI:ti,ab,kw AND (…)); the
    # history's `S32  Limiters - Published Date: 19800101-; English Language` searched as a phrase, nothing said
    text = ("S1 TI(cancer* or tumor*) OR AB(cancer* or tumor*)\n"
            "S2 S1  Limiters - Published Date: 19800101-; English Language\n")
    s = parse(text, "ebsco-cinahl")
    assert s.errors == []
    notes = [(p.code, p.line, p.col) for p in s.problems if p.code == "STRAY_CHARACTER"]
    assert notes == [("STRAY_CHARACTER", 2, 8)]
    embase = translate(text, "ebsco-cinahl", "embase-com").query
    assert "TI:" not in embase and "Limiters" not in embase
    assert "(cancer* OR tumor*):ti" in embase
