"""`screener serve` and `reviewers link` refuse bad options before doing anything: a port out of
range (99999 served on 34463, its value modulo 65536), no threads, a lease the queue will refuse,
a link address without http(s) (refused before a new token replaces the reviewer's old link)."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.workspace.reviewers import add_reviewer, authenticate


@pytest.fixture()
def no_server(monkeypatch):
    calls = []
    import screener.web.server as server
    monkeypatch.setattr(server, "serve", lambda *a, **k: calls.append((a, k)))
    return calls


def _err(capsys) -> str:
    return " ".join(capsys.readouterr().err.replace("│", " ").split())


@pytest.mark.parametrize("args,words", [
    (["--port", "99999"], "error: --port 99999: out of range; give a whole number from 0 to 65535"),
    (["--port", "-1"], "error: --port -1: out of range; give a whole number from 0 to 65535"),
    (["--threads", "0"], "error: --threads 0: out of range; give a whole number from 1 to 256"),
    (["--lease-minutes", "-1"], "error: --lease-minutes -1: out of range; give a number from 0 to 10080"),
    (["--lease-minutes", "nan"], "error: --lease-minutes 'nan': give a number from 0 to 10080"),
])
def test_serve_refuses_bad_numbers(workspace, no_server, capsys, args, words):
    assert run(["serve", str(workspace.path)] + args) == 2
    assert words in _err(capsys)
    assert no_server == []


def test_serve_accepts_good_numbers(workspace, no_server):
    assert run(["serve", str(workspace.path), "--port", "0", "--threads", "2", "--lease-minutes", "0"]) == 0
    assert len(no_server) == 1


def test_link_url_must_be_http_and_the_old_token_keeps_working(workspace, capsys):
    _, token = add_reviewer(workspace, "alice")
    assert run(["reviewers", "link", str(workspace.path), "alice", "--url", "127.0.0.1:8000"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --url 127.0.0.1:8000: give the web app's address with http:// or https://, "
        "e.g. http://127.0.0.1:8000")
    assert authenticate(workspace, token).name == "alice"
    assert run(["reviewers", "link", str(workspace.path), "alice", "--url", "https://review.example.org/"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("https://review.example.org/signin?token=")
