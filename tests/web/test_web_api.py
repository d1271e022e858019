"""The JSON API: answers, blinding, and every refusal with its status — each writing nothing."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest
from web_helpers import FT, TA, counts

from screener.workspace.reviewers import mint_token
from screener.workspace.screening import cast_vote, study_outcome


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def vote(client, token, study, stage=TA, vote="include", **extra):
    return client.post("/api/votes", headers=bearer(token), json={"study": study, "stage": stage, "vote": vote, **extra})


def test_next_is_the_same_json_as_the_cli(app, review):
    from screener.cli.main import run

    ws, studies, tokens = review
    client = app.test_client()
    answer = client.get("/api/next?stage=title_abstract", headers=bearer(tokens["bob"]))
    assert answer.status_code == 200
    assert answer.mimetype == "application/json"
    api = answer.get_json()
    out = io.StringIO()
    with redirect_stdout(out):
        assert run(["next", str(ws.path), "--as", "bob", "--stage", TA, "--json"]) == 0
    cli = json.loads(out.getvalue())
    # asking again before voting renews the lease on the same study: only the expiry moves
    assert api["study"] == cli["study"]
    assert {k: v for k, v in api.items() if k != "lease_expires"} == \
           {k: v for k, v in cli.items() if k != "lease_expires"}
    assert {"study", "title", "abstract", "authors", "year", "journal", "doi", "pmid", "keywords", "stage",
            "remaining", "lease_expires", "votes"} <= set(api)
    assert api["remaining"] == 6


def test_vote_progress_and_my_votes(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    before = counts(ws)
    answer = vote(client, tokens["alice"], studies[0], note="clear include")
    assert answer.status_code == 200
    data = answer.get_json()
    assert (data["study"], data["recorded"], data["vote"]["vote"], data["vote"]["note"]) == \
           (studies[0], True, "include", "clear include")
    assert data["outcome"]["status"] == "undecided"
    assert "ranker_state" not in data["vote"]          # masked for a blinded screener
    assert counts(ws)["votes"] == before["votes"] + 1
    again = vote(client, tokens["alice"], studies[0], note="clear include")   # a retry writes nothing
    assert again.status_code == 200 and again.get_json()["recorded"] is False
    assert counts(ws)["votes"] == before["votes"] + 1
    mine = client.get("/api/votes?stage=title_abstract", headers=bearer(tokens["alice"])).get_json()
    assert [(v["study"], v["vote"]["vote"]) for v in mine] == [(studies[0], "include")]
    progress = client.get("/api/progress", headers=bearer(tokens["alice"])).get_json()
    rows = progress["stages"][TA]["reviewers"]
    assert [(r["name"], r["voted"], r["awaiting_decision"]) for r in rows] == [("alice", 1, 1)]
    assert set(progress["stopping"]) == {TA, FT}
    retract = vote(client, tokens["alice"], studies[0], vote="retract")
    assert retract.status_code == 200 and retract.get_json()["vote"] is None
    assert client.get("/api/votes", headers=bearer(tokens["alice"])).get_json() == []


def test_me_and_release(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    assert client.get("/api/me", headers=bearer(tokens["carol"])).get_json() == \
           {"name": "carol", "role": "arbiter", "blind": True}
    first = client.get("/api/next?stage=title_abstract", headers=bearer(tokens["alice"])).get_json()["study"]
    released = client.post("/api/release", headers=bearer(tokens["alice"]), json={"study": first, "stage": TA})
    assert released.status_code == 200
    after = client.get("/api/next?stage=title_abstract", headers=bearer(tokens["alice"])).get_json()["study"]
    assert after != first
    # a study the queue did not give me (bob holds nothing): refused, nothing written
    leases = ws.db.execute("SELECT count(*) FROM leases").fetchone()[0]
    refused = client.post("/api/release", headers=bearer(tokens["bob"]), json={"study": first, "stage": TA})
    assert refused.status_code == 409 and refused.get_json() == {
        "ok": False, "error": f"study {first} is not yours to skip at {TA}: the queue has not given it to "
                              f"you, or you have voted on it since; nothing was changed"}
    assert ws.db.execute("SELECT count(*) FROM leases").fetchone()[0] == leases


# ---- blinding ---------------------------------------------------------------------------------

SECRET = "ALICE-PRIVATE-NOTE-7731"


def test_a_screener_reads_nothing_of_another_screeners_votes_through_any_url(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    study = studies[2]
    assert vote(client, tokens["alice"], study, vote="exclude", note=SECRET).status_code == 200
    bob = bearer(tokens["bob"])
    urls = [f"/api/studies/{study}?stage=title_abstract", f"/api/studies/{study}?stage=full_text",
            "/api/votes", "/api/votes?stage=title_abstract", "/api/progress", "/api/me",
            "/api/next?stage=title_abstract", "/api/next?stage=full_text", "/api/conflicts"]
    for url in urls:
        answer = client.get(url, headers=bob)
        text = answer.get_data(as_text=True)
        assert SECRET not in text, url
        assert "alice" not in text, url
        assert '"vote": "exclude"' not in text, url
    assert client.get("/api/conflicts", headers=bob).status_code == 403
    view = client.get(f"/api/studies/{study}?stage=title_abstract", headers=bob).get_json()
    assert view["votes"] == [] and view["outcome"]["status"] == "undecided"
    # bob disagrees: a conflict, which bob must not learn either
    answer = vote(client, tokens["bob"], study, vote="include")
    assert answer.get_json()["outcome"]["status"] == "undecided"
    for url in urls:
        text = client.get(url, headers=bob).get_data(as_text=True)
        assert SECRET not in text and "alice" not in text and '"status": "conflict"' not in text, url
        assert '"vote": "exclude"' not in text, url
    assert study_outcome(ws, study, TA).status == "conflict"
    # once the arbiter decides, bob may see both votes
    assert client.post("/api/resolutions", headers=bearer(tokens["carol"]),
                       json={"study": study, "stage": TA, "decision": "exclude"}).status_code == 200
    view = client.get(f"/api/studies/{study}?stage=title_abstract", headers=bob).get_json()
    assert view["outcome"]["status"] == "exclude"
    assert sorted((v["reviewer"], v["vote"], v["note"]) for v in view["votes"]) == \
           [("alice", "exclude", SECRET), ("bob", "include", "")]


def test_an_arbiter_sees_conflicts_with_every_vote_and_resolves(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    study = studies[1]
    vote(client, tokens["alice"], study, vote="include", note="trial but qualitative arm")
    vote(client, tokens["bob"], study, vote="exclude", note="a trial")
    conflicts = client.get("/api/conflicts", headers=bearer(tokens["carol"])).get_json()
    assert [(c["study"], c["stage"], c["conflict"]) for c in conflicts] == [(study, TA, "decision")]
    assert sorted((v["reviewer"], v["vote"], v["note"]) for v in conflicts[0]["votes"]) == \
           [("alice", "include", "trial but qualitative arm"), ("bob", "exclude", "a trial")]
    answer = client.post("/api/resolutions", headers=bearer(tokens["carol"]),
                         json={"study": study, "stage": TA, "decision": "include", "note": "qualitative arm"})
    assert answer.status_code == 200
    assert answer.get_json()["outcome"]["status"] == "include"
    assert answer.get_json()["resolutions"][-1]["arbiter"] == "carol"
    assert client.get("/api/conflicts", headers=bearer(tokens["carol"])).get_json() == []


# ---- refusals: each with its status, nothing written --------------------------------------------

def _refused(client, ws, method, url, status, *, token=None, body=None, raw=None, headers=None):
    before = counts(ws)
    all_headers = dict(headers or {})
    if token is not None:
        all_headers.update(bearer(token))
    if raw is not None:
        answer = client.open(url, method=method, headers=all_headers, data=raw, content_type="application/json")
    else:
        answer = client.open(url, method=method, headers=all_headers, json=body)
    assert answer.status_code == status, answer.get_data(as_text=True)
    data = answer.get_json()
    assert data["ok"] is False and isinstance(data["error"], str) and data["error"]
    after = counts(ws)
    assert {k: after[k] for k in ("votes", "resolutions", "pair_decisions")} == \
           {k: before[k] for k in ("votes", "resolutions", "pair_decisions")}
    assert after["events"] == before["events"]
    return data["error"]


def test_no_or_bad_token_is_401(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    body = {"study": studies[0], "stage": TA, "vote": "include"}
    assert "no token" in _refused(client, ws, "POST", "/api/votes", 401, body=body)
    assert "unknown token" in _refused(client, ws, "POST", "/api/votes", 401, token="not-a-token", body=body)
    assert "Bearer" in _refused(client, ws, "POST", "/api/votes", 401, body=body,
                                headers={"Authorization": f"Basic {tokens['alice']}"})
    old = tokens["alice"]
    mint_token(ws, "alice")            # the old token is replaced: it stops working
    assert "replaced" in _refused(client, ws, "POST", "/api/votes", 401, token=old, body=body)
    assert "replaced" in _refused(client, ws, "GET", "/api/next?stage=title_abstract", 401, token=old)
    answer = client.get("/api/progress")
    assert answer.status_code == 401 and answer.headers["WWW-Authenticate"].startswith("Bearer")
    # a session cookie is no key to the API
    from web_helpers import signed_in
    browser = signed_in(app, tokens["bob"])
    assert browser.get("/api/progress").status_code == 401


def test_malformed_requests_are_400(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    alice = tokens["alice"]
    assert "not valid JSON" in _refused(client, ws, "POST", "/api/votes", 400, token=alice, raw=b'{"study": 1,')
    assert "not valid JSON" in _refused(client, ws, "POST", "/api/votes", 400, token=alice, raw=b"\xff\xfe")
    assert "JSON object" in _refused(client, ws, "POST", "/api/votes", 400, token=alice, raw=b"[1, 2]")
    assert "missing field 'vote'" in _refused(client, ws, "POST", "/api/votes", 400, token=alice,
                                              body={"study": studies[0], "stage": TA})
    assert "unknown field 'studyid'" in _refused(client, ws, "POST", "/api/votes", 400, token=alice,
                                                 body={"studyid": 1, "study": studies[0], "stage": TA, "vote": "include"})
    assert "study number" in _refused(client, ws, "POST", "/api/votes", 400, token=alice,
                                      body={"study": "1", "stage": TA, "vote": "include"})
    assert "not a stage" in _refused(client, ws, "POST", "/api/votes", 400, token=alice,
                                     body={"study": studies[0], "stage": "abstract", "vote": "include"})
    assert "not a vote" in _refused(client, ws, "POST", "/api/votes", 400, token=alice,
                                    body={"study": studies[0], "stage": TA, "vote": "yes"})
    assert "must be text" in _refused(client, ws, "POST", "/api/votes", 400, token=alice,
                                      body={"study": studies[0], "stage": TA, "vote": "include", "note": 5})
    assert "?stage=" in _refused(client, ws, "GET", "/api/next", 400, token=alice)
    assert "not a stage" in _refused(client, ws, "GET", "/api/next?stage=ta", 400, token=alice)
    assert "no API call" in _refused(client, ws, "GET", "/api/nothing", 404, token=alice)


def test_unknown_study_is_404(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    message = _refused(client, ws, "POST", "/api/votes", 404, token=tokens["alice"],
                       body={"study": 9999, "stage": TA, "vote": "include"})
    assert "no study 9999" in message
    _refused(client, ws, "GET", "/api/studies/9999?stage=title_abstract", 404, token=tokens["alice"])
    _refused(client, ws, "POST", "/api/resolutions", 404, token=tokens["carol"],
             body={"study": 9999, "stage": TA, "decision": "include"})


def test_wrong_stage_and_decided_studies_are_409(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    message = _refused(client, ws, "POST", "/api/votes", 409, token=tokens["alice"],
                       body={"study": studies[0], "stage": FT, "vote": "include"})
    assert "has not reached full text" in message
    cast_vote(ws, "alice", studies[0], TA, "exclude")
    cast_vote(ws, "bob", studies[0], TA, "exclude")
    message = _refused(client, ws, "POST", "/api/votes", 409, token=tokens["olivia"],
                       body={"study": studies[0], "stage": TA, "vote": "include"})
    assert "already decided" in message
    message = _refused(client, ws, "POST", "/api/resolutions", 409, token=tokens["carol"],
                       body={"study": studies[3], "stage": TA, "decision": "include"})
    assert "not in conflict" in message


def test_missing_or_unknown_reason_is_422(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "include")
    message = _refused(client, ws, "POST", "/api/votes", 422, token=tokens["alice"],
                       body={"study": study, "stage": FT, "vote": "exclude"})
    assert "needs a reason" in message and "out of scope" in message
    message = _refused(client, ws, "POST", "/api/votes", 422, token=tokens["alice"],
                       body={"study": study, "stage": FT, "vote": "exclude", "reason": "too long"})
    assert "'too long' is not one of the review's exclusion reasons" in message
    _refused(client, ws, "POST", "/api/votes", 422, token=tokens["alice"],
             body={"study": study, "stage": FT, "vote": "include", "reason": "out of scope"})
    ok = vote(client, tokens["alice"], study, stage=FT, vote="exclude", reason="Out of scope")
    assert ok.status_code == 200 and ok.get_json()["vote"]["reason"] == "out of scope"
    # a conflict over the reason needs one from the arbiter
    vote(client, tokens["bob"], study, stage=FT, vote="exclude", reason="not qualitative")
    _refused(client, ws, "POST", "/api/resolutions", 422, token=tokens["carol"],
             body={"study": study, "stage": FT, "decision": "exclude"})


def test_roles_are_403(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    cast_vote(ws, "alice", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "exclude")
    for screener in ("alice", "bob"):
        assert "only an arbiter or the owner" in _refused(
            client, ws, "POST", "/api/resolutions", 403, token=tokens[screener],
            body={"study": studies[1], "stage": TA, "decision": "include"})
        _refused(client, ws, "GET", "/api/conflicts", 403, token=tokens[screener])
    assert "do not vote" in _refused(client, ws, "POST", "/api/votes", 403, token=tokens["carol"],
                                     body={"study": studies[0], "stage": TA, "vote": "include"})
    _refused(client, ws, "GET", "/api/next?stage=title_abstract", 403, token=tokens["carol"])


@pytest.mark.parametrize("host", ["evil.example", "192.168.1.5:8000"])
def test_a_loopback_server_refuses_other_host_names(app, review, host):
    ws, studies, tokens = review
    answer = app.test_client().get("/api/me", headers={**bearer(tokens["alice"]), "Host": host})
    assert answer.status_code == 400 and "127.0.0.1 only" in answer.get_json()["error"]
