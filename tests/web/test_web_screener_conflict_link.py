"""A screener who opens a Studies link with the conflict filter (`/studies?conflict=1`, an owner's link
passed on) under blind mode: the page said 'under blind mode a screener is not shown which studies are
in conflict; leave out conflict=1' — an instruction about the address — with only 'Back to the start
page'. It now says why in words and links to the same list without that filter. Found in this session's
390 px pass as a screener. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
def test_the_conflict_filter_refused_to_a_screener_offers_the_list_without_it(browser, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        answer = page.goto(f"{base}/studies?stage={TA}&conflict=1&q=pain")
        assert answer is not None and answer.status == 403
        said = " ".join(page.inner_text("main").split())
        assert "conflict=1" not in said and "which studies are in conflict" in said, said
        page.click("text=My votes without the conflict filter")
        page.wait_for_url(lambda url: "conflict" not in url and "q=pain" in url and f"stage={TA}" in url)
        assert "Living with chronic pain" in page.inner_text("#results")
        page.close()
