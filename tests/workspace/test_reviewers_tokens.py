"""Reviewers and tokens: shown once, only a hash stored, the newest token is the valid one."""

from __future__ import annotations

import hashlib
import json

import pytest

from screener.cli.main import run
from screener.errors import PermissionDenied, ScreeningError, UsageError
from screener.workspace.reviewers import add_reviewer, authenticate, list_reviewers, mint_token


def test_add_list_and_authenticate(workspace):
    alice, token = add_reviewer(workspace, "alice", "screener")
    carol, _ = add_reviewer(workspace, "carol", "arbiter")
    assert [(r.name, r.role) for r in list_reviewers(workspace)] == [("alice", "screener"), ("carol", "arbiter")]
    assert authenticate(workspace, token) == alice
    assert len(token) >= 40
    stored = [r[0] for r in workspace.db.execute("SELECT token_hash FROM reviewer_tokens")]
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert token not in json.dumps([list(r) for r in workspace.db.execute("SELECT * FROM reviewer_tokens")])
    assert token not in json.dumps([list(r) for r in workspace.db.execute("SELECT * FROM events")])


def test_newest_token_wins_and_minting_is_an_event(workspace):
    alice, old = add_reviewer(workspace, "alice")
    new = mint_token(workspace, "alice")
    assert authenticate(workspace, new) == alice
    with pytest.raises(PermissionDenied, match="replaced by a newer one"):
        authenticate(workspace, old)
    with pytest.raises(PermissionDenied, match="unknown token"):
        authenticate(workspace, "not-a-token")
    assert workspace.db.execute("SELECT count(*) FROM reviewer_tokens").fetchone()[0] == 2
    kinds = [r[0] for r in workspace.db.execute("SELECT kind FROM events WHERE kind != 'init' ORDER BY id")]
    assert kinds == ["reviewer_add", "token_mint", "token_mint"]


def test_bad_reviewers(workspace):
    add_reviewer(workspace, "alice")
    with pytest.raises(ScreeningError, match="reviewer 'alice' already exists"):
        add_reviewer(workspace, "alice", "arbiter")
    with pytest.raises(UsageError, match="role 'boss' is not a role; use one of: screener, arbiter, owner"):
        add_reviewer(workspace, "bob", "boss")
    with pytest.raises(UsageError, match="needs a name"):
        add_reviewer(workspace, "  ")
    assert [r.name for r in list_reviewers(workspace)] == ["alice"]


def test_cli_reviewers_add_json_and_list(workspace, capsys):
    assert run(["reviewers", "add", str(workspace.path), "dana", "--role", "arbiter", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"name", "role", "token"}
    assert (data["name"], data["role"]) == ("dana", "arbiter")
    assert authenticate(workspace, data["token"]).name == "dana"
    assert run(["reviewers", "list", str(workspace.path), "--json"]) == 0
    assert [(r["name"], r["role"]) for r in json.loads(capsys.readouterr().out)] == [("dana", "arbiter")]
    assert run(["reviewers", "token", str(workspace.path), "dana", "--json"]) == 0
    fresh = json.loads(capsys.readouterr().out)["token"]
    assert authenticate(workspace, fresh).name == "dana"
    with pytest.raises(PermissionDenied):
        authenticate(workspace, data["token"])


def test_token_hash_is_public_and_is_what_is_stored(workspace):
    from screener.workspace import reviewers
    _, token = add_reviewer(workspace, "dora")
    assert reviewers.token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    stored = workspace.db.execute("SELECT token_hash FROM reviewer_tokens").fetchone()[0]
    assert stored == reviewers.token_hash(token)
    assert reviewers._hash is reviewers.token_hash          # the old private name still works


def test_web_auth_uses_the_public_token_hash():
    import ast
    from pathlib import Path

    import screener.web.auth as auth
    tree = ast.parse(Path(auth.__file__).read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                and n.module == "screener.workspace.reviewers" for a in n.names}
    assert "token_hash" in imported and "_hash" not in imported
