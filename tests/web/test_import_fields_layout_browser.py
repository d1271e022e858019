"""The 'What was searched (PRISMA-S)' fields of an import, in headless Chromium at 1280 px, where
they stand four to a row: before, 'Date searched' carried a hint under its box, its row grew, and
every box of that row (Database searched, Platform / interface, Date coverage) was stretched to
twice the height of the others; now every text box is as tall as the rest, the hint under its own."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS
from test_searcher_imports import EMBASE
from web_helpers import serving, signed_in_page

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser

HEIGHTS = """() => Object.fromEntries([...document.querySelectorAll('#confirm-form .fields-grid input')]
  .filter((e) => e.type === 'text' || e.type === 'date').map((e) => [e.name, e.getBoundingClientRect().height]))"""


def test_the_prisma_s_fields_are_all_one_height(browser, review):
    ws, _, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, sam, 1280)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(EMBASE))
        page.click("#check-files")
        page.wait_for_selector("#confirm-form")
        heights = page.evaluate(HEIGHTS)
        assert {"database", "platform", "searched_on", "coverage", "limits", "notes"} <= set(heights), heights
        assert max(heights.values()) - min(heights.values()) <= 2, heights
        page.locator("#confirm-form").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "import-fields-1280.png"))
