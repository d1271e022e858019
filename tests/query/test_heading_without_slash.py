"""A MeSH heading typed without its '/' in an Ovid strategy (`1 Chronic Pain`): Ovid searches the
words in its default fields, not the heading, and nothing said so — the line read "Chronic Pain" in
Ovid's default fields. A note now names the heading and how to write it; a free-text line that only
looks like one (lower case, truncated, quoted, fielded) is left alone."""

from __future__ import annotations

from pathlib import Path

from screener.query.workbench import check_strategy

TOYE = Path(__file__).resolve().parents[2] / "queries" / "toye2017" / "medline.ovid"


def _codes(text: str) -> list[tuple[str, str, int, int]]:
    return [(p["code"], p["severity"], p["line"], p["col"]) for p in check_strategy(text)["problems"]]


def test_a_heading_without_its_slash_is_noted_where_it_stands():
    problems = check_strategy("1 Chronic Pain\n2 qualitative.ti,ab.\n3 1 and 2\n")["problems"]
    assert [(p["code"], p["severity"], p["line"], p["col"]) for p in problems] == \
        [("HEADING_WITHOUT_SLASH", "info", 1, 3)]
    assert problems[0]["message"] == ("\"Chronic Pain\" is a MeSH heading written without its '/': Ovid searches "
                                      "these words in its default fields (.mp.); for the subject heading write "
                                      "`Chronic Pain/`")


def test_free_text_that_only_looks_like_a_heading_is_left_alone():
    for text in ("1 chronic pain\n", "1 Chronic Pain*\n", '1 "Chronic Pain"\n', "1 Chronic Pain.ti,ab.\n",
                 "1 Chronic Pain/\n", "1 Chronic Pain and fatigue\n", "1 Chronic Pains\n"):
        assert [c for c, *_ in _codes(text) if c == "HEADING_WITHOUT_SLASH"] == [], text
    assert [c for c, *_ in _codes(TOYE.read_text(encoding="utf-8"))] == []
