"""Ovid's `remove duplicates from N` (a history command, in 3 CLEF TAR strategies) is line N for
searching — not a phrase search for the words "remove duplicates from N"."""

from __future__ import annotations

from screener.query import parse, translate
from screener.query.evaluate import evaluate
from screener.records.model import Record

STRATEGY = "1 pain.ti.\n2 limit 1 to english\n3 remove duplicates from 2\n"


def test_read_as_the_line_it_names_with_a_note():
    s = parse(STRATEGY)
    assert not s.errors
    notes = [(p.code, p.severity, p.line) for p in s.problems if p.code == "REMOVE_DUPLICATES"]
    assert notes == [("REMOVE_DUPLICATES", "info", 3)]
    assert translate(STRATEGY, write="pubmed").query == "(pain[ti] AND english[la])"


def test_evaluated_as_the_line_it_names():
    ev = evaluate(" 1 pain.ti.\n 2 remove duplicates from 1 \n", [Record(title="pain", language="eng"), Record(title="x")])
    assert sorted(ev.final.hits) == [0]


def test_reference_to_a_later_line_is_an_error():
    s = parse("1 pain.ti.\n2 remove duplicates from 5\n")
    assert [p.code for p in s.errors] == ["BAD_LINE_REFERENCE"]


def test_ovid_targets_keep_the_command():
    assert translate(STRATEGY, write="ovid-medline").query.splitlines()[-1] == "3 remove duplicates from 2"
    again = translate(translate(STRATEGY, write="ovid-medline").query, write="ovid-medline").query
    assert again == translate(STRATEGY, write="ovid-medline").query
