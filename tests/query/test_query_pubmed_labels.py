"""PubMed strategies written as labelled blocks (CLEF TAR style): a block label with a
parenthesised note, numbered in the labels' sequence, is a label too, not a search line."""

from __future__ import annotations

from screener.query import parse

STRATEGY = """1 Index test: physical examination
1a
"straight leg raising"[tw] OR lasegue[tw]
2 Population: low-back pain
"back pain"[tw] OR sciatica[mesh]
3 Methodological filter (primary diagnostic studies)
3a
diagnosis[sh] OR sensitivity[tw]
"""


def test_parenthesised_label_in_the_label_sequence_is_skipped():
    s = parse(STRATEGY, "pubmed")
    assert [ln.text for ln in s.lines] == ['"straight leg raising"[tw] OR lasegue[tw]',
                                           '"back pain"[tw] OR sciatica[mesh]',
                                           "diagnosis[sh] OR sensitivity[tw]"]
    labels = [(p.line, p.code) for p in s.problems if p.code == "LABEL_IGNORED"]
    assert labels == [(1, "LABEL_IGNORED"), (2, "LABEL_IGNORED"), (4, "LABEL_IGNORED"),
                      (6, "LABEL_IGNORED"), (7, "LABEL_IGNORED")]


def test_a_search_with_parentheses_is_still_a_search():
    s = parse('1 Population: pain\n"back pain"[tw]\n2 (sciatica[tw] OR lumbago[tw])\n', "pubmed")
    assert [ln.text for ln in s.lines] == ['"back pain"[tw]', "(sciatica[tw] OR lumbago[tw])"]


def test_a_query_that_only_looks_like_a_label_is_searched():
    s = parse("2019 novel coronavirus", "pubmed")
    assert [ln.text for ln in s.lines] == ["2019 novel coronavirus"]
    assert [p.code for p in s.problems if p.severity == "error"] == []
    assert [p.code for p in s.problems if p.code == "LABEL_IGNORED"] == []
