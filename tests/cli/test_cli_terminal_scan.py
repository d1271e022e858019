"""Every command's text output on a record full of terminal escapes (issue 21): ESC, BEL, C1 codes
and a right-to-left override in an imported title, abstract, authors, journal, keywords, notes and
a strategy are never written raw to the terminal, by any command below — stdout and stderr alike.
(`export` and `report searches --format csv` to a file or pipe are data and stay exact; on a
terminal they are escaped too.)"""

from __future__ import annotations

import io
import sys

import pytest

from screener.cli.main import run

NASTY = "Pain\x1b[2J\x1b]0;owned\x07 \u202eedulcni\u202c\x9b31m"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")
TA = "title_abstract"


def _ris(path):
    entry = (f"TY  - JOUR\nTI  - {NASTY} trial\nAB  - {NASTY} abstract\nAU  - {NASTY}, A\nJO  - {NASTY} J\n"
             f"KW  - {NASTY}\nPY  - 2001\nER  - \n\n")
    path.write_text(entry + entry.replace("trial", "cohort") + entry.replace("trial", "cohort study"),
                    encoding="utf-8")
    return path


@pytest.fixture()
def review(tmp_path, capsys):
    ws = str(tmp_path / "review")
    steps = [
        ["init", ws, "--title", f"Review {NASTY}"],
        ["import", ws, str(_ris(tmp_path / "nasty.ris")), "--database", "MEDLINE", "--notes", NASTY],
        ["reviewers", "add", ws, "alice"], ["reviewers", "add", ws, "bob"],
        ["reviewers", "add", ws, "carol", "--role", "arbiter"],
    ]
    for argv in steps:
        assert run(argv) == 0, capsys.readouterr()
    capsys.readouterr()
    strategy = tmp_path / "strategy.txt"
    strategy.write_text(f"1 {NASTY}.ti.\n2 exp Pain/\n3 1 or 2\n4 \u202efoo\x07.ab.\n", encoding="utf-8")
    return ws, strategy, tmp_path


def _commands(ws, strategy, tmp_path):
    return [
        ["status", ws], ["imports", "list", ws], ["reviewers", "list", ws],
        ["next", ws, "--as", "alice", "--stage", TA],
        ["vote", ws, "1", "include", "--as", "alice", "--stage", TA, "--note", NASTY],
        ["next", ws, "--as", "bob", "--stage", TA],
        ["vote", ws, "1", "exclude", "--as", "bob", "--stage", TA, "--note", NASTY],
        ["vote", ws, "1", "maybe", "--as", "bob", "--stage", TA],             # refused: frozen (error line)
        ["progress", ws], ["progress", ws, "--as", "alice"], ["conflicts", ws],
        ["revote", ws, "1", "bob", "--as", "carol", "--stage", TA, "--note", NASTY],
        ["resolve", ws, "1", "include", "--as", "carol", "--stage", TA, "--note", NASTY],
        ["fulltext", ws, "1", "--note", NASTY, "--not-retrieved"], ["fulltext", ws, "1"],
        ["report", "searches", ws], ["report", "agreement", ws],
        ["report", "prisma", ws, "--out", str(tmp_path / "flow.svg")],
        ["dedupe", ws], ["pairs", "list", ws, "--all"],
        ["rank", "estimate", ws], ["rank", "prior", ws, "2", "--note", NASTY], ["rank", "prior", ws],
        ["query", "check", str(strategy)], ["query", "translate", str(strategy), "--to", "pubmed"],
        ["query", "translate", str(strategy), "--to", "scopus"],
        ["query", "run", str(strategy), "--review", ws],
        ["dedupe", str(tmp_path / "nasty.ris"), "--groups-out", str(tmp_path / "groups.csv")],
        ["vote", ws, "99", "include", "--as", f"x{NASTY}", "--stage", TA],     # an error quoting the input
    ]


def test_no_command_writes_a_raw_escape(review, capsys):
    ws, strategy, tmp_path = review
    leaked = []
    for argv in _commands(ws, strategy, tmp_path):
        code = run(argv)
        captured = capsys.readouterr()
        assert code in (0, 1), (argv, code, captured.err)
        for stream, text in (("stdout", captured.out), ("stderr", captured.err)):
            if any(ch in text for ch in RAW):
                leaked.append((argv[:2], stream, text[:300]))
        if argv[0] == "conflicts":
            assert "\\x1b[2J" in captured.out and "\\u202e" in captured.out      # shown, escaped
    assert not leaked


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("argv", [["export", "{ws}", "--format", f] for f in ("ris", "bib", "endnote-xml", "csv", "asreview")]
                         + [["report", "searches", "{ws}", "--format", "csv"]])
def test_data_to_a_terminal_is_escaped_and_to_a_pipe_exact(review, capsys, monkeypatch, argv):
    ws, _, _ = review
    argv = [a.replace("{ws}", ws) for a in argv]
    assert run(argv) == 0
    piped = capsys.readouterr().out
    assert "\u202e" in piped               # the export is the data as imported (XML 1.0 cannot hold ESC)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert run(argv) == 0
    shown = terminal.getvalue()
    assert not any(ch in shown for ch in RAW) and "\\u202e" in shown


def test_the_access_log_escapes_a_path_holding_escapes(capsys):
    import logging

    from screener.terminal import PrintableFormatter

    record = logging.LogRecord("screener.web.access", logging.INFO, __file__, 1, "%s %s", ("GET", "/\x1b[2J\u202e"), None)
    line = PrintableFormatter("%(message)s").format(record)
    assert line == "GET /\\x1b[2J\\u202e"
