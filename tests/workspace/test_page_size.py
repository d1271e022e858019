"""A new review.db is made with 32 KB pages (a source record, ~5 KB with its JSON, no longer spills
onto overflow pages); an existing one keeps its page size; either way the write-ahead log is copied
into review.db once it holds about 4 MB (SQLite counts that in pages)."""

from __future__ import annotations

import sqlite3

from screener.workspace import db
from screener.workspace.workspace import Workspace


def _pragma(ws: Workspace, name: str) -> int:
    return ws.db.execute(f"PRAGMA {name}").fetchone()[0]


def test_a_new_workspace_has_32_kb_pages_and_checkpoints_at_4_mb(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    assert _pragma(ws, "page_size") == 32768
    assert _pragma(ws, "wal_autocheckpoint") * 32768 == db.CHECKPOINT_BYTES


def test_an_existing_workspace_keeps_its_4_kb_pages(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    ws.close()
    path = tmp_path / "ws" / "review.db"
    conn = sqlite3.connect(path)        # as a workspace made before 32 KB pages was: rewritten on 4 KB pages
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    ws = Workspace.open(tmp_path / "ws")
    assert _pragma(ws, "page_size") == 4096
    assert _pragma(ws, "wal_autocheckpoint") == 1024       # 4 MB of 4 KB pages
    ws.log_event("note", "owner", "review", {})
    assert _pragma(ws, "page_size") == 4096
