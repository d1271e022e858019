"""The owner's full-text page of a study not included at title/abstract (opened from Studies at full
text, or by its link) offered 'or: the report could not be retrieved', which is then refused ('study 2
is not included at title/abstract, so no report is sought for it'); nor can it be said of a study
already decided at full text. The choice is offered only where it can be recorded. Found in this
session's 390 px pass as the owner. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import FT, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
def test_not_retrieved_is_offered_only_for_a_report_that_is_sought(browser, review):
    ws, studies, tokens = review
    excluded, included = studies[0], studies[1]
    for name in ("alice", "bob"):
        cast_vote(ws, name, excluded, TA, "exclude", reason="out of scope")
        cast_vote(ws, name, included, TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/screen?stage={FT}&study={excluded}")
        assert page.locator("#fulltext-form").count() == 1                 # attaching stays possible
        assert page.locator("#fulltext-not-retrieved").count() == 0
        page.goto(f"{base}/screen?stage={FT}&study={included}")
        page.check("#fulltext-not-retrieved")
        page.click("#fulltext-submit")
        page.wait_for_load_state()
        assert "not retrieved" in page.inner_text("main").lower()
        page.close()
    kinds = [r[0] for r in ws.db.execute("SELECT kind FROM fulltexts WHERE study_id = ?", (included,))]
    assert kinds == ["not_retrieved"]
