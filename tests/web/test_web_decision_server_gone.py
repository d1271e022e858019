"""The arbiter's decision sent while the review's server does not answer (stopped by its owner, the
connection gone). Before, the Conflicts page was replaced by the browser's 'This site can't be
reached', the conflict out of sight and nothing of whether the decision counted. Now the conflict
stays on the page, with one line above its form saying the decision was not recorded; nothing is
recorded. A decision the server answers goes on as before (the list, the line saying what was
decided). Found stopping the server while resolving as the arbiter. Chromium at 1280 and 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, counts, serving, signed_in_page

from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_decision_the_server_never_got_keeps_the_conflict_and_says_it_was_not_recorded(browser, review, width):
    ws, studies, tokens = review
    first, second = studies[0], studies[1]
    for study in (first, second):
        cast_vote(ws, "alice", study, TA, "include")
        cast_vote(ws, "bob", study, TA, "exclude")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], width)
        page.goto(f"{base}/conflicts?stage={TA}")
        page.check(f"#conflict-{first}-{TA} input[value=include]")
        with page.expect_navigation():                        # answered: recorded, the list again
            page.click(f"#conflict-{first}-{TA} button[type=submit]")
        assert f"Study {first} at title/abstract: include." in page.inner_text("body")
        assert page.locator(f"#conflict-{first}-{TA}").count() == 0
        url = page.url
    before = counts(ws)["resolutions"]
    card = page.locator(f"#conflict-{second}-{TA}")
    card.locator("input[value=exclude]").check()
    card.locator("button[type=submit]").click()                # the server is stopped
    page.wait_for_selector(f"#conflict-{second}-{TA} .error-message:has-text('not recorded')")
    said = card.locator(".error-message").inner_text()
    page.screenshot(path=str(SHOTS / f"decision_server_gone_{width}.png"))
    assert said == (f"Your exclude decision on study {second} was not recorded: the review's server did not "
                    f"answer. Check your connection, or ask whoever runs the server; then decide again."), said
    assert page.url == url and card.locator("input[value=exclude]").is_checked()
    assert counts(ws)["resolutions"] == before
    page.close()
