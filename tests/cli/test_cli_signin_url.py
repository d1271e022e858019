"""The address in a sign-in link. `serve --host 0.0.0.0` (what its help gives "to serve a team")
printed "Give each reviewer a sign-in link: screener reviewers link DIR NAME --url
http://0.0.0.0:8000", and that command made links to 0.0.0.0, which is where the server listens,
not an address a reviewer's browser can open. `admin token --url example.org` printed a link
without http:// (reviewers link checked its --url; admin token did not). Now the serve hint names
this computer, and both commands refuse such an --url with one line (exit 2) before minting, so
the links already sent keep working."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from screener.cli.main import run
from screener.workspace import Workspace
from screener.workspace.reviewers import add_reviewer, authenticate


@pytest.mark.parametrize("url, host", [("http://0.0.0.0:8000", "0.0.0.0"), ("http://[::]:8000/", "::")])
def test_reviewers_link_refuses_a_listening_address_and_mints_nothing(workspace, capsys, url, host):
    _, token = add_reviewer(workspace, "alice")
    workspace.close()
    assert run(["reviewers", "link", str(workspace.path), "alice", "--url", url]) == 2
    assert capsys.readouterr().err == (
        f"error: --url {url}: {host} is the address a server listens on (every interface), not one a "
        f"browser can open; give this computer's name or address as the reviewers reach it, e.g. "
        f"http://{socket.gethostname()}:8000\n")
    with Workspace.open(workspace.path) as ws:
        assert authenticate(ws, token).name == "alice"       # her link still works


@pytest.mark.parametrize("url", ["example.org", "http://0.0.0.0:8000"])
def test_admin_token_checks_its_url_before_minting(tmp_path, capsys, url):
    root = tmp_path / "reviews"
    root.mkdir()
    assert run(["admin", "token", str(root), "--url", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: --url {url}: ") and err.count("\n") == 1
    assert sorted(p.name for p in root.iterdir()) == []             # no token minted


def test_serve_on_every_interface_names_this_computer_in_its_hint(workspace):
    workspace.close()
    proc = subprocess.Popen([sys.executable, "-m", "screener", "serve", str(workspace.path), "--host", "0.0.0.0",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("Serving "), line + proc.stderr.read()
        port = line.split(":")[-1].split("/")[0]
        hint = proc.stdout.readline()
        assert hint == (f"Give each reviewer a sign-in link: screener reviewers link {workspace.path} NAME --url "
                        f"http://{socket.gethostname()}:{port} (or this computer's address as the reviewers "
                        "reach it)\n")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
