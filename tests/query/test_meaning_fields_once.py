"""A line's meaning (the workbench's 'Lines as read', the caret's line) names each field once: before,
`.tw,ab.` — a slip the checker notes as FIELD_REDUNDANT — read 'in title, abstract, abstract'."""

from __future__ import annotations

from screener.query.workbench import check_strategy


def _meanings(text: str) -> list[str]:
    return [ln["meaning"] for ln in check_strategy(text)["lines"]]


def test_a_field_named_twice_by_a_field_list_is_said_once():
    assert _meanings("1 (pain adj3 chronic).tw,ab.\n2 pain.ti,ab,tw.\n3 1 or 2\n") == [
        "[pain ; chronic] at most 2 words apart (any order) in title, abstract",
        "pain in title, abstract",
        "line 1 OR line 2",
    ]
