"""Issue 21 through HTTP: under blind mode a screener who changes or retracts a vote after the
other's vote is in gets the answer a change before completion gets (no 409 telling that the
other voted), the change is a request the arbiter sees on the conflicts page, and the conflict
stays until the arbiter accepts it by asking for a re-vote."""

from __future__ import annotations

import pytest
from web_helpers import TA, signed_in

from screener.workspace.screening import cast_vote, study_outcome


@pytest.fixture()
def api(app, review):
    ws, studies, tokens = review
    client = app.test_client()

    def call(method, who, path, **kwargs):
        return getattr(client, method)(path, headers={"Authorization": f"Bearer {tokens[who]}"}, **kwargs)
    return ws, studies, call


def _same(answer) -> tuple:
    """The answer less what names the study and the clock time."""
    body = answer.get_json()
    body["study"] = body["outcome"]["study_id"] = None
    if body["vote"]:
        body["vote"].pop("at")
        body["vote"]["study_id"] = None
    return answer.status_code, body


def test_a_change_after_the_others_vote_reads_as_a_change_before_it(api, app, review):
    ws, studies, call = api
    alone, conflict = studies[0], studies[1]
    for s in (alone, conflict):
        assert call("post", "alice", "/api/votes", json={"study": s, "stage": TA, "vote": "include"}).status_code == 200
    cast_vote(ws, "bob", conflict, TA, "exclude")
    for change in ("exclude", "maybe"):
        before = call("post", "alice", "/api/votes", json={"study": alone, "stage": TA, "vote": change})
        after = call("post", "alice", "/api/votes", json={"study": conflict, "stage": TA, "vote": change})
        assert _same(after) == _same(before) and after.status_code == 200
    gone_before = call("post", "alice", "/api/votes", json={"study": alone, "stage": TA, "vote": "retract"})
    gone_after = call("post", "alice", "/api/votes", json={"study": conflict, "stage": TA, "vote": "retract"})
    assert (gone_after.status_code, gone_after.get_json()["vote"]) == (gone_before.status_code, None) == (200, None)
    assert gone_after.get_json()["outcome"]["status"] == gone_before.get_json()["outcome"]["status"] == "undecided"
    mine = call("get", "alice", f"/api/votes?stage={TA}").get_json()
    assert [v["study"] for v in (mine if isinstance(mine, list) else mine["votes"])] == []
    call("post", "alice", "/api/votes", json={"study": conflict, "stage": TA, "vote": "exclude", "note": "on reflection"})
    assert study_outcome(ws, conflict, TA).status == "conflict"          # not erased
    page = signed_in(app, review[2]["carol"]).get("/conflicts")
    assert page.status_code == 200
    assert "Change requests" in page.get_data(as_text=True) and "on reflection" in page.get_data(as_text=True)
    listed = call("get", "carol", "/api/conflicts").get_json()
    items = listed if isinstance(listed, list) else listed["conflicts"]
    assert [(r["reviewer"], r["vote"]) for r in items[0]["change_requests"]] == [("alice", "exclude")]


def test_my_votes_in_study_search_show_the_requested_vote(api):
    ws, studies, call = api
    s = studies[0]
    call("post", "alice", "/api/votes", json={"study": s, "stage": TA, "vote": "include"})
    cast_vote(ws, "bob", s, TA, "exclude")
    mine = call("get", "alice", f"/api/studies?stage={TA}").get_json()
    assert [(r["study"], r["my_vote"]) for r in mine["studies"]] == [(s, "include")]
    call("post", "alice", "/api/votes", json={"study": s, "stage": TA, "vote": "exclude"})     # a request
    mine = call("get", "alice", f"/api/studies?stage={TA}").get_json()
    assert [(r["study"], r["my_vote"]) for r in mine["studies"]] == [(s, "exclude")]
    call("post", "alice", "/api/votes", json={"study": s, "stage": TA, "vote": "retract"})
    assert call("get", "alice", f"/api/studies?stage={TA}").get_json()["studies"] == []
    assert study_outcome(ws, s, TA).status == "conflict"
