"""Backslash-escaped quotes (residue of JSON or a program's string, as in the transmute corpus's
`\\"mini mental stat*\\".ti,ab.`) are read as quotes with a warning, not compiled into the query."""

from __future__ import annotations

from screener.query import parse, translate


def test_escaped_quotes_are_a_phrase_with_a_warning():
    text = '1. MMSE*.ti,ab.\n2. \\"mini mental stat*\\".ti,ab.\n3. or/1-2\n'
    t = translate(text, read="ovid", write="pubmed")
    assert t.query == '(MMSE*[tiab] OR "mini mental stat*"[tiab])'
    stray = [(p.code, p.line, p.col) for p in parse(text).problems if p.code == "STRAY_CHARACTER"]
    assert stray == [("STRAY_CHARACTER", 2, 4), ("STRAY_CHARACTER", 2, 23)]
    assert not parse(text).errors


def test_backslash_inside_a_word_is_a_space_with_a_warning():
    s = parse("1. back\\pain.ti.\n")
    assert [(p.code, p.col) for p in s.problems if p.code == "STRAY_CHARACTER"] == [("STRAY_CHARACTER", 8)]
    assert translate("1. back\\pain.ti.\n", write="pubmed").query == '"back pain"[ti]'


def test_comment_lines_keep_their_backslashes_silently():
    s = parse("// C:\\strategies\\pain.txt\n1. pain.ti.\n")
    assert [p.code for p in s.problems if p.code == "STRAY_CHARACTER"] == []


def test_pubmed_syntax_escaped_quotes():
    t = translate('\\"mini mental\\"[tiab] AND dementia[tiab]', read="pubmed", write="ovid-medline")
    assert "\\" not in t.query
    assert '"mini mental"' in t.query
