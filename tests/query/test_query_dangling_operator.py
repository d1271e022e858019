"""A line that ends in an operator, followed by the next numbered line: `1 qualitative or
interview* adj9` / `2 pain.ti.` / `3 1 and 2`. Line 2 was read as the rest of line 1, so line 3
was blamed ('line 2 does not exist') and line 1's slip went unnamed (found by session 7's CLI
review). A line numbered as the next statement starts it; line 1's missing operand is its error."""

from __future__ import annotations

from screener.query import parse


def test_the_next_numbered_line_is_not_swallowed_and_the_error_is_where_the_slip_is():
    strategy = parse("1 qualitative or interview* adj9\n2 pain.ti.\n3 1 and 2\n")
    assert [ln.number for ln in strategy.lines] == [1, 2, 3]
    assert [(p.code, p.line) for p in strategy.errors] == [("EMPTY_GROUP", 1)]


def test_an_unnumbered_wrap_after_an_operator_still_continues_the_line():
    strategy = parse("1 qualitative or\n   interview*.tw.\n2 pain.ti.\n3 1 and 2\n")
    assert [ln.number for ln in strategy.lines] == [1, 2, 3]
    assert strategy.errors == []
