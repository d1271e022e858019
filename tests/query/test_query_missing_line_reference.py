"""A line reference to a line the strategy does not have — the slip an information specialist makes
when renumbering (`10 8 and 12` in a ten-line strategy) — must say the line does not exist and which
lines do, not that it 'comes later' (there is no later line 12 to move it below). A reference to a
line that does come later keeps saying so, with what to do."""

from __future__ import annotations

import pytest

from screener.query import parse

OVID = "1 exp Pain/\n2 qualitative.ti,ab.\n3 1 and 2\n4 6 and 3\n5 3 and 12\n6 or/1-9\n"


def _messages(text: str, syntax: str = "ovid") -> dict[int, str]:
    strategy = parse(text, read=syntax)
    return {p.line: p.message for p in strategy.problems if p.code == "BAD_LINE_REFERENCE"}


def test_ovid_reference_to_a_missing_line_says_it_does_not_exist():
    found = _messages(OVID)
    # before: 'line 12 comes later (a line can only combine earlier lines)'
    assert found[5] == "there is no line 12 (the strategy's lines are 1-6)"
    assert found[4] == "line 6 comes later: a line can only combine the lines above it (move line 4 below line 6)"
    # before: 'or/1-9 refers to line(s) 6-9 that do not exist or come later'
    assert found[6] == ("or/1-9 refers to lines 7-9, which do not exist (the strategy's lines are 1-6) and to line 6, "
                        "which is this line (a line can only combine the lines above it)")


@pytest.mark.parametrize("syntax, text, line, message", [
    ("pubmed", "#1 pain[tiab]\n#2 #1 AND #7\n", 2, "there is no #7 (the strategy's lines are #1-#2)"),
    ("pubmed", "#1 #2 AND pain\n#2 qualitative\n", 1,
     "#2 comes later: a line can only combine the lines above it (move #1 below #2)"),
])
def test_other_syntaxes_say_the_same(syntax, text, line, message):
    assert _messages(text, syntax)[line] == message


def test_a_pubmed_bad_reference_is_one_error_not_two():
    # before: also 'EMPTY_GROUP: AND needs an operand on both sides' at the AND, which has two
    problems = parse("#1 pain[tiab]\n#2 ache[tiab]\n#3 #1 AND #9\n", read="pubmed").problems
    assert [p.code for p in problems if p.severity == "error"] == ["BAD_LINE_REFERENCE"]
