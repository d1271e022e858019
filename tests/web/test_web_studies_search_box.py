"""The Studies page's search box: its placeholder 'Search title, abstract, authors, keywords' (325 px of
text) was cut off in the box, 233 px wide at 390 px and 131 px in the side column at 1280 px ('Search
title, al'), so what the box searches could not be read. It is now said in a label above the box,
which wraps, at 390 and 1280 px, for a screener and the owner. Real Chromium; screenshots go to
tests/artifacts/web/user-review/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"

# the placeholder's text width against the room inside the box (its padding off)
MEASURE = """() => {
  const box = document.getElementById('q');
  const s = getComputedStyle(box);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = s.fontStyle + ' ' + s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;
  return [box.placeholder, ctx.measureText(box.placeholder).width,
          box.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("who", ["alice", "olivia"])
def test_what_the_search_box_searches_is_readable_whole(browser, review, width, who):
    ws, _, tokens = review
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens[who], width)
        page.goto(f"{base}/studies")
        page.screenshot(path=str(SHOTS / f"studies-search-{who}-{width}.png"))
        placeholder, text, room = page.evaluate(MEASURE)
        assert text <= room, (placeholder, text, room)
        said = " ".join(page.inner_text("#facets form.search").split()) + " " + placeholder
        for word in ("title", "abstract", "author", "keyword"):      # what it searches, still said
            assert word in said.lower(), said
        hint = page.locator("#q-hint")
        if hint.count():                                              # a hint beside the box: not cut either
            assert page.evaluate("() => { const h = document.getElementById('q-hint'); "
                                 "return h.scrollWidth <= h.clientWidth + 1; }")
            assert hint.is_visible()
        page.fill("#q", "qualitative")
        page.click("#search-go")
        page.wait_for_url("**/studies?*q=qualitative*")
        assert "search: qualitative" in page.inner_text("main")      # (a screener's list: only their votes)
        page.close()
