"""A review another process is writing to (a long import or dedupe in another terminal, the web
app): every command, even `status`, waited for the write lock to open the workspace (the migration
check took it whether or not anything was to migrate), and after SQLite's 30 s gave a traceback
ending in 'sqlite3.OperationalError: database is locked'. Now a command that only reads does not
wait, and one that writes says in one line that the review is busy and nothing was changed (exit 1;
503 on the API)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import screener.workspace.db as dbmod
from screener.cli.main import run
from screener.errors import WorkspaceError

WOS_RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_webofscience.ris"


@pytest.fixture
def busy(tmp_path, capsys, monkeypatch):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(WOS_RIS)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 300)       # SQLite's wait, 30 s in use
    other = sqlite3.connect(directory / "review.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")                          # another process, mid-write
    yield directory
    other.execute("ROLLBACK")
    other.close()


def test_reading_does_not_wait_for_the_writer(busy, capsys):
    assert run(["status", str(busy)]) == 0
    assert "source records:  10" in capsys.readouterr().out
    assert run(["export", str(busy), "--format", "ris"]) == 0


def test_writing_is_one_line_saying_the_review_is_busy(busy, capsys):
    assert run(["reviewers", "add", str(busy), "alice"]) == 1
    assert capsys.readouterr().err == (f"error: {busy}: another process is writing to this review (an import, "
                                       "dedupe or the web app?) and did not finish within 0.3 s; nothing was "
                                       "changed: run the command again once it is done\n")


def test_the_api_error_is_a_503(busy):
    assert dbmod.storage_error(busy, sqlite3.OperationalError("database is locked")).http_status == 503
    assert isinstance(dbmod.storage_error(busy, sqlite3.OperationalError("database is locked")), WorkspaceError)


def test_a_writer_waiting_says_so_at_once(tmp_path, capsys):
    """A vote while an import runs in another terminal waited up to 30 s without a word: it looked
    hung. Now a line on stderr says at once what it waits for; the command then goes through."""
    import subprocess
    import sys
    import threading

    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    other = sqlite3.connect(directory / "review.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(4.0, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        done = subprocess.run([sys.executable, "-m", "screener", "reviewers", "add", str(directory), "alice"],
                              capture_output=True, text=True, timeout=120)
    finally:
        release.join()
        other.close()
    assert done.returncode == 0, done.stderr
    assert done.stderr == (f"{directory}: another process is writing to this review (an import, dedupe or the web "
                           "app?); waiting up to 30 s for it to finish …\n")
    assert done.stdout.startswith("Added screener alice.")
