"""Defects the query hold-out of round 22 showed (benchmarks/query_holdout/sources.tsv: published strategies as
transcribed in a review-of-reviews' companion). Each strategy line here is invented in the shape of the line that
showed it; the hold-out files stay outside the repository."""

from __future__ import annotations

from screener.query import parse, translate


def own(text: str, read: str = "ovid") -> list[tuple[str, int, int, str]]:
    """The strategy's own errors and warnings: (code, physical line, column, message)."""
    return [(p.code, p.line, p.col, p.message) for p in parse(text, read).problems if p.severity != "info"]


WRAPPED_HISTORY = (
    '#1 "Aged"[Mesh] OR Aging OR Centenarians\n'
    "   OR Nonagenarians OR Elder*\n"
    "#2 Neoplas*[tiab] OR Cancer[tiab]\n"
    "#3 Exercis*[tiab]\n"
    "   OR (Physical*[tiab] AND Interven*[tiab])\n"
    "   OR (Physical*[tiab] AND Activit*[tiab])\n"
    "#4 #1 AND #2 AND #3\n"
)


def test_a_pubmed_history_whose_long_lines_wrap_onto_indented_lines_keeps_its_numbers():
    # a review's appendix: `#1 …` lines wrapped onto indented `OR …` lines; with fewer than 60 % of lines numbered
    # it was read as unnumbered and each `#1` was 'a reference to a line that does not exist'
    assert [c for c, *_ in own(WRAPPED_HISTORY, "pubmed")] == []
    assert translate(WRAPPED_HISTORY, "pubmed", "pubmed").query == translate(
        '#1 "Aged"[Mesh] OR Aging OR Centenarians OR Nonagenarians OR Elder*\n#2 Neoplas*[tiab] OR Cancer[tiab]\n'
        "#3 Exercis*[tiab] OR (Physical*[tiab] AND Interven*[tiab]) OR (Physical*[tiab] AND Activit*[tiab])\n"
        "#4 #1 AND #2 AND #3\n", "pubmed", "pubmed").query


def test_a_phrase_broken_where_a_pubmed_line_wraps_is_one_phrase():
    # `OR "Patient Outcome` / `  Assessment"[Mesh] OR …`: two unbalanced quotes, and the parentheses after them lost
    text = ('1 (cancer[tiab] OR "Treatment Outcome"[Mesh] OR "Patient Outcome\n'
            '  Assessment"[Mesh] OR "Quality of Life"[Mesh])\n'
            "2 pain[tiab]\n3 #1 AND #2\n")
    assert [c for c, *_ in own(text, "pubmed")] == []
    assert translate(text, "pubmed", "pubmed").query == translate(
        '1 (cancer[tiab] OR "Treatment Outcome"[Mesh] OR "Patient Outcome Assessment"[Mesh] OR "Quality of Life"[Mesh])\n'
        "2 pain[tiab]\n3 #1 AND #2\n", "pubmed", "pubmed").query


def test_a_pubmed_history_with_its_counts_after_spaces():
    # `#4  #1 OR #2 OR #3        4,767,145`: the count was searched, ANDed on (MIXED_OPERATORS the only sign)
    text = ("#1  Neoplasms [MeSH]                   3,857,356\n#2  cancer[tiab]            2,120,001\n"
            "#3  #1 OR #2                           4,767,145\n")
    assert [c for c, *_ in own(text, "pubmed")] == []
    assert translate(text, "pubmed", "pubmed").query == translate(
        "#1 Neoplasms[MeSH]\n#2 cancer[tiab]\n#3 #1 OR #2\n", "pubmed", "pubmed").query
    assert [p.code for p in parse(text, "pubmed").problems].count("HIT_COUNT_IGNORED") == 3


def test_pubmeds_old_history_search_prefix_is_not_searched():
    # PubMed's old history: `#29 Search animals[mh] NOT humans[mh]` — read as the heading "Search animals"
    text = "#1 Search yoga[mh]\n#2 Search animals[mh] NOT humans[mh]\n#3 Search #1 NOT #2\n"
    assert [c for c, *_ in own(text, "pubmed")] == []
    assert translate(text, "pubmed", "pubmed").query == translate(
        "#1 yoga[mh]\n#2 animals[mh] NOT humans[mh]\n#3 #1 NOT #2\n", "pubmed", "pubmed").query


def test_a_space_inside_a_tag_after_its_colon_is_read_as_the_tag():
    # `clinical trials as topic [mesh: noexp]`: 'not a PubMed tag', the heading searched untagged
    problems = own("clinical trials as topic [mesh: noexp]", "pubmed")
    assert [c for c, *_ in problems] == ["STRAY_CHARACTER"]
    assert translate("clinical trials as topic [mesh: noexp]", "pubmed", "pubmed").query == \
        translate("clinical trials as topic [mesh:noexp]", "pubmed", "pubmed").query


def test_a_parenthesis_left_open_does_not_swallow_the_next_numbered_lines():
    # a published line `2 ((a OR b) AND (c OR d)` lacks its last ')': reported, and lines 3 and 4 were read into it
    text = "1 cancer[tiab]\n2 ((care[tiab] OR plan[tiab]) AND (survivor*[tiab])\n3 trial[pt]\n4 #1 AND #2 AND #3\n"
    problems = own(text, "pubmed")
    assert [(c, ln, col) for c, ln, col, _ in problems] == [("UNBALANCED_PARENTHESIS", 2, 3)]
    assert [ln.number for ln in parse(text, "pubmed").lines] == [1, 2, 3, 4]


def test_an_embase_com_history_whose_lines_wrap_onto_indented_lines_keeps_its_numbers():
    # the same wrapping in an Embase.com history: each `#1` was 'a reference to a line that does not exist'
    text = ("#1 'geriatrics'/exp OR 'aged'/exp\n   OR 'older adult*' OR 'aging'\n   OR 'gerontology'\n"
            "#2 'neoplasm'/exp OR 'cancer'/exp\n#3 'exercis*' OR (physical* NEAR/2 activit*)\n"
            "#4 'depression'/exp\n   OR 'quality of life'\n")
    assert [c for c, *_ in own(text, "embase-com") if c != "UNUSED_LINES"] == []
    assert [ln.number for ln in parse(text, "embase-com").lines] == [1, 2, 3, 4]


def test_line_numbers_combined_without_hash_in_a_pubmed_history_are_references():
    # the appendix's last line `1 AND 2 AND 3 AND 4`: read into line 4 as the words 1, 2, 3, 4 (searched for)
    text = "1 cancer[tiab]\n2 survivor*[tiab]\n3 trial[pt]\n4 satisfaction[tiab]\n1 AND 2 AND 3 AND 4\n"
    problems = own(text, "pubmed")
    assert [(c, ln) for c, ln, _, _ in problems] == [("FOREIGN_SYNTAX", 5)]
    assert translate(text, "pubmed", "pubmed").query == translate(
        "1 cancer[tiab]\n2 survivor*[tiab]\n3 trial[pt]\n4 satisfaction[tiab]\n5 #1 AND #2 AND #3 AND #4\n",
        "pubmed", "pubmed").query
