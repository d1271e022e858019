"""Outcome rules (Covidence): every combination of two votes, reasons at full text, the arbiter,
changes and retractions before a decision, and the full-text gate."""

from __future__ import annotations

import pytest

from screener.errors import PermissionDenied, ScreeningError
from screener.workspace.screening import (
    all_outcomes,
    cast_vote,
    combine_votes,
    list_conflicts,
    request_revote,
    resolve,
    retract_vote,
    reviewer_votes,
    screening_flow,
    study_outcome,
    study_view,
)

TA, FT = "title_abstract", "full_text"
R1, R2, R3 = "not qualitative or limited qualitative data", "out of scope", "methodological report"


@pytest.mark.parametrize("first, second, expected", [
    ("include", "include", ("include", "", None)),
    ("include", "maybe", ("include", "", None)),
    ("maybe", "include", ("include", "", None)),
    ("maybe", "maybe", ("include", "", None)),
    ("exclude", "exclude", ("exclude", "", None)),
    ("include", "exclude", ("conflict", "", "decision")),
    ("exclude", "include", ("conflict", "", "decision")),
    ("maybe", "exclude", ("conflict", "", "decision")),
    ("exclude", "maybe", ("conflict", "", "decision")),
])
def test_two_votes_combine_as_covidence(first, second, expected):
    assert combine_votes([(first, ""), (second, "")], TA, 2) == expected
    assert combine_votes([(first, ""), (second, "")], FT, 2) == expected


def test_reasons_at_full_text_and_title_abstract():
    assert combine_votes([("exclude", R1), ("exclude", R1)], FT, 2) == ("exclude", R1, None)
    assert combine_votes([("exclude", R1), ("exclude", R2)], FT, 2) == ("conflict", "", "reason")
    # at title/abstract different reasons do not make a conflict (the rule is for full text)
    assert combine_votes([("exclude", R1), ("exclude", R2)], TA, 2) == ("exclude", "", None)
    assert combine_votes([("exclude", R1), ("exclude", "")], TA, 2) == ("exclude", R1, None)


def test_too_few_votes_is_pending_and_one_vote_can_decide_when_one_is_needed():
    assert combine_votes([], TA, 2) == ("unscreened", "", None)
    assert combine_votes([("include", "")], TA, 2) == ("pending", "", None)
    assert combine_votes([("exclude", "")], TA, 2) == ("pending", "", None)
    assert combine_votes([("maybe", "")], TA, 1) == ("include", "", None)
    assert combine_votes([("exclude", "")], TA, 1) == ("exclude", "", None)
    assert combine_votes([("include", ""), ("include", ""), ("exclude", "")], TA, 2) == ("conflict", "", "decision")


@pytest.mark.parametrize("first, second, status", [
    ("include", "include", "include"), ("include", "maybe", "include"), ("maybe", "maybe", "include"),
    ("exclude", "exclude", "exclude"), ("include", "exclude", "conflict"), ("maybe", "exclude", "conflict"),
])
def test_votes_through_the_api(team, first, second, status):
    ws, studies, _ = team
    s = studies[0]
    cast_vote(ws, "alice", s, TA, first)
    assert study_outcome(ws, s, TA).status == "pending"
    cast_vote(ws, "bob", s, TA, second)
    outcome = study_outcome(ws, s, TA)
    assert outcome.status == status
    assert outcome.votes == 2
    assert outcome.decided_by == ("votes" if status != "conflict" else None)
    assert [c["study"] for c in list_conflicts(ws)] == ([s] if status == "conflict" else [])


def _to_full_text(ws, study):
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "maybe")
    assert study_outcome(ws, study, TA).status == "include"


def test_full_text_reason_conflict_resolved_by_arbiter_with_reason(team):
    ws, studies, _ = team
    s = studies[0]
    _to_full_text(ws, s)
    cast_vote(ws, "alice", s, FT, "exclude", reason=R1)
    cast_vote(ws, "bob", s, FT, "exclude", reason=R2)
    outcome = study_outcome(ws, s, FT)
    assert (outcome.status, outcome.conflict) == ("conflict", "reason")
    [conflict] = list_conflicts(ws, stage=FT)
    assert conflict["conflict"] == "reason"
    assert [(v["reviewer"], v["vote"], v["reason"]) for v in conflict["votes"]] == [
        ("alice", "exclude", R1), ("bob", "exclude", R2)]
    with pytest.raises(ScreeningError, match="needs a reason"):
        resolve(ws, "carol", s, FT, "exclude")
    resolve(ws, "carol", s, FT, "exclude", reason=R2)
    outcome = study_outcome(ws, s, FT)
    assert (outcome.status, outcome.reason, outcome.decided_by) == ("exclude", R2, "arbiter")
    assert list_conflicts(ws) == []
    # the votes stay on record
    assert ws.db.execute("SELECT count(*) FROM votes WHERE study_id = ?", (s,)).fetchone()[0] == 4


def test_full_text_same_reason_excludes_with_that_reason(team):
    ws, studies, _ = team
    s = studies[1]
    _to_full_text(ws, s)
    cast_vote(ws, "alice", s, FT, "exclude", reason=R3)
    cast_vote(ws, "bob", s, FT, "exclude", reason="Methodological Report")  # matched case-insensitively
    outcome = study_outcome(ws, s, FT)
    assert (outcome.status, outcome.reason) == ("exclude", R3)


def test_arbiter_resolves_decision_conflict_and_can_change_it_later(team):
    ws, studies, _ = team
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "include")
    cast_vote(ws, "bob", s, TA, "exclude")
    view = resolve(ws, "carol", s, TA, "exclude", note="off topic")
    assert view["outcome"]["status"] == "exclude"
    assert view["outcome"]["decided_by"] == "arbiter"
    assert [r["decision"] for r in view["resolutions"]] == ["exclude"]
    resolve(ws, "olivia", s, TA, "include")  # the owner may resolve too; the newest resolution wins
    assert study_outcome(ws, s, TA).status == "include"
    assert ws.db.execute("SELECT count(*) FROM resolutions").fetchone()[0] == 2


def test_reviewer_changes_and_retracts_until_every_vote_is_in(team):
    """Issue 21 changed this rule: a conflict used to be 'not a decision', so a screener who saw
    'undecided' could retract and vote the other way and erase it (the study then counted as
    agreement and never reached the arbiter). Now a vote is frozen once the stage's votes are all
    in: a change needs the arbiter's re-vote request (an event), and every change stays on record.
    Without blind mode the refusal (409, naming the arbiter) says so; under blind mode see the next test."""
    ws, studies, _ = team
    ws.settings.blind = False
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "include")
    cast_vote(ws, "alice", s, TA, "exclude")          # change of mind: a new event
    retract_vote(ws, "alice", s, TA)                  # undo
    assert study_outcome(ws, s, TA).status == "unscreened"
    cast_vote(ws, "alice", s, TA, "maybe")
    cast_vote(ws, "bob", s, TA, "exclude")
    assert study_outcome(ws, s, TA).status == "conflict"
    for who, attempt in (("bob", "include"), ("alice", "exclude"), ("bob", "retract")):
        with pytest.raises(ScreeningError, match=r"has all 2 votes it needs .* ask the arbiter \(carol\)") as refused:
            cast_vote(ws, who, s, TA, attempt)
        assert refused.value.http_status == 409
    assert study_outcome(ws, s, TA).status == "conflict"      # still the arbiter's
    with pytest.raises(PermissionDenied):
        request_revote(ws, "alice", s, TA, "bob")
    view = request_revote(ws, "carol", s, TA, "bob", note="please check the population")
    assert view["outcome"]["status"] == "conflict"
    cast_vote(ws, "bob", s, TA, "include")            # asked to vote again: one change
    assert study_outcome(ws, s, TA).status == "include"
    with pytest.raises(ScreeningError, match="already decided"):
        cast_vote(ws, "alice", s, TA, "exclude")
    with pytest.raises(ScreeningError, match="already decided"):
        retract_vote(ws, "bob", s, TA)
    rows = ws.db.execute("SELECT vote FROM votes WHERE study_id = ? ORDER BY id", (s,)).fetchall()
    assert [r[0] for r in rows] == ["include", "exclude", "retract", "maybe", "exclude", "include"]
    # the arbiter sees every change, the re-vote request among the events
    history = [v["vote"] for v in study_view(ws, "carol", s, TA)["votes"]]
    assert history == ["maybe", "include"]
    assert ws.db.execute("SELECT count(*) FROM events WHERE kind = 'revote'").fetchone()[0] == 1


def test_under_blind_mode_a_locked_change_is_a_request_to_the_arbiter(team):
    """Issue 21: a 409 would tell a blinded screener that the others' votes are in (and, beside
    'undecided', that they disagree). Under blind mode the change or retraction is recorded as a
    request (an event) and answered as a change before completion; the conflict stays; the
    arbiter sees the request and accepts it by asking that screener for a re-vote."""
    ws, studies, _ = team
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "maybe")
    cast_vote(ws, "alice", studies[1], TA, "maybe")
    changed_before = cast_vote(ws, "alice", studies[1], TA, "exclude")      # nobody else voted yet: a change
    cast_vote(ws, "bob", s, TA, "exclude")
    assert study_outcome(ws, s, TA).status == "conflict"
    votes_before = ws.db.execute("SELECT count(*) FROM votes").fetchone()[0]
    asked = cast_vote(ws, "alice", s, TA, "exclude")
    strip = lambda answer: {**answer, "study": None, "vote": {**answer["vote"], "at": None, "study_id": None},  # noqa: E731
                            "outcome": {**answer["outcome"], "study_id": None}}
    assert strip(asked) == strip(changed_before)                 # the same answer as a change before completion
    assert asked["vote"]["vote"] == "exclude" and asked["outcome"]["status"] == "undecided"
    assert cast_vote(ws, "alice", s, TA, "exclude")["recorded"] is False          # a retry, as before completion
    assert study_view(ws, "alice", s, TA)["votes"][0]["vote"] == "exclude"       # "your vote: exclude"
    assert [v["vote"]["vote"] for v in reviewer_votes(ws, "alice", TA) if v["study"] == s] == ["exclude"]
    assert ws.db.execute("SELECT count(*) FROM votes").fetchone()[0] == votes_before     # no vote written
    assert study_outcome(ws, s, TA).status == "conflict"                        # not erased
    assert study_view(ws, "bob", s, TA)["votes"][0]["vote"] == "exclude"         # bob sees only his own
    assert len(study_view(ws, "bob", s, TA)["votes"]) == 1
    conflict = [c for c in list_conflicts(ws, "carol") if c["study"] == s][0]
    assert [(r["reviewer"], r["vote"]) for r in conflict["change_requests"]] == [("alice", "exclude")]
    assert [v["vote"] for v in conflict["votes"]] == ["maybe", "exclude"]        # the true votes
    # a retraction is a request too: her own views show no vote
    gone = retract_vote(ws, "alice", s, TA)
    assert gone["recorded"] and gone["vote"] is None
    assert study_view(ws, "alice", s, TA)["votes"] == []
    with pytest.raises(ScreeningError, match="has no vote on study"):
        retract_vote(ws, "alice", s, TA)
    cast_vote(ws, "alice", s, TA, "exclude")
    # the arbiter accepts: the re-vote request makes her requested vote her vote
    request_revote(ws, "carol", s, TA, "alice")
    assert study_outcome(ws, s, TA).status == "exclude"
    assert list_conflicts(ws, "carol") == []
    assert ws.db.execute("SELECT count(*) FROM events WHERE kind = 'vote_request'").fetchone()[0] == 3


def test_a_revote_request_allows_one_change(team):
    ws, studies, _ = team
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "include")
    cast_vote(ws, "bob", s, TA, "exclude")
    request_revote(ws, "carol", s, TA, "alice")
    retract_vote(ws, "alice", s, TA)                  # the change she was asked for
    cast_vote(ws, "alice", s, TA, "exclude")          # her first vote after the retraction: agreement
    assert study_outcome(ws, s, TA).status == "exclude"
    with pytest.raises(ScreeningError, match="no vote on study"):
        request_revote(ws, "carol", studies[1], TA, "alice")


def test_same_vote_twice_writes_nothing(team):
    ws, studies, _ = team
    first = cast_vote(ws, "alice", studies[0], TA, "include", note="n")
    again = cast_vote(ws, "alice", studies[0], TA, "include", note="n")
    assert (first["recorded"], again["recorded"]) == (True, False)
    assert ws.db.execute("SELECT count(*) FROM votes").fetchone()[0] == 1


def test_retrying_a_vote_after_the_decision_is_answered_not_refused(team):
    ws, studies, _ = team
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "include")
    retry = cast_vote(ws, "alice", studies[0], TA, "include")   # e.g. the web app resending after a timeout
    assert (retry["recorded"], retry["outcome"]["status"]) == (False, "include")
    assert ws.db.execute("SELECT count(*) FROM votes").fetchone()[0] == 2


def test_no_study_reaches_full_text_without_an_include_outcome(team):
    ws, studies, _ = team
    a, b, c, d, e, f = studies
    cast_vote(ws, "alice", a, TA, "include")                      # pending
    cast_vote(ws, "alice", b, TA, "include"); cast_vote(ws, "bob", b, TA, "exclude")   # conflict
    cast_vote(ws, "alice", c, TA, "exclude"); cast_vote(ws, "bob", c, TA, "exclude")   # exclude
    cast_vote(ws, "alice", d, TA, "maybe"); cast_vote(ws, "bob", d, TA, "maybe")       # include
    cast_vote(ws, "alice", e, TA, "include"); cast_vote(ws, "bob", e, TA, "exclude")
    resolve(ws, "carol", e, TA, "exclude")                                              # arbiter exclude
    for study in (a, b, c, e, f):
        for who in ("alice", "bob"):
            with pytest.raises(ScreeningError, match="has not reached full text"):
                cast_vote(ws, who, study, FT, "include")
        with pytest.raises(ScreeningError, match="has not reached full text"):
            resolve(ws, "carol", study, FT, "include")
        assert study_outcome(ws, study, FT).status == "not_reached"
    outcomes = all_outcomes(ws)
    assert [s for s, o in outcomes[FT].items() if o.status != "not_reached"] == [d]
    cast_vote(ws, "alice", d, FT, "include")
    # the arbiter turning d's title/abstract outcome to exclude takes it out of full text again
    resolve(ws, "carol", d, TA, "exclude")
    assert study_outcome(ws, d, FT).status == "not_reached"
    with pytest.raises(ScreeningError, match="has not reached full text"):
        cast_vote(ws, "bob", d, FT, "include")
    flow = screening_flow(ws)
    assert (flow["records_screened"], flow["records_excluded"], flow["reports_sought"]) == (6, 3, 0)


def test_screening_flow_counts_prisma_boxes(team):
    ws, studies, _ = team
    from screener.workspace.fulltext import mark_not_retrieved
    a, b, c, d = studies[:4]
    for s in (a, b, c, d):
        _to_full_text(ws, s)
    cast_vote(ws, "alice", studies[4], TA, "exclude"); cast_vote(ws, "bob", studies[4], TA, "exclude")
    cast_vote(ws, "alice", a, FT, "include"); cast_vote(ws, "bob", a, FT, "include")
    cast_vote(ws, "alice", b, FT, "exclude", reason=R2); cast_vote(ws, "bob", b, FT, "exclude", reason=R2)
    cast_vote(ws, "alice", c, FT, "exclude", reason=R1); cast_vote(ws, "bob", c, FT, "exclude", reason=R1)
    mark_not_retrieved(ws, d)
    flow = screening_flow(ws)
    assert flow == {
        "records_screened": 6, "records_excluded": 1, "records_undecided": 1,
        "reports_sought": 4, "reports_not_retrieved": 1, "reports_assessed": 3,
        "reports_excluded": 2, "reports_excluded_by_reason": {R1: 1, R2: 1},
        "reports_undecided": 0, "studies_included": 1, "not_retrieved_studies": [d]}


def test_decision_counts_feed_status(team):
    ws, studies, _ = team
    cast_vote(ws, "alice", studies[0], TA, "include"); cast_vote(ws, "bob", studies[0], TA, "include")
    cast_vote(ws, "alice", studies[1], TA, "exclude"); cast_vote(ws, "bob", studies[1], TA, "include")
    cast_vote(ws, "alice", studies[2], TA, "exclude")
    assert ws.status()["decisions"] == {
        TA: {"include": 1, "exclude": 0, "conflict": 1},
        FT: {"include": 0, "exclude": 0, "conflict": 0}}


def test_overturning_a_title_abstract_include_warns_about_full_text_votes(team):
    """An arbiter may change a decided outcome; taking a study out of full text says what it leaves
    behind there (the votes stay on record)."""
    ws, studies, _ = team
    s, other = studies[0], studies[1]
    _to_full_text(ws, s)
    cast_vote(ws, "alice", s, FT, "include")
    view = resolve(ws, "carol", s, TA, "exclude", reason=R2)
    # the screeners agreed (include, maybe): the overturning is said first
    assert view["warning"] == (f"study {s} was not in conflict: the screeners agreed on include, which this decision "
                               f"overturns; study {s} leaves full text: its 1 full-text vote stays on record but no "
                               f"longer counts")
    assert study_outcome(ws, s, FT).status == "not_reached"
    _to_full_text(ws, other)                                   # no full-text vote yet: nothing to say of it
    assert "full text" not in resolve(ws, "carol", other, TA, "exclude", reason=R2)["warning"]


def test_revote_from_the_command_line(team, capsys):
    from screener.cli.main import run

    ws, studies, _ = team
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "include")
    cast_vote(ws, "bob", s, TA, "exclude")
    capsys.readouterr()
    # blind mode: bob's change is a request to the arbiter, answered as a change (issue 21)
    assert run(["vote", str(ws.path), str(s), "include", "--as", "bob", "--stage", TA]) == 0
    assert "bob include" in capsys.readouterr().out
    assert study_outcome(ws, s, TA).status == "conflict"
    assert run(["revote", str(ws.path), str(s), "bob", "--as", "carol", "--stage", TA]) == 0
    assert "bob may vote again" in capsys.readouterr().out
    assert study_outcome(ws, s, TA).status == "include"          # the re-vote accepted his request
    assert run(["vote", str(ws.path), str(s), "include", "--as", "bob", "--stage", TA]) == 0
