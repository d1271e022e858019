"""A review database as an older release left it, for the tests that a migration applies to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from screener.workspace.migrations import all_migrations


def database_before(path: Path, version: int) -> sqlite3.Connection:
    """``path/review.db`` with every migration before ``version`` applied and recorded, as the
    release before that migration made it; ``path`` is created. The caller adds rows, commits and
    closes, then opens the workspace (which applies the rest)."""
    path.mkdir()
    conn = sqlite3.connect(path / "review.db")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for migration in all_migrations():
        if migration.version < version:
            conn.executescript(migration.sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (migration.version, migration.name))
    return conn
