"""click's own usage errors were four lines and more — 'Usage: screener vote [OPTIONS] DIR STUDY VOTE',
'Try ...', a blank line, 'Error: Missing argument 'VOTE'. Choose from:' and a line per choice — where
every other error is one line. A missing argument or option, an option or command that does not exist,
is now one line too: what is missing or wrong, the values it takes, the usage line, exit 2."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from tests.cli.test_cli_missing_inputs import one_error_line


@pytest.mark.parametrize("argv, said", [
    (["vote", "rev", "1"], "error: screener vote: VOTE is missing (include, exclude, maybe or retract); "
                           "usage: screener vote [OPTIONS] DIR STUDY VOTE (see `screener vote --help`)"),
    (["vote"], "error: screener vote: DIR is missing; usage: screener vote [OPTIONS] DIR STUDY VOTE "
               "(see `screener vote --help`)"),
    (["export", "rev"], "error: screener export: --format FORMAT is missing; usage: screener export [OPTIONS] DIR "
                        "(see `screener export --help`)"),
    (["status", "rev", "--jsno"], "error: screener status: no such option --jsno (did you mean '--json'?); "
                                  "usage: screener status [OPTIONS] DIR (see `screener status --help`)"),
    (["improt", "rev", "a.ris"], "error: no such command 'improt' (did you mean 'import' or 'imports'?); see `screener --help`"),
    (["query", "chekc", "s.ovid"], "error: screener query: no such command 'chekc' (did you mean 'check'?); "
                                   "see `screener query --help`"),
])
def test_a_usage_error_is_one_line(tmp_path, monkeypatch, capsys, argv, said):
    monkeypatch.chdir(tmp_path)
    assert run(argv) == 2
    assert one_error_line(capsys) == said


def test_an_option_value_missing_is_oneone_error_line(capsys):
    assert run(["query", "translate", "s.ovid", "--to"]) == 2
    assert one_error_line(capsys) == "error: option '--to' requires an argument; see --help"


def test_a_group_without_its_command_still_shows_its_help(capsys):
    assert run(["query"]) == 2
    out = capsys.readouterr()
    assert "Commands:" in out.out + out.err


@pytest.mark.parametrize("typed", ["--debug", "-v", "-vv", "--verbose"])
def test_a_global_option_after_the_command_says_where_it_goes(tmp_path, monkeypatch, capsys, typed):
    """`screener status DIR --debug` said 'no such option --debug', though the README gives --debug and
    -v: they go before the command, and the line now says so with the command to type."""
    monkeypatch.chdir(tmp_path)
    assert run(["status", "rev", typed]) == 2
    assert one_error_line(capsys) == (f"error: screener status: {typed} goes before the command: "
                             f"`screener {typed} status rev`")
