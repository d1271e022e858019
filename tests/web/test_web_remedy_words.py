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
import re
import urllib.error
import urllib.request

import pytest
from web_helpers import csrf_of, serving, signed_in

from screener.cli.main import run
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote
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
    said = html.unescape(re.sub(r"<[^>]*>", "", said))     # a page's text (not its tags: a CSRF token may hold '--')
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


@pytest.mark.parametrize("chosen, page_says, api_says, cli_option, cli_says", [
    ({"decision": "include"}, "a decision filter needs a stage: choose a Stage too",
     "a decision filter needs a stage: add stage=title_abstract or stage=full_text",
     ["--decision", "include"], "--decision needs --stage (title_abstract or full_text)"),
    ({"stage": TA}, "a stage filter needs a decision: choose a Decision too (or 'all studies' for every study)",
     "a stage filter needs a decision: add decision=include or decision=exclude (without both, every study is "
     "exported)",
     ["--stage", TA], "--stage needs --decision include or exclude (without both, every study is exported)"),
])
def test_an_export_filter_without_its_other_half(app, review, capsys, chosen, page_says, api_says, cli_option,
                                                 cli_says):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    answer = owner.get("/owner/exports/download", query_string={"format": "ris", **chosen})
    assert answer.status_code == 400 and page_says in _neutral(answer.get_data(as_text=True))
    with serving(ws.path) as base:
        status, said = _call(base, "/api/exports?format=ris&" + "&".join(f"{k}={v}" for k, v in chosen.items()),
                             tokens["olivia"])
    assert status == 400 and _neutral(said) == api_says, said
    assert _cli(capsys, "export", str(ws.path), "--format", "ris", *cli_option) == f"error: {cli_says}\n"


def test_a_reason_that_is_not_one_of_the_reviews(app, review, capsys):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    csrf = csrf_of(alice.get(f"/screen?stage={TA}").get_data(as_text=True))
    answer = alice.post("/screen/vote", data={"csrf_token": csrf, "study": studies[0], "stage": TA,
                                               "vote": "exclude", "reason": "wrong populace"})
    assert ("'wrong populace' is no longer one of the review's exclusion reasons (the owner changed them since this "
            "page was loaded): pick one of: 'out of scope'; 'not qualitative'; 'wrong population' (did you mean "
            "'wrong population'?)") in _neutral(answer.get_data(as_text=True))
    with serving(ws.path) as base:
        status, said = _call(base, "/api/votes", tokens["alice"], {"study": studies[0], "stage": TA,
                                                                   "vote": "exclude", "reason": "wrong populace"})
    assert status == 422 and _neutral(said) == (
        "'wrong populace' is not one of the review's exclusion reasons: 'out of scope'; 'not qualitative'; 'wrong "
        "population' (did you mean 'wrong population'?); send one of them as \"reason\""), said
    assert "review.toml" not in said and "exclusion_reasons" not in said
    assert _cli(capsys, "vote", str(ws.path), str(studies[0]), "exclude", "--stage", TA, "--reason", "wrong populace",
                "--as", "alice") == (
        f"error: reason 'wrong populace' is not one of the exclusion_reasons in {ws.path / 'review.toml'}: 'out of "
        "scope'; 'not qualitative'; 'wrong population' (did you mean 'wrong population'?); use one of them, or add "
        "it to that list\n")


def test_an_exclusion_without_a_reason_where_one_is_needed(review, capsys):
    ws, studies, tokens = review
    full = "full_text"
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")
    with serving(ws.path) as base:
        status, said = _call(base, "/api/votes", tokens["alice"], {"study": studies[0], "stage": full,
                                                                   "vote": "exclude"})
    assert status == 422 and _neutral(said).startswith(
        'an exclusion at full_text needs a reason (the "reason" field), one of the exclusion_reasons in '), said
    assert _cli(capsys, "vote", str(ws.path), str(studies[0]), "exclude", "--stage", full, "--as", "alice") == (
        f"error: an exclusion at full_text needs a reason (--reason), one of the exclusion_reasons in "
        f"{ws.path / 'review.toml'}: 'out of scope'; 'not qualitative'; 'wrong population'\n")


def test_a_reviewer_named_another_way(app, review, capsys):
    ws, _, tokens = review
    said_first = "no reviewer 'Alice' in the review (did you mean 'alice'?): give the name exactly as it was added"
    assert said_first + " (the table lists them)" in _owner_post(app, tokens["olivia"], "/owner/reviewers/Alice/link")
    with serving(ws.path) as base:
        status, said = _call(base, "/api/reviewers/Alice/link", tokens["olivia"], {})
    assert status == 404 and _neutral(said) == said_first + " (GET /api/reviewers lists them)", said
    assert _cli(capsys, "reviewers", "token", str(ws.path), "Alice") == (
        f"error: no reviewer 'Alice' in {ws.path} (did you mean 'alice'?): give the name exactly as it was added "
        "(`screener reviewers list` shows them)\n")


def test_a_strategy_run_on_a_review_without_records(workspace, capsys, tmp_path):
    ws = workspace
    sam = add_reviewer(ws, "sam", "searcher")[1]
    strategy = tmp_path / "s.txt"
    strategy.write_text("1. pain.ti,ab.\n", encoding="utf-8")
    with serving(ws.path) as base:
        request = urllib.request.Request(f"{base}/api/strategies", method="POST", data=json.dumps(
            {"name": "main", "text": strategy.read_text()}).encode(), headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {sam}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            sid = json.loads(answer.read())["strategy_id"]
        status, said = _call(base, f"/api/strategies/{sid}/run", sam, {})
    assert status == 400 and _neutral(said).endswith(
        ": the workspace has no source records yet (import exports under Manage → Imports, or search PubMed below, "
        "first)"), said
    assert run(["query", "run", str(strategy), "--review", str(ws.path)]) == 2
    assert capsys.readouterr().err == (f"error: {ws.path}: the workspace has no source records yet (`screener import` "
                                       "or `screener search pubmed` first)\n")


@pytest.mark.parametrize("query, api_says, cli_args, cli_says", [
    ("format=ris&stage=tiab&decision=include", "stage 'tiab' is not a stage; use one of: title_abstract, full_text",
     ["--format", "ris", "--stage", "tiab", "--decision", "include"],
     "--stage 'tiab' is not a stage; use one of: title_abstract, full_text"),
    ("format=ris&stage=title_abstract&decision=maybe", "decision maybe: unknown decision; use include or exclude",
     ["--format", "ris", "--stage", TA, "--decision", "maybe"], "--decision maybe: unknown decision; use include or exclude"),
])
def test_an_export_choice_that_is_not_one(review, capsys, query, api_says, cli_args, cli_says):
    """The JSON API named the command line's options ('--stage 'tiab' is not a stage'); a script sends
    query parameters."""
    ws, _, tokens = review
    with serving(ws.path) as base:
        status, said = _call(base, f"/api/exports?{query}", tokens["olivia"])
    assert status == 400 and _neutral(said) == api_says, said
    assert _cli(capsys, "export", str(ws.path), *cli_args) == f"error: {cli_says}\n"
