"""A translation's 'Line by line' view on a phone (headless Chromium at 390 px): before, its third
column (what changed: 'approximate, broader', empty on most lines) kept 9rem of the card's width and
the query of each line was wrapped into a column of about 130 px, a word or two a line; now what
changed stands under the line's query, which has the card's width."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS
from test_workbench_browser import TOYE
from web_helpers import serving, signed_in_page

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser


def test_line_by_line_gives_the_query_the_cards_width_on_a_phone(browser, review):
    ws, studies, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, token, 390)
        page.goto(f"{base}/workbench")
        page.fill("#text", TOYE.read_text(encoding="utf-8"))
        card = page.locator("#translations details.tcard[data-target='pubmed']")
        card.locator("details.tlines > summary").wait_for()
        card.locator("details.tlines > summary").click()
        row = card.locator("table.tlines tr", has=page.locator("td.codes", has_text="approximate")).first
        query, changed = row.locator("td").first.bounding_box(), row.locator("td.codes").bounding_box()
        table = card.locator("table.tlines").bounding_box()
        assert query["width"] >= table["width"] - 60, (query, table)      # before: ~140 of 322 px
        assert changed["y"] >= query["y"] + query["height"] - 1, (query, changed)     # under the query
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        row.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "workbench-line-by-line-390.png"))
