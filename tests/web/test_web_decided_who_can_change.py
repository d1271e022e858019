"""Who can change a decided study, as a screener is told: the refusal of a vote on a decided study
said 'only an arbiter can change it now' (the API, the command line, the page of a decided study
opened by its link said 'only the arbiter'), while the review's owner can decide it again too,
and the screening page itself said 'tell the arbiter or the review's owner'. Each now names both."""

from __future__ import annotations

import html

from web_helpers import SETTINGS, TA, signed_in

from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote


def test_a_vote_on_a_decided_study_names_the_arbiter_and_the_owner(app, review):
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "include")
    answer = app.test_client().post("/api/votes", headers={"Authorization": f"Bearer {tokens['alice']}"},
                                    json={"study": study, "stage": TA, "vote": "exclude", "reason": "out of scope"})
    assert answer.status_code == 409
    assert "only the arbiter or the review's owner can change it now" in answer.get_json()["error"], answer.get_json()


def test_a_decided_study_not_in_a_screeners_queue_names_the_arbiter_and_the_owner(app, review):
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "include")
    # a third screener without blind mode (under it the study is 'assigned to other screeners')
    (ws.path / "review.toml").write_text(SETTINGS.replace("blind = true", "blind = false"), encoding="utf-8")
    ws.reload_settings()
    token = add_reviewer(ws, "dan", "screener")[1]
    text = html.unescape(signed_in(app, token).get(f"/screen?stage={TA}&study={study}").get_data(as_text=True))
    assert "only the arbiter or the review's owner can change it now" in text, text[-3000:]
