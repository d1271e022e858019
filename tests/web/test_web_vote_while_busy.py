"""A screener voting while another process holds the review's write lock longer than SQLite waits
(an import of a large export, a dedupe run, started by the owner in a terminal). The page said 'the
review: another process is writing to this review (an import, dedupe or the web app?) and did not
finish within 30 s; nothing was changed: run the command again once it is done' — a command line's
words ('run the command'), a path turned into 'the review:', and nothing of the vote they had just
cast. Real Chromium; SQLite's wait shortened from 30 s so the test is quick."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from web_helpers import TA, counts, serving, signed_in_page

import screener.workspace.db as dbmod

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.mark.browser
def test_a_vote_the_busy_review_could_not_take_says_so_and_the_next_press_counts(browser, review, monkeypatch):
    ws, studies, tokens = review
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 600)
    monkeypatch.setattr(dbmod, "BUSY_NOTICE_MS", 100)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}")
        study = page.get_attribute("#record", "data-study")
        other = sqlite3.connect(ws.path / "review.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")                  # the owner's import, mid-write
        try:
            with page.expect_navigation():
                page.keyboard.press("i")
            text = page.inner_text("body")
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "vote-while-busy-390.png"))
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert f"Your include vote on study {study} was not recorded" in text, text
        assert "busy" in text and "again in a moment" in text, text
        assert "run the command" not in text and "the review: another process" not in text, text
        assert counts(ws)["votes"] == 0
        with page.expect_navigation():
            page.keyboard.press("i")
        assert counts(ws)["votes"] == 1
        assert f"Study {study}: include." in page.inner_text("body")
        page.close()
