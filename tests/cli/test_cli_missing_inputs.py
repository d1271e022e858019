"""A file named on the command line that is not there: `query check`, `query translate`, `query run
--records`, `query validate --known` and every `--strategy` exited 2 (a usage error, as click's own check of
a path does), but `import`, `dedupe FILE... --groups-out`, `rank simulate` and `fulltext` exited 1, each
worded its own way ('cannot read the file: No such file or directory'), and `import a.ris typo.ris`
advised '--skip-bad imports the others'. Every one is now a usage error: exit 2, one line naming the file
as typed, said before anything is read or written (README, Commands: the exit codes). So is `-` (standard
input) given to a command that reads files only. A workspace DIR that is not there stays exit 1, as every
workspace error (not one, already one, its database unusable)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener import Workspace
from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_scopus.ris"


def _rows(directory: Path) -> int:
    with Workspace.open(directory) as ws:
        return sum(ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("imports", "source_records", "fulltexts", "events"))


@pytest.fixture()
def review(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(["init", "rev"]) == 0
    assert run(["import", "rev", str(RIS)]) == 0
    capsys.readouterr()
    return tmp_path / "rev"


def one_error_line(capsys) -> str:
    """The one line on stderr (nothing on stdout), starting 'error: ' (also used by test_cli_usage_one_line)."""
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines
    return lines[0]


@pytest.mark.parametrize("argv, named", [
    (["import", "rev", "typo.ris"], "typo.ris"),
    (["import", "rev", str(RIS), "typo.ris"], "typo.ris"),
    (["import", "rev", "typo.ris", "--skip-bad"], "typo.ris"),
    (["dedupe", str(RIS), "typo.ris", "--groups-out", "groups.csv"], "typo.ris"),
    (["rank", "simulate", "typo.csv"], "typo.csv"),
    (["fulltext", "rev", "1", "typo.pdf"], "typo.pdf"),
    (["query", "check", "typo.ovid"], "typo.ovid"),
    (["query", "translate", "typo.ovid", "--to", "pubmed"], "typo.ovid"),
])
def test_a_missing_input_file_is_a_usage_error_said_before_anything_is_written(review, capsys, argv, named):
    before = _rows(review)
    assert run(argv) == 2
    line = one_error_line(capsys)
    assert f"{named}: no such file" in line or f"{named} not found" in line, line
    assert "--skip-bad" not in line, line
    assert _rows(review) == before
    assert not Path("groups.csv").exists()


def test_several_missing_exports_are_named_in_one_line(review, capsys):
    assert run(["import", "rev", "a.ris", str(RIS), "b.ris"]) == 2
    line = one_error_line(capsys)
    assert "a.ris" in line and "b.ris" in line and "nothing was imported" in line, line


@pytest.mark.parametrize("argv", [
    ["import", "rev", "-"],
    ["dedupe", "-", "--groups-out", "groups.csv"],
    ["rank", "simulate", "-"],
])
def test_standard_input_to_a_command_that_reads_files_is_a_usage_error(review, capsys, argv):
    assert run(argv) == 2
    assert "not from standard input" in one_error_line(capsys)


def test_a_folder_given_as_the_labelled_set_is_a_usage_error(review, capsys):
    assert run(["rank", "simulate", "rev"]) == 2
    assert "rev: is a directory" in one_error_line(capsys)


def test_a_mistyped_workspace_for_dedupe_is_named_as_a_workspace(review, capsys):
    """`dedupe nothere` said 'record files need --groups-out' (exit 2); it is the workspace that is not
    there, exit 1 as for every command given a workspace that is not there (test_cli_foundation)."""
    assert run(["dedupe", "nothere"]) == 1
    assert "nothere: no such directory; create a workspace" in one_error_line(capsys)


def test_a_file_whose_content_is_refused_still_exits_1(review, capsys, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not an export\n", encoding="utf-8")
    assert run(["import", "rev", str(notes)]) == 1
    assert "not a known export format" in one_error_line(capsys)
