"""The screening page read on a phone, where there is no keyboard. Exclude tapped at full text
without a reason said 'Choose an exclusion reason first (keys 1-9), then press E again.', and the
queue's end 'You can still undo your last vote (U).': keys a phone does not have. A tap (or a
mouse click) is now answered in its own words; the key E keeps the keys' words. Found screening
at 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import FT, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
def test_a_tap_on_exclude_without_a_reason_is_answered_without_keys(browser, review):
    ws, studies, tokens = review
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")          # one study at full text
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["bob"], 390)
        page.goto(f"{base}/screen?stage={FT}")
        page.click("#vote-exclude")
        said = page.inner_text("#client-message")
        assert said == "Choose an exclusion reason from the list first, then Exclude again.", said
        page.locator("#reason").evaluate("el => el.blur()")
        page.keyboard.press("e")                                 # a key pressed: the keys' words
        assert page.inner_text("#client-message") == "Choose an exclusion reason first (keys 1-9), then press E again."
        page.select_option("#reason", index=1)
        with page.expect_navigation():
            page.click("#vote-exclude")
        done = page.inner_text("#done")
        assert "You can still undo your last vote (Undo below, or U)." in done, done
        page.close()
