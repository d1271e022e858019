"""`import DIR a.ris b.ris bad.txt`: one file refused refuses the command, and nothing is imported
(each file all-or-nothing, the command too without --skip-bad). The error named the bad file only; an
owner could not tell whether a.ris and b.ris had come in. It now says nothing was imported from the
files and that --skip-bad imports the others."""

from __future__ import annotations

from pathlib import Path

from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris"
GOOD = [RIS / "citation-file-formatting___baseline_scopus.ris", RIS / "citation-file-formatting___baseline_embase.ris"]


def _count(directory: Path) -> int:
    from screener import Workspace

    with Workspace.open(directory) as ws:
        return ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0]


def test_one_refused_file_among_several_says_nothing_was_imported(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    bad = tmp_path / "notes.txt"
    bad.write_text("Score\nThese are my notes, not an export\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(directory), *map(str, GOOD), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}:1: not a known export format (")
    assert err.endswith("; nothing was imported from the 3 files (--skip-bad imports the others)\n")
    assert err.count("\n") == 1
    assert _count(directory) == 0


def test_a_message_that_names_skip_bad_already_is_not_told_twice(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    bad = tmp_path / "broken.bib"
    bad.write_text("@article{key1,\n  title = {One {unbalanced},\n  year = 2020\n}\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(directory), str(GOOD[0]), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("--skip-bad") == 1 and err.endswith("; nothing was imported from the 2 files\n")
    assert _count(directory) == 0


def test_one_file_alone_is_said_as_before(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    bad = tmp_path / "notes.txt"
    bad.write_text("Score\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(directory), str(bad)]) == 1
    assert "nothing was imported" not in capsys.readouterr().err
