"""Found by using the pages and the API as screeners, an arbiter and the owner would (session 2 review)."""

from __future__ import annotations

import pytest
from test_web_browser import ARTIFACTS
from web_helpers import TA, counts, csrf_of, serving, signed_in

from screener.workspace.screening import cast_vote, request_revote, retract_vote


def test_arbiter_sees_why_a_resolution_was_refused_when_the_conflict_is_gone(app, review):
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude", reason="out of scope")
    carol = signed_in(app, tokens["carol"])
    html = carol.get("/conflicts").get_data(as_text=True)
    assert f'id="conflict-{study}-title_abstract"' in html
    # the conflict goes away while the page is open (since issue 21 a vote is frozen once all
    # votes are in: bob retracts after a re-vote request)
    request_revote(ws, "olivia", study, TA, "bob")
    retract_vote(ws, "bob", study, TA)
    before = counts(ws)["resolutions"]
    answer = carol.post("/conflicts/resolve", data={"study": study, "stage": TA, "decision": "include",
                                                    "csrf_token": csrf_of(html)})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert counts(ws)["resolutions"] == before
    assert f"Study {study} at title/abstract could not be resolved: study {study} is not in conflict" in page
    assert 'id="resolve-error"' in page


def test_reason_keys_are_listed_wherever_the_picker_is(app, review):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    html = alice.get(f"/screen?stage={TA}").get_data(as_text=True)
    assert ws.settings.stages[TA].reason_required is False
    assert 'id="reason"' in html
    assert "<li><kbd>1</kbd>–<kbd>9</kbd> pick an exclusion reason</li>" in html
    assert "<kbd>1</kbd>–<kbd>9</kbd> reason" in html
    assert "<li><kbd>R</kbd> go to the reason list</li>" in html


def test_api_wrong_method_on_a_known_call_is_405_naming_the_methods(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    headers = {"Authorization": f"Bearer {tokens['alice']}"}
    answer = client.delete("/api/votes", headers=headers)
    assert answer.status_code == 405
    assert answer.get_json() == {"ok": False, "error": "/api/votes does not take DELETE; use GET or POST"}
    assert answer.headers["Allow"] == "GET, POST"
    answer = client.post("/api/next?stage=title_abstract", headers=headers)
    assert answer.status_code == 405
    assert answer.get_json()["error"] == "/api/next does not take POST; use GET"
    answer = client.get("/api/studies/abc?stage=title_abstract", headers=headers)
    assert answer.status_code == 400
    assert answer.get_json()["error"] == "study 'abc' is not a study number; use /api/studies/ID?stage=STAGE"
    answer = client.get("/api/nothing", headers=headers)
    assert answer.status_code == 404
    assert answer.get_json()["error"] == "no API call /api/nothing; see the README's Web app section for the calls"


def test_undo_without_a_session_last_vote_takes_the_newest_undoable_one(app, review):
    ws, studies, tokens = review
    a, b = studies[0], studies[1]
    cast_vote(ws, "alice", a, TA, "include", note="open")       # undecided: bob has not voted
    cast_vote(ws, "bob", b, TA, "exclude")
    cast_vote(ws, "alice", b, TA, "exclude")                    # newest, and decided by agreement
    alice = signed_in(app, tokens["alice"])                      # a new session: no 'last' vote in it
    html = alice.get(f"/screen?stage={TA}").get_data(as_text=True)
    answer = alice.post("/screen/undo", data={"stage": TA, "csrf_token": csrf_of(html)})
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"/screen?stage=title_abstract&study={a}"
    from screener.workspace.screening import reviewer_votes
    assert [v["study"] for v in reviewer_votes(ws, "alice", TA)] == [b]
    page = alice.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"Your vote on study {a} is withdrawn; vote again." in page
    # nothing left to undo: the only vote is on a decided study
    answer = alice.post("/screen/undo", data={"stage": TA, "csrf_token": csrf_of(page)})
    page = alice.get(answer.headers["Location"]).get_data(as_text=True)
    assert ("You have no vote to undo at this stage: your votes are on decided studies, which only the "
            "arbiter can change.") in page


def _to_full_text(ws, study):
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, TA, "include")


def test_a_missing_reason_is_explained_in_the_web_s_words_not_the_cli_s(app, review):
    ws, studies, tokens = review
    study = studies[0]
    _to_full_text(ws, study)
    alice = signed_in(app, tokens["alice"])
    html = alice.get("/screen?stage=full_text").get_data(as_text=True)
    refused = alice.post("/screen/vote", data={"study": study, "stage": "full_text", "vote": "exclude",
                                               "csrf_token": csrf_of(html)})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "An exclusion at full text needs a reason: pick one from the list (keys 1–9), then press E again." in page
    assert "--reason" not in page
    api = app.test_client().post("/api/votes", headers={"Authorization": f"Bearer {tokens['alice']}"},
                                 json={"study": study, "stage": "full_text", "vote": "exclude"})
    assert api.status_code == 422
    assert "--reason" not in api.get_json()["error"]
    assert api.get_json()["error"].startswith('an exclusion at full_text needs a reason (the "reason" field), one of')
    cast_vote(ws, "alice", study, "full_text", "exclude", reason="out of scope")
    cast_vote(ws, "bob", study, "full_text", "exclude", reason="not qualitative")      # over the reason
    carol = signed_in(app, tokens["carol"])
    html = carol.get("/conflicts").get_data(as_text=True)
    refused = carol.post("/conflicts/resolve", data={"study": study, "stage": "full_text", "decision": "exclude",
                                                     "csrf_token": csrf_of(html)})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "--reason" not in page
    assert "This exclusion needs a reason: pick one from the list." in page


def test_a_study_number_beyond_sqlite_integers_is_404_not_a_server_error(app, review):
    ws, studies, tokens = review
    huge = 10 ** 30
    # the web never shows the server's paths (the CLI's message names the workspace directory), and the
    # API names its own call, not the command line's `screener next`
    message = f"no study {huge} in the review; GET /api/next?stage=title_abstract (or full_text) gives the studies to screen"
    client = app.test_client()
    headers = {"Authorization": f"Bearer {tokens['alice']}"}
    answer = client.post("/api/votes", headers=headers, json={"study": huge, "stage": TA, "vote": "include"})
    assert (answer.status_code, answer.get_json()) == (404, {"ok": False, "error": message})
    answer = client.get(f"/api/studies/{huge}?stage={TA}", headers=headers)
    assert (answer.status_code, answer.get_json()) == (404, {"ok": False, "error": message})
    answer = client.post("/api/release", headers=headers, json={"study": huge, "stage": TA})
    assert answer.status_code == 404
    carol = {"Authorization": f"Bearer {tokens['carol']}"}
    answer = client.post("/api/resolutions", headers=carol, json={"study": huge, "stage": TA, "decision": "include"})
    assert answer.status_code == 404
    alice = signed_in(app, tokens["alice"])
    page = alice.get(f"/screen?stage={TA}&study={huge}")
    # a page names the app's places, not CLI commands (session 7)
    on_page = f"no study {huge} in the review; open your queue (Title/abstract or Full text in the menu)"
    assert page.status_code == 404 and on_page in page.get_data(as_text=True)
    assert alice.get(f"/fulltext/{huge}").status_code == 404
    csrf = csrf_of(alice.get(f"/screen?stage={TA}").get_data(as_text=True))
    assert alice.post("/screen/vote", data={"study": huge, "stage": TA, "vote": "include",
                                            "csrf_token": csrf}).status_code == 404
    assert alice.post("/screen/skip", data={"study": huge, "stage": TA, "csrf_token": csrf}).status_code == 404
    body = '{"study": 1' + "0" * 5000 + ', "stage": "title_abstract", "vote": "include"}'
    answer = client.post("/api/votes", headers=headers, data=body, content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["error"].startswith("the request body is not valid JSON; send a JSON object like")


def test_the_estimate_does_not_say_keep_screening_when_nothing_is_left(app, review):
    ws, studies, tokens = review
    for i, study in enumerate(studies):
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include" if i % 2 else "exclude")
    olivia = signed_in(app, tokens["olivia"])
    dashboard = olivia.get("/dashboard").get_data(as_text=True)
    part = dashboard.split("Stopping estimate:")[1].split("</p>")[0]
    assert "— every study has been screened <small" in part
    assert "(stopping rule: a statistical test" in part and "method: buscar" in part
    alice = signed_in(app, tokens["alice"])
    page = alice.get(f"/screen?stage={TA}").get_data(as_text=True)
    assert "Nothing left for you" in page
    estimate = page.split('id="estimate">')[1].split("</p>")[0]
    assert "keep screening" not in estimate
    assert "— every study has been screened." in estimate


def test_a_refused_resolution_keeps_what_the_arbiter_wrote(app, review):
    ws, studies, tokens = review
    study = studies[0]
    _to_full_text(ws, study)
    cast_vote(ws, "alice", study, "full_text", "exclude", reason="out of scope")
    cast_vote(ws, "bob", study, "full_text", "exclude", reason="not qualitative")
    carol = signed_in(app, tokens["carol"])
    html = carol.get("/conflicts").get_data(as_text=True)
    refused = carol.post("/conflicts/resolve", data={"study": study, "stage": "full_text", "decision": "exclude",
                                                     "note": "both are right & wrong", "csrf_token": csrf_of(html)})
    assert refused.status_code == 422
    card = refused.get_data(as_text=True).split(f'id="conflict-{study}-full_text"')[1].split("</article>")[0]
    assert '<input type="text" name="note" maxlength="10000" value="both are right &amp; wrong">' in card
    assert '<input type="radio" name="decision" value="exclude" checked>' in card
    assert '<input type="radio" name="decision" value="include" required>' in card


def test_skipping_a_study_not_given_to_me_shows_why_on_the_page(app, review):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    html = alice.get(f"/screen?stage={TA}").get_data(as_text=True)
    given = int(html.split('name="study" value="', 1)[1].split('"', 1)[0])
    other = next(s for s in studies if s != given)
    answer = alice.post("/screen/skip", data={"study": other, "stage": TA, "csrf_token": csrf_of(html)})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409 and f"Study {other} was not skipped: it is not held for you" in page
    assert f'name="study" value="{given}"' in page                       # still my study on the page
    assert ws.db.execute("SELECT count(*) FROM leases WHERE kind = 'release'").fetchone()[0] == 0


def test_with_three_screeners_only_my_studies_are_left_for_me(app, review):
    """Three screeners, two votes per study (blind): each study is assigned to two of them, so the
    studies the other two share are neither given to me nor counted as left for me, whatever they
    voted (they used to count as "N more undecided, with the other screeners"); when mine are
    done, none is left."""
    from screener.errors import ScreeningError
    from screener.records.model import Record
    from screener.workspace.queue import next_study
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    add_reviewer(ws, "dan", "screener")
    with ws.transaction():
        ws.add_source_records([Record(title=f"Extra study {i}", abstract="x", database="test") for i in range(12)])
    studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    for sid in studies:
        for name, vote in (("bob", "include"), ("dan", "exclude")):
            try:
                cast_vote(ws, name, sid, TA, vote)
            except ScreeningError:
                pass                    # not theirs
    mine = 0
    while (item := next_study(ws, "alice", TA)) is not None:
        cast_vote(ws, "alice", item["study"], TA, "include")
        mine += 1
    assert 0 < mine < len(studies)
    alice = signed_in(app, tokens["alice"])
    page = alice.get(f"/screen?stage={TA}").get_data(as_text=True)
    assert "Nothing left for you" in page
    assert f"<strong>{mine}</strong> voted, none left for you" in page and "more undecided" not in page
    assert f'<progress class="bar" value="{mine}" max="{mine}" aria-label=' in page      # her share, all done


def test_an_estimate_resting_on_one_include_says_so_where_it_is_shown(app, review, capsys):
    """The caution (few includes: the ranker may rank relevant studies unlike them low) was only in the
    stopping rule's tooltip on the dashboard and screening page, and not in `rank estimate`'s text."""
    from screener.cli.main import run

    ws, studies, tokens = review
    for i, study in enumerate(studies[:4]):
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include" if i == 0 else "exclude")
    olivia = signed_in(app, tokens["olivia"])
    dashboard = olivia.get("/dashboard").get_data(as_text=True)
    after = dashboard.split("Stopping estimate:")[1][:3000]
    assert '<p class="caution">Caution: only 1 relevant study found so far' in after
    alice = signed_in(app, tokens["alice"])
    page = alice.get(f"/screen?stage={TA}").get_data(as_text=True)
    assert '<p class="caution">Caution: only 1 relevant study found so far' in \
        page.split('id="estimate">')[1].split("</section>")[0]
    assert run(["rank", "estimate", str(ws.path)]) == 0
    assert "  caution: only 1 relevant study found so far" in capsys.readouterr().out


@pytest.mark.browser
def test_the_caution_is_seen_on_the_dashboard_at_phone_width(review, browser):
    ws, studies, tokens = review
    for i, study in enumerate(studies[:4]):
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include" if i == 0 else "exclude")
    with serving(ws.path) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}/signin?token={tokens['olivia']}")
        page.click("#signin")
        page.goto(f"{base}/dashboard")
        caution = page.locator("p.caution").first
        assert caution.is_visible() and caution.inner_text().startswith("Caution: only 1 relevant study found so far")
        box = caution.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390          # wraps within the phone's width
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-caution-390.png"), full_page=True)
        page.close()
