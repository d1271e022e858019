"""Strategies pasted from a review's appendix, where long lines wrap onto indented lines (found by the
hold-out: published Ovid appendices transcribed with their line breaks). Invented lines in that
shape; before, a numbered strategy with more wrapped lines than numbered ones was taken for an
unnumbered one (every line number a 'line reference that comes later'), a quoted heading broken
at the wrap was two unbalanced quotes, and `exp Poly(ADP-ribose) Polymerase Inhibitors/` was
free text with missing operators."""

from __future__ import annotations

from screener.query import parse, translate

WRAPPED = """1  exp Neoplasms/ or (neoplasm* or cancer* or tumor* or tumour* or oncol* or malign*
   or carcinom* or adenocarcinom*).ti,ab,kw.
2  cachexia/ or emaciation/ or *malnutrition/ or starvation/ or wasting syndrome/
   or *anorexia/ or sarcopenia/
   or *weight loss/
3  and/1-2
4  ((cachexia or anorexia or emaciat* or malnutrition or
   underweight or starvation* or leanness or sarcopenia or wasting syndrome*
   or ((appetite* or weight) adj2 (loss or losing))) adj3
   (neoplasm* or cancer* or tumor* or carcinom*)).ti,ab,kw.
5  or/3-4
"""


def test_a_numbered_strategy_whose_long_lines_wrap_keeps_its_numbers():
    strategy = parse(WRAPPED, "ovid")
    assert strategy.errors == []
    assert [ln.number for ln in strategy.lines] == [1, 2, 3, 4, 5]
    assert [ln.line for ln in strategy.lines] == [1, 3, 6, 7, 11]
    query = translate(WRAPPED, "ovid", "pubmed").query
    assert '"Neoplasms"[mh]' in query and "adenocarcinom*[tiab]" in query and '"Weight Loss"[majr:noexp]' in query


def test_a_quoted_heading_broken_at_the_wrap_is_one_heading():
    text = ('1  cohort studies/ or follow-up studies/ or "national\n'
            '   longitudinal study of adolescent health"/ or prospective studies/\n'
            '2  exp Neoplasms/\n3  1 and 2\n')
    strategy = parse(text, "ovid")
    assert strategy.errors == []
    assert '"National Longitudinal Study of Adolescent Health"[mh:noexp]' in translate(text, "ovid", "pubmed").query


def test_an_unclosed_quote_is_still_an_error_where_it_opens():
    strategy = parse('1  pain or "national\n   longitudinal study/ or knee\n', "ovid")
    assert [(e.code, e.line, e.col) for e in strategy.errors] == [("UNBALANCED_QUOTE", 1, 12)]


def test_a_heading_with_a_parenthesis_glued_inside_its_name():
    text = "1  exp Poly(ADP-ribose) Polymerase Inhibitors/\n2  olaparib.ti,ab.\n3  1 or 2\n"
    strategy = parse(text, "ovid")
    assert strategy.errors == []
    assert translate(text, "ovid", "pubmed").query.startswith('("Poly(ADP-ribose) Polymerase Inhibitors"[mh]')


def test_an_unnumbered_strategy_is_still_counted_from_one():
    text = "exp Pain/\n  back pain.ti,ab.\n1 or 2\n"
    assert [ln.number for ln in parse(text, "ovid").lines] == [1, 2, 3]


def test_an_unnumbered_limit_line_in_a_numbered_strategy_is_a_line_of_its_own():
    # it was read as the end of line 3 ('missing operator before (')
    text = '1 exp Depression/\n2 depress*.ti,ab.\n3 1 or 2\n   limit 3 to (english language and yr="1980 -Current")\n'
    strategy = parse(text, "ovid")
    assert strategy.errors == []
    assert [ln.number for ln in strategy.lines] == [1, 2, 3, 4]
    assert "english[la]" in translate(text, "ovid", "pubmed").query
