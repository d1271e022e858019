"""The queue's long-lived state (screener.workspace.queue_state) against a from-scratch reading.

The state is kept current by reading only new event rows. After every step of a long random
session — votes, changed votes, retractions, skips, leases, arbiter resolutions, full texts marked
not retrieved, dedupe merges — what it says must equal what a fresh read of the whole workspace
says: outcomes, the ranker's labels, the study each screener is given and how many remain. The
reference choice below is the queue's rule written the straightforward way (walk the whole
ranked pool), as it was before the state existed.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

import screener.rank.live as live
from screener.errors import ScreenerError
from screener.workspace import labels as ws_labels
from screener.workspace import leases as leases_mod
from screener.workspace import ranking
from screener.workspace.assignment import applies_to, assignment
from screener.workspace.db import utcnow
from screener.workspace.fulltext import mark_not_retrieved
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.queue import _choose, next_study, release_study
from screener.workspace.queue_state import QueueState, queue_state
from screener.workspace.reviewers import add_reviewer, as_reviewer, list_reviewers
from screener.workspace.screening import (
    FULL_TEXT,
    STAGES,
    VOTING_ROLES,
    VoteBook,
    cast_vote,
    conflict_counts,
    current_studies,
    list_conflicts,
    merged_into,
    progress,
    resolve,
    screening_flow,
)

TA, FT = "title_abstract", "full_text"
SCREENERS = ("alice", "bob", "dan")


def _scrambled(ws, stage, ids, **options):
    """A fixed order that is not file order, the same for every caller."""
    return live.RankedOrder(sorted(ids, key=lambda s: ((s * 7919) % 101, s)), {"ranker": "test"})


def reference_choice(ws, who, stage, order):
    """(study, remaining) by walking every study of the ranked pool, reading everything afresh."""
    book = VoteBook(ws, stages=(stage,))
    studies = current_studies(ws)
    needed = ws.settings.stages[stage].votes_needed
    leases = leases_mod.newest_leases(ws, stage)
    holders = leases_mod.live_holders(ws, book, stage, leases=leases)
    now = utcnow()
    held = [row for row in leases
            if row["reviewer_id"] == who.id and row["kind"] == "lease" and row["expires_at"] > now
            and row["study_id"] in studies
            and (book.last_vote_at(row["study_id"], stage, who.id) or "") < row["at"]
            and who.id not in book.unmasked_votes(row["study_id"], stage)
            and book.at_stage(row["study_id"], stage) and not book.unmasked_outcome(row["study_id"], stage).decided]
    skipped = {row["study_id"] for row in leases if row["reviewer_id"] == who.id and row["kind"] == "release"}
    with_votes, without, later = [], [], []
    for sid in order:
        if sid not in studies or not book.at_stage(sid, stage) or book.resolutions(sid, stage):
            continue
        held_by = holders.get(sid, set())
        others = len(held_by - {who.id})
        active = book.unmasked_votes(sid, stage)
        if who.id in active or len(active) + others >= needed:
            continue
        if sid in skipped:
            later.append(sid)
        elif active:
            with_votes.append((min(e.id for e in active.values()), sid))
        else:
            without.append(sid)
    candidates = [sid for _, sid in sorted(with_votes)] + without + later
    if held:
        chosen = max(held, key=lambda row: row["id"])["study_id"]
        if chosen not in candidates:
            candidates.insert(0, chosen)
        return chosen, len(candidates)
    return (candidates[0], len(candidates)) if candidates else (None, 0)


def reference_progress(ws, viewer=None):
    """progress() as it was: every study's outcome, one by one."""
    who = None if viewer is None else as_reviewer(ws, viewer)
    book = VoteBook(ws, who)
    studies = sorted(current_studies(ws))
    full = book.sees_everything
    if full:
        voters = book.voter_ids()
        people = [r for r in list_reviewers(ws) if r.role in VOTING_ROLES or r.id in voters]
    else:
        people = [who]
    result: dict[str, Any] = {"viewer": who.name if who else None, "stages": {}}
    for stage in STAGES:
        outcomes = {sid: book.outcome(sid, stage) for sid in studies}
        at_stage = [sid for sid in studies if outcomes[sid].status not in ("not_reached", "not_retrieved")]
        counts = Counter(outcomes[sid].status for sid in at_stage)
        rows = []
        for person in people:
            voted = [sid for sid in at_stage if book.vote_of(sid, stage, person.id) is not None]
            voted_set = set(voted)
            open_ = [sid for sid in at_stage if not outcomes[sid].decided and sid not in voted_set and
                     (outcomes[sid].votes is None or outcomes[sid].votes < outcomes[sid].votes_needed)]
            plan = assignment(ws, stage)
            if applies_to(plan, person.id):
                # more blinded screeners than a study needs: their own studies only
                true = {sid: book.unmasked_outcome(sid, stage) for sid in at_stage}
                open_ = [sid for sid in at_stage if plan.assigned_to(person.id, sid, book) and sid not in voted_set
                         and not true[sid].decided and (true[sid].votes or 0) < true[sid].votes_needed]
            row = {"name": person.name, "role": person.role, "voted": len(voted), "remaining": len(open_),
                   "awaiting_decision": sum(1 for sid in voted if not outcomes[sid].decided)}
            # an owner whose vote would take a blinded screener's place is given nothing to screen
            row["screens"] = person.role in VOTING_ROLES if not full else \
                owner_displaces_screener(ws, person, stage) is None
            if not row["screens"] and full:
                row["remaining"] = 0
            if full:
                row["conflicts"] = sum(1 for sid in voted if outcomes[sid].status == "conflict")
            rows.append(row)
        entry = {"studies": len(at_stage), "votes_needed": ws.settings.stages[stage].votes_needed}
        for status in (("include", "exclude", "conflict", "pending", "unscreened") if full
                       else ("include", "exclude", "undecided")):
            entry[status] = counts.get(status, 0)
        if stage == FULL_TEXT:
            entry["not_retrieved"] = sum(1 for o in outcomes.values() if o.status == "not_retrieved")
        entry["reviewers"] = rows
        result["stages"][stage] = entry
    if full:
        # Votes on studies dedupe merged away stay on record (and in agreement statistics); the
        # owner sees where those studies went, to check the surviving study's outcome.
        gone = sorted(book.voted_studies() - set(studies))
        result["merged_away_with_votes"] = [{"study": sid, "merged_into": merged_into(ws, sid)} for sid in gone]
    return result


def reference_conflicts(ws, viewer):
    """list_conflicts() as it was: every study's outcome, one by one."""
    from screener.workspace.screening import _conflict_view

    book = VoteBook(ws, as_reviewer(ws, viewer))
    found = []
    for stage in STAGES:
        for sid in sorted(current_studies(ws)):
            if book.outcome(sid, stage).status == "conflict":
                view = _conflict_view(ws, book, sid, stage)
                view["conflict"] = view["outcome"]["conflict"]
                found.append(view)
    return found


def reference_flow(ws):
    """screening_flow()'s counts as they were: every study's outcome, one by one."""
    book = VoteBook(ws)
    studies = sorted(current_studies(ws))
    ta = {sid: book.unmasked_outcome(sid, TA) for sid in studies}
    ft = {sid: book.unmasked_outcome(sid, FT) for sid in studies}
    sought = [sid for sid in studies if ta[sid].status == "include"]
    return {"records_screened": len(studies),
            "records_excluded": sum(1 for o in ta.values() if o.status == "exclude"),
            "records_undecided": sum(1 for o in ta.values() if not o.decided),
            "reports_sought": len(sought),
            "not_retrieved_studies": [sid for sid in sought if ft[sid].status == "not_retrieved"],
            "studies_included": sum(1 for sid in sought if ft[sid].status == "include"),
            "reports_undecided": sum(1 for sid in sought if ft[sid].status in ("unscreened", "pending", "conflict"))}


def _merge(ws, rng):
    """Move one source record of a study into another (what a dedupe merge writes)."""
    studies = sorted(current_studies(ws))
    if len(studies) < 3:
        return
    keep, gone = rng.sample(studies, 2)
    with ws.transaction() as conn:
        for (record_id,) in conn.execute("SELECT source_record_id FROM current_links WHERE study_id = ?",
                                         (gone,)).fetchall():
            conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES (?, ?, ?, 'merge')",
                         (utcnow(), record_id, keep))


def _check(ws, stage_orders):
    state = queue_state(ws)
    with state.lock:
        state.refresh(ws)
        fresh_book = VoteBook(ws)
        for sid in current_studies(ws):
            for stage in STAGES:
                assert state.book.unmasked_outcome(sid, stage) == fresh_book.unmasked_outcome(sid, stage), (sid, stage)
        for stage in STAGES:
            kept, scratch = state.labels[stage].snapshot(), ws_labels.stage_labels(ws, stage)
            assert kept.labels == scratch.labels, stage
            assert kept.outcomes == scratch.outcomes and kept.one_vote == scratch.one_vote, stage
            assert kept.screened_order == scratch.screened_order, stage
            assert kept.changed_since(scratch) == 0 and scratch.changed_since(kept) == 0
    for viewer in (None, "alice", "carol"):
        assert progress(ws, viewer) == reference_progress(ws, viewer), viewer
    assert list_conflicts(ws, "carol") == reference_conflicts(ws, "carol")
    assert conflict_counts(ws) == {stage: sum(1 for c in reference_conflicts(ws, "carol") if c["stage"] == stage)
                                   for stage in STAGES}
    flow = screening_flow(ws)
    assert {key: flow[key] for key in reference_flow(ws)} == reference_flow(ws)
    with state.lock:
        fresh = QueueState(ws)
        fresh.refresh(ws)
        for stage in STAGES:
            pool, _ = state.pool(stage)
            assert pool == fresh.pool(stage)[0]
            ranked = _scrambled(ws, stage, pool)
            for name in SCREENERS:
                who = as_reviewer(ws, name)
                kept_pick, fresh_pick = _choose(state, who, stage, ranked), _choose(fresh, who, stage, ranked)
                assert kept_pick == fresh_pick, (name, stage)
                expected = reference_choice(ws, who, stage, ranked.order)
                got = (kept_pick[0], kept_pick[1]) if kept_pick else (None, 0)
                assert got == expected, (name, stage)


def test_kept_state_equals_a_fresh_reading_through_a_random_session(workspace, make_studies, monkeypatch):
    monkeypatch.setattr(ranking, "rank_studies", _scrambled)
    for name in SCREENERS:
        add_reviewer(workspace, name)
    add_reviewer(workspace, "carol", "arbiter")
    make_studies(workspace, 24)
    reason = workspace.settings.exclusion_reasons[0]
    rng = random.Random(5)
    checked, statuses = 0, set()
    for step in range(260):
        name, stage = rng.choice(SCREENERS), rng.choice(STAGES)
        action = rng.random()
        try:
            if action < 0.55:
                item = next_study(workspace, name, stage)
                if item is not None and rng.random() < 0.85:
                    vote = rng.choice(("include", "include", "exclude", "maybe"))
                    cast_vote(workspace, name, item["study"], stage, vote,
                              reason=reason if vote == "exclude" and stage == FULL_TEXT else "")
            elif action < 0.62:
                item = next_study(workspace, name, stage)
                if item is not None:
                    release_study(workspace, name, item["study"], stage)
            elif action < 0.72:
                sid = rng.choice(sorted(current_studies(workspace)))
                cast_vote(workspace, name, sid, stage, "retract")
            elif action < 0.82:
                sid = rng.choice(sorted(current_studies(workspace)))
                decision = rng.choice(("include", "exclude"))
                resolve(workspace, "carol", sid, stage, decision, reason=reason if decision == "exclude" else "")
            elif action < 0.86:
                book = VoteBook(workspace)
                reached = [sid for sid in sorted(current_studies(workspace))
                           if book.unmasked_outcome(sid, TA).status == "include"]
                if reached:
                    mark_not_retrieved(workspace, rng.choice(reached))
            elif action < 0.89:
                _merge(workspace, rng)
            else:
                sid = rng.choice(sorted(current_studies(workspace)))
                cast_vote(workspace, name, sid, stage, rng.choice(("include", "exclude")),
                          reason=reason if stage == FULL_TEXT else "")
        except ScreenerError:
            pass          # refused steps (decided, not reached, nothing to retract…) write nothing
        if step % 4 == 0:
            _check(workspace, None)
            checked += 1
            book = VoteBook(workspace)
            statuses |= {book.unmasked_outcome(sid, stage).status for sid in current_studies(workspace) for stage in STAGES}
    _check(workspace, None)
    # the session went through every kind of state the queue distinguishes
    assert {"include", "exclude", "pending", "unscreened", "not_reached", "conflict",
            "not_retrieved"} <= statuses
    assert workspace.db.execute("SELECT count(*) FROM resolutions").fetchone()[0] > 0
    assert workspace.db.execute("SELECT count(*) FROM leases WHERE kind = 'release'").fetchone()[0] > 0
    assert workspace.db.execute("SELECT count(*) FROM study_links WHERE kind = 'merge'").fetchone()[0] > 0
    assert checked == 65


def test_state_reads_writes_from_another_connection(workspace, make_studies):
    """Another process (here: another Workspace object, its own connection) votes; the kept state
    sees it on the next request."""
    from screener.workspace import Workspace

    add_reviewer(workspace, "alice")
    add_reviewer(workspace, "bob")
    studies = make_studies(workspace, 3)
    first = next_study(workspace, "alice", TA)
    other = Workspace.open(workspace.path)
    cast_vote(other, "bob", first["study"], TA, "exclude")
    cast_vote(other, "alice", first["study"], TA, "exclude")      # decided: excluded by both
    other.close()
    item = next_study(workspace, "alice", TA)
    assert item["study"] != first["study"] and item["remaining"] == len(studies) - 1


def test_a_recreated_workspace_gets_a_new_state(tmp_path, make_studies):
    """A workspace deleted and made again at the same path must not inherit the old marks."""
    import shutil

    from screener.workspace import Workspace

    path = tmp_path / "review"
    ws = Workspace.init(path)
    add_reviewer(ws, "alice")
    make_studies(ws, 2)
    item = next_study(ws, "alice", TA)
    cast_vote(ws, "alice", item["study"], TA, "include")
    old = queue_state(ws)
    ws.close()
    shutil.rmtree(path)
    ws = Workspace.init(path)
    add_reviewer(ws, "alice")
    make_studies(ws, 2)
    assert queue_state(ws) is not old
    assert next_study(ws, "alice", TA)["remaining"] == 2
    ws.close()


@pytest.mark.parametrize("stage", [TA])
def test_refresh_reads_only_new_rows(workspace, make_studies, stage):
    """The kept vote book is brought up to date with the new rows, not re-read."""
    add_reviewer(workspace, "alice")
    studies = make_studies(workspace, 4)
    book = VoteBook(workspace)
    assert book.refresh() == set()
    cast_vote(workspace, "alice", studies[1], stage, "include")
    assert book.refresh() == {studies[1]}
    assert book.unmasked_outcome(studies[1], stage).status == "pending"
    assert book.refresh() == set()
    with pytest.raises(RuntimeError, match="owner's book of every study"):
        VoteBook(workspace, study_ids=[studies[0]]).refresh()


def test_a_recreated_workspace_gets_new_ranker_features(tmp_path, make_studies):
    """The live ranker's features belong to one workspace: one made again at the same path, with
    as many study links, must not be ranked with the old one's features."""
    import shutil

    from screener.workspace import Workspace

    path = tmp_path / "review"
    ws = Workspace.init(path)
    make_studies(ws, 3)
    old = ranking._pool_signature(ws)
    ws.close()
    shutil.rmtree(path)
    ws = Workspace.init(path)
    make_studies(ws, 3)
    assert ranking._pool_signature(ws) != old
    ws.close()


def test_prepare_queue_readies_the_ranker_before_the_first_request(workspace, make_studies):
    """What `screener serve` does before answering: features on disk, a model trained on the labels."""
    from screener.workspace.queue import prepare_queue

    add_reviewer(workspace, "alice")
    add_reviewer(workspace, "bob")
    studies = make_studies(workspace, 12)
    # decided studies: under blind mode (the default) an undecided vote is no label (issue 21)
    for who in ("alice", "bob"):
        cast_vote(workspace, who, studies[0], TA, "include")
        cast_vote(workspace, who, studies[1], TA, "exclude")
    assert prepare_queue(workspace) == {TA: 12, FT: 1}      # studies[0] is included: at full text
    assert list((workspace.path / live.CACHE_DIR).glob("features-*.npz"))
    model = ranking.live_model(workspace, TA)
    assert model.scores is not None and sorted(model.scored.labels) == sorted(studies[:2])


def test_turning_blind_mode_on_mid_review_hides_votes_at_once(workspace, make_studies):
    """The kept vote book follows review.toml as it is now: a screener's view is masked as soon as
    the owner turns blind mode on, in the same process."""
    settings = workspace.path / "review.toml"
    text = settings.read_text(encoding="utf-8")
    assert "blind = true" in text
    settings.write_text(text.replace("blind = true", "blind = false"), encoding="utf-8")
    workspace.reload_settings()
    add_reviewer(workspace, "alice")
    add_reviewer(workspace, "bob")
    studies = make_studies(workspace, 2)
    cast_vote(workspace, "bob", studies[0], TA, "include")
    assert progress(workspace, "alice")["stages"][TA]["pending"] == 1          # unblinded: shown
    settings.write_text(text, encoding="utf-8")                                # blind = true again
    workspace.reload_settings()
    seen = progress(workspace, "alice")["stages"][TA]
    assert "pending" not in seen and seen["undecided"] == 2
