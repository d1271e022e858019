"""The server of many reviews (`screener serve --root`) said the command line's commands to whoever was in
the browser: 'Tell whoever runs the server (`screener serve --root`).' under a review that cannot be opened,
'Owner token (from `screener admin token`)' on its sign-in form, 'this is not the server's owner link (or
a newer one was minted with `screener admin token`)' after a wrong token, and '… the server owner's token
(`screener admin token ROOT`)' to a script. The person in the browser, or a script's author, gets the token
from whoever runs the server; the command line, which runs it, still says its commands. Asked of the pages
and the JSON API on a real server on 127.0.0.1, and of the command line."""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request

from test_multi_review import _csrf
from web_helpers import serving_root
from werkzeug.test import Client

from screener.cli.main import run
from screener.web.multi import ReviewRoot
from screener.workspace import Workspace
from screener.workspace.root import mint_root_token


def _text(said: str) -> str:
    """A page's text (not its tags), or an API's error, on one line, without a command of the command line."""
    said = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", said)))
    assert not re.search(r"`|--|\bscreener (serve|admin)\b", said), said
    return said


def _get(url: str, headers: dict | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


def test_a_review_that_cannot_be_opened(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    Workspace.init(root / "bad").close()
    (root / "bad" / "review.toml").write_bytes(b"")
    with serving_root(root) as base:
        status, page = _get(f"{base}/r/bad/")
        api_status, api = _get(f"{base}/r/bad/api/progress", {"Authorization": "Bearer x"})
    assert status == 503 and "review.toml: empty" in _text(page) and "Tell whoever runs the server." in _text(page)
    assert api_status == 503 and _text(json.loads(api)["error"]).endswith(". Tell whoever runs the server.")


def test_the_server_owner_signing_in(tmp_path, capsys):
    root = tmp_path / "root"
    root.mkdir()
    mint_root_token(root)
    holder = ReviewRoot(root)
    client = Client(holder)
    landing = client.get("/").get_data(as_text=True)
    assert "Owner token (whoever runs the server makes it: the server owner's link fills it in)" in _text(landing)
    refused = client.post("/signin", data={"token": "nope", "csrf_token": _csrf(landing)})
    assert refused.status_code == 401
    assert ("this is not the server owner's token (or a newer one has been made since, which ends this one); "
            "reviewers open the link their review's owner sent") in _text(refused.get_data(as_text=True))
    with serving_root(root) as base:
        status, bare = _get(f"{base}/api/reviews")
        wrong_status, wrong = _get(f"{base}/api/reviews", {"Authorization": "Bearer nope"})
    assert status == 401 and _text(json.loads(bare)["error"]) == (
        "send 'Authorization: Bearer TOKEN' with the server owner's token (whoever runs the server makes it)")
    assert wrong_status == 401 and _text(json.loads(wrong)["error"]).startswith("this is not the server owner's token")
    # the command line, where the server is run, names its commands as before
    assert run(["serve", "--root", str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == (f"error: {tmp_path / 'missing'}: no such folder; create it, then "
                                       f"`screener admin token {tmp_path / 'missing'}`\n")


def test_a_review_whose_ranker_preset_is_not_one(tmp_path, capsys):
    """review.toml edited by hand to a preset that is not one: the page said '(presets: …; `screener rank
    presets` describes them)' to the person in the browser, who tells whoever runs the server."""
    root = tmp_path / "root"
    root.mkdir()
    Workspace.init(root / "bad").close()
    settings = root / "bad" / "review.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('preset = "default"', 'preset = "defualt"'), encoding="utf-8")
    assert 'preset = "defualt"' in settings.read_text(encoding="utf-8")
    with serving_root(root) as base:
        status, page = _get(f"{base}/r/bad/")
        api_status, api = _get(f"{base}/r/bad/api/progress", {"Authorization": "Bearer x"})
    said = re.search(r"key 'ranker\.preset' is not a ranker preset \(did you mean 'default'\?\) \(presets: [^)]*\)\. "
                     r"Tell whoever runs the server\.", _text(page))
    assert status == 503 and said, _text(page)
    assert api_status == 503 and said.group(0) in _text(json.loads(api)["error"])
    assert run(["status", str(root / "bad")]) == 1
    assert capsys.readouterr().err.endswith("; `screener rank presets` describes them)\n")
