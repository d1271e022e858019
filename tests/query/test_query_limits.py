"""Bounded inputs (issue 21): a strategy cannot exhaust memory or the stack. Each limit in
``screener.query.limits`` gives a positioned LIMIT_EXCEEDED error past it (README: Security and
reliability)."""

from __future__ import annotations

import time
import tracemalloc

from screener.query import TARGETS, limits, parse, translate, translate_strategy


def _limit_errors(problems):
    return [p for p in problems if p.code == "LIMIT_EXCEEDED"]


def _bounded(fn, seconds=5.0, megabytes=150):
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - t0 < seconds
    assert peak < megabytes * 2**20, f"peak {peak / 2**20:.0f} MB"
    return result


def test_a_huge_line_range_is_refused_without_building_it():
    text = "1 pain\n2 or/1-999999999\n"
    strategy = _bounded(lambda: parse(text))
    errs = _limit_errors(strategy.problems)
    assert errs and (errs[0].line, errs[0].col) == (2, 3)
    assert "999999999" in errs[0].message and f"{limits.MAX_LINES:,}" in errs[0].message
    for target in TARGETS:
        _bounded(lambda target=target: translate_strategy(strategy, target))


def test_repeated_line_references_cannot_double_the_output_each_line():
    lines = ["1 pain"] + [f"{k} or/1-{k - 1}" for k in range(2, 41)]
    text = "\n".join(lines)
    strategy = parse(text)
    for target in ("pubmed", "scopus", "wos", "ebsco-cinahl"):
        result = _bounded(lambda target=target: translate_strategy(strategy, target))
        errs = _limit_errors(result.errors)
        assert result.query is None and errs, target
        assert f"{limits.MAX_OUTPUT_CHARS:,}" in errs[0].message
        assert errs[0].line is not None and 15 < errs[0].line < 30   # the first line past the limit
    # the Ovid family keeps line references: nothing to expand
    ovid = translate_strategy(strategy, "ovid-medline")
    assert ovid.query is not None and not ovid.errors


def test_resolve_shares_the_referenced_subtrees():
    lines = ["1 pain", "2 ache"] + [f"{k} {k - 1} or {k - 2}" for k in range(3, 60)]
    strategy = parse("\n".join(lines))
    node = _bounded(lambda: strategy.resolve(strategy.final.node))
    left, right = node.operands
    shared = left.operands[0] is right    # line 57 inside line 58 is the same object as line 57
    assert shared                         # (a repr of the tree would be exponential)


def test_superscript_digits_are_words_not_line_references():
    for text in ("1 pain\n2 ¹ or pain", "1 pain\n2 #² or pain", "²³ or pain"):
        for read in ("ovid", "pubmed"):
            strategy = parse(text, read)
            for target in TARGETS:
                translate_strategy(strategy, target)


def test_deep_parentheses_give_a_positioned_error():
    text = "1 " + "(" * 300 + "pain" + ")" * 300
    for read in ("ovid", "pubmed"):
        strategy = _bounded(lambda read=read: parse(text, read))
        errs = _limit_errors(strategy.problems)
        assert errs, read
        col = errs[0].col
        assert errs[0].line == 1 and text[col - 1] == "(" and text[:col - 1].count("(") == limits.MAX_DEPTH
        for target in TARGETS:
            translate_strategy(strategy, target)


def test_long_not_and_adjacency_chains_do_not_overflow_the_stack():
    nots = " not ".join(f"w{i}" for i in range(3000))
    adjs = " ".join(f"w{i} adj{1 + i % 2}" for i in range(1500)) + " end"
    for text in (nots, adjs):
        strategy = _bounded(lambda text=text: parse(text), seconds=10)
        assert _limit_errors(strategy.problems)
        for target in TARGETS:
            translate_strategy(strategy, target)


def test_too_many_lines_and_too_many_characters():
    many = "\n".join(f"{k} w{k}" for k in range(1, limits.MAX_LINES + 5))
    errs = _limit_errors(_bounded(lambda: parse(many)).problems)
    assert errs and errs[0].line == limits.MAX_LINES + 1
    big = "1 " + "x" * (limits.MAX_STRATEGY_CHARS + 10)
    errs = _limit_errors(_bounded(lambda: parse(big)).problems)
    assert errs and errs[0].line == 1 and errs[0].col == limits.MAX_STRATEGY_CHARS + 1


def test_long_reference_chains_are_bounded():
    lines = ["1 pain"] + [f"{k} {k - 1} and w{k}" for k in range(2, limits.MAX_REFERENCE_DEPTH + 20)]
    strategy = parse("\n".join(lines))
    errs = _limit_errors(strategy.problems)
    assert errs and errs[0].line == limits.MAX_REFERENCE_DEPTH + 1
    for target in TARGETS:
        translate_strategy(strategy, target)
    from screener.query.evaluate.known import concept_blocks
    concept_blocks(strategy)


def test_a_strategy_within_the_limits_is_untouched():
    text = "1 exp Pain/\n2 (back adj3 pain).ti,ab.\n3 or/1-2\n4 limit 3 to english language"
    for target in TARGETS:
        result = translate(text, write=target)
        assert not _limit_errors(result.errors)
