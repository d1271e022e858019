"""A phrase in single quotes in an Ovid strategy (`'back ache'`, Embase.com's style, or typographic
‘back ache’): the note said 'read as a phrase (Ovid phrases use double quotes)' without the text to
write; it now says it, as the note on typographic double quotes does."""

from __future__ import annotations

from screener.query.workbench import check_strategy


def _quote_notes(text: str) -> list[str]:
    return [p["message"] for p in check_strategy(text)["problems"] if p["code"] == "QUOTE_STYLE"]


def test_a_single_quoted_phrase_is_answered_with_the_phrase_to_write():
    assert _quote_notes("1 \u2018back ache\u2019.ti,ab.\n") == [
        "single-quoted phrase \u2018back ache\u2019: Ovid phrases take double quotes \u2014 write \"back ache\" (read so)"]
    assert _quote_notes("1 'back ache'.ti,ab.\n") == [
        "single-quoted phrase 'back ache': Ovid phrases take double quotes \u2014 write \"back ache\" (read so)"]
