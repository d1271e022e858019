"""The reviewer's attack on blinding with three screeners (issue 21), over HTTP: carol-the-third
(dan here) posts a vote on a study two others voted on, and on one nobody touched. It was 409
"already has the 2 reviewers it needs" against 200 — the study was taken, and a taken study that
stays undecided is in conflict. Now studies are assigned in advance: both answers are the same 409,
word for word, and /api/next and /api/progress count her own studies only."""

from __future__ import annotations

from web_helpers import TA

from screener.errors import ScreeningError
from screener.workspace.assignment import assignment
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote
from screener.workspace.votebook import VoteBook


def test_a_third_screener_cannot_tell_a_taken_study_over_http(app, review):
    from screener.records.model import Record

    ws, _, tokens = review
    _, dan_token = add_reviewer(ws, "dan", "screener")
    with ws.transaction():
        ws.add_source_records([Record(title=f"Extra study {i}", abstract="x", database="test") for i in range(18)])
    studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    dan = ws.db.execute("SELECT id FROM reviewers WHERE name = 'dan'").fetchone()[0]
    plan, book = assignment(ws, TA), VoteBook(ws)
    not_dans = [sid for sid in studies if not plan.assigned_to(dan, sid, book)]
    assert len(not_dans) >= 2
    taken, untouched = not_dans[0], not_dans[1]
    cast_vote(ws, "alice", taken, TA, "include")
    cast_vote(ws, "bob", taken, TA, "exclude")                  # a conflict between alice and bob
    client = app.test_client()
    headers = {"Authorization": f"Bearer {dan_token}"}
    answers = []
    for sid in (taken, untouched):
        answer = client.post("/api/votes", headers=headers, json={"study": sid, "stage": TA, "vote": "include"})
        answers.append((answer.status_code, answer.get_json()["error"].replace(str(sid), "S")))
    assert answers[0] == answers[1] and answers[0][0] == 409
    assert "not one of the studies assigned to you" in answers[0][1]
    mine = [sid for sid in studies if plan.assigned_to(dan, sid, book)]
    got = client.get(f"/api/next?stage={TA}", headers=headers).get_json()
    assert got["study"] in mine and got["remaining"] == len(mine)
    page = client.get("/api/progress", headers=headers).get_json()
    assert page["stages"][TA]["reviewers"][0]["remaining"] == len(mine)
    try:                                                         # and the pair's own votes are taken
        cast_vote(ws, "alice", untouched, TA, "include")
    except ScreeningError:
        cast_vote(ws, "bob", untouched, TA, "include")
