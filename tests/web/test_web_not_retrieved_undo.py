"""Full-text screening, a screener ticking 'the report could not be retrieved': the page that came
back said 'Study 1 is not screened at full text: its full text is marked as not retrieved. There is
nothing for you to do on it here.', with no way to attach the report if it turns up (or the tick
was a slip), though attaching it is what brings the study back. The page now says so and offers
the PDF or link form; attaching brings the study back to screening. Found walking the full-text
stage at 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import FT, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote, study_outcome


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_report_marked_not_retrieved_can_be_attached_after_all(browser, review, width):
    ws, studies, tokens = review
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["bob"], width)
        page.goto(f"{base}/screen?stage={FT}")
        page.check("#fulltext-not-retrieved")
        with page.expect_navigation():
            page.click("#fulltext-submit")
        text = page.inner_text("main")
        assert "nothing for you to do" not in text, text
        assert "attach" in text.lower(), text
        assert study_outcome(ws, studies[0], FT).status == "not_retrieved"
        page.screenshot(path=f"tests/artifacts/web/not_retrieved_attach_{width}.png")
        page.fill("#fulltext-url", "https://example.org/found.pdf")
        with page.expect_navigation():
            page.click("#fulltext-submit")
        assert page.get_attribute("#record", "data-study") == str(studies[0])
        assert page.locator("#vote-include").is_enabled()
        assert study_outcome(ws, studies[0], FT).status != "not_retrieved"
        page.close()
