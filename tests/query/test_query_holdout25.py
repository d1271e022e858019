"""Defects the query hold-out of round 25 showed (benchmarks/query_holdout/sources.tsv: Ovid MEDLINE, Embase and
PsycINFO histories and EBSCOhost CINAHL lines kept in repositories of projects new to the set). Each strategy here
is invented in the shape of the real line that showed the defect; the hold-out files stay outside the repository."""

from __future__ import annotations

from screener.query import parse, translate


def own(text: str, read: str) -> list[tuple[str, int, int, str]]:
    """The strategy's own errors and warnings: (code, physical line, column, message)."""
    return [(p.code, p.line, p.col, p.message) for p in parse(text, read).problems if p.severity != "info"]


def codes(text: str, read: str) -> list[str]:
    return [c for c, *_ in own(text, read)]


# --------------------------------------------------------------------------- an Ovid export saved as Markdown

# A protocol written in Google Docs and saved as Markdown: every `*`, `[`, `]`, `<`, `>` of the pasted Ovid
# export escaped with a backslash, and a blank line between the searches.
MARKDOWN_EXPORT = (
    "Database: Embase \\<1974 to 2025 March 07\\>, Ovid MEDLINE(R) ALL \\<1946 to March 07, 2025\\>\n\n"
    "Search Strategy:\n\n"
    "1  (knee and replac\\*).mp. (5120)\n\n"
    "2  arthroplast\\*.mp. (90211)\n\n"
    "3  1 or 2 (93004)\n\n"
    "4  remove duplicates from 3 (71877)\n\n"
    "5  limit 4 to dt=20250101-20250307 \\[Limit not valid in Embase; records were retained\\] (70102)\n\n"
    "6  limit 5 to dd=20250101-20250307 \\[Limit not valid in Ovid MEDLINE(R); records were retained\\] (1204)\n"
)


def test_markdown_escapes_are_read_as_the_character_escaped():
    # `replac\*` was `replac *`: '* must be followed by a subject heading' and 'missing operator before *' (8 false
    # errors in the appendix), the `)` after it unbalanced
    s = parse(MARKDOWN_EXPORT, "ovid")
    assert [p.code for p in s.errors] == []
    assert translate(MARKDOWN_EXPORT, "ovid", "embase-com").query.splitlines()[:2] == [
        "#1 (knee AND replac*):ti,ab,kw", "#2 arthroplast*:ti,ab,kw"]


def test_markdown_escapes_are_said_once_a_line_with_what_to_write():
    line5 = [(c, col, m) for c, ln, col, m in own(MARKDOWN_EXPORT, "ovid") if ln == 5]
    assert [(c, col) for c, col, _ in line5] == [("STRAY_CHARACTER", 20)]
    assert "\\*" in line5[0][2] and "Markdown" in line5[0][2] and "write *" in line5[0][2]


def test_a_backslash_before_a_letter_is_still_a_space():
    assert translate("1. back\\pain.ti.\n", write="pubmed").query == '"back pain"[ti]'


def test_remove_duplicates_with_its_hit_count_is_the_line_it_names():
    # `6  remove duplicates from 5 (2606)`: searched as the phrase "remove duplicates from 5", which became the
    # whole PubMed query; UNUSED_LINES blamed lines 1–5
    s = parse(MARKDOWN_EXPORT, "ovid")
    assert "UNUSED_LINES" not in [p.code for p in s.problems]
    assert "REMOVE_DUPLICATES" in [p.code for p in s.problems]
    assert "remove duplicates" not in translate(MARKDOWN_EXPORT, "ovid", "pubmed").query
    assert translate("1 pain.ti. (12)\n2 remove duplicates from 1 (10)\n", "ovid", "pubmed").query == "pain[ti]"


def test_ovid_limit_with_its_not_valid_note():
    # `limit 7 to dd=… [Limit not valid in Ovid MEDLINE(R); records were retained]`: dd (Embase's date delivered)
    # was UNKNOWN_LIMIT, and the note was kept in the limit's text in every message
    s = parse(MARKDOWN_EXPORT, "ovid")
    assert "UNKNOWN_LIMIT" not in [p.code for p in s.problems]
    for target in ("pubmed", "embase-com"):
        for p in translate(MARKDOWN_EXPORT, "ovid", target).errors:
            assert "not valid" not in p.message


# --------------------------------------------------------------------------- CINAHL: MH before a heading


def test_cinahl_heading_inside_a_group_does_not_take_the_groups_parenthesis():
    # `(MH "Hearing Tests" OR deafness)`: the heading's pattern took the group's `(` as its own, then the
    # group's `)` was 'a closing parenthesis without an opening one'
    text = '(MH "Hearing Tests" OR deafness) AND TI audiometr*'
    assert codes(text, "ebsco-cinahl") == []
    assert translate(text, "ebsco-cinahl", "pubmed").query == \
        '(("Hearing Tests"[mh:noexp] OR deafness[tw]) AND audiometr*[ti])'


def test_cinahl_heading_in_curly_quotes_or_without_a_space():
    # `MH “Hearing tests”` (a word processor's quotes) and `MH"artifical intelligence"` (no space): MH was
    # searched as a word ANDed with the phrase, only a false MIXED_OPERATORS said
    text = '(MH “Hearing Tests” OR deafness) AND (machine learning or MH"Artificial Intelligence")'
    assert codes(text, "ebsco-cinahl") == []
    assert translate(text, "ebsco-cinahl", "pubmed").query == (
        '(("Hearing Tests"[mh:noexp] OR deafness[tw]) AND ("machine learning"[tw] OR '
        '"Artificial Intelligence"[mh:noexp]))')


def test_cinahl_parenthesised_heading_still_read():
    text = '(MH "Hearing Tests+") OR (MM "Deafness")'
    assert codes(text, "ebsco-cinahl") == []
    assert translate(text, "ebsco-cinahl", "pubmed").query == '("Hearing Tests"[mh] OR "Deafness"[majr:noexp])'


# --------------------------------------------------------------------------- a table cell's note after the search


def test_scopus_note_after_the_search_is_not_searched():
    # a review's supplementary table: `TITLE-ABS-KEY(…); Limit: Document type = Article OR Review; …` — the note's
    # words, `=` and `;` were searched as words ANDed on, only MIXED_OPERATORS said
    text = 'TITLE-ABS-KEY("knee pain" AND exercise); Limit: Document type = Article OR Review; Source type = Journal'
    found = own(text, "scopus")
    assert [(c, ln, col) for c, ln, col, _ in found] == [("STRAY_CHARACTER", 1, 40)]
    assert "Limit: Document type" in found[0][3] and "by hand" in found[0][3]
    assert translate(text, "scopus", "pubmed").query == '("knee pain"[tiab] AND exercise[tiab])'


def test_wos_refined_by_note_is_not_searched():
    text = 'TS=("knee pain" AND exercise); Refined by: Document Types = Article'
    assert [c for c, *_ in own(text, "wos")] == ["STRAY_CHARACTER"]
    assert translate(text, "wos", "pubmed").query == translate('TS=("knee pain" AND exercise)', "wos", "pubmed").query


# --------------------------------------------------------------------------- a heading's quote left open


def test_cochrane_heading_quote_left_open_is_reported_at_the_quote():
    # a librarian's filter: `[mh "adolescent"] OR [mh "child] OR [mh "child behavior"] …` — reported as a quote never
    # closed at the line's last quote (col 87 here, not 26), the rest read as `[mh` AND "child] OR [mh" …, a false
    # MIXED_OPERATORS
    text = '[mh "adolescent"] OR [mh "child] OR [mh "child behavior"] OR [mh "infant"] OR [mh "puberty"]'
    found = own(text, "cochrane")
    assert [(c, col) for c, _, col, _ in found] == [("UNBALANCED_QUOTE", 26)]
    assert '[mh "child"]' in found[0][3]
    assert translate(text, "cochrane", "pubmed").query == \
        '("Adolescent"[mh] OR "Child"[mh] OR "Child Behavior"[mh] OR "Infant"[mh] OR "Puberty"[mh])'


def test_embase_heading_quote_left_open_is_reported_at_the_quote():
    # `… or 'perinatology'/exp  or 'puberty/de or 'toddler'/de`: read as the phrase 'puberty/de or ' AND the word
    # toddler'/de, only a false MIXED_OPERATORS said
    text = "'child'/de or 'puberty/de or 'toddler'/de"
    found = own(text, "embase-com")
    assert [(c, col) for c, _, col, _ in found] == [("UNBALANCED_QUOTE", 15)]
    assert "'puberty'/de" in found[0][3]
    assert translate(text, "embase-com", "embase-com").query == "#1 'child'/de OR 'puberty'/de OR 'toddler'/de"


def test_pubmed_filter_note_after_the_search_is_not_searched():
    # `…[tiab]); Filter: Humans, Clinical Trial or RCT, 2018/01:2025/05[dp]`: the ';' warned, but "Filter: Humans,
    # Clinical Trial" searched as words and the note's lower-case `or` read as OR
    text = '("knee pain"[tiab] AND exercise[tiab]); Filter: Humans, Clinical Trial or RCT, 2018/01:2025/05[dp]'
    found = own(text, "pubmed")
    assert [(c, col) for c, _, col, _ in found] == [("STRAY_CHARACTER", 39)]
    assert "Filter: Humans" in found[0][3] and "by hand" in found[0][3]
    assert translate(text, "pubmed", "pubmed").query == '"knee pain"[tiab] AND exercise[tiab]'


def test_unknown_value_in_a_limit_list_is_named_alone():
    # `limit 20 to (conference abstract or article or article in press or review or "review.ar")`: the error named
    # the whole list as unknown, though only "review.ar" is no Ovid limit
    text = '1 pain.ti.\n2 limit 1 to (conference abstract or article or review or "review.ar")\n'
    found = [(c, m) for c, _, _, m in own(text, "ovid-embase")]
    assert [c for c, _ in found] == ["UNKNOWN_LIMIT"]
    assert "'\"review.ar\"'" in found[0][1] and "conference abstract" not in found[0][1]
