"""Two arbiters on one conflict: dave decided it while carol was typing on a Conflicts page loaded
before. Carol's Resolve silently replaced dave's decision and her page said only 'Study 1 at
title/abstract: exclude (out of scope).' — no word that it overrode someone. Now the resolve form
says which decision it saw (the hidden field ``seen``: 0 for none, else the resolution in force);
a newer one refuses with 409 and one line naming who decided what and when, the study's page comes
back with dave's decision shown and carol's decision, reason and note still in the form, so that
Resolve again replaces dave's knowingly (a new event; nothing deleted). The JSON API takes the same
check as the optional field ``expected``; without it a script's call records as before."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from test_web_browser import ARTIFACTS
from web_helpers import TA, counts, csrf_of, serving, signed_in, signed_in_page

from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, resolve, study_outcome


def _conflict(ws, study):
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude")


def _seen(html: str, study: int) -> str:
    form = re.search(rf'name="study" value="{study}".*?</form>', html, re.S)
    assert form, "no resolve form for the study"
    match = re.search(r'name="seen" value="(\d+)"', form.group(0))
    assert match, "the resolve form does not say which decision it saw"
    return match.group(1)


def test_a_decision_made_meanwhile_is_not_replaced_unseen(app, review):
    ws, studies, tokens = review
    dave_token = add_reviewer(ws, "dave", "arbiter")[1]
    study = studies[0]
    _conflict(ws, study)
    carol, dave = signed_in(app, tokens["carol"]), signed_in(app, dave_token)
    carol_page = carol.get(f"/conflicts?stage={TA}").get_data(as_text=True)
    dave_page = dave.get(f"/conflicts?stage={TA}").get_data(as_text=True)
    assert _seen(carol_page, study) == "0"
    answer = dave.post("/conflicts/resolve", data={"csrf_token": csrf_of(dave_page), "study": study, "stage": TA,
                                                   "back": TA, "decision": "include", "seen": _seen(dave_page, study)})
    assert answer.status_code == 303
    before = counts(ws)["resolutions"]
    form = {"csrf_token": csrf_of(carol_page), "study": study, "stage": TA, "back": TA, "decision": "exclude",
            "reason": "out of scope", "note": "no pain outcome", "seen": _seen(carol_page, study)}
    refused = carol.post("/conflicts/resolve", data=form)
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    line = re.search(r'role="alert"[^>]*>([^<]*)<', html)
    assert line, html
    assert f"Study {study} was decided meanwhile by dave: include (" in line.group(1), line.group(1)
    assert "Nothing of yours was recorded" in line.group(1), line.group(1)
    assert counts(ws)["resolutions"] == before and study_outcome(ws, study, TA).status == "include"
    # the form comes back filled, and now says it saw dave's decision
    assert 'value="exclude" checked' in html and 'value="out of scope" selected' in html
    assert 'value="no pain outcome"' in html
    seen_now = _seen(html, study)
    assert seen_now != "0"
    # Resolve again: recorded knowingly, a new event; dave's stays on record
    again = carol.post("/conflicts/resolve", data={**form, "csrf_token": csrf_of(html), "seen": seen_now, "one": "1"})
    assert again.status_code == 303, again.get_data(as_text=True)
    assert counts(ws)["resolutions"] == before + 1 and study_outcome(ws, study, TA).status == "exclude"
    told = carol.get(again.headers["Location"]).get_data(as_text=True)
    assert "replaces dave" in told, told


def test_a_form_without_seen_records_as_before(app, review):
    ws, studies, tokens = review
    study = studies[0]
    _conflict(ws, study)
    resolve(ws, "olivia", study, TA, "include")
    carol = signed_in(app, tokens["carol"])
    page = carol.get(f"/conflicts?stage={TA}&study={study}").get_data(as_text=True)
    answer = carol.post("/conflicts/resolve", data={"csrf_token": csrf_of(page), "study": study, "stage": TA,
                                                    "decision": "exclude", "reason": "out of scope"})
    assert answer.status_code == 303 and study_outcome(ws, study, TA).status == "exclude"


def _post(base, token, body):
    request = urllib.request.Request(f"{base}/api/resolutions", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_the_api_refuses_with_expected_and_records_without(review):
    ws, studies, tokens = review
    add_reviewer(ws, "dave", "arbiter")
    study = studies[0]
    _conflict(ws, study)
    with serving(ws.path) as base:
        status, body = _post(base, tokens["carol"], {"study": study, "stage": TA, "decision": "include", "expected": 0})
        assert status == 200, body
        first = body["resolutions"][-1]["id"]
        # dave saw none either: refused, naming carol's decision and the id to send to replace it
        status, body = _post(base, tokens["olivia"], {"study": study, "stage": TA, "decision": "exclude",
                                                      "reason": "out of scope", "expected": 0})
        assert status == 409, body
        assert "decided meanwhile by carol: include" in body["error"] and f'"expected": {first}' in body["error"], body
        assert study_outcome(ws, study, TA).status == "include" and counts(ws)["resolutions"] == 1
        # null means none seen too; a value that is no id is refused naming the field
        status, body = _post(base, tokens["olivia"], {"study": study, "stage": TA, "decision": "exclude",
                                                      "reason": "out of scope", "expected": None})
        assert status == 409, body
        status, body = _post(base, tokens["olivia"], {"study": study, "stage": TA, "decision": "exclude",
                                                      "expected": "latest"})
        assert status == 400 and "'expected'" in body["error"], body
        # the same decision sent twice by the one who made it is a repeat, not a refusal
        status, body = _post(base, tokens["carol"], {"study": study, "stage": TA, "decision": "include", "expected": 0})
        assert status == 200 and body["recorded"] is False, body
        # knowingly: expected names the decision in force
        status, body = _post(base, tokens["olivia"], {"study": study, "stage": TA, "decision": "exclude",
                                                      "reason": "out of scope", "expected": first})
        assert status == 200 and body["outcome"]["status"] == "exclude", body
        # without the field, as before (scripts)
        status, body = _post(base, tokens["carol"], {"study": study, "stage": TA, "decision": "include"})
        assert status == 200 and body["outcome"]["status"] == "include", body
        assert counts(ws)["resolutions"] == 3


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_says_who_decided_meanwhile_and_keeps_what_was_typed(browser, review, width):
    ws, studies, tokens = review
    add_reviewer(ws, "dave", "arbiter")
    study = studies[0]
    _conflict(ws, study)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], width)
        page.goto(f"{base}/conflicts?stage={TA}")
        card = page.locator(f"#conflict-{study}-{TA}")
        card.locator("input[value=exclude]").check()
        card.locator("select[name=reason]").select_option("out of scope")
        card.locator("input[name=note]").fill("no pain outcome")
        resolve(ws, "dave", study, TA, "include")           # meanwhile
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            card.locator("form.resolve button[type=submit]").click()
        assert answer.value.status == 409
        page.wait_for_selector(f"#conflict-{study}-{TA} [role=alert]")
        line = page.inner_text(f"#conflict-{study}-{TA} [role=alert]").strip()
        assert "\n" not in line and f"Study {study} was decided meanwhile by dave: include (" in line, line
        assert "Nothing of yours was recorded" in line, line
        card = page.locator(f"#conflict-{study}-{TA}")
        assert "dave" in card.locator(".decisions").inner_text()
        assert card.locator("input[value=exclude]").is_checked()
        assert card.locator("select[name=reason]").input_value() == "out of scope"
        assert card.locator("input[name=note]").input_value() == "no pain outcome"
        assert study_outcome(ws, study, TA).status == "include" and counts(ws)["resolutions"] == 1
        box = page.locator(f"#conflict-{study}-{TA} [role=alert]").bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 800, box
        page.screenshot(path=str(ARTIFACTS / f"resolve-decided-meanwhile-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        # Resolve again: replaces dave's decision knowingly, and says so
        with page.expect_navigation():
            card.locator("form.resolve button[type=submit]").click()
        page.wait_for_selector("text=replaces dave")
        # back on the study's page (it was sent from there), not the list of every stage
        assert page.url.endswith(f"/conflicts?stage={TA}&study={study}"), page.url
        assert "exclude" in page.locator(f"#decisions-{study}-{TA}").inner_text()
        assert study_outcome(ws, study, TA).status == "exclude" and counts(ws)["resolutions"] == 2
        page.screenshot(path=str(ARTIFACTS / f"resolve-decided-meanwhile-replaced-{width}.png"), full_page=True)
        page.close()
