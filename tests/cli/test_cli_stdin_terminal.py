"""`screener query check -` typed at a terminal waited for the strategy without a word, as if it had
hung. At a terminal it now says, on stderr, that it reads the strategy being typed or pasted and how to
end it; from a pipe or a file (`< strategy.txt`) it says nothing, as before."""

from __future__ import annotations

import io

from screener.cli.main import run


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_it_says_what_it_waits_for(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", Terminal("1. pain.ti,ab.\n"))
    assert run(["query", "check", "-"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("reading the strategy from the keyboard: type or paste it, then press Ctrl-D"), err


def test_from_a_pipe_it_says_nothing(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1. pain.ti,ab.\n"))
    assert run(["query", "translate", "-", "--to", "pubmed"]) == 0
    assert "keyboard" not in capsys.readouterr().err
