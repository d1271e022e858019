"""`screener serve` as a user runs it: a real server process on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request

from web_helpers import TA


def test_serve_answers_on_loopback_and_stops(review):
    ws, studies, tokens = review
    ws.close()
    proc = subprocess.Popen([sys.executable, "-m", "screener", "serve", str(ws.path), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("Serving 'Web test review' on http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split(" on ", 1)[1].split("/ ", 1)[0]
        hint = proc.stdout.readline()
        assert f"screener reviewers link {ws.path} NAME --url {url}" in hint
        with urllib.request.urlopen(f"{url}/signin", timeout=30) as page:
            assert page.status == 200 and b"Sign in" in page.read()
        request = urllib.request.Request(f"{url}/api/next?stage={TA}",
                                         headers={"Authorization": f"Bearer {tokens['alice']}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            assert answer.headers["Content-Type"] == "application/json"
            assert json.loads(answer.read())["study"] in studies
        try:
            urllib.request.urlopen(f"{url}/api/progress", timeout=30)
            raise AssertionError("no token, yet answered")
        except urllib.error.HTTPError as exc:
            assert exc.code == 401 and json.loads(exc.read())["ok"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_on_a_missing_directory_is_one_line(tmp_path):
    from screener.cli.main import run

    assert run(["serve", str(tmp_path / "nothing")]) == 1
