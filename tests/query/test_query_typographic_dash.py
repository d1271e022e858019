"""A line range written with the dash Word puts in (`or/1–3`, en dash): pasted from a protocol or a
review's appendix it was a SYNTAX_ERROR ('missing operator before –2', read as OR) and the lines in
the range unused. It is the range a person means: read so, with a warning that Ovid takes '-'."""

from __future__ import annotations

import pytest

from screener.query import parse
from screener.query.translate import translate

LINES = "1 pain.ti.\n2 back.ti.\n3 ache.ti.\n"


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2212", "\u2011"])
@pytest.mark.parametrize("combine", ["or/1{d}3", "OR/1 {d} 3", "or 1{d}3", "or/1,2{d}3"])
def test_a_typographic_dash_in_a_range_is_the_range(combine, dash):
    text = LINES + "4 " + combine.format(d=dash) + "\n"
    strategy = parse(text)
    assert strategy.errors == []
    assert [p.code for p in strategy.problems] == ["STRAY_CHARACTER"]
    assert f"U+{ord(dash):04X}" in strategy.problems[0].message and "Ovid takes only '-'" in strategy.problems[0].message
    assert translate(text, "ovid", "pubmed").query == "(pain[ti] OR back[ti] OR ache[ti])"
    assert translate(text, "ovid", "ovid-medline").query.splitlines()[-1] == "4 or/1-3"


def test_the_hyphen_stays_silent():
    assert parse(LINES + "4 or/1-3\n").problems == []
