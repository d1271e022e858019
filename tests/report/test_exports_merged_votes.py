"""The audit CSV keeps every vote: a vote cast on a study that deduplication later merged into
another appears in the surviving study's row, marked with the study it was cast on."""

from __future__ import annotations

import csv
import io
import json

from screener.report.exports import export_studies
from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.importer import import_files
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote

TA = "title_abstract"


def test_votes_on_merged_away_studies_stay_in_the_audit(workspace, fixtures_dir, tmp_path):
    path = fixtures_dir / "records/ris/asreview__embase.ris"
    import_files(workspace, [path])
    import_files(workspace, [path], allow_reimport=True)          # the same 6 records again: studies 7-12
    add_reviewer(workspace, "alice", "screener")
    add_reviewer(workspace, "bob", "screener")
    cast_vote(workspace, "alice", 8, TA, "include")
    cast_vote(workspace, "bob", 8, TA, "exclude", reason="out of scope")
    cast_vote(workspace, "alice", 2, TA, "include")
    dedupe_workspace(workspace)
    assert workspace.db.execute("SELECT count(*) FROM current_links WHERE study_id = 8").fetchone()[0] == 0

    text, n = export_studies(workspace, "csv")
    rows = {int(r["study"]): r for r in csv.DictReader(io.StringIO(text))}
    assert n == 6 and 8 not in rows
    events = {sid: json.loads(r[f"{TA}_events"]) for sid, r in rows.items()}
    assert sum(len(e) for e in events.values()) == 3
    survivor = [sid for sid, e in events.items() if any(v.get("merged_from") == 8 for v in e)]
    assert survivor == [2]
    assert [(v["name"], v["vote"], v.get("merged_from")) for v in events[2]] == [
        ("alice", "include", 8), ("bob", "exclude", 8), ("alice", "include", None)]


def test_export_says_one_study_in_the_singular(workspace, fixtures_dir, tmp_path, capsys):
    from screener.cli.main import run

    import_files(workspace, [fixtures_dir / "records/ris/asreview__embase.ris"])
    add_reviewer(workspace, "alice", "screener")
    add_reviewer(workspace, "bob", "screener")
    for name in ("alice", "bob"):
        cast_vote(workspace, name, 1, TA, "include")
    out = tmp_path / "included.ris"
    assert run(["export", str(workspace.path), "--format", "ris", "--stage", TA, "--decision", "include",
                "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"Wrote 1 study to {out}\n"
