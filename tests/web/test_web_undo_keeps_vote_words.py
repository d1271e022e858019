"""Undo, as a screener correcting a vote: the study came back with the note field empty and no
reason picked (the note typed a moment before was gone: to correct a slip the screener had to
write it again), and pressing S on it said 'Skip puts back a study your queue gave you; this one
was opened by its link' (it was not: U brought it back) and did nothing. The study now comes back
with the undone vote's reason and note in the fields, and S gives it back to the queue. Found
walking the screener's journey at 1280 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import reviewer_votes


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_undo_brings_the_vote_back_with_its_reason_and_note_and_s_skips_it(browser, review, width):
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], width)
        page.goto(f"{base}/screen?stage={TA}")
        study = page.get_attribute("#record", "data-study")
        page.keyboard.press("n")
        page.keyboard.type("check the methods section")
        page.keyboard.press("Escape")
        page.keyboard.press("2")
        with page.expect_navigation():
            page.keyboard.press("e")
        assert page.get_attribute("#record", "data-study") != study
        with page.expect_navigation():
            page.keyboard.press("u")
        assert page.get_attribute("#record", "data-study") == study
        assert page.input_value("#note") == "check the methods section"
        assert page.input_value("#reason") == "not qualitative"
        assert page.locator("#skip").is_enabled()
        with page.expect_navigation():
            page.keyboard.press("s")
        assert "opened by its link" not in page.inner_text("body")
        assert f"Skipped study {study}" in page.inner_text("body"), page.inner_text("body")[:300]
        assert page.get_attribute("#record", "data-study") != study
        assert not [v for v in reviewer_votes(ws, "alice", TA) if str(v["study"]) == study]
        page.close()
