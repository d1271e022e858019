"""Terminal escapes from imported text (issue 21): `screener conflicts` printed a title's ESC and
BEL raw, so a record could clear the screen or rewrite what the arbiter reads. Control characters
are shown escaped (\\x1b) in every command's text output and error line."""

from __future__ import annotations

from screener.records.model import Record
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote

NASTY = "Pain\x1b[2J\x1b]0;owned\x07 after\rOVERWRITTEN\x9b31m"


def test_conflicts_prints_control_characters_escaped(workspace, capsys):
    from screener.cli.main import run

    add_reviewer(workspace, "alice"); add_reviewer(workspace, "bob")
    with workspace.transaction():
        workspace.add_source_records([Record(title=NASTY, abstract="x", database="test")])
    cast_vote(workspace, "alice", 1, "title_abstract", "include")
    cast_vote(workspace, "bob", 1, "title_abstract", "exclude")
    workspace.close()
    capsys.readouterr()
    assert run(["conflicts", str(workspace.path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\x9b" not in out
    assert "Pain\\x1b[2J\\x1b]0;owned\\x07 after\\x0dOVERWRITTEN\\x9b31m" in out


def test_error_lines_escape_control_characters(workspace, capsys):
    from screener.cli.main import run

    workspace.close()
    assert run(["next", str(workspace.path), "--as", "no\x1b[31mbody", "--stage", "title_abstract"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "no\\x1b[31mbody" in err
