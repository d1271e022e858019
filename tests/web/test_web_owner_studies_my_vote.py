"""The owner's Studies page under blind mode, where the screeners give every vote and the owner gives
none: a 'My vote' filter (include 0, exclude 0, maybe 0, none 6) and 'my vote: —' on every study said
nothing, as it said nothing for the arbiter (who no longer sees them). They are left out while the
owner has no vote at the stage; where the owner screens (blind mode off) they stay. Found in this
session's 390 px pass as the owner. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import SETTINGS, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


def _my_vote_shown(page) -> tuple[int, int]:
    return page.locator("#facet-vote").count(), page.locator("td[data-label='my vote']").count()


@pytest.mark.browser
def test_an_owner_who_gives_no_votes_sees_no_my_vote_filter_or_column(browser, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/studies?stage={TA}")
        assert _my_vote_shown(page) == (0, 0), page.inner_text("main")
        assert "my vote" not in page.inner_text("main").lower()
        assert page.locator("#facet-decision").count() == 1              # the other filters stay
        page.close()


@pytest.mark.browser
def test_an_owner_who_screens_keeps_them(browser, review):
    ws, studies, tokens = review
    (ws.path / "review.toml").write_text(SETTINGS.replace("blind = true", "blind = false"), encoding="utf-8")
    ws.reload_settings()
    cast_vote(ws, "olivia", studies[0], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/studies?stage={TA}")
        assert _my_vote_shown(page) == (1, len(studies))
        page.close()
