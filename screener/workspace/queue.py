"""The screening queue: which study a reviewer screens next, and leases.

Order: the ranker's order (``screener.workspace.ranking.rank_studies``; never file order).
Under blind mode the ranker learns from decided studies only and every screener walks its order
whoever has voted, so the order a screener is given never depends on another's undecided vote
(issue 21). With blind mode off, studies that already have a vote come first, oldest vote first
(so double screening completes and conflicts surface early, and no ranker trained on pending votes
can hint at them by where it puts those studies). Both screeners walk the same ordered list.
``next_study`` leases the study it hands out for ``lease_minutes``: while leases and votes
together reach the votes a stage needs, nobody else is given the study. A reviewer the queue gave
a study to may always cast their first vote on it, even if others decided it meanwhile. Leases
are rows (``screener.workspace.leases``): a release is a new row.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from screener.errors import LIST_CONFLICTS, OWNER_BLIND, PermissionDenied, ScreeningError, UsageError
from screener.workspace import ranking  # as a module: tests put a stand-in ranker in its place
from screener.workspace.assignment import Assignment, applies_to, assignment
from screener.workspace.db import utcnow
from screener.workspace.fulltext import fulltext_for
from screener.workspace.leases import holds_lease, write_lease, write_release
from screener.workspace.outcomes import FULL_TEXT, TITLE_ABSTRACT
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.queue_state import QueueState, queue_state
from screener.workspace.reviewers import Reviewer, as_reviewer
from screener.workspace.studies import check_stage, require_current_study, study_summary
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

DEFAULT_LEASE_MINUTES = 30
MAX_LEASE_MINUTES = 7 * 24 * 60


def _choose(state: QueueState, who: Reviewer, stage: str, ranked, blind: bool = False,
            assigned: Assignment | None = None) -> tuple[int, int, dict[str, Any]] | None:
    """(study, studies remaining for ``who``, queue state to store) — the study ``who`` is given
    now: the one the queue gave them and they have not voted on yet, else the oldest study awaiting
    another vote, else the first in the ranker's order nobody has voted on, else one they skipped.
    Reads ``state`` only (refreshed inside the caller's write transaction); walks the ranked order
    only as far as the first study it can give. A screener under assignment (``assigned``: more
    blinded screeners than a study needs) is given their own studies only, whoever else holds or
    voted on others (``screener.workspace.assignment``).

    About 100 lines, kept as one function: the four sources above are tried in order, all asking
    the same two closures (``open_to_me``, ``others``) over one reading of leases, the screener's
    votes and requests, skips and assignment; split, each part would be handed all of that state."""
    book, queue, needed = state.kept_book, state.stages[stage], state.stages[stage].needed
    by_assignment = assigned is not None and applies_to(assigned, who.id)
    pool, pool_set = state.pool(stage)
    leases = state.live_leases(stage, utcnow())
    # Blind mode: a study whose locked vote ``who`` asked to retract (a request to the arbiter) is
    # open to them as it would be after a retraction made before the others' votes were in
    retracted = book.as_seen_by(who).pending_retractions(stage) if blind else set()
    holders: dict[int, set[int]] = {}
    for lease in leases:
        if lease.reviewer_id not in queue.active.get(lease.study_id, ()):
            holders.setdefault(lease.study_id, set()).add(lease.reviewer_id)

    def others(sid: int) -> int:
        held_by = holders.get(sid)
        return (len(held_by) - (who.id in held_by)) if held_by else 0

    def open_to_me(sid: int) -> bool:
        if by_assignment:       # "not mine" first: the same work whether others closed the study or not
            return (assigned.assigned_to(who.id, sid, book) and sid in pool_set  # type: ignore[union-attr]
                    and (sid in retracted or (sid not in queue.closed and who.id not in queue.active.get(sid, ()))))
        if sid in retracted:
            return sid in pool_set
        if sid not in pool_set or sid in queue.closed:
            return False
        active = queue.active.get(sid, ())
        return who.id not in active and len(active) + others(sid) < needed

    skipped = state.released[stage].get(who.id, set())
    my_leases = [lease for lease in leases
                 if lease.reviewer_id == who.id and lease.study_id in state.studies
                 and (who.id not in book.unmasked_votes(lease.study_id, stage) or lease.study_id in retracted)
                 and book.at_stage(lease.study_id, stage) and not book.unmasked_outcome(lease.study_id, stage).decided
                 and (not by_assignment or assigned.assigned_to(who.id, lease.study_id, book))]  # type: ignore[union-attr]
    held_although_full = 0
    chosen: int | None
    if my_leases:
        lease = max(my_leases, key=lambda item: item.id)
        chosen, ranker_state = lease.study_id, json.loads(lease.ranker_state)
        held_although_full = 0 if open_to_me(chosen) else 1      # theirs to finish, even if now full
    else:
        chosen = None
        if not blind:
            # Studies awaiting another vote go oldest vote first, not in the ranker's order: a
            # ranker that learns from pending votes would otherwise reveal them by where it puts
            # the study. Under blind mode this would itself reveal them (a study served first
            # has a vote): there the ranker learns from decided studies only, and every screener
            # walks its order whoever has voted.
            for sid in sorted(queue.pending, key=queue.pending.__getitem__):
                if sid not in skipped and open_to_me(sid):
                    chosen = sid
                    break
        first_skipped = None
        if chosen is None:
            for sid in itertools.chain(ranked.order, pool):   # pool: any the ranker left out
                if by_assignment:
                    if not open_to_me(sid):
                        continue
                    if sid in skipped:
                        first_skipped = sid if first_skipped is None else first_skipped
                        continue
                    chosen = sid
                    break
                if (sid in queue.closed and sid not in retracted) or sid not in pool_set:
                    continue
                if blind and sid in queue.active:
                    if not open_to_me(sid):
                        continue
                elif sid in queue.active:           # has votes: offered above unless skipped
                    if first_skipped is None and sid in skipped and open_to_me(sid):
                        first_skipped = sid
                    continue
                if others(sid) >= needed:
                    continue
                if sid in skipped:
                    first_skipped = sid if first_skipped is None else first_skipped
                    continue
                chosen = sid
                break
        chosen = first_skipped if chosen is None else chosen
        if chosen is None:
            return None
        awaiting = bool(book.unmasked_votes(chosen, stage)) and chosen not in retracted
        ranker_state = {**ranked.state, "queue": "awaiting another vote" if awaiting else "ranked"}
    if by_assignment:
        remaining = (assigned_remaining(assigned, who.id, queue, pool_set, book, retracted)  # type: ignore[arg-type]
                     + held_although_full)
    else:
        remaining = (_remaining_for(who, stage, queue, pool_set, holders) + held_although_full
                     + len(retracted & queue.closed & pool_set))
    return chosen, remaining, ranker_state


def assigned_remaining(assigned: Assignment, reviewer_id: int, queue, pool: set[int], book: VoteBook,
                       retracted: set[int] | frozenset[int] = frozenset()) -> int:
    """Studies left for a screener under assignment: their studies at the stage that are not
    closed and that they have not voted on (``retracted``: closed studies whose vote they asked to
    retract, under blind mode — left for them as after a retraction before completion)."""
    return (assigned.remaining(reviewer_id, pool, queue.closed, queue.mine.get(reviewer_id, set()), book)
            + len(retracted & queue.closed & pool))


def _remaining_for(who: Reviewer, stage: str, queue, pool_set: set[int], holders: dict[int, set[int]]) -> int:
    """Studies left for ``who``: the stage's pool less the closed ones, those they voted on, and
    those others hold enough leases on — counted from the per-study state, not by walking the pool."""
    closed, voted = queue.closed, queue.mine.get(who.id, set())
    if stage == FULL_TEXT:
        closed, voted = closed & pool_set, voted & pool_set
    full = sum(1 for sid, held_by in holders.items()
               if sid in pool_set and sid not in queue.closed and who.id not in queue.active.get(sid, ())
               and len(queue.active.get(sid, ())) + len(held_by - {who.id}) >= queue.needed)
    return len(pool_set) - len(closed) - len(voted) - full


def next_study(ws: Workspace, reviewer: Reviewer | str, stage: str, *,
               lease_minutes: float = DEFAULT_LEASE_MINUTES) -> dict[str, Any] | None:
    """The next study for ``reviewer`` at ``stage``, leased to them; None when nothing is left.

    Asking again before voting gives the same study (its lease renewed). Returns the study's
    summary (``study``, ``title``, ``abstract``, ``authors``, ``year``, ``journal``, ``doi``,
    ``pmid``, ``keywords``, ...) plus ``stage``, ``remaining`` (studies left for this reviewer,
    this one included), ``lease_expires``, ``votes`` (what this reviewer may see: under blind mode
    nothing but their own) and, at full text, ``fulltext``.
    """
    check_stage(stage)
    if not 0 <= lease_minutes <= MAX_LEASE_MINUTES:   # also refuses NaN, which compares false
        raise UsageError(f"lease minutes {lease_minutes:g}: give a number of minutes from 0 to "
                         f"{MAX_LEASE_MINUTES} (a week)")
    who = as_reviewer(ws, reviewer)
    if not who.can_vote:
        raise who.cannot_screen(LIST_CONFLICTS, " and are not given studies to screen")
    displaces = owner_displaces_screener(ws, who, stage)
    if displaces:
        raise PermissionDenied(displaces, remedy=OWNER_BLIND)
    state = queue_state(ws)
    # Rank outside the write lock (a real ranker may take a while); choose and lease inside it,
    # after reading what was written meanwhile.
    with state.lock:
        state.refresh(ws)
        pool, _ = state.pool(stage)
        labels = state.labels[stage].snapshot()
    ranked = ranking.rank_studies(ws, stage, pool, labels=labels)
    with ws.transaction() as conn:
        with state.lock:
            state.refresh(ws)
            picked = _choose(state, who, stage, ranked, blind=ws.settings.blind, assigned=assignment(ws, stage))
        if picked is None:
            return None
        chosen, remaining, ranker_state = picked
        expires = (datetime.now(UTC) + timedelta(minutes=lease_minutes)).isoformat(timespec="microseconds")
        write_lease(conn, who.id, chosen, stage, expires, ranker_state)
    return _study_for_screener(ws, who, chosen, stage, remaining=remaining, lease_expires=expires)


def _study_for_screener(ws: Workspace, who: Reviewer, study_id: int, stage: str, **extra) -> dict[str, Any]:
    book = VoteBook(ws, who, [study_id])
    data = study_summary(ws, study_id)
    data["stage"] = stage
    data["reviewer"] = who.name
    data.update(extra)
    data["votes"] = [e.to_dict() for e in book.votes(study_id, stage)]
    if stage == FULL_TEXT:
        attached = fulltext_for(ws, study_id)
        data["fulltext"] = attached.to_dict() if attached else None
    return data


def holds_study(ws: Workspace, reviewer: Reviewer | str, study_id: int, stage: str) -> bool:
    """Whether the queue gave ``study_id`` to the reviewer and they have not voted on it since:
    the study their queue holds for them, however its page was reached (a link, after attaching
    its full text), and one ``release_study`` accepts."""
    who = as_reviewer(ws, reviewer)
    last = VoteBook(ws, who, [study_id]).last_vote_at(study_id, stage, who.id)
    return holds_lease(ws, who.id, study_id, stage, last)


def release_study(ws: Workspace, reviewer: Reviewer | str, study_id: int, stage: str) -> None:
    """Give a leased study back (the web app's "skip"); others may be given it at once. Refused,
    with nothing written, for a study the queue has not given the reviewer (or that they have
    voted on since)."""
    check_stage(stage)
    who = as_reviewer(ws, reviewer)
    require_current_study(ws, study_id)
    with ws.transaction() as conn:
        if not holds_study(ws, who, study_id, stage):
            raise ScreeningError(f"study {study_id} is not yours to skip at {stage}: the queue has not "
                                 f"given it to you, or you have voted on it since; nothing was changed")
        write_release(conn, who.id, study_id, stage)


def prepare_queue(ws: Workspace) -> dict[str, int]:
    """Read the workspace into the queue's state and ready the ranker (features from the disk cache,
    or built now; a model trained on the labels so far), so that the first screeners are not kept
    waiting: building features for 20,000 studies takes seconds of CPU and, done while requests
    arrive, holds them all up. The web server calls this before it starts answering. Returns the
    number of studies per stage."""
    state = queue_state(ws)
    sizes = {}
    for stage in (TITLE_ABSTRACT, FULL_TEXT):
        with state.lock:
            state.refresh(ws)
            pool, _ = state.pool(stage)
            labels = state.labels[stage].snapshot()
        sizes[stage] = len(pool)
        with state.lock:
            assignment(ws, stage).cover(state.pool(stage)[1])   # hashed once, not in a first request
        if pool:
            ranking.ready_features(ws, stage)
            ranking.rank_studies(ws, stage, pool, labels=labels, background=False)
    return sizes
