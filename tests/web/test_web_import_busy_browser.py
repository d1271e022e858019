"""Imports page, the Import button pressed while the review is busy with another write (an import
or dedupe the owner started in a terminal): the refusal is said in the page's words. The page's
rewriting of the command line's sentence ('run the command again once it is done') matched the whole
line, so a changed word there would have put the command line's words on the page; now the error
carries what gets past it (errors.RETRY) and the page words it, as it words the other refusals'
remedies. A full disk and a read-only review no longer send the owner to '`screener serve`' either:
they say to tell whoever runs the review's server. Real server on 127.0.0.1, headless Chromium."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

import screener.workspace.db as dbmod

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "import-busy"
EXPORT = b"TY  - JOUR\r\nTI  - Pain in adults: a qualitative study\r\nAU  - Smith, Jane\r\nPY  - 2019\r\nER  - \r\n"


def _to_confirm(page, base: str, export: Path) -> None:
    page.goto(f"{base}/owner/imports")
    page.set_input_files("#files", str(export))
    with page.expect_navigation():
        page.click("#check-files")
    page.fill("input[name=database]", "Embase")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_import_pressed_while_the_review_is_busy_says_so_in_the_pages_words(browser, review, tmp_path, monkeypatch,
                                                                          width):
    ws, _, tokens = review
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 600)
    monkeypatch.setattr(dbmod, "BUSY_NOTICE_MS", 100)
    export = tmp_path / "embase.ris"
    export.write_bytes(EXPORT)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        _to_confirm(page, base, export)
        other = sqlite3.connect(ws.path / "review.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")                  # the owner's dedupe in a terminal, mid-write
        try:
            with page.expect_navigation() as answer:
                page.click("#confirm-import")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert answer.value.status == 503
        said = " ".join(page.locator("#error").inner_text().split())
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"busy-{width}.png"))
        assert said.startswith("the review is busy") and "do it again in a moment" in said, said
        for word in ("run the command", "screener ", "`", "the review: another process"):
            assert word not in said, (word, said)
        assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
        with page.expect_navigation():
            page.click("#confirm-import")                  # the preview is still there: pressed again, it imports
        assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("sqlite_says, page_says", [
    ("database or disk is full", "the server's disk is full"),
    ("attempt to write a readonly database", "the review cannot be written on the server"),
])
def test_a_write_the_server_cannot_make_sends_the_owner_to_whoever_runs_it(browser, review, tmp_path, monkeypatch,
                                                                          sqlite_says, page_says):
    ws, _, tokens = review
    export = tmp_path / "embase.ris"
    export.write_bytes(EXPORT)

    def refused(conn, path):
        raise sqlite3.OperationalError(sqlite_says)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        _to_confirm(page, base, export)
        monkeypatch.setattr(dbmod, "begin_write", refused)
        with page.expect_navigation():
            page.click("#confirm-import")
        monkeypatch.undo()
        said = " ".join(page.locator("#error").inner_text().split())
        assert said.startswith(page_says) and "tell whoever runs the review's server" in said, said
        for word in ("screener serve", "`", "free some space and try again", "status, exports, reports"):
            assert word not in said, (word, said)
        page.close()
