"""Blinding with more screeners than a study needs votes (issue 21): with three screeners and two
votes per study, a third screener could tell that a study was taken — it was never served to them,
or their vote was refused with "already has the 2 reviewers it needs" — and a taken study that
stays undecided is in conflict. Under blind mode each study is now assigned in advance to
``votes_needed`` of the screeners (screener.workspace.assignment); a screener is given, counted
and allowed to vote on their own studies only, whoever else voted.

The property, randomized: two workspaces alike in every decided study (the votes and resolutions
that decided it) but differing in the others' undecided votes (world 1: bob, dave and eve voted
on studies, directly and through the queue; world 2: only the votes that decided a study were
cast). alice runs the same random script in both; what she sees — the order `next` gives, the
studies left, statuses, vote answers, study pages, errors and their wording, progress — must be
identical until her first action on one of her studies that another screener voted on and left
undecided (from then on her own vote may decide it, and a decided study is everyone's to see).
"""

from __future__ import annotations

import random
import re

import pytest

from screener.errors import ScreenerError
from screener.workspace.assignment import assignment
from screener.workspace.queue import next_study, prepare_queue, release_study
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, progress, resolve, retract_vote, study_outcome, study_view

TA = "title_abstract"
N_STUDIES = 14
VOTES = ("include", "exclude", "maybe")


def _team(ws, others):
    for name, role in [("alice", "screener")] + [(n, "screener") for n in others] + [("carol", "arbiter")]:
        add_reviewer(ws, name, role)


def _world(path, others, script, make_studies):
    """World 1: the others' random script; returns (ws, studies, cast, resolved) with every vote
    and resolution that was accepted, in order."""
    from screener import Workspace

    ws = Workspace.init(path, title="Blinding with three or more screeners")
    _team(ws, others)
    studies = make_studies(ws, N_STUDIES)
    cast, resolved = [], []
    for who, action, index, vote in script:
        try:
            if action == "direct":
                cast_vote(ws, who, studies[index], TA, vote)
                cast.append((who, studies[index], vote))
            elif action == "next":
                got = next_study(ws, who, TA)
                if got is not None and vote:
                    cast_vote(ws, who, got["study"], TA, vote)
                    cast.append((who, got["study"], vote))
            elif action == "resolve":
                resolve(ws, "carol", studies[index], TA, vote if vote != "maybe" else "include")
                resolved.append((studies[index], vote if vote != "maybe" else "include"))
        except ScreenerError:
            pass            # not theirs, nothing to resolve: the same in both worlds is not needed here
    return ws, studies, cast, resolved


def _replay_decided(path, others, world1, cast, resolved, make_studies):
    """World 2: the same team and studies; only the votes and resolutions on studies world 1
    decided, in the same order."""
    from screener import Workspace

    ws = Workspace.init(path, title="Blinding with three or more screeners")
    _team(ws, others)
    studies = make_studies(ws, N_STUDIES)
    decided = {sid for sid in studies if study_outcome(world1, sid, TA).decided}
    events = [("vote", *c) for c in cast] + [("resolve", "carol", sid, d) for sid, d in resolved]
    # votes first, then resolutions, each in its own order: the outcome depends on nothing else
    for kind, who, sid, what in events:
        if sid not in decided:
            continue
        if kind == "vote":
            cast_vote(ws, who, sid, TA, what)
        else:
            resolve(ws, who, sid, TA, what)
    assert {sid for sid in studies if study_outcome(ws, sid, TA).decided} == decided
    return ws, studies, decided


def _seen(result):
    if isinstance(result, dict):
        return {k: _seen(v) for k, v in result.items() if k not in ("lease_expires", "at", "ranker_state")}
    if isinstance(result, list):
        return [_seen(v) for v in result]
    return result


def _shape(sql: str) -> str:
    """A statement without its values (the trace expands the parameters; times and ids differ
    between the worlds whatever anyone voted)."""
    return re.sub(r"\b\d+\b", "N", re.sub(r"'(?:[^']|'')*'", "S", sql))


def _run_alice(ws, studies, script, stop_at: set[int], statements: list | None = None):
    """What alice sees, step by step; with ``statements``, also the SQL each step ran (the work a
    step does, and so its time, must not depend on the others' undecided votes either)."""
    seen = []
    current = last_voted = None
    trace: list[str] = []
    ws.db.set_trace_callback(lambda sql: trace.append(_shape(sql)))
    for action, index, vote in script:
        target = {"vote": current, "retract": last_voted, "skip": current, "direct": studies[index]}.get(action)
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
            elif action == "view":
                seen.append(("view", _seen(study_view(ws, "alice", studies[index], TA))))
        except ScreenerError as error:
            seen.append(("error", type(error).__name__, str(error), getattr(error, "http_status", None)))
    if statements is not None:
        statements.append(list(trace))
    ws.db.set_trace_callback(None)
    return seen


@pytest.mark.parametrize("seed", range(10))
def test_a_third_screener_sees_nothing_of_the_others_undecided_votes(tmp_path, seed, make_studies):
    rng = random.Random(seed)
    others = ["bob", "dave"] + (["eve"] if seed % 2 else [])
    script = []
    for _ in range(rng.randint(10, 30)):
        who = rng.choice(others)
        kind = rng.choice(["direct", "direct", "next", "resolve"])
        script.append((who, kind, rng.randrange(N_STUDIES), rng.choice(VOTES + ((None,) if kind == "next" else ()))))
    alice = [(rng.choice(["next", "next", "vote", "vote", "retract", "direct", "direct", "skip", "progress", "view"]),
              rng.randrange(N_STUDIES), rng.choice(VOTES)) for _ in range(40)]
    ws1, studies, cast, resolved = _world(tmp_path / "with", others, script, make_studies)
    ws2, studies2, decided = _replay_decided(tmp_path / "without", others, ws1, cast, resolved, make_studies)
    try:
        assert studies == studies2
        plan = assignment(ws1, TA)
        assert plan.active
        voted_by_others = {sid for _, sid, _ in cast}
        undecided_theirs = voted_by_others - decided
        # her studies that someone else voted on and left undecided: her action there may decide them
        stop_at = {sid for sid in undecided_theirs if plan.assigned_to(plan_id(ws1, "alice"), sid, _book(ws1))}
        for ws in (ws1, ws2):      # as `serve` does before its first request: caches and ranker ready
            prepare_queue(ws)
            assert ws.created_at
        sql_with: list[list[str]] = []
        sql_without: list[list[str]] = []
        seen_with = _run_alice(ws1, studies, alice, stop_at, sql_with)
        seen_without = _run_alice(ws2, studies, alice, stop_at, sql_without)
        assert seen_with[:1] and seen_with == seen_without
        # the same statements, step by step: no code path taken because of another's vote
        for step, (a, b) in enumerate(zip(sql_with, sql_without)):
            assert a == b, (step, [line for line in __import__("difflib").unified_diff(a, b, lineterm="")])
        assert len(sql_with) == len(sql_without)
        # and the others' votes did reach studies that are not hers (else the test shows little)
        assert cast
    finally:
        ws1.close()
        ws2.close()


def plan_id(ws, name):
    return ws.db.execute("SELECT id FROM reviewers WHERE name = ?", (name,)).fetchone()[0]


def _book(ws):
    from screener.workspace.votebook import VoteBook

    return VoteBook(ws)


def test_each_study_goes_to_votes_needed_screeners_and_only_they_are_given_it(workspace, make_studies):
    for name in ("alice", "bob", "dave"):
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 30)
    plan, book = assignment(workspace, TA), _book(workspace)
    ids = {name: plan_id(workspace, name) for name in ("alice", "bob", "dave")}
    mine = {name: {sid for sid in studies if plan.assigned_to(rid, sid, book)} for name, rid in ids.items()}
    assert all(sum(sid in mine[n] for n in mine) == 2 for sid in studies)
    assert all(8 <= len(s) <= 32 for s in mine.values())          # 20 each on average
    for name in ids:
        given = []
        while (got := next_study(workspace, name, TA)) is not None:
            assert got["remaining"] == len(mine[name]) - len(given)
            given.append(got["study"])
            cast_vote(workspace, name, got["study"], TA, "include")
        assert set(given) == mine[name]
    assert all(study_outcome(workspace, sid, TA).status == "include" for sid in studies)


def test_a_vote_on_a_study_not_yours_is_refused_in_the_same_words_whoever_voted(workspace, make_studies):
    for name in ("alice", "bob", "dave"):
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 12)
    plan, book = assignment(workspace, TA), _book(workspace)
    alice = plan_id(workspace, "alice")
    theirs = [sid for sid in studies if not plan.assigned_to(alice, sid, book)]
    assert len(theirs) >= 2
    untouched, taken = theirs[0], theirs[1]
    for name in ("bob", "dave"):
        cast_vote(workspace, name, taken, TA, "include" if name == "bob" else "exclude")   # a conflict
    errors = []
    for sid in (untouched, taken):
        with pytest.raises(ScreenerError) as caught:
            cast_vote(workspace, "alice", sid, TA, "include")
        errors.append((caught.value.http_status, str(caught.value).replace(str(sid), "S")))
    assert errors[0] == errors[1] and "not one of the studies assigned to you" in errors[0][1]
    assert study_outcome(workspace, taken, TA, viewer="alice").status == "undecided"


def test_a_screener_added_later_takes_a_share_and_votes_already_cast_stay_with_their_voter(workspace, make_studies):
    for name in ("alice", "bob"):
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 20)
    for sid in studies[:6]:                                     # two screeners: everyone screens everything
        cast_vote(workspace, "alice", sid, TA, "include")
    add_reviewer(workspace, "dave")
    plan, book = assignment(workspace, TA), _book(workspace)
    assert plan.active
    alice = plan_id(workspace, "alice")
    assert all(plan.assigned_to(alice, sid, book) for sid in studies[:6])     # pinned by her votes
    daves = [sid for sid in studies[6:] if plan.assigned_to(plan_id(workspace, "dave"), sid, book)]
    assert daves                                                # dave has a share of the rest
    bobs = plan.assigned_to(plan_id(workspace, "bob"), studies[0], book)
    if bobs:
        cast_vote(workspace, "bob", studies[0], TA, "include")
        assert study_outcome(workspace, studies[0], TA).status == "include"
    else:                                                       # dave's now: bob is refused, dave may vote
        with pytest.raises(ScreenerError, match="not one of the studies assigned to you"):
            cast_vote(workspace, "bob", studies[0], TA, "include")
        cast_vote(workspace, "dave", studies[0], TA, "include")
        assert study_outcome(workspace, studies[0], TA).status == "include"


def test_two_screeners_screen_every_study_as_before(workspace, make_studies):
    for name in ("alice", "bob"):
        add_reviewer(workspace, name)
    make_studies(workspace, 3)
    assert not assignment(workspace, TA).active
    assert next_study(workspace, "alice", TA)["remaining"] == 3


def test_without_blind_mode_first_come_as_before(workspace, make_studies):
    workspace.settings.blind = False
    for name in ("alice", "bob", "dave"):
        add_reviewer(workspace, name)
    make_studies(workspace, 3)
    assert not assignment(workspace, TA).active


def test_a_revoked_screeners_studies_pass_to_the_others_but_their_votes_keep_theirs(workspace, make_studies):
    """A screener who leaves (the owner revokes their sign-in) would otherwise leave a third of the
    studies waiting for ever."""
    from screener.workspace.team import revoke_reviewer

    for name in ("alice", "bob", "dave", "eve"):
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 24)
    dave = plan_id(workspace, "dave")
    before = assignment(workspace, TA)
    daves = [sid for sid in studies if before.assigned_to(dave, sid, _book(workspace))]
    assert len(daves) >= 2
    voted = daves[0]
    cast_vote(workspace, "dave", voted, TA, "include")
    revoke_reviewer(workspace, "dave")
    plan, book = assignment(workspace, TA), _book(workspace)
    assert plan.active and dave not in plan.screeners
    assert plan.assigned_to(dave, voted, book)                       # his vote keeps that one his
    assert not any(plan.assigned_to(dave, sid, book) for sid in daves[1:])
    for sid in studies:                                              # and every study has its two
        assert len(plan.of(sid, book.voters_on(sid, TA))) == 2
    with pytest.raises(ScreenerError, match="not one of the studies assigned to you"):
        cast_vote(workspace, "dave", daves[1], TA, "include")        # at the command line, as the owner


@pytest.mark.parametrize("seed", range(3))
def test_remaining_equals_a_count_study_by_study_through_roster_changes(workspace, make_studies, seed):
    """`remaining` is counted with set operations (its work must not walk the others' votes); it
    must equal the plain count — the studies assigned to me, not closed, not voted on by me —
    also when a screener joins or is revoked after votes were cast (pinned studies)."""
    from screener.workspace.outcomes import DECISIONS
    from screener.workspace.team import revoke_reviewer

    rng = random.Random(seed)
    names = ["alice", "bob", "dave"]
    for name in names:
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 30)

    def check():
        plan, book = assignment(workspace, TA), _book(workspace)
        for name in names:
            rid = plan_id(workspace, name)
            expected = 0
            for sid in studies:
                true = book.unmasked_outcome(sid, TA)
                closed = true.status in DECISIONS or (true.votes or 0) >= true.votes_needed or book.resolutions(sid, TA)
                if plan.assigned_to(rid, sid, book) and not closed and rid not in book.unmasked_votes(sid, TA):
                    expected += 1
            row = progress(workspace, name)["stages"][TA]["reviewers"][0]
            assert row["remaining"] == expected, (name, row, expected)

    for step in range(60):
        name, sid = rng.choice(names), rng.choice(studies)
        try:
            if rng.random() < 0.8:
                cast_vote(workspace, name, sid, TA, rng.choice(VOTES))
            else:
                retract_vote(workspace, name, sid, TA)
        except ScreenerError:
            pass
        if step == 20:
            add_reviewer(workspace, "eve")
            names.append("eve")
        if step == 40:
            revoke_reviewer(workspace, "bob")
        if step % 5 == 0:
            check()
    check()


def test_a_study_pinned_by_a_retracted_vote_is_still_left_for_its_voter(workspace, make_studies):
    add_reviewer(workspace, "alice"); add_reviewer(workspace, "bob")
    studies = make_studies(workspace, 12)
    for sid in studies:
        cast_vote(workspace, "alice", sid, TA, "include")
    add_reviewer(workspace, "dave")                 # outranks alice on about a third of them
    plan, alice = assignment(workspace, TA), plan_id(workspace, "alice")
    outside = [sid for sid in studies if alice not in plan.base(sid)]
    assert outside
    for sid in outside:
        retract_vote(workspace, "alice", sid, TA)   # still hers (her vote row pins it)
    book = _book(workspace)
    assert all(plan.assigned_to(alice, sid, book) for sid in outside)
    assert progress(workspace, "alice")["stages"][TA]["reviewers"][0]["remaining"] == len(outside)
    assert next_study(workspace, "alice", TA)["study"] in outside


class _NoWalking(dict):
    """A dict of every study anyone voted on that may be looked up but not walked."""

    def __iter__(self):
        raise AssertionError("a blinded screener's request walked every study anyone voted on")

    def keys(self):
        raise AssertionError("walked")

    def items(self):
        raise AssertionError("walked")

    def values(self):
        raise AssertionError("walked")


def test_a_blinded_screeners_progress_and_next_do_not_walk_the_others_votes(workspace, make_studies):
    """Timing (issue 21): the work of alice's progress and `next` must not grow with the others'
    votes. Her progress walked every study anyone had voted on (median 10.3 ms with the others'
    votes against 2.4 ms without, at 2,000 studies: benchmarks/blinding_timing.py)."""
    from screener.workspace.queue_state import kept_state

    for name in ("alice", "bob", "dave"):
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 30)
    for sid in studies:
        for name in ("bob", "dave"):
            try:
                cast_vote(workspace, name, sid, TA, "include" if name == "bob" else "exclude")
            except ScreenerError:
                pass
    with kept_state(workspace) as state:
        for queue in state.stages.values():
            queue.active = _NoWalking(queue.active)
            queue.status = _NoWalking(queue.status)
    progress(workspace, "alice")
    item = next_study(workspace, "alice", TA)
    cast_vote(workspace, "alice", item["study"], TA, "include")
    progress(workspace, "alice")


def test_the_roster_is_read_by_index_not_by_scanning_every_event(workspace):
    """Reading the roster (revocations are events) scanned the audit log — every vote event of
    every reviewer — on each vote, next and progress: time that grew with the others' votes."""
    plan = workspace.db.execute(
        "EXPLAIN QUERY PLAN SELECT kind, subject FROM events WHERE kind IN ('token_mint', 'reviewer_revoke') "
        "ORDER BY id").fetchall()
    detail = " ".join(str(row[-1]) for row in plan)
    assert "events_by_kind" in detail and "SCAN events" not in detail.replace("USING INDEX", "")


def test_a_change_request_under_assignment_reads_as_a_change_before_the_others_vote(tmp_path, make_studies):
    """Three screeners, two votes a study: alice votes on her studies; in world 1 her co-screener
    on the first votes against her (a conflict). Her retraction there (a request to the arbiter),
    her progress, `next` and a new vote read the same as in world 2, where nobody else voted."""
    from screener import Workspace

    seen = []
    for world in (1, 2):
        ws = Workspace.init(tmp_path / f"w{world}", title="Change requests under assignment")
        _team(ws, ["bob", "dave"])
        studies = make_studies(ws, N_STUDIES)
        prepare_queue(ws)
        plan, book = assignment(ws, TA), _book(ws)
        alice = plan_id(ws, "alice")
        mine = [sid for sid in studies if plan.assigned_to(alice, sid, book)][:3]
        other = [n for n in ("bob", "dave") if plan.assigned_to(plan_id(ws, n), mine[0], book)][0]
        steps = [_seen(cast_vote(ws, "alice", sid, TA, "include")) for sid in mine]
        if world == 1:
            cast_vote(ws, other, mine[0], TA, "exclude")
            assert study_outcome(ws, mine[0], TA).status == "conflict"
        steps.append(_seen(retract_vote(ws, "alice", mine[0], TA)))
        steps.append(_seen(progress(ws, "alice")))
        served = [next_study(ws, "alice", TA) for _ in range(2)]
        steps.extend(_seen(s) for s in served)
        steps.append(_seen(cast_vote(ws, "alice", mine[0], TA, "maybe")))
        steps.append(_seen(progress(ws, "alice")))
        steps.append(_seen(study_view(ws, "alice", mine[0], TA)))
        if world == 1:
            assert study_outcome(ws, mine[0], TA).status == "conflict"       # not erased
        seen.append(steps)
        ws.close()
    assert seen[0] == seen[1]
