"""The screening commands end to end (JSON shapes), and m006 on a workspace made before it."""

from __future__ import annotations

import json

from screener import Workspace
from screener.cli.main import run
from screener.workspace.settings import Settings, render_toml
from tests.workspace.old_schema import database_before

TA, FT = "title_abstract", "full_text"


def _json(capsys, args):
    assert run(args) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_conflict_resolve_progress_json(team, capsys):
    ws, studies, _ = team
    d, s = str(ws.path), str(studies[0])
    _json(capsys, ["vote", d, s, "include", "--as", "alice", "--stage", TA, "--json"])
    _json(capsys, ["vote", d, s, "exclude", "--as", "bob", "--stage", TA, "--reason", "out of scope", "--json"])
    [conflict] = _json(capsys, ["conflicts", d, "--json"])
    assert (conflict["study"], conflict["stage"], conflict["conflict"]) == (studies[0], TA, "decision")
    assert [(v["reviewer"], v["vote"], v["reason"]) for v in conflict["votes"]] == [
        ("alice", "include", ""), ("bob", "exclude", "out of scope")]
    resolved = _json(capsys, ["resolve", d, s, "include", "--as", "carol", "--stage", TA, "--json"])
    assert resolved["outcome"]["status"] == "include" and resolved["outcome"]["decided_by"] == "arbiter"
    assert _json(capsys, ["conflicts", d, "--json"]) == []
    owner = _json(capsys, ["progress", d, "--json"])
    ta = owner["stages"][TA]
    assert {k: ta[k] for k in ("studies", "include", "exclude", "conflict", "pending", "unscreened")} == {
        "studies": 6, "include": 1, "exclude": 0, "conflict": 0, "pending": 0, "unscreened": 5}
    assert [(r["name"], r["voted"], r["remaining"]) for r in ta["reviewers"]] == [
        ("alice", 1, 5), ("bob", 1, 5), ("olivia", 0, 0)]   # the owner resolves, given none to screen (1b324e0)
    assert owner["stages"][FT]["studies"] == 1
    bob = _json(capsys, ["progress", d, "--as", "bob", "--json"])
    assert set(bob["stages"][TA]) == {"studies", "votes_needed", "include", "exclude", "undecided", "reviewers"}
    assert [r["name"] for r in bob["stages"][TA]["reviewers"]] == ["bob"]


def test_retract_through_cli(team, capsys):
    ws, studies, _ = team
    d, s = str(ws.path), str(studies[1])
    _json(capsys, ["vote", d, s, "maybe", "--as", "alice", "--stage", TA, "--json"])
    answer = _json(capsys, ["vote", d, s, "retract", "--as", "alice", "--stage", TA, "--json"])
    assert answer["vote"] is None and answer["recorded"] is True
    assert [r[0] for r in ws.db.execute("SELECT vote FROM votes ORDER BY id")] == ["maybe", "retract"]


def test_m006_applies_to_a_workspace_made_before_it(tmp_path):
    path = tmp_path / "old"
    conn = database_before(path, 6)
    conn.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('alice', 'screener', 'then')")
    conn.execute("INSERT INTO studies (created_at) VALUES ('then')")
    conn.commit()
    conn.close()
    (path / "review.toml").write_text(render_toml(Settings(title="old")))
    ws = Workspace.open(path)
    assert ws.db.execute("SELECT count(*) FROM leases").fetchone()[0] == 0
    assert 6 in {r[0] for r in ws.db.execute("SELECT version FROM schema_migrations")}
    assert ws.status()["decisions"][TA] == {"include": 0, "exclude": 0, "conflict": 0}
    ws.close()
