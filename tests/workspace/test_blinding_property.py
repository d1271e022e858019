"""Blinding as a property (issue 21): for a blinded screener, nothing observable — the order
`next` gives, the studies left, statuses, vote answers (ids included), errors and their wording,
progress — depends on another screener's undecided vote.

Randomized: two workspaces alike in everything but bob's votes (world 1: bob has voted on some
studies, directly or through the queue, and may hold a lease; world 2: bob has done nothing).
alice then runs the same random script in both; what she sees must be identical, up to the first
action of hers on a study bob voted on (from then on that study may be decided, and a decided
study's votes are everyone's to see).
"""

from __future__ import annotations

import random

import pytest

from screener.errors import ScreenerError
from screener.workspace.queue import next_study, prepare_queue, release_study
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, progress, retract_vote

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


def _run_alice(ws, studies, script, stop_at: set[int], statements: list | None = None):
    """What alice sees, step by step, until she acts on a study in ``stop_at``; with
    ``statements``, the SQL each step ran too (the shape: values left out)."""
    from test_blinding_assignment import _shape

    seen = []
    current = last_voted = None
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
        try:
            if action == "next":
                got = next_study(ws, "alice", TA)
                current = got and got["study"]
                seen.append(("next", _seen(got)))
            elif action == "vote" and current is not None:
                seen.append(("vote", _seen(cast_vote(ws, "alice", current, TA, vote))))
                last_voted, current = current, None
            elif action == "retract" and last_voted is not None:
                seen.append(("retract", _seen(retract_vote(ws, "alice", last_voted, TA))))
            elif action == "direct":
                seen.append(("direct", _seen(cast_vote(ws, "alice", target, TA, vote))))
                last_voted = target
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
