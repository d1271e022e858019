"""A screener with the same study open in two tabs (or coming back to it by the browser's Back)
voted include in one and exclude in the other: the second answer said 'Study 1: exclude.', as if
it were a first vote, and the include was silently replaced. The answer now says it replaced
their earlier vote, and which ('this replaces your earlier include'). Found walking the
screener's journey (two tabs) at 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving


@pytest.mark.browser
def test_a_vote_that_replaces_my_earlier_one_says_so(browser, review):
    ws, studies, tokens = review
    with serving(ws.path) as base:
        context = browser.new_context(viewport={"width": 390, "height": 800})
        first = context.new_page()
        first.goto(f"{base}/signin?token={tokens['alice']}")
        with first.expect_navigation():
            first.click("#signin")
        first.goto(f"{base}/screen?stage={TA}")
        study = first.get_attribute("#record", "data-study")
        second = context.new_page()
        second.goto(f"{base}/screen?stage={TA}")
        assert second.get_attribute("#record", "data-study") == study
        with first.expect_navigation():
            first.keyboard.press("i")
        assert f"Study {study}: include." in first.inner_text("body")
        with second.expect_navigation():
            second.keyboard.press("e")
        said = second.inner_text("body")
        assert f"Study {study}: exclude" in said and "replaces your earlier include." in said, said[:400]
        context.close()
