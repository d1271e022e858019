"""Format names are read case-insensitively (`--format RIS`, `--format CSV`)."""

from __future__ import annotations

from screener.cli.main import run


def test_export_format_any_case(workspace, capsys):
    assert run(["export", str(workspace.path), "--format", "RIS"]) == 0
    assert run(["export", str(workspace.path), "--format", "ASReview"]) == 0
    assert capsys.readouterr().out.startswith("record_id,title,")


def test_searches_format_any_case(workspace, capsys):
    assert run(["report", "searches", str(workspace.path), "--format", "CSV"]) == 0
    assert capsys.readouterr().out.startswith("database,platform,date,")
