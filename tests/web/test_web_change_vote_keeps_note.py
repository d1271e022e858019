"""A screener changing a vote from My votes ('change'): the page said 'Your vote: include — note:
check the age range.' above an empty note box, and the new vote went in without the note — the
arbiter's card then showed 'no note', the screener's reasoning gone from the vote that counts
(it stayed only in the history). The note box (and the reason list) now hold the current vote's
note and reason, to keep or edit. Found walking the screener's journey at 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
def test_changing_a_vote_keeps_its_note_unless_edited(browser, review):
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include", note="check the age range")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/studies?stage={TA}")
        with page.expect_navigation():
            page.click(f'a[href$="/screen?stage={TA}&study={study}"]')
        assert page.input_value("#note") == "check the age range"
        page.keyboard.press("1")                  # out of scope
        with page.expect_navigation():
            page.keyboard.press("e")
        page.close()
    row = ws.db.execute("SELECT vote, reason, note FROM votes WHERE study_id = ? ORDER BY rowid DESC LIMIT 1",
                        (study,)).fetchone()
    assert tuple(row) == ("exclude", "out of scope", "check the age range")
