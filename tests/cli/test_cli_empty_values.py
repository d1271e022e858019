"""An empty value where a file or folder goes — a shell variable left unset, `--out "$OUT"` — was read as
'.', the current folder: `export --out ""` ended in a traceback ('PosixPath('.') has an empty name'),
`admin token ""` made the current folder a server root (its .root-tokens and .web-secret written there),
`serve --root ""` served it, and the others named '.', which the user never typed. An empty argument, or
an empty value of an option that takes a file or folder, is now one line naming it, exit 2, before
anything is read or written. Options whose value is text may stay empty (--notes "")."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_scopus.ris"


@pytest.fixture()
def review(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(["init", "rev"]) == 0
    capsys.readouterr()
    return tmp_path


def _files(folder: Path) -> list[str]:
    # (SQLite's -wal and -shm come and go as the database is opened and closed)
    return sorted(p.name for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm")))


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.mark.parametrize("argv, named", [
    (["export", "rev", "--format", "ris", "--out", ""], "--out ''"),
    (["export", "rev", "--format", "ris", "--out="], "--out ''"),
    (["report", "prisma", "rev", "--out", ""], "--out ''"),
    (["dedupe", str(RIS), "--groups-out", ""], "--groups-out ''"),
    (["import", "rev", str(RIS), "--strategy", ""], "--strategy ''"),
    (["query", "run", "s.ovid", "--records", ""], "--records ''"),
    (["query", "run", "s.ovid", "--review", ""], "--review ''"),
    (["serve", "--root", ""], "--root ''"),
    (["admin", "token", ""], "ROOT ''"),
    (["import", "rev", ""], "FILE ''"),
    (["status", ""], "DIR ''"),
    (["query", "check", ""], "FILE ''"),
])
def test_an_empty_path_is_one_line_and_nothing_is_written(review, capsys, argv, named):
    Path("s.ovid").write_text("1. pain.ti,ab.\n", encoding="utf-8")
    before = _files(review)
    assert run(argv) == 2
    line = _one_line(capsys)
    assert f"{named}: empty" in line and "shell variable" in line, line
    assert _files(review) == before


def test_an_export_to_the_current_folder_is_refused_in_one_line(review, capsys):
    assert run(["export", "rev", "--format", "ris", "--out", "."]) == 2
    assert _one_line(capsys) == "error: --out .: is a folder; give a file name (or - for standard output)"


def test_empty_text_is_still_allowed(review, capsys):
    assert run(["import", "rev", str(RIS), "--notes", "", "--limits", ""]) == 0
