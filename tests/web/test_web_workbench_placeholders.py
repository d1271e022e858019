"""Search strategies page (the workbench): the name box under Saved versions showed its example cut,
'e.g. MEDLINE main searc', at 1280 px and at 390 px, and the E-utilities URL box showed NCBI's
address cut at 390 px (found walking the information specialist's journey, session 9). Every
one-line box's placeholder is now whole at both widths. Real Chromium."""

from __future__ import annotations

import pytest
from test_web_screen_placeholders import MEASURE
from web_helpers import serving, signed_in_page


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_every_one_line_placeholder_on_the_workbench_is_whole(browser, review, width):
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/workbench")
        page.wait_for_selector("#save-name")
        # the strategy's own box is a textarea: its example wraps, as the text typed there does
        boxes = [b for b in page.evaluate(MEASURE) if b[0] != "text"]
        assert {b[0] for b in boxes} >= {"save-name", "save-note", "eutils-url", "email"}, boxes
        cut = [b for b in boxes if b[2] > b[3]]
        assert not cut, cut
        page.close()
