"""Limits written in another database's syntax are read as the limits they are, or refused with
their position — never searched as words or read as another limit (README: "Never silently
wrong"). Found by a user-level review of the translations:

- PubMed's date range ``2000:2015[dp]`` pasted into an Ovid strategy only got a FOREIGN_SYNTAX
  warning and was searched as the word ``2000:2015`` in the date field: ``2000:2015.yr.`` (Ovid),
  ``PUBYEAR IS(2000:2015)`` (Scopus), ``PY=2000:2015`` (Web of Science), ``'2000:2015':py``
  (Embase.com) — queries that find nothing or are refused.
- Embase.com's ``[x]/lim`` was a language limit for any single word x: ``[article]/lim`` (a
  publication type) and a misspelt ``[englsh]/lim`` came out as ``article[la]`` and
  ``englsh[la]`` in PubMed, with no problem reported. In an Ovid strategy ``[humans]/lim`` was
  removed as an annotation and ``/lim`` searched as a word.
"""

from __future__ import annotations

import pytest

from screener.query import TARGETS, parse, translate
from screener.query.nodes import Filter, Limit, LineRef, Term


def _filters(strategy):
    return [(n.kind, n.value) for ln in strategy.lines if ln.node is not None for n in ln.node.walk()
            if isinstance(n, Filter)]


def _codes(strategy, code):
    return [(p.line, p.col) for p in strategy.problems if p.code == code]


# ---- (a) PubMed's 2000:2015[dp] in an Ovid strategy ------------------------------------------

OVID_DATED = "1. pain.ti.\n2. 1 and 2000:2015[dp]\n"


def test_pubmed_date_range_anded_in_an_ovid_line_is_the_year_limit():
    strategy = parse(OVID_DATED, "ovid")
    node = strategy.line(2).node
    assert isinstance(node, Limit) and isinstance(node.operand, LineRef) and node.operand.number == 1
    assert _filters(strategy) == [("year", (2000, 2015))]
    assert not [n for n in node.walk() if isinstance(n, Term)]
    assert _codes(strategy, "FOREIGN_SYNTAX") == [(2, 10)]
    assert not strategy.errors
    # the same limit as `limit 1 to yr="2000 - 2015"` in every target
    assert translate(OVID_DATED, "ovid", "ovid-medline").query == '1 pain.ti.\n2 limit 1 to yr="2000 -2015"'
    assert translate(OVID_DATED, "ovid", "pubmed").query == "(pain[ti] AND 2000:2015[dp])"
    assert "PUBYEAR > 1999 AND PUBYEAR < 2016" in translate(OVID_DATED, "ovid", "scopus").query
    assert "PY=(2000-2015)" in translate(OVID_DATED, "ovid", "wos").query
    assert "[2000-2015]/py" in translate(OVID_DATED, "ovid", "embase-com").query
    for target in TARGETS:
        if target != "pubmed":
            assert "2000:2015" not in (translate(OVID_DATED, "ovid", target).query or ""), target


def test_pubmed_date_range_on_a_searched_line_limits_it():
    strategy = parse("pain.ti. and 2000:3000[dp]", "ovid")
    assert _filters(strategy) == [("year", (2000, None))]
    assert translate("pain.ti. and 2000:3000[dp]", "ovid", "pubmed").query == "(pain[ti] AND 2000:3000[dp])"


def test_pubmed_full_dates_are_read_as_years_and_said_to_be_broader():
    strategy = parse("1. pain.ti.\n2. 1 and 2000/01/15:2015/06/30[dp]\n", "ovid")
    assert _filters(strategy) == [("year", (2000, 2015))]
    warned = [p for p in strategy.problems if p.code == "LIMIT_APPROXIMATED"]
    assert warned and (warned[0].line, warned[0].col) == (2, 10) and "broader" in warned[0].message


@pytest.mark.parametrize("text, where", [
    ("1. pain.ti.\n2. 2000:2015[dp]\n3. 1 and 2\n", (2, 4)),      # a line of its own: nothing to limit
    ("1. pain.ti. or 2000:2015[dp]\n", (1, 16)),                  # ORed: no limit means that
    ("1. pain.ti. not 2000:2015[dp]\n", (1, 17)),
])
def test_pubmed_date_range_that_limits_nothing_is_an_error_with_the_ovid_limit_to_write(text, where):
    strategy = parse(text, "ovid")
    errors = [p for p in strategy.errors if (p.line, p.col) == where]
    assert errors, strategy.problems
    assert 'yr="2000 - 2015"' in errors[0].message
    assert _filters(strategy) == []
    for target in ("pubmed", "scopus", "wos"):
        assert "2000:2015" not in (translate(text, "ovid", target).query or ""), target


def test_a_single_pubmed_year_stays_a_date_search():
    assert [n.text for n in parse("pain.ti. and 2015[dp]", "ovid").lines[0].node.walk()
            if isinstance(n, Term)] == ["pain", "2015"]


# ---- (b) Embase.com's [x]/lim -------------------------------------------------------------------

@pytest.mark.parametrize("limit, kind, value, pubmed", [
    ("[humans]/lim", "humans", None, "humans[mh]"),
    ("[animals]/lim", "animals", None, "animals[mh]"),
    ("[english]/lim", "language", "english", "english[la]"),
    ("[randomized controlled trial]/lim", "publication_type", "randomized controlled trial",
     '"randomized controlled trial"[pt]'),
    ("[systematic review]/lim", "publication_type", "systematic review", '"systematic review"[pt]'),
    ("[2000-2015]/py", "year", (2000, 2015), "2000:2015[dp]"),
])
def test_embase_limits_map_to_the_limit_they_are(limit, kind, value, pubmed):
    text = f"'pain'/exp AND {limit}"
    strategy = parse(text, "embase-com")
    assert _filters(strategy) == [(kind, value)]
    assert not strategy.errors
    assert translate(text, "embase-com", "pubmed").query == f'("pain"[mh] AND {pubmed})'
    back = translate(text, "embase-com", "embase-com")
    if kind == "publication_type":   # Embase.com's writer searches a publication type as its Emtree term
        assert f"'{value}'/exp" in back.query and [w.code for w in back.warnings] == ["LIMIT_APPROXIMATED"]
    else:
        assert limit in back.query


@pytest.mark.parametrize("name", ["article", "conference abstract", "aged", "male", "article in press"])
def test_embase_only_limits_are_never_a_language(name):
    text = f"'pain'/exp AND [{name}]/lim"
    strategy = parse(text, "embase-com")
    assert not strategy.errors
    assert [k for k, _ in _filters(strategy)] != ["language"]
    assert "[la]" not in translate(text, "embase-com", "pubmed").query
    # Embase.com writes it back as it was
    assert f"[{name}]/lim" in translate(text, "embase-com", "embase-com").query


def test_embase_article_limit_is_refused_where_no_equivalent_exists():
    text = "'pain'/exp AND [article]/lim"
    t = translate(text, "embase-com", "pubmed")
    assert t.query == '"pain"[mh]'
    assert [(p.code, p.col) for p in t.errors] == [("LIMIT_UNSUPPORTED", 16)]
    assert "[article]/lim" in t.errors[0].message


def test_unknown_embase_limit_is_an_error_naming_it():
    text = "'pain'/exp AND [englsh]/lim"
    strategy = parse(text, "embase-com")
    errors = [p for p in strategy.errors if p.code == "UNKNOWN_LIMIT"]
    assert [(p.line, p.col) for p in errors] == [(1, 16)]
    assert "englsh" in errors[0].message and "english" in errors[0].message   # did you mean
    assert "englsh[la]" not in (translate(text, "embase-com", "pubmed").query or "")


def test_embase_limits_in_an_ovid_strategy_are_foreign_limits_not_words():
    text = "1. pain.ti.\n2. 1 and [humans]/lim\n3. 1 and [2000-2015]/py\n"
    strategy = parse(text, "ovid")
    assert _filters(strategy) == [("humans", None), ("year", (2000, 2015))]
    assert _codes(strategy, "FOREIGN_SYNTAX") == [(2, 10), (3, 10)]
    assert not strategy.errors
    out = translate(text, "ovid", "ovid-medline").query
    assert "limit 1 to humans" in out and 'limit 1 to yr="2000 -2015"' in out
    assert "#2 #1 AND [humans]/lim" in translate(text, "ovid", "embase-com").query
    for target in TARGETS:
        if target != "embase-com":
            assert "/lim" not in (translate(text, "ovid", target).query or ""), target


def test_unknown_embase_limit_in_an_ovid_strategy_is_an_error():
    strategy = parse("1. pain.ti.\n2. 1 and [foobar]/lim\n", "ovid")
    assert [(p.code, p.line, p.col) for p in strategy.errors] == [("UNKNOWN_LIMIT", 2, 10)]
    assert "foobar" in strategy.errors[0].message
