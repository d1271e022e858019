"""The screening page's text boxes at phone width: the note's placeholder 'N to write; kept with your
vote' showed as 'N to write; kept w' at 390 px (found in this session's 390 px pass as a screener).
Every placeholder on the page is now whole in its box at 390 and 1280 px, at both stages. Real
Chromium."""

from __future__ import annotations

import pytest
from web_helpers import FT, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote

# each box's placeholder width against the room inside it (its padding off)
MEASURE = """() => Array.from(document.querySelectorAll('input[placeholder], textarea[placeholder]'))
  .filter(box => box.offsetParent !== null).map(box => {
    const s = getComputedStyle(box);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = s.fontStyle + ' ' + s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;
    return [box.id, box.placeholder, ctx.measureText(box.placeholder).width,
            box.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)];
  })"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("stage", [TA, FT])
def test_every_placeholder_on_the_screening_page_is_whole(browser, review, width, stage):
    ws, studies, tokens = review
    if stage == FT:
        for name in ("alice", "bob"):
            cast_vote(ws, name, studies[0], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], width)
        page.goto(f"{base}/screen?stage={stage}")
        assert page.locator("#note").is_visible()
        boxes = page.evaluate(MEASURE)
        assert {b[0] for b in boxes} >= {"note", "label-input"}, boxes
        cut = [b for b in boxes if b[2] > b[3]]
        assert not cut, cut
        page.close()
