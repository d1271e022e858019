"""Publication-year limits written in the source database's own syntax are read as year limits,
never as search words (README: "Never silently wrong"). Before, PubMed's ``2010:2020[dp]`` was a
word searched in the date field and came out as ``2010:2020.yr.`` (Ovid), ``'2010:2020':py``
(Embase.com) or ``PUBYEAR IS(2010:2020)`` (Scopus) — queries that find nothing — with no warning;
Scopus's ``PUBYEAR > 2009`` (without the parentheses our writer puts around the pair) searched the
words PUBYEAR, > and 2009."""

from __future__ import annotations

import pytest

from screener.query import parse, translate
from screener.query.nodes import Filter, Term


def _filters(strategy):
    return [n for line in strategy.lines if line.node is not None for n in line.node.walk()
            if isinstance(n, Filter)]


def _terms(strategy):
    return [n.text for line in strategy.lines if line.node is not None for n in line.node.walk()
            if isinstance(n, Term)]


@pytest.mark.parametrize("text, years", [
    ("pain[ti] AND 2010:2020[dp]", (2010, 2020)),
    ("pain[ti] AND 2010:2020[Publication Date]", (2010, 2020)),
    ("pain[ti] AND 2010:2020[pdat]", (2010, 2020)),
    ("pain[ti] AND 2010:3000[dp]", (2010, None)),            # PubMed's idiom for "to the present"
])
def test_pubmed_date_range_is_a_year_limit(text, years):
    strategy = parse(text, "pubmed")
    assert [f.value for f in _filters(strategy)] == [years]
    assert _terms(strategy) == ["pain"]
    assert translate(text, read="pubmed", write="embase-com").query.endswith(
        f"[{years[0]}-{years[1] or 3000}]/py")
    assert "PUBYEAR > 2009" in translate(text, read="pubmed", write="scopus").query
    for target in ("scopus", "wos", "embase-com", "cochrane", "europepmc", "proquest", "ebsco-cinahl"):
        assert "2010:" not in translate(text, read="pubmed", write=target).query, target


def test_pubmed_date_range_round_trips_and_full_dates_are_said_to_be_broader():
    assert translate("pain[ti] AND 2010:2020[dp]", read="pubmed", write="pubmed").query == \
        "pain[ti] AND 2010:2020[dp]"
    strategy = parse("pain[ti] AND 2010/01/15:2020/06/30[dp]", "pubmed")
    assert [f.value for f in _filters(strategy)] == [(2010, 2020)]
    warned = [p for p in strategy.problems if p.code == "LIMIT_APPROXIMATED"]
    assert warned and (warned[0].line, warned[0].col) == (1, 14) and "broader" in warned[0].message


def test_a_single_year_stays_a_date_search():
    # 2015[dp] is valid in every target as a field search; it is left as it was
    assert _terms(parse("pain[ti] AND 2015[dp]", "pubmed")) == ["pain", "2015"]


@pytest.mark.parametrize("text, years", [
    ("TITLE-ABS-KEY(pain) AND (PUBYEAR > 2009 AND PUBYEAR < 2021)", (2010, 2020)),
    ("TITLE-ABS-KEY(pain) AND PUBYEAR > 2009 AND PUBYEAR < 2021", (2010, 2020)),
    ("TITLE-ABS-KEY(pain) AND PUBYEAR > 2009", (2010, None)),
    ("TITLE-ABS-KEY(pain) AND PUBYEAR AFT 2009", (2010, None)),
    ("TITLE-ABS-KEY(pain) AND PUBYEAR IS 2015", (2015, 2015)),
    ("TITLE-ABS-KEY(pain) AND PUBYEAR = 2015", (2015, 2015)),
    ("TITLE-ABS-KEY(pain) AND PUBYEAR IS(2015)", (2015, 2015)),     # how our Scopus writer puts 2015[dp]
    ("TITLE-ABS-KEY(pain) AND PUBYEAR < 2021", (1000, 2020)),
    ("TITLE-ABS-KEY(pain) AND PUBYEAR BEF 2021", (1000, 2020)),
])
def test_scopus_pubyear_is_a_year_limit(text, years):
    strategy = parse(text, "scopus")
    assert [f.value for f in _filters(strategy)] == [years]
    assert _terms(strategy) == ["pain"]
    pubmed = translate(text, read="scopus", write="pubmed").query
    assert "PUBYEAR" not in pubmed and f"{years[0]}:{years[1] or 3000}[dp]" in pubmed
