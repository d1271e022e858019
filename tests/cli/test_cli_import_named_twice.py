"""`screener import DIR a.ris a.ris` (the same file named twice, as a shell's `*.ris ./a.ris` or a pasted line gives):
before, the whole first file was read and then 'a.ris has the same content as a.ris; give each export once', which
read as two files. Now said before anything is read, naming the file once and how it was named; exit 2 as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from screener.cli.main import run
from screener.workspace.importer import import_files

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_scopus.ris"


def _imports(directory: Path) -> int:
    with sqlite3.connect(directory / "review.db") as db:
        return db.execute("SELECT count(*) FROM imports").fetchone()[0]


def test_one_file_named_twice_is_said_before_anything_is_read(tmp_path, capsys, monkeypatch):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    monkeypatch.chdir(RIS.parent)
    capsys.readouterr()
    assert run(["import", str(directory), str(RIS), f"./{RIS.name}", "--dry-run"]) == 2
    assert capsys.readouterr().err == (f"error: {RIS} is named twice (as {RIS} and {RIS.name}); give each export "
                                       "once (nothing was imported)\n")
    assert run(["import", str(directory), str(RIS), str(RIS)]) == 2
    assert capsys.readouterr().err == f"error: {RIS} is named twice; give each export once (nothing was imported)\n"
    assert _imports(directory) == 0


def test_the_python_api_says_it_so_too(workspace):
    report = import_files(workspace, [RIS, RIS], skip_bad=True)
    assert report.files[1].error == f"{RIS} is named twice; give each export once"
