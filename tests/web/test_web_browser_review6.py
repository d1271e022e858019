"""What the session-9 user-level review of the web app in headless Chromium found (the owner's whole
journey at 1280x800 and 390x844), and the three defects session 7 left: each test is a defect as a
person saw it, written before its fix. Screenshots go to tests/artifacts/web/review6/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving_with_reasons, signed_in_page

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "review6"

LONG_REASONS = ["out of scope", "not qualitative or limited qualitative data", "methodological report",
                "wrong population: not healthcare professionals treating adults with chronic non-malignant pain"]

# the selected option's text against the room the select gives it (its width less padding and arrow)
CLIPPED = """el => {
  const style = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = ctx.measureText(el.options[el.selectedIndex].text).width;
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
  return {text, room};
}"""


def _shot(page, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full)


def test_a_long_exclusion_reason_reads_whole_in_the_bar_at_1280_px(browser, review):
    """At 1280x800 the title/abstract vote bar kept one row and gave the reason list what the note
    left: 'wrong population: not healthcare professionals treating adults with chronic…' was cut
    at the list's edge, chosen or not, so a screener could not tell two long reasons apart. When
    the review's reasons do not fit that row, the bar takes two rows (the reason's row above the
    buttons, as at full text), and every reason reads whole; the bar is still clear of the text."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, LONG_REASONS) as server:
        for stage in ("title_abstract", "full_text"):
            page = signed_in_page(browser, server, tokens["alice"], 1280)
            page.set_viewport_size({"width": 1280, "height": 800})
            page.goto(f"{server}/screen?stage={stage}")
            for reason in LONG_REASONS:
                page.select_option("#reason", reason)
                room = page.locator("#reason").evaluate(CLIPPED)
                assert room["text"] <= room["room"], (stage, reason, room)
            _shot(page, f"long-reason-{stage}-1280.png")
            boxes = [page.locator(s).bounding_box() for s in ("#vote-include", "#reason", "#note")]
            assert all(b["x"] >= 0 and b["x"] + b["width"] <= 1280 for b in boxes), (stage, boxes)
            assert page.locator("#note").bounding_box()["width"] >= 192, stage
            bar = page.locator("#votebar").bounding_box()
            padding = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).paddingBottom)")
            assert bar["height"] <= padding, (stage, bar, padding)
            page.close()
