"""Syntax each database's own users write, read as what it means or reported — never searched as
words (README: "Never silently wrong"). Before: Cochrane's `2010-2020:yr` (the form our Cochrane
writer puts out) was a term and came out as `2010-2020[dp]` (not a PubMed range); Embase.com's
`'review'/it` and any other `'x'/code` were the phrase x AND the word "/it", with no problem
reported."""

from __future__ import annotations

import pytest

from screener.query import parse, translate
from screener.query.nodes import Filter


def _codes(strategy):
    return [p.code for p in strategy.problems]


@pytest.mark.parametrize("text", ["pain:ti,ab AND 2010-2020:yr", "pain:ti,ab AND 2010 - 2020:yr"])
def test_cochrane_year_range_is_a_year_limit(text):
    strategy = parse(text, "cochrane")
    filters = [n for n in strategy.lines[0].node.walk() if isinstance(n, Filter)]
    assert [f.value for f in filters] == [(2010, 2020)]
    assert translate(text, read="cochrane", write="pubmed").query == "(pain[tiab] AND 2010:2020[dp])"


def test_embase_item_type_is_a_publication_type():
    text = "pain:ti AND ('article'/it OR 'review'/it)"
    out = translate(text, read="embase-com", write="pubmed")
    assert out.query == '(pain[ti] AND (article[pt] OR review[pt]))'
    assert "/it" not in out.query and not [p for p in parse(text, "embase-com").problems
                                            if p.severity == "error"]


def test_an_unknown_embase_slash_code_is_reported_not_searched():
    text = "pain:ti AND 'back pain'/xyz"
    strategy = parse(text, "embase-com")
    bad = [p for p in strategy.problems if p.code == "UNKNOWN_FIELD"]
    assert bad and (bad[0].line, bad[0].col) == (1, 24) and "/xyz" in bad[0].message
    assert "xyz" not in translate(text, read="embase-com", write="pubmed").query
