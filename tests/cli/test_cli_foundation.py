"""The CLI: help for every command, the README's command list, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import typer

from screener.cli.main import app, run

ROOT = Path(__file__).resolve().parents[2]


def _commands(group, prefix=()):
    """Every leaf command of the typer app, as a tuple of words."""
    command = typer.main.get_command(group) if isinstance(group, typer.Typer) else group
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "hidden", False):
            continue
        if getattr(sub, "commands", None):
            yield from _commands(sub, prefix + (name,))
        else:
            yield prefix + (name,), sub


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- commands.*?-->(.*?)<!-- /commands -->", readme, re.S).group(1)
    listed = set(re.findall(r"^- `screener ([a-z][a-z -]*?)(?: [A-Z\[]|`)", block, re.M))
    found = list(_commands(app))
    assert found, "no commands registered"
    for words, command in found:
        assert (command.help or "").strip(), f"`screener {' '.join(words)}` has no help text"
        assert " ".join(words) in listed, f"`screener {' '.join(words)}` is missing from README's command list"


def test_help_lists_commands(capsys):
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "init" in out and "status" in out


def test_init_and_status_json(tmp_path, capsys):
    assert run(["init", str(tmp_path / "r"), "--title", "T", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["title"] == "T"
    assert run(["status", str(tmp_path / "r"), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["source_records"] == 0 and status["studies"] == 0
    assert status["votes"] == {"title_abstract": 0, "full_text": 0}


def test_user_error_is_one_line_exit_1(tmp_path, capsys):
    assert run(["status", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "screener init" in err
    assert "Traceback" not in err


def test_existing_workspace_on_init_exit_1(tmp_path, capsys):
    assert run(["init", str(tmp_path / "r")]) == 0
    before = (tmp_path / "r" / "review.toml").read_text()
    assert run(["init", str(tmp_path / "r")]) == 1
    assert "already a workspace" in capsys.readouterr().err
    assert (tmp_path / "r" / "review.toml").read_text() == before


def test_init_where_no_directory_can_be_made_is_one_line_exit_1(tmp_path, capsys):
    # a path under a file (or on a read-only or full disk) gave an OSError traceback
    (tmp_path / "notes.txt").write_text("x")
    target = tmp_path / "notes.txt" / "review"
    assert run(["init", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {target}: cannot create the workspace")
    assert "Traceback" not in err and (tmp_path / "notes.txt").read_text() == "x"


def test_usage_error_exit_2(capsys):
    assert run(["status", "--no-such-option"]) == 2
    assert run(["status"]) == 2


def test_console_script_subprocess(tmp_path):
    """The installed entry point: exit codes survive the process boundary; --debug shows the traceback."""
    cmd = [sys.executable, "-m", "screener"]
    ok = subprocess.run(cmd + ["init", str(tmp_path / "r")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(cmd + ["status", str(tmp_path / "nope")], capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    debug = subprocess.run(cmd + ["--debug", "status", str(tmp_path / "nope")], capture_output=True, text=True)
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_typer_exit_code_is_kept():
    """A command that ends with typer.Exit(3) exits 3 (click returns it in non-standalone mode)."""
    import screener.cli.main as main

    @main.app.command("exit-three-for-test", hidden=True)
    def _exit_three() -> None:
        """Test helper."""
        raise typer.Exit(3)

    try:
        assert run(["exit-three-for-test"]) == 3
    finally:
        main.app.registered_commands = [c for c in main.app.registered_commands
                                        if c.name != "exit-three-for-test"]
