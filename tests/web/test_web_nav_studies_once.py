"""The owner's menu had 'My votes' and 'Studies' side by side, both opening the same page (All studies
at title/abstract): two names for one page, the first naming what it is not (found in this
session's 390 px pass as the owner, where the menu takes two rows). The owner's menu now has
Studies alone; a screener's still has My votes (their votes only). Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import serving, signed_in_page


def _menu(page) -> list[tuple[str, str]]:
    return page.locator("header nav a").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), new URL(a.href).pathname])")


@pytest.mark.browser
def test_each_menu_names_the_studies_page_once(browser, review):
    ws, _, tokens = review
    with serving(ws.path) as base:
        for who, name in (("olivia", "Studies"), ("alice", "My votes"), ("carol", "Studies")):
            page = signed_in_page(browser, base, tokens[who], 390)
            to_studies = [text for text, path in _menu(page) if path == "/studies"]
            assert to_studies == [name], (who, _menu(page))
            page.close()
