"""The keyboard flow a screener follows after 'Choose an exclusion reason first (keys 1-9), then
press E again': the page puts the focus on the reason list, so the number and E must work there
(they were swallowed by the focused list: E did nothing until the person pressed Esc)."""

from __future__ import annotations

import pytest
from test_web_browser import _full_text_page, server  # noqa: F401 (a fixture)
from web_helpers import FT

from screener.workspace.screening import reviewer_votes

pytestmark = pytest.mark.browser


def test_reason_then_exclude_while_the_reason_list_has_the_focus(browser, server, review):  # noqa: F811
    ws = review[0]
    page, study = _full_text_page(browser, server, review)
    page.keyboard.press("e")
    assert "Choose an exclusion reason" in page.locator("#client-message").inner_text()
    assert page.evaluate("document.activeElement.id") == "reason"
    page.keyboard.press("2")
    assert page.locator("#reason").input_value() == "not qualitative"
    page.keyboard.press("e")
    page.wait_for_selector(f"text=Study {study}: exclude (not qualitative).")
    assert reviewer_votes(ws, "bob", FT)[0]["vote"]["reason"] == "not qualitative"
    page.close()
