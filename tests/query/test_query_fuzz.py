"""Random strategies from a vocabulary of real fragments (fixed seed): the readers and the eight
compilers never raise, and an error-free Ovid strategy compiles to Ovid and PubMed output that
reads back to itself."""

from __future__ import annotations

import random

from screener.query import TARGETS, parse, translate, translate_strategy

VOCAB = ['(', ')', '"a b"', "'", "“", "”", "or", "and", "not", "adj3", "adj", "exp", "*",
         ".ti,ab.", ".ti", ".mp.", "\n", "1", "2", "term", "a*", "ab$", "wom#n", "colo?r",
         "or/1-2", "Back Pain/", "Mothers/px", ".sh.", ".fs.", "dt", "x.ti. ab .", "[mp=x]",
         "(123)", "limit 1 to english language", 'limit 2 to yr="2000-Current"', "type 1",
         "notional", "HIV/AIDS", "#1", "[tiab]", "[mh]", "[tiab:~2]", "OR 1-2", "/OR", "//c",
         "Power (x)/", "[", "]", ",", "."]


def _strategies(seed: int, n: int):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(VOCAB) + rng.choice(["", " "]) for _ in range(rng.randint(1, 14)))


def test_no_input_makes_the_readers_or_compilers_raise():
    for text in _strategies(11, 250):
        for read in ("ovid", "pubmed"):
            strategy = parse(text, read)
            for p in strategy.problems:
                assert p.line is None or p.line >= 1
                p.format(text)
            for target in TARGETS:
                t = translate_strategy(strategy, target)
                assert t.query is None or isinstance(t.query, str)
                t.to_dict()


def test_error_free_strategies_round_trip():
    checked = 0
    for text in _strategies(5, 2000):
        if parse(text).errors:
            continue
        ovid = translate(text, write="ovid-medline")
        if ovid.query is None or ovid.errors:
            continue
        checked += 1
        assert translate(ovid.query, write="ovid-medline").query == ovid.query, text
        pubmed = translate(text, write="pubmed")
        if pubmed.query and not pubmed.errors:
            assert translate(pubmed.query, "pubmed", "pubmed").query == pubmed.query, text
    assert checked > 30
