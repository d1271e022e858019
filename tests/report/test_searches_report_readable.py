"""`report searches` as a reader sees it: format names, a readable date, and --json."""

from __future__ import annotations

import json

from screener.cli.main import run
from screener.records.importer import import_files


def test_platform_names_the_format_and_the_date_is_readable(workspace, fixtures_dir, capsys):
    path = fixtures_dir / "records/ris/citation-file-formatting___baseline_embase.ris"
    import_files(workspace, [path], database="Embase")
    at = workspace.db.execute("SELECT at FROM imports").fetchone()[0]       # 2026-11-26T10:28:56.547785+00:00
    assert run(["report", "searches", str(workspace.path)]) == 0
    row = capsys.readouterr().out.splitlines()[2]
    assert row.startswith(f"| Embase | export file (RIS) | {at[:10]} {at[11:16]} UTC | (records imported from ")
    assert run(["report", "searches", str(workspace.path), "--format", "csv"]) == 0
    csv_row = capsys.readouterr().out.splitlines()[1]
    assert csv_row.startswith(f"Embase,export file (RIS),{at},")         # CSV keeps the exact time


def test_json(workspace, fixtures_dir, capsys):
    path = fixtures_dir / "records/ris/citation-file-formatting___baseline_embase.ris"
    import_files(workspace, [path], database="Embase")
    assert run(["report", "searches", str(workspace.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["database"], r["platform"], r["count"], r["source"]) for r in data] == [
        ("Embase", "export file (RIS)", 10, "import 1")]
    assert run(["report", "searches", str(workspace.path), "--json", "--format", "csv"]) == 2
    assert "--json and --format csv" in capsys.readouterr().err
