"""`search pubmed` while E-utilities cannot be reached: each retry is said on stderr as it happens.
Before, after 'ESearch: ...' nothing was printed for 70 s (7 attempts with backoff; only `-v`
logged them), and the command looked hung: a user pressed Ctrl-C."""

from __future__ import annotations

import functools
import socket

from screener.cli.main import run


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_retries_are_said_as_they_happen(workspace, capsys, monkeypatch):
    import screener.search.eutils as eutils

    waits = []
    monkeypatch.setattr(eutils, "RetryPolicy", functools.partial(eutils.RetryPolicy, sleep=waits.append))
    url = f"http://127.0.0.1:{_closed_port()}/"
    assert run(["search", "pubmed", str(workspace.path), "--query", "chronic pain", "--email", "a@b.org",
                "--eutils-url", url]) == 1
    err = capsys.readouterr().err.splitlines()
    said = [line for line in err if line.startswith("E-utilities: ")]
    assert len(said) == 6 == len(waits), err
    assert said[0].startswith("E-utilities: esearch.fcgi failed (connection refused); trying again in ")
    assert said[0].endswith(" s (attempt 2 of 7)")
    assert err[-1].startswith(f"error: E-utilities at {url} kept failing")


def test_quiet_says_nothing_but_the_error(workspace, capsys, monkeypatch):
    import screener.search.eutils as eutils

    monkeypatch.setattr(eutils, "RetryPolicy", functools.partial(eutils.RetryPolicy, sleep=lambda s: None))
    url = f"http://127.0.0.1:{_closed_port()}/"
    assert run(["search", "pubmed", str(workspace.path), "--query", "chronic pain", "--email", "a@b.org",
                "--eutils-url", url, "--quiet"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: E-utilities at"), err
