"""The JSON API's import answers in the API's words. Before, a script uploading an export through
POST /api/imports read the command line's: the summary said 'say which with `screener imports
relabel DIR 1 --database NAME`' and named the server's own folder (/tmp/…/exports/x.ris), a dry run of
records imported before said '--again imports it', and a review busy with another write said 'run the
command again once it is done' (a full disk: 'free some space and try again'; read-only: '(reading —
status, exports, reports — still works)'). Now each says what a client sends: the import's address and
field, 'again=true', 'send the request again'. A real server on 127.0.0.1, its answers read as a
script reads them."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from web_helpers import serving

import screener.workspace.db as dbmod
from screener.cli.remedies import cli_line

# a RIS export whose records name no database (so the answer has something to say about it)
UNNAMED = b"TY  - JOUR\r\nTI  - Pain in adults: a qualitative study\r\nAU  - Smith, Jane\r\nPY  - 2019\r\nER  - \r\n"
# the same record saved again with other line ends: other bytes, the same records
UNNAMED_AGAIN = UNNAMED.replace(b"\r\n", b"\n")
CLI_WORDS = ("screener ", "--", "`", "DIR")


def _post_files(base: str, token: str, files: dict[str, bytes], **fields: str) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
              f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n" for name, data in files.items()]
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{base}/api/imports", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def _said(answer: dict) -> str:
    return "\n".join([answer.get("summary", ""), *answer.get("hints", []), answer.get("error", "")])


def test_an_import_answer_names_the_api_call_not_a_command(review, tmp_path):
    ws, _, tokens = review
    with serving(ws.path) as base:
        status, answer = _post_files(base, tokens["olivia"], {"unnamed.ris": UNNAMED})
        assert status == 201, answer
        said = _said(answer)
        for word in CLI_WORDS:
            assert word not in said, (word, said)
        assert str(ws.path) not in said and "/tmp" not in said, said
        number = answer["files"][0]["import_id"]
        assert said.count(f'POST /api/imports/{number} {{"database": ...}}') == 1, said
        assert answer["summary"].splitlines()[0].startswith("unnamed.ris: 1 record imported (RIS"), said

        status, answer = _post_files(base, tokens["olivia"], {"unnamed-again.ris": UNNAMED_AGAIN}, dry_run="true")
        assert status == 200, answer
        said = _said(answer)
        assert "its one record is the same as that of import" in said and "would count it twice" in said, said
        assert "again=true" in said, said
        for word in CLI_WORDS:
            assert word not in said, (word, said)


@pytest.mark.parametrize("sqlite_says, api_says", [
    ("database or disk is full", "the server's disk is full"),
    ("attempt to write a readonly database", "the review cannot be written on the server"),
])
def test_a_write_the_storage_refuses_is_said_to_a_script(review, monkeypatch, sqlite_says, api_says):
    ws, _, tokens = review

    def refused(conn, path):
        raise sqlite3.OperationalError(sqlite_says)
    monkeypatch.setattr(dbmod, "begin_write", refused)
    with serving(ws.path) as base:
        status, answer = _post_files(base, tokens["olivia"], {"unnamed.ris": UNNAMED}, database="CINAHL")
    assert status == 503, answer
    said = answer["error"]
    assert said.startswith(api_says) and "send the request again" in said, said
    for word in (*CLI_WORDS, "free some space and try again", "status, exports, reports", "the review:"):
        assert word not in said, (word, said)


def test_a_review_busy_with_another_write_is_said_to_a_script(review, monkeypatch):
    ws, _, tokens = review
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 600)
    monkeypatch.setattr(dbmod, "BUSY_NOTICE_MS", 100)
    with serving(ws.path) as base:
        other = sqlite3.connect(ws.path / "review.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")                  # the owner's import in a terminal, mid-write
        try:
            status, answer = _post_files(base, tokens["olivia"], {"unnamed.ris": UNNAMED}, database="CINAHL")
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert status == 503, answer
    said = answer["error"]
    assert said.startswith("the review is busy") and "send the request again" in said, said
    assert "run the command" not in said and "the review: another process" not in said, said
    assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_the_screening_api_says_a_busy_review_in_its_own_words(review, monkeypatch):
    ws, studies, tokens = review
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 600)
    monkeypatch.setattr(dbmod, "BUSY_NOTICE_MS", 100)
    with serving(ws.path) as base:
        other = sqlite3.connect(ws.path / "review.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            request = urllib.request.Request(
                f"{base}/api/votes", method="POST", headers={"Authorization": f"Bearer {tokens['alice']}",
                                                             "Content-Type": "application/json"},
                data=json.dumps({"study": studies[0], "stage": "title_abstract", "vote": "include"}).encode())
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(request, timeout=60)
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert caught.value.code == 503
    said = json.loads(caught.value.read())["error"]
    assert said.startswith("the review is busy") and "send the request again" in said, said
    assert "run the command" not in said, said


def test_the_command_line_still_says_its_own_words(tmp_path, monkeypatch):
    """The words moved out of the message, not changed: the command line says what it said."""
    error = dbmod.storage_error(Path("/r"), sqlite3.OperationalError("database is locked"))
    assert cli_line(error).endswith("nothing was changed: run the command again once it is done"), cli_line(error)
    full = dbmod.storage_error(Path("/r"), sqlite3.OperationalError("database or disk is full"))
    assert cli_line(full) == ("/r: the disk is full (or failing): nothing of this change was written; free some space "
                              "and try again")


def _call(base: str, path: str, token: str | None = None, body: dict | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(f"{base}{path}", method="POST" if body is not None else "GET", headers=headers,
                                     data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_a_wrong_import_number_and_a_missing_token_say_what_a_script_sends(review):
    """Before: 'no import 0; the imports are listed by `screener imports list DIR`' and 'no token: send
    'Authorization: Bearer TOKEN' (the owner mints one with `screener reviewers link`)'."""
    ws, _, tokens = review
    with serving(ws.path) as base:
        status, answer = _call(base, "/api/imports/0", tokens["olivia"], {"database": "Embase"})
        assert status == 404 and answer["error"] == "no import 0; GET /api/imports lists them", answer
        status, answer = _call(base, "/api/imports")
        assert status == 401, answer
        assert "token= in the sign-in link the review's owner gave you" in answer["error"], answer
        for word in CLI_WORDS:
            assert word not in answer["error"], (word, answer)
