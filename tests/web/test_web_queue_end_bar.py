"""The screening page once nothing is left for the screener ('Nothing left for you at
title/abstract'): at 390 px the vote bar still held greyed-out Include, Exclude and Maybe, a
greyed-out Skip, the reason list and the note box — 151 px of an 800 px screen for one live
button (Undo). It now keeps only Undo (the keys still say why I, E, M and S do nothing). And a
decided study opened from My votes said 'votes can no longer change it' above a live Undo whose
press threw the screener back to the queue with 'Could not undo: study 1 is already decided at
title_abstract (include by agreement)…'. Found walking the screener's journey at 390 px. Real
Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_bar_at_the_end_of_the_queue_holds_only_undo(browser, review, width):
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], width)
        page.goto(f"{base}/screen?stage={TA}")
        for _ in studies:
            with page.expect_navigation():
                page.keyboard.press("i")
        assert page.locator("#done").count() == 1
        height = page.evaluate("document.getElementById('votebar').getBoundingClientRect().height")
        page.screenshot(path=str(SHOTS / f"queue_end_{width}.png"))
        assert height < 70, height
        for hidden in ("#vote-include", "#vote-exclude", "#vote-maybe", "#skip", "#reason", "#note"):
            assert not page.is_visible(hidden), hidden
        assert page.is_visible("#undo") and page.is_enabled("#undo")
        page.keyboard.press("e")
        assert "Nothing is left for you to vote on" in page.inner_text("#client-message")
        with page.expect_navigation():
            page.keyboard.press("u")              # the last vote comes back: the bar is whole again
        assert page.is_visible("#vote-include") and page.is_visible("#reason")
        page.close()


@pytest.mark.browser
def test_a_decided_study_offers_no_vote_and_no_undo(browser, review):
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}")
        study = int(page.get_attribute("#record", "data-study"))
        with page.expect_navigation():
            page.keyboard.press("i")
        cast_vote(ws, "bob", study, TA, "include")          # decided by agreement
        page.goto(f"{base}/screen?stage={TA}&study={study}")
        assert page.locator("#closed").count() == 1
        assert page.is_disabled("#undo") and not page.is_visible("#vote-include")
        assert page.evaluate("document.getElementById('votebar').getBoundingClientRect().height") < 70
        page.keyboard.press("i")
        assert "decided" in page.inner_text("#client-message")
        page.keyboard.press("u")
        said = page.inner_text("#client-message")
        assert "decided" in said and "can no longer be withdrawn" in said, said
        assert f"study={study}" in page.url
        page.screenshot(path=str(SHOTS / "decided_no_undo_390.png"))
        page.close()
