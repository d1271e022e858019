"""A screener whose sign-in ended while a study was open (the owner sent a new link, the session
expired) pressed Include: the answer was a page headed '401 — Not signed in' saying 'you are not
signed in (or your link was replaced by a newer one); open your newest sign-in link', nothing of
the vote: had it counted? It now says the vote on that study was not recorded and to vote again
after signing in with the newest link. Found walking the screener's journey at 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, counts, serving, signed_in_page

from screener.workspace.reviewers import mint_token


@pytest.mark.browser
def test_a_vote_sent_after_the_sign_in_ended_says_it_was_not_recorded(browser, review):
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}")
        study = page.get_attribute("#record", "data-study")
        mint_token(ws, "alice")                   # the owner sends alice a new link: the old session ends
        before = counts(ws)["votes"]
        with page.expect_navigation():        # the refusal's page comes after the vote's fetch
            page.click("#vote-include")
        text = page.inner_text("main")
        assert f"Your vote on study {study} was not recorded" in text, text
        assert "newest sign-in link" in text and "vote again" in text, text
        assert "401" not in page.inner_text("h1"), page.inner_text("h1")
        assert counts(ws)["votes"] == before
        page.close()


@pytest.mark.browser
def test_a_label_sent_after_the_sign_in_ended_says_why_it_was_not_recorded(browser, review):
    """The label field's answer was 'Could not change the labels; try again.' (the 401 came as an
    HTML page the script could not read), and trying again never helps."""
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}")
        mint_token(ws, "alice")
        page.keyboard.press("l")
        page.keyboard.type("late label")
        with page.expect_response(lambda r: "/labels" in r.url):
            page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('client-message').textContent.length > 0")
        said = page.inner_text("#client-message")
        assert "not recorded" in said and "newest sign-in link" in said, said
        page.close()
