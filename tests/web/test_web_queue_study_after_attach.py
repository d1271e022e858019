"""Full-text screening, a screener attaching a link to the study their queue gave them: the page
came back as if the study had been opened by its link ('back to my queue' beside its number, Skip
greyed out, S saying 'this one was opened by its link'), though the queue still held it for them.
A study the queue gave you and you have not voted on since is now shown as your queue's study
wherever the page was reached from: Skip works on it. Found walking the full-text stage at 390 px.
Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import FT, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_queue_study_stays_the_queues_after_attaching_its_full_text(browser, review, width):
    ws, studies, tokens = review
    for study in studies[:2]:
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["bob"], width)
        page.goto(f"{base}/screen?stage={FT}")
        study = page.get_attribute("#record", "data-study")
        assert page.locator("#skip").is_enabled()
        page.fill("#fulltext-url", "https://example.org/paper.pdf")
        with page.expect_navigation():
            page.click("#fulltext-submit")
        assert page.get_attribute("#record", "data-study") == study
        assert "back to my queue" not in page.inner_text("#record .meta"), page.inner_text("#record .meta")
        assert page.locator("#skip").is_enabled()
        with page.expect_navigation():
            page.keyboard.press("s")
        assert f"Skipped study {study}" in page.inner_text("body"), page.inner_text("body")[:300]
        assert page.get_attribute("#record", "data-study") != study
        page.close()
