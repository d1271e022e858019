"""`limit … to …` written inside a search line (found by the hold-out: a one-line Embase strategy
ending `and (limit to <20240805)`). Ovid limits a whole line (`limit N to …`); inside a line the
words were searched as the phrase "limit to english language" with no problem reported. Now a
BAD_LIMIT error naming the limit line to write, read as that limit of what it is ANDed with (as a
PubMed or Embase.com limit pasted into an Ovid line is)."""

from __future__ import annotations

from screener.query import parse, translate


def test_a_limit_inside_a_search_line_is_an_error_read_as_the_limit_of_its_line():
    line = "(back pain or sciatica).ti,ab. and (limit to english language)"
    strategy = parse(line, "ovid")
    assert [(e.code, e.col) for e in strategy.errors] == [("BAD_LIMIT", 37)]
    assert "limit N to english language" in strategy.errors[0].message
    assert translate(line, "ovid", "pubmed").query == translate(
        "1 (back pain or sciatica).ti,ab.\n2 limit 1 to english language", "ovid", "pubmed").query


def test_several_limits_and_a_line_number_inside_a_search_line():
    line = "pain.ti. and limit 1 to (humans and english language)"
    strategy = parse(line, "ovid")
    assert [e.code for e in strategy.errors] == ["BAD_LIMIT"]
    assert translate(line, "ovid", "pubmed").query == translate(
        "1 pain.ti.\n2 limit 1 to (humans and english language)", "ovid", "pubmed").query


def test_an_unknown_inline_limit_is_also_unknown():
    strategy = parse("pain.ti. and (limit to <20240805)", "ovid")
    assert sorted(e.code for e in strategy.errors) == ["BAD_LIMIT", "UNKNOWN_LIMIT"]
    assert "limit to" not in (translate("pain.ti. and (limit to <20240805)", "ovid", "pubmed").query or "")


def test_limit_as_a_word_is_still_a_word():
    for line in ("speed limit.ti,ab.", "(limit* adj3 dose).ti,ab.", "detection limit to noise.ti,ab.",
                 "1 pain.ti.\n2 limit 1 to english language"):
        assert parse(line, "ovid").errors == [], line
