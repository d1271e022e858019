"""Settings page, turning blind mode off: screeners then see each other's votes, reasons and notes on
studies not yet decided, which cannot be taken back. The page saved it on one click, with no word of
that (found walking the owner's journey, session 9). It now asks first; declining saves nothing.
Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
def test_turning_blind_mode_off_asks_first_and_declining_saves_nothing(browser, review):
    ws, studies, tokens = review
    ws.reload_settings()
    assert ws.settings.blind
    cast_vote(ws, "alice", studies[0], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/settings")
        asked: list[str] = []

        def decline(dialog):
            asked.append(dialog.message)
            dialog.dismiss()

        page.once("dialog", decline)
        page.uncheck("input[name=blind]")
        page.click("#save-settings")
        page.wait_for_timeout(300)
        assert asked, "blind mode was turned off without a question"
        assert "see each other's votes" in asked[0] and "cannot be taken back" in asked[0], asked
        assert page.url.endswith("/owner/settings") and not page.is_checked("input[name=blind]")
        assert ws.reload_settings().blind                       # declined: nothing saved

        # other changes with blind mode left on ask nothing
        page.goto(f"{base}/owner/settings")
        page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
        page.fill("textarea[name=highlight_exclude]", "randomi*")
        page.click("#save-settings")
        page.wait_for_selector("text=Settings saved")
        assert len(asked) == 1

        page.uncheck("input[name=blind]")
        page.click("#save-settings")
        page.wait_for_selector("text=Settings saved: Blind mode.")
        assert len(asked) == 2 and not ws.reload_settings().blind
        page.close()
