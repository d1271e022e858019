"""Search PubMed and Cancel from the keyboard on the workbench page, in headless Chromium at 390 px:
pressing Search PubMed puts the focus on Cancel (the button that appears), and Cancel, once the search
has stopped and Cancel is gone, puts it back on Search PubMed — the focus is never dropped on the page."""

from __future__ import annotations

import pytest
from test_workbench_browser import TOYE
from web_helpers import serving, signed_in_page

from screener.search.standin import EutilsStandin
from screener.workspace.reviewers import add_reviewer
from screener.workspace.strategies import save_strategy

pytestmark = pytest.mark.browser

FOCUSED = "() => document.activeElement && document.activeElement.id"


def test_search_and_cancel_keep_the_keyboard_focus(browser, review, monkeypatch):
    ws, studies, tokens = review
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    token = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "Toye 2017 MEDLINE", TOYE.read_text(encoding="utf-8"), actor="sam")
    standin = EutilsStandin(generated=150, enforce_rate=False)
    standin.inject("slow", times=1000, endpoint="efetch", after=3, seconds=0.4)    # time to press Cancel
    with standin as url, serving(ws.path) as base:
        page = signed_in_page(browser, base, token, 390)
        page.goto(f"{base}/workbench")
        page.wait_for_selector("#search-button:not([disabled])")
        page.fill("#eutils-url", url)
        page.fill("#batch-size", "10")
        page.focus("#search-button")
        page.keyboard.press("Enter")
        page.wait_for_selector("#job-state.running")
        # before: the focus fell to the page's body (Search PubMed disabled under it), Tab starting over from the top
        assert page.evaluate(FOCUSED) == "cancel-button"
        page.keyboard.press("Enter")
        page.wait_for_selector("#job-state.cancelled", timeout=30_000)
        assert page.locator("#cancel-button").is_hidden()
        # before: the focus fell to the body again as Cancel disappeared
        page.wait_for_function(f"{FOCUSED} === 'search-button'", timeout=5_000)
