"""What the arbiter sees in Chromium when a conflict they are deciding has its full text marked not
retrieved meanwhile (by the owner, after the Conflicts page was loaded): the page said 'attach it with
`screener fulltext` first'; it says where the full text is attached in the app. Screenshot in
tests/artifacts/web/remedy-words/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

from screener.workspace.fulltext import mark_not_retrieved
from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "remedy-words"
TA, FT = "title_abstract", "full_text"


@pytest.mark.browser
def test_the_arbiter_reads_where_the_full_text_is_attached(browser, review):
    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, TA, "include")
    cast_vote(ws, "alice", study, FT, "include")
    cast_vote(ws, "bob", study, FT, "exclude", reason="out of scope")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], 1280)
        page.goto(f"{base}/conflicts?stage={FT}")
        form = page.locator("form.resolve").first
        form.locator("input[value=include]").check()
        mark_not_retrieved(ws, study, actor="olivia")           # meanwhile, by the owner
        form.locator("button[type=submit]").click()
        page.wait_for_selector("[role=alert]")
        said = page.inner_text("[role=alert]")
        assert f"study {study}'s full text is marked not retrieved; attach it first (on the study's full-text page, " \
               "by the owner or a screener)" in said, said
        assert "`" not in said and "screener fulltext" not in said, said
        page.screenshot(path=str(SHOTS / "conflict-not-retrieved-1280.png"), full_page=True)
        page.close()
