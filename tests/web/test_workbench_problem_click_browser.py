"""A problem under the workbench's editor clicked where a person clicks it — on its words — in
headless Chromium at 390 px: its span is selected in the editor (as the line:column link does), so
the slip to correct is under the caret; words selected to copy them are left alone."""

from __future__ import annotations

import pytest
from test_workbench_browser import _open
from web_helpers import serving

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser

SLIPS = "1 exp Chronic Pain\n2 (pain adj 3 chronic).ti,ab.\n3 1 and 2\n"
SELECTED = "() => { const t = document.getElementById('text'); return t.value.slice(t.selectionStart, t.selectionEnd); }"


def test_clicking_a_problems_words_selects_its_span(browser, review):
    ws, studies, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = _open(browser, base, token, size=(390, 800))
        page.fill("#text", SLIPS)
        page.wait_for_selector("#problems li.problem[data-code='UNKNOWN_OPERATOR']")
        page.evaluate("() => document.getElementById('text').setSelectionRange(0, 0)")
        # before: a click on the message did nothing; only the small '2:9' link selected the span
        page.click("#problems li.problem[data-code='UNKNOWN_OPERATOR'] .msg")
        assert page.evaluate(SELECTED) == "adj 3"
        assert page.evaluate("() => document.activeElement.id") == "text"
        # the line explained under the editor is the problem's (before: the line the caret was on before)
        assert page.inner_text("#caret-line").startswith("Line 2: "), page.inner_text("#caret-line")
        # another problem's words next, the editor still holding the first one's selection
        page.click("#problems li.problem[data-code='HEADING_SYNTAX'] .msg")
        assert page.evaluate(SELECTED) == "exp Chronic Pain"
        assert page.inner_text("#caret-line").startswith("Line 1: "), page.inner_text("#caret-line")
