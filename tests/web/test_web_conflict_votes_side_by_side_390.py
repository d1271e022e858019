"""The arbiter on a phone: a conflict card's two votes were stacked (each card the screen's whole
width), so at 390 px the second screener's vote, reason and note were below the fold — the two
votes side by side, the point of the card, were never in view together. They now stand in two
columns at 390 px as at 1280, nothing running off the screen, and a long note wraps inside its
card. Real Chromium at 390 px (screenshot in tests/artifacts/web/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.mark.browser
def test_the_two_votes_of_a_conflict_stand_side_by_side_at_390_px(browser, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include", note="adults with chronic pain, interviews: fits")
    cast_vote(ws, "bob", studies[0], TA, "exclude", reason="wrong population",
              note="a longwordwithoutanyspacesthatmustwrapinsideitscard and more words after it")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], 390)
        page.goto(f"{base}/conflicts?stage={TA}")
        cards = page.locator(f"#conflict-{studies[0]}-{TA} .vote-card")
        first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
        page.screenshot(path=str(SHOTS / "conflict_votes_390.png"))
        assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"], (first, second)
        assert second["x"] + second["width"] <= 390, second
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.close()
