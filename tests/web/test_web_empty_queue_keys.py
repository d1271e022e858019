"""The screening page with nothing left for the screener ('Nothing left for you at title/abstract'):
pressing I, E, M or S did nothing and said nothing (the buttons are greyed out, which a keyboard
user does not see), where Undo, greyed out before a first vote, says why. Each now says that
nothing is left to vote on at this stage. Found walking the screener's journey to the end of the
queue at 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
def test_keys_on_an_empty_queue_say_nothing_is_left(browser, review):
    ws, studies, tokens = review
    for study in studies:
        cast_vote(ws, "alice", study, TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}")
        assert page.locator("#done").count() == 1
        for key in ("i", "e", "m", "s"):
            page.evaluate("document.getElementById('client-message').textContent = ''")
            page.keyboard.press(key)
            said = page.inner_text("#client-message")
            assert "Nothing is left for you to vote on" in said, (key, said)
        page.close()
