"""The search workbench in headless Chromium: a CINAHL strategy pasted while the Syntax menu says Ovid MEDLINE.
Before, the page listed 'missing operator before (' and nothing said the text was CINAHL's; now the problem
list names the syntax it looks like, with a button that chooses it, after which the strategy reads clean.
Screenshots (1280x800 and 390x844) go to tests/artifacts/workbench/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "workbench"
CINAHL = """S1 (MH "Back Pain+")
S2 TI exercise* OR AB exercise*
S3 S1 AND S2
"""


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_a_strategy_in_another_syntax_names_it_and_one_click_reads_it_so(browser, review, width, height):
    ws, _, _ = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{base}/signin?token={token}")
        page.click("#signin")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/workbench")
        assert page.input_value("#syntax") == "ovid"
        page.fill("#text", CINAHL)
        page.wait_for_selector('#problems li[data-code="SYNTAX_MISMATCH"]')
        item = page.locator('#problems li[data-code="SYNTAX_MISMATCH"]')
        said = item.inner_text()
        # it explains the error Ovid's reading reports ('missing operator before (') and is listed above it
        assert page.locator("#problems li").first.get_attribute("data-code") == "SYNTAX_MISMATCH"
        assert said.startswith("1:1")
        assert "this looks like EBSCOhost CINAHL syntax" in said
        button = item.locator("button.use-syntax")
        assert button.inner_text() == "Read it as CINAHL (EBSCO)"
        assert button.is_visible()
        box = button.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width     # on the screen at 390 px too
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        button.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"syntax-mismatch-{width}.png"))
        button.click()
        page.wait_for_function("() => document.querySelector('#syntax').value === 'ebsco-cinahl'")
        page.wait_for_selector('#check-summary:not(.has-errors)')
        page.wait_for_function("!document.querySelector('#problems li[data-code=\"SYNTAX_MISMATCH\"]')")
        assert "0 errors" in page.inner_text("#check-summary") or "no problems" in page.inner_text("#check-summary")
        page.screenshot(path=str(ARTIFACTS / f"syntax-mismatch-{width}-after.png"))
        page.close()
