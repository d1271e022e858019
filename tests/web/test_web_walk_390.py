"""The screener's and the arbiter's pages walked at 390 px after session 9's fixes: what was still
wrong there. A real server on 127.0.0.1 and headless Chromium; screenshots go to
tests/artifacts/web/user-review/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"


@pytest.mark.browser
def test_the_arbiters_study_list_has_no_my_vote_for_someone_who_does_not_vote(browser, review):
    """Before: the arbiter's All studies (390 px) had a 'My vote' filter ('include 0 exclude 0 maybe
    0 none 6') and 'my vote: —' on every study: an arbiter does not vote."""
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude", reason="out of scope")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], 390)
        page.goto(f"{base}/studies")
        page.screenshot(path=str(SHOTS / "arbiter-studies-390.png"), full_page=True)
        said = page.inner_text("main").lower()
        assert "my vote" not in said, said
        assert page.locator("#facet-conflict").count() == 1 and page.locator("#facet-decision").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.close()
        page = signed_in_page(browser, base, tokens["alice"], 390)       # a screener keeps hers
        page.goto(f"{base}/studies")
        assert "my vote" in page.inner_text("main").lower()
        page.close()
