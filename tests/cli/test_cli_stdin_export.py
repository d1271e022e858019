"""`cat export.ris | screener import DIR -` (as `query check -` reads a strategy from standard
input) said '-: no such file', and `dedupe - --groups-out` '-: cannot read the file: No such file
or directory'. Both now say that an export is read from a file and what to do."""

from __future__ import annotations

import io

from screener.cli.main import run

LINE = "error: -: an export is read from a file, not from standard input; save it to a file and give its name\n"


def test_import_from_standard_input(workspace, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("TY  - JOUR\nTI  - x\nER  - \n"))
    assert run(["import", str(workspace.path), "-"]) == 2      # a usage error (test_cli_missing_inputs)
    assert capsys.readouterr().err.endswith(LINE)


def test_dedupe_from_standard_input(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("TY  - JOUR\nTI  - x\nER  - \n"))
    monkeypatch.chdir(tmp_path)
    assert run(["dedupe", "-", "--groups-out", "g.csv"]) == 2
    assert capsys.readouterr().err == LINE
