"""The screening refusals that still said the command line's commands on a page and to the JSON API
('arbiters resolve conflicts (`screener conflicts`)', 'attach it with `screener fulltext` first',
'resolve conflicts with `screener resolve`, or set blind = false in review.toml', 'decide it again
with `screener resolve`'): the Python API's message now ends before its remedy, which each front end
words (errors.py). Each is asked of a page, of the JSON API on a real server on 127.0.0.1 and of the
command line, which says what it said."""

from __future__ import annotations

import html
import json
import re
import urllib.request

from test_web_remedy_words import _call, _cli
from web_helpers import csrf_of, serving, signed_in

from screener.cli.main import run
from screener.report.prisma import prisma_counts
from screener.workspace.fulltext import mark_not_retrieved
from screener.workspace.importer import import_files
from screener.workspace.imports import list_imports
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, resolve

TA, FT = "title_abstract", "full_text"


def _neutral(said: str) -> str:
    """``said`` (a page's text, not its tags, or the API's error) without the command line's words: a
    command, an option, a backtick, the settings file (the owner's refusal speaks of 'other screener votes')."""
    said = html.unescape(re.sub(r"<[^>]*>", "", said))
    assert not re.search(r"`|--|review\.toml|\bscreener (resolve|conflicts|fulltext|serve|admin)\b", said), said
    return said


def _page_error(answer) -> str:
    """What a page says, as text on one line."""
    return re.sub(r"\s+", " ", _neutral(answer.get_data(as_text=True)))


def test_an_arbiter_asking_for_a_study_to_screen(app, review, capsys):
    ws, _, tokens = review
    said = "reviewer 'carol' is an arbiter; arbiters resolve conflicts"
    answer = signed_in(app, tokens["carol"]).get(f"/screen?stage={TA}")
    assert answer.status_code == 403
    # the page says it in its own words (nothing of the workspace's message)
    assert "signed in as carol, the review's arbiter, who does not screen; open Conflicts instead" in \
        _page_error(answer)
    with serving(ws.path) as base:
        status, words = _call(base, f"/api/next?stage={TA}", tokens["carol"])
    assert status == 403 and _neutral(words) == \
        said + " (GET /api/conflicts lists them) and are not given studies to screen", words
    assert _cli(capsys, "next", str(ws.path), "--as", "carol", "--stage", TA) == \
        f"error: {said} (`screener conflicts`) and are not given studies to screen\n"


def test_an_arbiter_voting(app, review, capsys):
    ws, studies, tokens = review
    said = "reviewer 'carol' is an arbiter; arbiters resolve conflicts"
    carol = signed_in(app, tokens["carol"])
    csrf = csrf_of(carol.get("/conflicts").get_data(as_text=True))
    answer = carol.post("/screen/vote", data={"csrf_token": csrf, "study": studies[0], "stage": TA, "vote": "include"})
    assert answer.status_code == 403
    assert "signed in as carol, the review's arbiter, who does not screen; open Conflicts instead" in \
        _page_error(answer)
    with serving(ws.path) as base:
        status, words = _call(base, "/api/votes", tokens["carol"], {"study": studies[0], "stage": TA,
                                                                     "vote": "include"})
    assert status == 403 and _neutral(words) == said + " (POST /api/resolutions) and do not vote", words
    assert _cli(capsys, "vote", str(ws.path), str(studies[0]), "include", "--as", "carol", "--stage", TA) == \
        f"error: {said} (`screener resolve`) and do not vote\n"


def test_a_study_whose_full_text_was_not_retrieved(app, review, capsys):
    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, TA, "include")
    cast_vote(ws, "alice", study, FT, "include")
    cast_vote(ws, "bob", study, FT, "exclude", reason="out of scope")
    mark_not_retrieved(ws, study, actor="olivia")
    said = f"study {study}'s full text is marked not retrieved"
    carol = signed_in(app, tokens["carol"])
    csrf = csrf_of(carol.get("/conflicts").get_data(as_text=True))
    answer = carol.post("/conflicts/resolve", data={"csrf_token": csrf, "study": study, "stage": FT,
                                                    "decision": "include"}, follow_redirects=True)
    assert said + "; attach it first (on the study's full-text page, by the owner or a screener)" in \
        _page_error(answer)
    with serving(ws.path) as base:
        status, words = _call(base, "/api/resolutions", tokens["carol"], {"study": study, "stage": FT,
                                                                           "decision": "include"})
    assert status == 409 and "screener" not in _neutral(words), words
    assert _cli(capsys, "resolve", str(ws.path), str(study), "include", "--as", "carol", "--stage", FT) == \
        f"error: {said}; attach it with `screener fulltext` first\n"
    try:
        resolve(ws, "carol", study, FT, "include")
    except Exception as refused:          # the Python API's message: no front end's words
        assert str(refused) == said
    else:
        raise AssertionError("resolved a study whose full text is not retrieved")


def test_an_owner_under_blind_mode(app, review, capsys):
    ws, studies, tokens = review
    said = ("under blind mode the review's 2 screeners give the 2 votes each study needs at title_abstract; an "
            "owner's vote would take a screener's place (and could decide a study before its other screener votes)")
    olivia = signed_in(app, tokens["olivia"])
    csrf = csrf_of(olivia.get("/dashboard").get_data(as_text=True))
    answer = olivia.post("/screen/vote", data={"csrf_token": csrf, "study": studies[0], "stage": TA,
                                               "vote": "include"}, follow_redirects=True)
    page = _page_error(answer)
    assert "review.toml" not in page and "blind = false" not in page
    assert said.replace(TA, "title/abstract") + (": resolve conflicts on the Conflicts page, or turn blind mode off "
                                                 "under Manage → Settings") in page
    with serving(ws.path) as base:
        status, words = _call(base, f"/api/next?stage={TA}", tokens["olivia"])
        voted = _call(base, "/api/votes", tokens["olivia"], {"study": studies[0], "stage": TA, "vote": "include"})
    api_says = said + ': resolve conflicts with POST /api/resolutions, or turn blind mode off (PUT /api/settings with ' \
                      '"blind": false)'
    assert status == 403 and _neutral(words) == api_says, words
    assert voted == (403, api_says)
    assert _cli(capsys, "next", str(ws.path), "--as", "olivia", "--stage", TA) == (
        f"error: {said}: resolve conflicts with `screener resolve`, or set blind = false in review.toml\n")


def test_a_revote_on_a_decided_study(review, capsys):
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude")
    resolve(ws, "carol", study, TA, "include")
    said = (f"study {study} is already decided at {TA} (include by the arbiter): a re-vote would change nothing; "
            "to change the outcome, decide it again")
    with serving(ws.path) as base:
        status, words = _call(base, "/api/revotes", tokens["carol"], {"study": study, "stage": TA, "reviewer": "bob"})
    assert status == 409 and _neutral(words) == said + " with POST /api/resolutions", words
    assert _cli(capsys, "revote", str(ws.path), str(study), "bob", "--as", "carol", "--stage", TA) == \
        f"error: {said} with `screener resolve`\n"


def _svg_notes(svg: str) -> str:
    """The PRISMA diagram's notes under its boxes, their wrapped lines joined."""
    return html.unescape(" ".join(re.findall(r'<text class="note"[^>]*>([^<]*)</text>', svg)))


def test_records_without_a_database_in_the_prisma_diagram(app, review, capsys, tmp_path):
    """The diagram's note said 'say which with `screener imports relabel` (import 1) or Correct on the web
    app's Imports page' wherever it was drawn: on the Dashboard and the Exports page, and to a script."""
    ws, _, tokens = review
    export = tmp_path / "export.ris"
    export.write_text("TY  - JOUR\nTI  - A study of pain\nER  - \n\nTY  - JOUR\nTI  - Another\nER  - \n")
    import_files(ws, [export])
    number = max(item["id"] for item in list_imports(ws))
    said = "2 records do not say which database they came from (shown as 'unknown')"
    assert prisma_counts(ws).notes[0] == said            # the Python API's: no front end's words
    owner = signed_in(app, tokens["olivia"])
    for address in ("/dashboard/prisma.svg", "/owner/reports/prisma.svg"):
        notes = _neutral(_svg_notes(owner.get(address).get_data(as_text=True)))
        assert said + f": say which with 'Correct database or search details' on import {number} on the Imports " \
                      "page" in notes, (address, notes)
    with serving(ws.path) as base:
        request = urllib.request.Request(f"{base}/api/reports/prisma.svg",
                                         headers={"Authorization": f"Bearer {tokens['olivia']}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            notes = _neutral(_svg_notes(answer.read().decode()))
    assert said + f': say which by sending "database" to POST /api/imports/{number}' in notes, notes
    out = tmp_path / "prisma.svg"
    assert run(["report", "prisma", str(ws.path), "--out", str(out)]) == 0
    cli_says = said + f": say which with `screener imports relabel` (import {number}) or Correct on the web app's " \
                      "Imports page"
    assert f"  note: {cli_says}" in capsys.readouterr().out.splitlines()
    assert cli_says in _svg_notes(out.read_text(encoding="utf-8"))


def test_a_strategy_over_the_workbench_limit(review, capsys, tmp_path):
    """The JSON API said '(split it, or check it with `screener query check`)' of a strategy too long for the
    workbench (its page says its own words before sending: test_workbench_bad_input_browser.py); the command
    line's `query check` has no such limit."""
    ws, _, _ = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    text = "1 " + " or ".join(f"word{n}" for n in range(12_500)) + ".ti,ab."
    with serving(ws.path) as base:
        status, words = _call(base, "/api/strategies", sam, {"name": "long", "text": text})
    assert status == 400 and _neutral(words) == (f"the strategy is {len(text):,} characters long; the workbench takes "
                                                 "at most 100,000: split it into parts"), words
    strategy = tmp_path / "long.txt"
    strategy.write_text(text, encoding="utf-8")
    run(["query", "check", str(strategy)])
    assert "100,000" not in capsys.readouterr().err


def test_a_strategy_with_errors_run(review, capsys, tmp_path):
    """A saved version with an error, run on the workbench (its page shows the API's answer): the answer
    said '(`screener query check 'main v1'` shows them)'."""
    ws, _, _ = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    text = "1. pain.ti,ab.\n2. 1 and 7\n"
    said = ("the strategy has 1 error, nothing was run: line 2, column 10: BAD_LINE_REFERENCE: there is no line 7 "
            "(the strategy's lines are 1-2)")
    with serving(ws.path) as base:
        saved = _call(base, "/api/strategies", sam, {"name": "main", "text": text})
        assert saved[0] == 201, saved
        number = max(row[0] for row in ws.db.execute("SELECT id FROM strategies"))
        status, words = _call(base, f"/api/strategies/{number}/run", sam, {})
    assert status == 400 and _neutral(words) == (f"main v1: {said} (open this version on the workbench, or send it to "
                                                 "POST /api/strategies/check: both list them)"), words
    strategy = tmp_path / "main.ovid"
    strategy.write_text(text, encoding="utf-8")
    assert run(["query", "run", str(strategy), "--review", str(ws.path)]) != 0
    assert capsys.readouterr().err == f"error: {strategy}: {said} (`screener query check {strategy}` shows them)\n"


def test_the_last_line_of_a_strategy_with_errors_counted(review):
    """The workbench's line counts (POST /api/strategies/counts): the last line of a strategy with an error
    elsewhere said '`search pubmed` refuses a strategy with errors; fix them first (`screener query check`
    lists them)', which the page's script rewrote (it now shows the answer as it is: its browser test,
    test_workbench_counts_browser.py); the command line's words: tests/search/test_line_counts.py."""
    ws, _, _ = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        request = urllib.request.Request(f"{base}/api/strategies/counts", method="POST", data=json.dumps(
            {"text": "1. pain.ti.\n2. foo.zz.\n3. 1 and 1\n", "count": []}).encode(), headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {sam}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            lines = json.loads(answer.read())["lines"]
    assert _neutral(lines[2]["message"]) == ("not sent to PubMed: Search PubMed refuses a strategy with errors; fix "
                                             "them first (they are listed under the editor)")


def test_an_emptied_settings_file_under_a_running_server(app, review):
    """review.toml emptied while the review's server runs: the owner's banner said '…; restore it from a
    backup, or copy the review.toml of a new `screener init` folder here and set them again', and named the
    file by its path on the server."""
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    (ws.path / "review.toml").write_bytes(b"")
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", owner.get("/dashboard").get_data(as_text=True))))
    assert "`" not in page and "screener init" not in page and str(ws.path) not in page, page
    assert ("review.toml could not be reloaded, still using the previous settings: review.toml: empty: the review's "
            "settings (title, exclusion reasons, votes needed, blind mode) are not in it; tell whoever runs the "
            "review's server (it is restored there)") in page, page
