"""A vote pressed while the review's server is stopped (restarted by its owner, the laptop it runs
on asleep, the Wi-Fi gone). Before, the page was replaced by the browser's own 'This site can't be
reached — 127.0.0.1 refused to connect', the study out of sight and nothing of whether the vote
counted. Now the study stays on the page, with one line saying the vote was not recorded and to
vote again once the server answers; nothing is recorded. A vote the server answers goes on as
before (the next study, the line saying what was recorded). Found stopping the server mid-vote,
Chromium at 1280 and 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, counts, serving, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_vote_the_server_never_got_keeps_the_study_and_says_it_was_not_recorded(browser, review, width):
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], width)
        page.goto(f"{base}/screen?stage={TA}")
        first = page.get_attribute("#record", "data-study")
        with page.expect_navigation():
            page.keyboard.press("i")                          # answered: recorded, on to the next study
        assert f"Study {first}: include." in page.inner_text("body")
        study = page.get_attribute("#record", "data-study")
        url = page.url
    before = counts(ws)["votes"]
    # the server is stopped: a tap on Exclude (a phone) or E (a keyboard) reaches no one
    if width == 390:
        page.click("#vote-exclude")
    else:
        page.keyboard.press("e")
    page.wait_for_selector("#client-message:has-text('not recorded')")
    said = page.inner_text("#client-message")
    page.screenshot(path=str(SHOTS / f"vote_server_gone_{width}.png"))
    assert said == (f"Your exclude vote on study {study} was not recorded: the review's server did not answer. "
                    f"Check your connection, or ask whoever runs the server; then vote again."), said
    assert page.url == url and page.get_attribute("#record", "data-study") == study
    assert counts(ws)["votes"] == before
    page.close()


@pytest.mark.browser
def test_a_skip_the_server_never_got_keeps_the_study_and_says_so(browser, review):
    """Skip (S) likewise: before, the browser's error page; now the study stays, saying it was not skipped."""
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 1280)
        page.goto(f"{base}/screen?stage={TA}")
        first = page.get_attribute("#record", "data-study")
        with page.expect_navigation():
            page.keyboard.press("s")                          # answered: skipped, the next study
        assert f"Skipped study {first}" in page.inner_text("body")
        study = page.get_attribute("#record", "data-study")
        url = page.url
    page.keyboard.press("s")                                  # the server is stopped
    page.wait_for_selector("#client-message:has-text('not skipped')")
    said = page.inner_text("#client-message")
    assert said == (f"Study {study} was not skipped: the review's server did not answer. Check your connection, "
                    f"or ask whoever runs the server; then skip again."), said
    assert page.url == url and page.get_attribute("#record", "data-study") == study
    page.close()
