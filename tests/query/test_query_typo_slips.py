"""Slips information specialists make typing a strategy (benchmarks/query_typos.py applies them to the
CLEF strategies): each is reported at its line:col with what to write instead, and read as meant.
Before: `Pain/exp`, `Pain/*`, `child**`, `child$$`, `1 adn 2`, `1 or2`, `pain,tw.` were searched as
literal words (`"Pain/exp"[tw]`, `"1 adn 2"[tw]`) with nothing said or a warning on another line;
`Pain//` was only 'not a MeSH heading'; `exp/ Pain` was 'missing operator' at the wrong column;
`.ti, ab.`, `.tw .`, curly quotes in Ovid and a lower-case `or` in PubMed were read with nothing said;
`.ti,aab.` suggested `.ab.`, not the suffix to write; a trailing `or` said only 'needs an operand'."""

from __future__ import annotations

import pytest

from screener.query import parse, translate

REST = "\n2 pain.tw.\n3 1 or 2"

# (line 1 as written, (severity, code, col), text the message must hold, PubMed query of line 3)
OVID = [
    ("1 Pain/exp", ("error", "HEADING_SYNTAX", 3), "exp Pain/", '("Pain"[mh] OR pain[tiab])'),
    ("1 Pain/*", ("error", "HEADING_SYNTAX", 3), "*Pain/", '("Pain"[majr:noexp] OR pain[tiab])'),
    ("1 Pain//", ("error", "HEADING_SYNTAX", 3), "write Pain/", '("Pain"[mh:noexp] OR pain[tiab])'),
    ("1 exp/ Back Pain", ("error", "HEADING_SYNTAX", 3), "exp Back Pain/", '("Back Pain"[mh] OR pain[tiab])'),
    # the slash before the explosion (found by the CLI review: searched as the phrase "/exp Back Pain"[tw])
    ("1 /exp Back Pain", ("error", "HEADING_SYNTAX", 3), "write exp Back Pain/", '("Back Pain"[mh] OR pain[tiab])'),
    ("1 /exp Back Pain or Pain/", ("error", "HEADING_SYNTAX", 3), "write exp Back Pain/",
     '(("Back Pain"[mh] OR "Pain"[mh:noexp]) OR pain[tiab])'),
    ("1 exp/ Back Pain or Pain/", ("error", "HEADING_SYNTAX", 3), "exp Back Pain/",
     '(("Back Pain"[mh] OR "Pain"[mh:noexp]) OR pain[tiab])'),
    ("1 exp Back Pain/exp", ("error", "HEADING_SYNTAX", 7), "write exp Back Pain/", '("Back Pain"[mh] OR pain[tiab])'),
    ("1 child**.tw.", ("error", "SYNTAX_ERROR", 8), "child*", "(child*[tiab] OR pain[tiab])"),
    ("1 child$$.tw.", ("error", "SYNTAX_ERROR", 8), "child$", "(child*[tiab] OR pain[tiab])"),
    ("1 Gerber $.mp.", ("error", "SYNTAX_ERROR", 10), "write Gerber$", "(Gerber*[tw] OR pain[tiab])"),
    ("1 (a or b),tw.", ("error", "UNKNOWN_FIELD", 11), ".tw.", "((a[tiab] OR b[tiab]) OR pain[tiab])"),
    ("1 child$,tw.", ("error", "UNKNOWN_FIELD", 9), ".tw.", "(child*[tiab] OR pain[tiab])"),
    ("1 exp Back Pain or (ache).tw.", ("error", "HEADING_SYNTAX", 3), "write `exp Back Pain/`", None),
    ("1 exp Back Pain.ab.", ("error", "HEADING_SYNTAX", 3), "write `exp Back Pain/`, for the words delete the exp", None),
    ("1 (young child $ or infant).tw.", ("error", "SYNTAX_ERROR", 16), "child$",
     '(("young child*"[tiab] OR infant[tiab]) OR pain[tiab])'),
    ("1 pain,tw.", ("error", "UNKNOWN_FIELD", 7), ".tw.", "(pain[tiab] OR pain[tiab])"),
    ("1 (back pain).ti, ab.", ("warning", "STRAY_CHARACTER", 14), ".ti,ab.", '("back pain"[tiab] OR pain[tiab])'),
    ("1 back.tw .", ("warning", "STRAY_CHARACTER", 7), ".tw.", "(back[tiab] OR pain[tiab])"),
    ("1 back.ti,aab.", ("error", "UNKNOWN_FIELD", 7), "did you mean .ti,ab.", None),
    ("1 back.t.", ("error", "UNKNOWN_FIELD", 7), ".tw.", None),
    ("1 back.ti,a.", ("error", "UNKNOWN_FIELD", 7), "did you mean .ti,ab.", None),
    ("1 back.tiab,kf.", ("error", "UNKNOWN_FIELD", 7), "did you mean .ti,ab,kf.", None),
    ("1 \u201cback pain\u201d.tw.", ("warning", "QUOTE_STYLE", 3), '"back pain"', '("back pain"[tiab] OR pain[tiab])'),
]


@pytest.mark.parametrize("first, where, says, query", OVID, ids=[c[0] for c in OVID])
def test_ovid_slip_on_line_one(first, where, says, query):
    s = parse(first + REST, "ovid")
    found = [(p.severity, p.code, p.col) for p in s.problems if p.line == 1 and p.severity != "info"]
    assert found == [where], [p.message for p in s.problems]
    msg = next(p.message for p in s.problems if p.line == 1 and p.code == where[1])
    assert says in msg
    if query is not None:
        assert translate(first + REST, "ovid", "pubmed").query == query


@pytest.mark.parametrize("last, col, says, query", [
    ("3 1 adn 2", 5, "write `1 and 2`", '("Pain"[mh:noexp] AND pain[tiab])'),
    ("3 1 ro 2", 5, "write `1 or 2`", '("Pain"[mh:noexp] OR pain[tiab])'),
    ("3 1 or2", 5, "write `or 2`", '("Pain"[mh:noexp] OR pain[tiab])'),
    ("3 1 or 2 or", 10, "delete the OR", '("Pain"[mh:noexp] OR pain[tiab])'),
])
def test_ovid_line_combination_slips(last, col, says, query):
    text = "1 Pain/\n2 pain.tw.\n" + last
    s = parse(text, "ovid")
    errors = [(p.line, p.col) for p in s.errors]
    assert errors == [(3, col)], [p.message for p in s.problems]
    assert says in s.errors[0].message
    assert not [p for p in s.problems if p.code == "UNUSED_LINES"]
    assert translate(text, "ovid", "pubmed").query == query


def test_a_combination_ending_in_an_operator_does_not_swallow_the_next_search():
    # unnumbered (as CLEF's): `1 or 2 or` took `exp Pain/` as its last operand, nothing said
    text = "pain.tw.\nback.tw.\n1 or 2 or\nexp Pain/\n3 and 4"
    s = parse(text, "ovid")
    assert [(p.code, p.line, p.col) for p in s.errors] == [("EMPTY_GROUP", 3, 8)]
    assert "delete the OR" in s.errors[0].message
    assert translate(text, "ovid", "pubmed").query == '((pain[tiab] OR back[tiab]) AND "Pain"[mh])'
    # a search wrapped after its operator is still one line
    assert len(parse("(pain or\nback).tw.", "ovid").lines) == 1


def test_valid_ovid_forms_stay_quiet():
    # what Ovid reads as written: no error, no warning (case, `$`, `#`, `?`, major heading, adj)
    for line in ["1 PAIN.TW.", "1 child$.tw.", "1 wom#n.tw.", "1 colo?r.tw.", "1 *Pain/", "1 (a ADJ3 b).tw.",
                 "1 child$2.tw.", "1 exp Pain/", "1 Pain/ or Back Pain/", "1 *Pain/dh"]:
        s = parse(line, "ovid")
        assert [p for p in s.problems if p.severity != "info"] == [], (line, [p.message for p in s.problems])


@pytest.mark.parametrize("text, col, says", [
    ("pain[tiab] or back[tiab]", 12, "write OR"),
    ("pain[tiab] and back[tiab]", 12, "write AND"),
    ("(pain[tiab] Or back[tiab]) AND x[tiab]", 13, "write OR"),
    ("pain[tiab] or back[tiab] or x[tiab] or y[tiab]", 12, "write OR (read so); 2 more lower-case operators on this line"),
])
def test_pubmed_lower_case_operator(text, col, says):
    s = parse(text, "pubmed")
    found = [(p.severity, p.line, p.col) for p in s.problems if p.code == "UNKNOWN_OPERATOR"]
    assert found == [("warning", 1, col)]
    assert says in next(p.message for p in s.problems if p.code == "UNKNOWN_OPERATOR")
    assert translate(text, "pubmed", "pubmed").query == text.replace(" or ", " OR ").replace(
        " and ", " AND ").replace(" Or ", " OR ")


@pytest.mark.parametrize("text, col, says", [
    ("pain[tiab]] AND back[tiab]", 11, "write [tiab]"),
    ("pain[tw ] AND back[tiab]", 5, "write [tw]"),
    ("pain[ tiab] AND back[tiab]", 5, "write [tiab]"),
])
def test_pubmed_tag_slips_name_the_tag_to_write(text, col, says):
    # before: `[tiab]]` was "a ']' without '[' (ignored)" and `[tw ]` nothing at all
    s = parse(text, "pubmed")
    found = [p for p in s.problems if p.code == "STRAY_CHARACTER"]
    assert [(p.severity, p.col) for p in found] == [("warning", col)]
    assert says in found[0].message


def test_pubmed_missing_or_in_a_list_of_ors_is_said():
    # PubMed ANDs juxtaposed terms (valid syntax), but in a list joined by OR a missing OR is the slip:
    # before, only 'AND and OR mixed' at the line's start (or nothing, inside a group)
    text = "pain[tiab] OR back[tiab] ache[tiab] OR x[tiab]"
    s = parse(text, "pubmed")
    found = [(p.code, p.severity, p.col) for p in s.problems]
    assert found == [("MIXED_OPERATORS", "warning", 26)], [p.message for p in s.problems]
    assert "write OR" in s.problems[0].message
    assert translate(text, "pubmed", "pubmed").query == "((pain[tiab] OR back[tiab]) AND ache[tiab]) OR x[tiab]"
    # untagged words are one term (back pain), and juxtaposition without any OR says nothing new
    assert parse("back pain[tiab] OR x[tiab]", "pubmed").problems == []
    assert [p.code for p in parse("(a[tiab] b[tiab]) AND c[tiab]", "pubmed").problems] == []


def test_a_missing_line_is_one_error_not_two():
    """The compiler repeated each BAD_LINE_REFERENCE the strategy's reading had already reported, at the same
    line and column ('line 5 cannot be compiled; the reference is dropped'), so `search pubmed` said
    '(and 3 more)' for the two errors `query check` lists."""
    text = "1. pain.tw.\n2. ache.tw.\n3. 1 or 5\n4. 3 and 9"
    errors = translate(text, "ovid", "pubmed").errors
    assert [(p.code, p.line, p.col) for p in errors] == [("BAD_LINE_REFERENCE", 3, 9), ("BAD_LINE_REFERENCE", 4, 10)]
    assert "there is no line 5" in errors[0].message
