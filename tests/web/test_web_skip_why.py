"""Skip on a study opened by its link (from My votes, a revote request, a colleague's message) was
greyed out and pressing S did nothing, with nothing said — the Undo button beside it says why it is
off. Skip now says it too: it puts back a study the queue gave you; this one was opened by its link.
Found in this session's 390 px pass as a screener. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
def test_skip_off_on_a_study_opened_by_its_link_says_why(browser, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}&study={studies[0]}")
        assert page.locator("#skip").is_disabled()
        why = page.get_attribute("#skip", "title") or ""
        assert "opened by its link" in why, why
        page.keyboard.press("s")
        assert "opened by its link" in page.inner_text("#client-message")
        page.goto(f"{base}/screen?stage={TA}")                  # from the queue: Skip works
        assert page.locator("#skip").is_enabled()
        page.close()
