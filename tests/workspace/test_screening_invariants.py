"""Random sequences of votes, changes, retractions and resolutions (valid and not) keep the rules:
a decided outcome changes only by an arbiter, no study is at full text without an include, a refused
request writes nothing, and a blinded screener never sees another's vote on an undecided study."""

from __future__ import annotations

import random

import pytest

from screener.errors import ScreenerError
from screener.workspace.screening import VoteBook, cast_vote, resolve, stage_outcomes

TA, FT = "title_abstract", "full_text"
REASONS = ["not qualitative or limited qualitative data", "out of scope", "methodological report", "", "bogus"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_sessions_keep_the_rules(team, counts, seed):
    ws, studies, _ = team
    rng = random.Random(seed)
    screeners = ["alice", "bob", "olivia"]
    from screener.workspace.reviewers import get_reviewer
    people = {name: get_reviewer(ws, name) for name in screeners + ["carol"]}
    decided_before: dict[tuple[int, str], str] = {}
    accepted = refused = 0
    for step in range(250):
        study = rng.choice(studies)
        stage = rng.choice([TA, TA, FT])
        before = counts(ws)
        outcome_before = stage_outcomes(ws, stage)[study]
        try:
            if rng.random() < 0.15:
                decision = rng.choice(["include", "exclude"])
                resolve(ws, rng.choice(["carol", "alice"]), study, stage, decision,
                        reason=rng.choice(REASONS) if decision == "exclude" else "")
                by_arbiter = True
            else:
                vote = rng.choice(["include", "exclude", "maybe", "retract"])
                cast_vote(ws, rng.choice(screeners), study, stage, vote,
                          reason=rng.choice(REASONS) if vote == "exclude" else "")
                by_arbiter = False
            accepted += 1
        except ScreenerError:
            refused += 1
            assert counts(ws) == before, f"step {step}: a refused request wrote something"
            continue
        after = {st: stage_outcomes(ws, st) for st in (TA, FT)}
        # a decision changes only through the arbiter
        if outcome_before.decided and not by_arbiter:
            assert after[stage][study].status == outcome_before.status, f"step {step}"
        for sid in studies:
            if after[FT][sid].status not in ("not_reached",):
                assert after[TA][sid].status == "include"
            for st in (TA, FT):
                if after[st][sid].decided:
                    decided_before[(sid, st)] = after[st][sid].status
        # blinding, for each screener, on every study
        for name in ("alice", "bob"):
            book = VoteBook(ws, people[name])
            for sid in studies:
                for st in (TA, FT):
                    true = after[st][sid]
                    seen = book.votes(sid, st, history=True)
                    if not true.decided:
                        assert all(e.reviewer == name for e in seen)
                        assert book.outcome(sid, st).status in ("undecided", "not_reached", "not_retrieved")
    assert accepted > 40 and refused > 40          # the session exercised both paths
    assert any(st == FT for _, st in decided_before)   # and reached full text decisions
