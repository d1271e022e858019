"""An export that states its own search (Embase.com's CSV starts with "SEARCH QUERY","…") puts
that query in the PRISMA-S table instead of 'strategy not recorded'."""

from __future__ import annotations

import csv
import io

from screener.cli.main import run
from screener.records import read_file
from screener.workspace.importer import import_files

EMBASE = "records/csv/citation-file-formatting___baseline_embase.csv"


def test_reader_keeps_the_stated_query(fixtures_dir):
    result = read_file(fixtures_dir / EMBASE)
    assert result.search_query == "dinosaur:ti"
    assert read_file(fixtures_dir / "records/csv/asreview__embase.csv").search_query == ""


def test_search_report_shows_it(workspace, fixtures_dir, capsys):
    report = import_files(workspace, [fixtures_dir / EMBASE, fixtures_dir / "records/csv/asreview__embase.csv"])
    assert [f.search_query for f in report.files] == ["dinosaur:ti", ""]
    assert run(["report", "searches", str(workspace.path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["strategy"] == f"dinosaur:ti (as stated in the export {(fixtures_dir / EMBASE).name})"
    assert rows[1]["strategy"].endswith("asreview__embase.csv; strategy not recorded)")


def test_import_text_shows_the_stated_query(workspace, fixtures_dir, capsys):
    assert run(["import", str(workspace.path), str(fixtures_dir / EMBASE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "  search stated in the file (kept for `screener report searches`): dinosaur:ti"
