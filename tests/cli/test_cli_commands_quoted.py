"""The commands screener prints for the user to run next, in a review folder with a space in its
name ('Pain review', as people name folders) or for a reviewer named "Dr O'Brien": printed
unquoted ('Next: `screener import Pain review FILE...`'), each broke when pasted into the shell
('Pain: no such directory'). Every one printed is now quoted as the shell reads it: split as the
shell splits it, it gives back the folder and the name."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris"
GOOGLE = RIS / "citation-file-formatting___baseline_googlescholar.ris"       # records that name no database
EMBASE = RIS / "citation-file-formatting___baseline_embase.ris"


def _commands(text: str) -> list[list[str]]:
    """Every `screener ...` command in ``text`` (between backticks, or after 'Vote: '), as the shell splits it."""
    found = re.findall(r"`(screener [^`]+)`", text) + re.findall(r"Vote: (screener .+)", text)
    return [shlex.split(c) for c in found]


def _check(text: str, directory: str, *, name: str | None = None) -> None:
    commands = _commands(text)
    assert commands, text
    for words in commands:
        assert directory in words, (words, text)
        if name is not None and "--as" in words:
            assert words[words.index("--as") + 1] == name, words


def test_every_command_printed_survives_the_shell(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    directory = "Pain review"
    assert run(["init", directory]) == 0
    _check(capsys.readouterr().out, directory)
    assert run(["init", directory]) == 1
    _check(capsys.readouterr().err, directory)
    assert run(["import", directory, str(GOOGLE), str(EMBASE)]) == 0
    _check(capsys.readouterr().out, directory)
    assert run(["imports", "withdraw", directory, "2"]) == 0
    _check(capsys.readouterr().out, directory)
    assert run(["reviewers", "add", directory, "Dr O'Brien"]) == 0
    capsys.readouterr()
    assert run(["reviewers", "add", directory, "Dr O'Brien"]) == 1
    _check(capsys.readouterr().err, directory)
    assert run(["next", directory, "--as", "Dr O'Brien", "--stage", "title_abstract"]) == 0
    _check(capsys.readouterr().out, directory, name="Dr O'Brien")
    assert run(["pairs", "decide", directory, "99", "same"]) == 1
    _check(capsys.readouterr().err, directory)
    assert run(["export", directory, "--format", "ris", "--stage", "full_text", "--decision", "include",
                "--out", "included.ris"]) == 0
    _check(capsys.readouterr().err, directory)
