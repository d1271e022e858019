"""The end of a screener's title/abstract queue while full-text studies wait for them. Before, the
page said 'Nothing left for you at title/abstract' and nothing of the 2 studies waiting for them
at full text (the start page counted them, two clicks away; Rayyan and Covidence lead on to the
next stage). Now it says how many wait at the other stage with a link there; and the progress
bar, which a screen reader announced as an unnamed 'progress bar', is named ('Your votes at
title/abstract: 6 of 6'). Real Chromium at 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import FT, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.mark.browser
def test_the_end_of_the_queue_leads_to_the_studies_waiting_at_the_other_stage(browser, review):
    ws, studies, tokens = review
    for study in studies:
        cast_vote(ws, "alice", study, TA, "include")
    for study in studies[:2]:
        cast_vote(ws, "bob", study, TA, "include")         # two studies reach full text
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}")
        said = page.inner_text("#other-stage")
        assert said.startswith("2 studies wait for you at full text"), said
        page.screenshot(path=str(SHOTS / "queue_end_next_stage_390.png"))
        tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
        bars = [n.get("name", {}).get("value", "") for n in tree["nodes"]
                if n.get("role", {}).get("value") == "progressbar" and not n.get("ignored")]
        assert bars == ["Your votes at title/abstract: 6 of 6"], bars
        with page.expect_navigation():
            page.click("#other-stage a")
        assert f"stage={FT}" in page.url and page.locator("#record").count() == 1
        page.goto(f"{base}/screen?stage={FT}")
        for _ in range(2):
            with page.expect_navigation():
                page.keyboard.press("i")
        assert page.locator("#other-stage").count() == 0        # nothing waits at title/abstract
        page.close()
