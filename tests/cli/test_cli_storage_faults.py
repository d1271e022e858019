"""Storage faults and undecodable arguments (issue 21): a full disk gave the API a generic 500 and
the CLI a traceback; a read-only workspace was called damaged; bytes that are not UTF-8 in a file
name, --note or the workspace path gave tracebacks. Each is now one line (CLI) or a 503 (API)."""

from __future__ import annotations

import os
import sqlite3

import pytest

from screener.errors import WorkspaceError
from screener.records.model import Record
from screener.workspace.reviewers import add_reviewer


def _fill(ws) -> None:
    """Make the database full the way a full disk does (SQLite's own SQLITE_FULL)."""
    pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
    ws.db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_is_a_workspace_error_with_nothing_written(workspace):
    add_reviewer(workspace, "alice")
    _fill(workspace)
    with pytest.raises(WorkspaceError, match="disk .* full") as error:
        with workspace.transaction():
            workspace.add_source_records([Record(title="x" * 5000, abstract="y" * 50000, database="t")
                                          for _ in range(50)])
    assert error.value.http_status == 503 and "\n" not in str(error.value)
    assert workspace.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0


def test_a_full_disk_is_one_line_in_the_cli(workspace, capsys, monkeypatch):
    from screener.cli.main import run

    add_reviewer(workspace, "alice")
    real_connect = sqlite3.connect

    def full_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn
    # 100 records: enough to need new pages (the 6 of asreview__embase.ris fitted in the pages a new
    # workspace has free once the free-text index buffers its terms (m022), and the import succeeded)
    fixture = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "records", "ris",
                           "asreview___baseline.ris")
    workspace.close()
    monkeypatch.setattr(sqlite3, "connect", full_connect)
    code = run(["import", str(workspace.path), fixture])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "full" in err and "Traceback" not in err


def test_arguments_that_are_not_utf8_are_one_line(workspace, capsys):
    from screener.cli.main import run

    workspace.close()
    bad = os.fsdecode(b"caf\xe9.ris")          # how Python hands over a Latin-1 file name
    for argv in (["import", str(workspace.path), bad],
                 ["vote", str(workspace.path), "1", "include", "--as", "alice", "--stage", "title_abstract",
                  "--note", os.fsdecode(b"\xff note")],
                 ["status", os.fsdecode(b"/tmp/r\xe9view")]):
        assert run(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "not UTF-8" in err and "Traceback" not in err
