"""Defects the query hold-out of round 23 showed (benchmarks/query_holdout/sources.tsv: PubMed queries kept in
projects' repositories). Each query here is invented in the shape of the one that showed it; the hold-out files
stay outside the repository."""

from __future__ import annotations

from screener.query import parse, translate


def own(text: str, read: str = "pubmed") -> list[tuple[str, int, int, str]]:
    """The strategy's own errors and warnings: (code, physical line, column, message)."""
    return [(p.code, p.line, p.col, p.message) for p in parse(text, read).problems if p.severity != "info"]


def test_untagged_words_go_back_to_pubmed_untagged_and_unquoted():
    # `(confounding) AND ((model selection) AND (variable selection))`: written back as "model selection" in quotes,
    # which turns PubMed's automatic term mapping off (a phrase only, no MeSH), while the warning said 'as the
    # source strategy did'
    text = "(confounding) AND ((model selection) AND (variable selection))"
    query = translate(text, "pubmed", "pubmed").query
    assert '"' not in query
    assert translate('"model selection"', "pubmed", "pubmed").query == '"model selection"'   # quoted stays quoted


def test_a_query_pasted_inside_curly_quotes_is_the_query():
    # a README's `“("acupuncture points"[MeSH Terms]) AND (humans[Filter])”`: the quotes taken for a phrase, the
    # query searched as its words ('"(" AND "acupuncture points" AND "[MeSH Terms]) AND …"'), nothing but
    # UNTAGGED_TERM said
    text = '\u201c("acupuncture points"[MeSH Terms]) AND ((fft[Filter]) AND (humans[Filter]))\u201d\n'
    problems = own(text)
    assert [c for c, *_ in problems] == ["STRAY_CHARACTER"]
    assert translate(text, "pubmed", "pubmed").query == translate(
        '("acupuncture points"[MeSH Terms]) AND ((fft[Filter]) AND (humans[Filter]))', "pubmed", "pubmed").query


def test_date_publication_is_pubmeds_publication_date():
    # `("2011/01/01"[Date - Publication] : "3000"[Date - Publication])`: '[date - publication] is not a PubMed tag'
    text = 'pain[tiab] AND ("2011/01/01"[Date - Publication] : "3000"[Date - Publication])'
    assert [c for c, *_ in own(text)] in ([], ["LIMIT_APPROXIMATED"])
    assert translate(text, "pubmed", "pubmed").query == translate(
        'pain[tiab] AND 2011/01/01:3000[dp]', "pubmed", "pubmed").query
