"""Blinding as a property (issue 21): for a blinded screener, nothing observable — the order
`next` gives, the studies left, statuses, vote answers (ids included), errors and their wording,
progress — depends on another screener's undecided vote.

Randomized: two workspaces alike in everything but bob's votes (world 1: bob has voted on some
studies, directly or through the queue, and may hold a lease; world 2: bob has done nothing).
alice then runs the same random script in both; what she sees must be identical, up to the first
action of hers on a study bob voted on (from then on that study may be decided, and a decided
study's votes are everyone's to see).

Bob may also vote after alice ("late", world 1 only): on the study alice last voted on, against
her vote, so that it is in conflict and stays undecided. Her later changes and retractions there
(locked votes: change requests to the arbiter) are among the steps compared; the SQL is compared
up to her first action on such a study (a request writes an event where a change writes a vote).
"""

from __future__ import annotations

import random

import pytest

from screener.errors import ScreenerError
from screener.workspace.queue import next_study, prepare_queue, release_study
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import (
    cast_vote,
    list_conflicts,
    progress,
    request_revote,
    retract_vote,
    reviewer_votes,
    study_outcome,
    study_view,
)

TA = "title_abstract"
N_STUDIES = 12


def _world(path, bob_script, add_studies):
    from screener import Workspace

    ws = Workspace.init(path, title="Blinding property")
    for name, role in (("alice", "screener"), ("bob", "screener"), ("carol", "arbiter")):
        add_reviewer(ws, name, role)
    studies = add_studies(ws, N_STUDIES)
    bob_voted = set()
    for action, index, vote in bob_script:
        if action == "direct":
            cast_vote(ws, "bob", studies[index], TA, vote)
            bob_voted.add(studies[index])
        elif action == "next":
            got = next_study(ws, "bob", TA)
            if got is not None and vote:
                cast_vote(ws, "bob", got["study"], TA, vote, reason="")
                bob_voted.add(got["study"])
    return ws, studies, bob_voted


def _seen(result):
    if isinstance(result, dict):
        return {k: _seen(v) for k, v in result.items() if k not in ("lease_expires", "at")}   # clock times
    if isinstance(result, list):
        return [_seen(v) for v in result]
    return result


def _run_alice(ws, studies, script, stop_at: set[int], statements: list | None = None, *, bob_late: bool = False):
    """What alice sees, step by step, until she acts on a study in ``stop_at``; with
    ``statements``, the SQL each step ran too (the shape: values left out) until she acts on a
    study bob voted on late. ``bob_late``: bob casts the "late" votes (world 1)."""
    from test_blinding_assignment import _shape

    seen = []
    current = last_voted = None
    mine: dict[int, str | None] = {}      # alice's vote per study, as her answers show it
    late: set[int] = set()
    trace: list[str] = []
    ws.db.set_trace_callback(lambda sql: trace.append(_shape(sql)))
    for action, index, vote in script:
        target = {"vote": current, "retract": last_voted, "skip": current,
                  "direct": studies[index]}.get(action)
        if target is not None and target in stop_at and action != "skip":
            break
        if statements is not None and trace:
            statements.append(list(trace))
        trace.clear()
        if target is not None and target in late and action != "skip":
            statements = None          # a request's writes differ from a change's (see the docstring)
        try:
            if action == "late":
                if last_voted is not None and mine.get(last_voted) and last_voted not in late:
                    late.add(last_voted)
                    if bob_late:
                        ws.db.set_trace_callback(None)
                        against = "exclude" if mine[last_voted] in ("include", "maybe") else "include"
                        cast_vote(ws, "bob", last_voted, TA, against)
                        ws.db.set_trace_callback(lambda sql: trace.append(_shape(sql)))
                continue
            if action == "next":
                got = next_study(ws, "alice", TA)
                current = got and got["study"]
                seen.append(("next", _seen(got)))
            elif action == "vote" and current is not None:
                answer = cast_vote(ws, "alice", current, TA, vote)
                seen.append(("vote", _seen(answer)))
                mine[current] = answer["vote"] and answer["vote"]["vote"]
                last_voted, current = current, None
            elif action == "retract" and last_voted is not None:
                answer = retract_vote(ws, "alice", last_voted, TA)
                seen.append(("retract", _seen(answer)))
                mine[last_voted] = answer["vote"] and answer["vote"]["vote"]
            elif action == "direct":
                answer = cast_vote(ws, "alice", target, TA, vote)
                seen.append(("direct", _seen(answer)))
                mine[target] = answer["vote"] and answer["vote"]["vote"]
                last_voted = target
            elif action == "study" and last_voted is not None:
                seen.append(("study", _seen(study_view(ws, "alice", last_voted, TA))))
            elif action == "mine":
                seen.append(("mine", _seen(reviewer_votes(ws, "alice", TA))))
            elif action == "skip" and current is not None:
                release_study(ws, "alice", current, TA)
                seen.append(("skip", current))
                current = None
            elif action == "progress":
                seen.append(("progress", _seen(progress(ws, "alice"))))
        except ScreenerError as error:
            seen.append(("error", type(error).__name__, str(error), getattr(error, "http_status", None)))
    if statements is not None:
        statements.append(list(trace))
    ws.db.set_trace_callback(None)
    return seen


@pytest.mark.parametrize("seed", range(8))
def test_what_a_blinded_screener_sees_does_not_depend_on_anothers_votes(tmp_path, seed, make_studies):
    rng = random.Random(seed)
    votes = ("include", "exclude", "maybe")
    bob = [("direct", i, rng.choice(votes)) for i in rng.sample(range(N_STUDIES), rng.randint(1, 4))]
    bob += [("next", 0, rng.choice(votes + (None,))) for _ in range(rng.randint(0, 2))]
    alice = [(rng.choice(["next", "next", "vote", "vote", "retract", "direct", "skip", "progress"]),
              rng.randrange(N_STUDIES), rng.choice(votes)) for _ in range(30)]
    ws1, studies1, bob_voted = _world(tmp_path / "with-bob", bob, make_studies)
    ws2, studies2, _ = _world(tmp_path / "without-bob", [], make_studies)
    try:
        assert studies1 == studies2
        for ws in (ws1, ws2):      # as `serve` does before its first request
            prepare_queue(ws)
            assert ws.created_at
        sql_with: list[list[str]] = []
        sql_without: list[list[str]] = []
        seen_with = _run_alice(ws1, studies1, alice, bob_voted, sql_with)
        seen_without = _run_alice(ws2, studies2, alice, bob_voted, sql_without)
        assert seen_with[:1] and seen_with == seen_without
        assert sql_with == sql_without          # the same statements, step by step (timing: same work)
    finally:
        ws1.close()
        ws2.close()


@pytest.mark.parametrize("seed", range(8))
def test_a_change_after_the_others_vote_is_answered_as_one_before_it(tmp_path, seed, make_studies):
    """Bob votes against alice after her (the study is in conflict, so still undecided): her
    changes and retractions there, her study page, her votes and her progress read the same as
    when bob never voted — no 409 saying the votes are in."""
    rng = random.Random(1000 + seed)
    votes = ("include", "exclude", "maybe")
    steps = ["next", "vote", "late", "retract", "direct", "study", "mine", "progress", "skip"]
    alice = [(rng.choice(steps), rng.randrange(N_STUDIES), rng.choice(votes)) for _ in range(40)]
    alice.insert(0, ("direct", 0, "include"))
    alice[1:1] = [("late", 0, "include"), ("direct", 0, "exclude"), ("study", 0, "include"), ("mine", 0, "include"),
                  ("retract", 0, "include"), ("progress", 0, "include"), ("direct", 0, "exclude")]
    ws1, studies1, _ = _world(tmp_path / "with-bob", [], make_studies)
    ws2, studies2, _ = _world(tmp_path / "without-bob", [], make_studies)
    try:
        for ws in (ws1, ws2):
            prepare_queue(ws)
        sql_with: list[list[str]] = []
        sql_without: list[list[str]] = []
        seen_with = _run_alice(ws1, studies1, alice, set(), sql_with, bob_late=True)
        seen_without = _run_alice(ws2, studies2, alice, set(), sql_without)
        assert len(seen_with) > 8 and seen_with == seen_without
        assert sql_with == sql_without
        # the conflict was not erased: bob's late vote stands against alice's first vote
        s = studies1[0]
        assert study_outcome(ws1, s, TA).status == "conflict"
        shown = study_view(ws1, "alice", s, TA)["votes"]          # her latest request, as she sees it
        asked = shown[0]["vote"] if shown else "retract"
        requests = [c for c in list_conflicts(ws1, "carol") if c["study"] == s][0]["change_requests"]
        assert [(r["reviewer"], r["vote"]) for r in requests] == [("alice", asked)]
        assert study_view(ws1, "bob", s, TA)["outcome"]["status"] == "undecided"
        # the arbiter accepts it by asking alice for a re-vote: her requested vote becomes her vote
        request_revote(ws1, "carol", s, TA, "alice")
        after = study_outcome(ws1, s, TA).status
        assert after == {"retract": "pending", "exclude": "exclude"}.get(asked, "conflict")
        assert _seen(study_view(ws1, "alice", s, TA)["votes"]) == _seen(shown) or after == "exclude"
    finally:
        ws1.close()
        ws2.close()
