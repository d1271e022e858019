"""Each front end says what gets past a refusal in its own words, from the error's data (its remedy and
what the remedy is about), not by rewriting another front end's sentence. Before, the workspace wrote
the command line's words into its messages ('; for a new token run `screener reviewers token DIR
alice`', '; list pairs with `screener pairs list DIR --all`', '; `screener next` gives the study
numbers to screen') and the pages swapped them for their own with regular expressions: a message
reworded in the workspace silently brought the command back onto a page, and the JSON API said them
to a script as they were. Here the same refusal is asked of a page, of the JSON API (a real server on
127.0.0.1) and of the command line, and each answer is read for its own words."""

from __future__ import annotations

import html
import json
import urllib.error
import urllib.request

import pytest
from web_helpers import csrf_of, serving, signed_in

from screener.cli.main import run
from screener.workspace.reviewers import add_reviewer
from screener.workspace.vote_open import closed_to_vote

CLI_WORDS = ("screener ", "--", "`", "DIR")
TA = "title_abstract"


def _call(base: str, path: str, token: str, body: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(f"{base}{path}", method="POST" if body is not None else "GET",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
                                     data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read()).get("error", "")
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())["error"]


def _neutral(said: str) -> str:
    said = html.unescape(said)
    for word in CLI_WORDS:
        assert word not in said, (word, said)
    return said


def _cli(capsys, *args: str) -> str:
    assert run(list(args)) != 0
    return capsys.readouterr().err


def _owner_post(app, token: str, path: str, **form: str) -> str:
    owner = signed_in(app, token)
    form["csrf_token"] = csrf_of(owner.get("/owner/reviewers").get_data(as_text=True))
    return _neutral(owner.post(path, data=form).get_data(as_text=True))


def test_a_reviewer_added_twice(app, review, capsys):
    ws, _, tokens = review
    assert "reviewer 'alice' already exists; give them a new link from the table" in \
        _owner_post(app, tokens["olivia"], "/owner/reviewers", name="alice")
    with serving(ws.path) as base:
        status, said = _call(base, "/api/reviewers", tokens["olivia"], {"name": "alice"})
    assert status == 409 and _neutral(said) == \
        "reviewer 'alice' already exists; POST /api/reviewers/alice/link gives them a new sign-in link", said
    assert _cli(capsys, "reviewers", "add", str(ws.path), "alice") == (
        f"error: reviewer 'alice' already exists; for a new token run `screener reviewers token {ws.path} alice`\n")


def test_a_name_that_differs_only_in_case(app, review, capsys):
    ws, _, tokens = review
    assert ("reviewer 'alice' already exists and 'Alice' differs only in case; if they are the same person, New "
            "link in the table gives them a new sign-in link; otherwise choose a clearly different name") in \
        _owner_post(app, tokens["olivia"], "/owner/reviewers", name="Alice")
    with serving(ws.path) as base:
        status, said = _call(base, "/api/reviewers", tokens["olivia"], {"name": "Alice"})
    assert status == 409 and _neutral(said) == (
        "reviewer 'alice' already exists and 'Alice' differs only in case; if they are the same person, "
        "POST /api/reviewers/alice/link gives them a new sign-in link; otherwise choose a clearly different name"), said
    assert _cli(capsys, "reviewers", "add", str(ws.path), "Alice") == (
        "error: reviewer 'alice' already exists and 'Alice' differs only in case; use --as alice, "
        "or choose a clearly different name\n")


def test_a_reviewer_who_is_not_there(app, review, capsys):
    ws, _, tokens = review
    assert "no reviewer 'nobody' in the review (known reviewers: alice, bob, carol, olivia); add them below" in \
        _owner_post(app, tokens["olivia"], "/owner/reviewers/nobody/link")
    with serving(ws.path) as base:
        status, said = _call(base, "/api/reviewers/nobody/link", tokens["olivia"], {})
    assert status == 404 and _neutral(said) == (
        "no reviewer 'nobody' in the review (known reviewers: alice, bob, carol, olivia); POST /api/reviewers "
        "adds one"), said
    assert _cli(capsys, "reviewers", "token", str(ws.path), "nobody") == (
        f"error: no reviewer 'nobody' in {ws.path} (known reviewers: alice, bob, carol, olivia); "
        "add one with `screener reviewers add`\n")


def test_a_reviewer_without_a_name(app, review, capsys):
    ws, _, tokens = review
    page = _owner_post(app, tokens["olivia"], "/owner/reviewers", name="")
    assert "a reviewer needs a name" in page and "e.g." not in page
    with serving(ws.path) as base:
        status, said = _call(base, "/api/reviewers", tokens["olivia"], {"name": " "})
    assert status == 400 and _neutral(said) == 'a reviewer needs a name: send it as "name"', said
    assert _cli(capsys, "reviewers", "add", str(ws.path), " ") == (
        "error: a reviewer needs a name, e.g. `screener reviewers add DIR alice --role screener`\n")


def test_a_pair_that_is_not_there(app, review, capsys):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    token = csrf_of(owner.get("/owner/dedupe").get_data(as_text=True))
    answer = owner.post("/owner/dedupe/pairs/999", data={"csrf_token": token, "decision": "same"})
    assert answer.status_code == 404
    assert "no pair 999; the pairs are on the Duplicates page" in _neutral(answer.get_data(as_text=True))
    with serving(ws.path) as base:
        status, said = _call(base, "/api/pairs/999", tokens["olivia"], {"decision": "same"})
    assert status == 404 and _neutral(said) == "no pair 999; GET /api/pairs?status=all lists them", said
    assert _cli(capsys, "pairs", "decide", str(ws.path), "999", "same") == (
        f"error: no pair 999; list pairs with `screener pairs list {ws.path} --all`\n")


def test_a_study_that_is_not_there(app, review, capsys):
    ws, _, tokens = review
    alice = signed_in(app, tokens["alice"])
    answer = alice.get(f"/screen?stage={TA}&study=999")
    assert answer.status_code == 404
    assert ("no study 999 in the review; open your queue (Title/abstract or Full text in the menu) for the studies "
            "to screen") in _neutral(answer.get_data(as_text=True))
    with serving(ws.path) as base:
        status, said = _call(base, "/api/votes", tokens["alice"], {"study": 999, "stage": TA, "vote": "include"})
    assert status == 404 and _neutral(said) == \
        "no study 999 in the review; GET /api/next?stage=title_abstract (or full_text) gives the studies to screen", said
    assert _cli(capsys, "vote", str(ws.path), "999", "include", "--stage", TA, "--as", "alice") == (
        f"error: no study 999 in {ws.path}; `screener next` gives the study numbers to screen\n")


@pytest.fixture()
def taken(review):
    """A study given to two of the three screeners, and one of the others: dan's vote on it is refused."""
    ws, studies, tokens = review
    tokens["dan"] = add_reviewer(ws, "dan", "screener")[1]
    who = next(name for name in ("alice", "bob", "dan") if closed_to_vote(ws, name, studies[0], TA))
    return ws, studies[0], tokens, who


def test_a_study_given_to_others(app, taken, capsys):
    ws, study, tokens, who = taken
    said_first = f"study {study} is not one of the studies assigned to you at "
    said_after = " (each study goes to 2 of the review's screeners); take your next study"
    client = signed_in(app, tokens[who])
    csrf = csrf_of(client.get(f"/screen?stage={TA}").get_data(as_text=True))
    answer = client.post("/screen/vote", data={"csrf_token": csrf, "study": study, "stage": TA, "vote": "include"})
    assert "it is assigned to other screeners" in _neutral(answer.get_data(as_text=True))   # the page's own words
    with serving(ws.path) as base:
        status, said = _call(base, "/api/votes", tokens[who], {"study": study, "stage": TA, "vote": "include"})
    assert status == 409 and _neutral(said) == said_first + TA + said_after + " with GET /api/next?stage=" + TA, said
    assert _cli(capsys, "vote", str(ws.path), str(study), "include", "--stage", TA, "--as", who) == (
        f"error: {said_first}{TA}{said_after} with `screener next`\n")
