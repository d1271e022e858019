"""A screener voting on a study that deduplication merged into another while its page was open:
the answer was a page headed '404 — Not found' saying 'study 7 was merged into study 3 by
deduplication; screen study 3 instead', with no way to study 3 but the address bar, nor whether the
vote counted. It now says the vote was not recorded, why, and links study 3 and the queue; opening
the merged study's address says the same without the vote. Found walking the screener's journey
at 390 px. Real Chromium."""

from __future__ import annotations

import dataclasses

import pytest
from web_helpers import RECORDS, TA, counts, serving, signed_in_page

from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.studies import merged_into


@pytest.mark.browser
def test_a_vote_on_a_study_merged_away_meanwhile_leads_to_the_study_it_went_into(browser, review):
    ws, studies, tokens = review
    with ws.transaction():
        ws.add_source_records([dataclasses.replace(RECORDS[2], database="other")])   # study 7, a duplicate of 3
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}&study=7")
        page.fill("#note", "focus groups, not interviews")
        dedupe_workspace(ws)
        assert merged_into(ws, 7) == [3]
        before = counts(ws)["votes"]
        with page.expect_navigation():
            page.click("#vote-include")
        text = page.inner_text("main")
        assert "Your vote on study 7 was not recorded" in text and "study 3" in text, text
        assert "404" not in page.inner_text("h1"), page.inner_text("h1")
        assert counts(ws)["votes"] == before
        page.screenshot(path="tests/artifacts/web/vote_on_merged_study_390.png")
        with page.expect_navigation():
            page.get_by_role("link", name="Study 3").click()
        assert page.get_attribute("#record", "data-study") == "3"
        page.goto(f"{base}/screen?stage={TA}&study=7")              # the old address, opened again
        assert "merged into study 3" in page.inner_text("main")
        assert page.get_by_role("link", name="Study 3").count() == 1
        page.close()
