"""Highlighting and structured abstracts: escaped piece by piece, exact output."""

from __future__ import annotations

from screener.web.text import abstract_sections, highlight


def test_highlight_escapes_everything_and_marks_terms():
    out = str(highlight("<b>Qualitative</b> interviews & nurses' RANDOMISED care; amp &amp;",
                        ["qualitative", "interview*", "amp"], ["randomi*"]))
    assert out == ('&lt;b&gt;<mark class="hl-include">Qualitative</mark>&lt;/b&gt; '
                   '<mark class="hl-include">interviews</mark> &amp; nurses&#39; '
                   '<mark class="hl-exclude">RANDOMISED</mark> care; <mark class="hl-include">amp</mark> '
                   '&amp;<mark class="hl-include">amp</mark>;')   # the literal text "&amp;", never an entity


def test_highlight_whole_words_phrases_and_no_terms():
    assert str(highlight("quality of life; lifestyle; life", ["quality of life", "life"])) == (
        '<mark class="hl-include">quality of life</mark>; lifestyle; <mark class="hl-include">life</mark>')
    assert str(highlight("a <i>b</i>")) == "a &lt;i&gt;b&lt;/i&gt;"
    assert str(highlight(None, ["x"])) == ""
    assert str(highlight("x*y", ["*", " ", ""])) == "x*y"


def test_structured_abstracts():
    assert abstract_sections("BACKGROUND: Pain is common. METHODS: We interviewed 20 adults. "
                             "RESULTS: Three themes. CONCLUSIONS: More work.") == [
        ("Background", "Pain is common."), ("Methods", "We interviewed 20 adults."),
        ("Results", "Three themes."), ("Conclusions", "More work.")]
    assert abstract_sections("Objective: to see.\n\nMethods and findings: we looked.\n\nPlain closing text.") == [
        ("Objective", "to see."), ("Methods and findings", "we looked."), ("", "Plain closing text.")]
    assert abstract_sections("A plain abstract. With USA data: and a colon.") == [
        ("", "A plain abstract. With USA data: and a colon.")]
    assert abstract_sections("") == [] and abstract_sections(None) == []
