"""m015 (saved strategies, search jobs) and m016 (the searcher role) on a workspace made before them."""

from __future__ import annotations

import sqlite3

import pytest

from screener import Workspace
from screener.workspace.reviewers import add_reviewer, authenticate, token_hash
from screener.workspace.settings import Settings, render_toml
from tests.workspace.old_schema import database_before


def test_m015_and_m016_apply_to_a_workspace_made_before_them(tmp_path):
    path = tmp_path / "old"
    conn = database_before(path, 15)
    conn.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('olivia', 'owner', 'then')")
    conn.execute("INSERT INTO reviewer_tokens (reviewer_id, token_hash, created_at) VALUES (1, ?, 'then')",
                 (token_hash("old-token"),))
    with pytest.raises(sqlite3.IntegrityError):       # before m016 there is no searcher
        conn.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('sam', 'searcher', 'then')")
    conn.commit()
    conn.close()
    (path / "review.toml").write_text(render_toml(Settings(title="old")))
    other = sqlite3.connect(path / "review.db")          # a connection opened before the migration
    other.execute("SELECT count(*) FROM reviewers").fetchone()
    ws = Workspace.open(path)
    assert {15, 16} <= {r[0] for r in ws.db.execute("SELECT version FROM schema_migrations")}
    sam, _ = add_reviewer(ws, "sam", "searcher")
    assert sam.can_edit_strategies and not sam.can_vote and not sam.can_resolve
    assert authenticate(ws, "old-token").name == "olivia"       # tokens still point at their reviewers
    assert ws.db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(sqlite3.IntegrityError):       # the check still refuses what is not a role
        ws.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('x', 'admin', 'now')")
    other.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('sue', 'searcher', 'now')")
    other.commit()
    other.close()
    assert ws.db.execute("SELECT count(*) FROM strategies").fetchone()[0] == 0
    ws.close()
    again = Workspace.open(path)                       # opening again applies nothing twice
    assert [r[0] for r in again.db.execute("SELECT role FROM reviewers ORDER BY id")] == \
           ["owner", "searcher", "searcher"]
    again.close()


def test_the_cli_adds_a_searcher(tmp_path, capsys):
    import json

    from screener.cli.main import run

    Workspace.init(tmp_path / "r").close()
    assert run(["reviewers", "add", str(tmp_path / "r"), "sam", "--role", "searcher", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert (added["name"], added["role"]) == ("sam", "searcher") and added["token"]
    assert run(["reviewers", "add", str(tmp_path / "r"), "ann", "--role", "admin"]) == 2    # not a role
