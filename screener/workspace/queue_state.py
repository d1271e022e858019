"""The queue's long-lived view of a workspace, kept current by reading only new event rows.

Choosing the next study needs every study's votes, the ranker's labels and the open leases. Read
afresh on each request that costs seconds at 20,000 studies (it did: 2.7 s p95 in the load test).
Votes, resolutions, full-text marks, leases, study links and ranker priors are all append-only
tables written one transaction at a time, so a row above the newest id read is a new row. One
``QueueState`` per workspace and process keeps the owner's ``VoteBook`` of every study, refreshed
with the new rows only, and, per stage, what the queue asks of each study — re-derived only for the
studies the new rows touch. A change of study membership (dedupe merged or split studies) or of
priors rebuilds the derived parts from the book, which stays. Besides the queue, the readers a
page shows after every vote use it through ``kept_state``: progress, conflicts, the PRISMA
screening counts, agreement and the stopping estimate.

Every method must be called with ``QueueState.lock`` held: one request at a time reads and
updates the shared state (each holds it for milliseconds). The queue takes the database write
lock first and this lock second, and nothing takes them in the other order.
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from screener.workspace.labels import LabelTracker, current_priors
from screener.workspace.outcomes import FULL_TEXT
from screener.workspace.settings import STAGES
from screener.workspace.studies import current_studies
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


@dataclass(slots=True)
class Lease:
    id: int
    at: str
    reviewer_id: int
    study_id: int
    expires_at: str
    ranker_state: str


class StageQueue:
    """What the queue asks of each study at one stage, for the studies with votes or resolutions:
    who has a current vote, whether the study is closed (resolved, or with the votes it needs),
    and, for studies awaiting more votes, the id of their oldest current vote."""

    def __init__(self, stage: str, needed: int):
        self.stage, self.needed = stage, needed
        self.active: dict[int, frozenset[int]] = {}   # study → reviewers with a current vote
        self.closed: set[int] = set()                  # resolved, or the votes needed are in
        self.mine: dict[int, set[int]] = {}            # reviewer → open studies they voted on
        self.pending: dict[int, int] = {}              # open studies with votes → oldest vote id
        self.status: dict[int, str] = {}               # studies with votes → the owner's outcome status
        # kept as rows arrive, so that a blinded screener's progress costs the same whatever the
        # others voted (issue 21: it walked every study anyone had voted on)
        self.voted_by: dict[int, set[int]] = {}        # reviewer → studies with their current vote
        self.status_counts: Counter[str] = Counter()   # the owner's statuses, counted

    def update(self, book: VoteBook, study_id: int, current: bool) -> None:
        for rid in self.active.pop(study_id, ()):
            if rid in self.mine:
                self.mine[rid].discard(study_id)
            self.voted_by[rid].discard(study_id)
        self.closed.discard(study_id)
        self.pending.pop(study_id, None)
        old = self.status.pop(study_id, None)
        if old is not None:
            self.status_counts[old] -= 1
        if not current:
            return
        resolved = bool(book.resolutions(study_id, self.stage))
        active = book.unmasked_votes(study_id, self.stage)
        if not active and not resolved:
            return
        self.active[study_id] = frozenset(active)
        for rid in active:
            self.voted_by.setdefault(rid, set()).add(study_id)
        status = self.status[study_id] = book.unmasked_outcome(study_id, self.stage).status
        self.status_counts[status] += 1
        if resolved or len(active) >= self.needed:
            self.closed.add(study_id)
            return
        for rid in active:
            self.mine.setdefault(rid, set()).add(study_id)
        if active:
            self.pending[study_id] = min(e.id for e in active.values())


class QueueState:
    def __init__(self, ws: Workspace):
        self.lock = threading.Lock()
        self.book: VoteBook | None = None
        self.studies: set[int] = set()
        self.sorted_studies: list[int] = []
        self.links_mark: int | None = None
        self.priors_mark: int | None = None
        self.lease_mark = 0
        self.stages = {stage: StageQueue(stage, ws.settings.stages[stage].votes_needed) for stage in STAGES}
        self.labels = {stage: LabelTracker(stage) for stage in STAGES}
        self.open_leases: dict[str, dict[tuple[int, int], Lease]] = {stage: {} for stage in STAGES}
        self.released: dict[str, dict[int, set[int]]] = {stage: {} for stage in STAGES}
        self._pools: dict[str, tuple[int, list[int], set[int]]] = {}
        self.reached: set[int] = set()      # studies at full text (title/abstract include, not "not retrieved")
        self.version = 0

    # ---- bringing the state up to date ---------------------------------------------------------

    def refresh(self, ws: Workspace) -> None:
        """Read what was written since the last refresh (inside the caller's transaction, if any)."""
        conn = ws.db
        links = conn.execute("SELECT coalesce(max(id), 0) FROM study_links").fetchone()[0]   # append-only
        priors = conn.execute("SELECT coalesce(max(id), 0) FROM ranker_priors").fetchone()[0]
        if self.book is None:
            self.book = VoteBook(ws)
            touched: set[int] | None = None
        else:
            self.book.ws = ws           # read through the caller's connection (its transaction)
            touched = self.book.refresh()
        # who may see what follows review.toml as it is now (an owner may turn blind mode on
        # mid-review); the votes a stage needs are part of this state's key
        self.book.settings = ws.settings
        if links != self.links_mark:
            self.studies = current_studies(ws)
            self.sorted_studies = sorted(self.studies)
            touched = None                                  # membership changed: re-derive all
        rebuilt = touched is None
        if touched is None:
            for queue in self.stages.values():
                StageQueue.__init__(queue, queue.stage, queue.needed)
            for tracker in self.labels.values():
                tracker.clear()
            touched = self.book.studies_with_events()
        if priors != self.priors_mark:
            for stage, tracker in self.labels.items():
                tracker.set_priors(current_priors(ws, stage))
        if touched:
            book = self.book
            for stage in STAGES:
                # a study without votes or resolutions at a stage never had any there (the rows
                # are append-only; membership changes rebuild): nothing to derive for it
                ordered = sorted(sid for sid in touched if book.has_events(sid, stage))
                queue = self.stages[stage]
                for sid in ordered:
                    queue.update(book, sid, sid in self.studies)
                self.labels[stage].update(book, [sid for sid in ordered if sid in self.studies])
        if rebuilt:
            self.reached = {sid for sid in self.stages[STAGES[0]].closed if self.book.at_stage(sid, FULL_TEXT)}
        else:
            for sid in touched:     # full text is reached by a title/abstract include, left by a not-retrieved mark
                if sid in self.studies and self.book.at_stage(sid, FULL_TEXT):
                    self.reached.add(sid)
                else:
                    self.reached.discard(sid)
        self._read_leases(conn)
        if touched or links != self.links_mark or priors != self.priors_mark:
            self.version += 1
        self.links_mark, self.priors_mark = links, priors

    def _read_leases(self, conn) -> None:
        for (id_, at, rid, sid, stage, kind, expires, state) in conn.execute(
                "SELECT id, at, reviewer_id, study_id, stage, kind, expires_at, ranker_state FROM leases"
                " WHERE id > ? ORDER BY id", (self.lease_mark,)):
            key = (rid, sid)
            released = self.released[stage].setdefault(rid, set())
            if kind == "lease":
                self.open_leases[stage][key] = Lease(id_, at, rid, sid, expires, state or "{}")
                released.discard(sid)
            else:
                self.open_leases[stage].pop(key, None)
                released.add(sid)
            self.lease_mark = id_

    # ---- questions the queue asks ----------------------------------------------------------------

    def pool(self, stage: str) -> tuple[list[int], set[int]]:
        """The studies ``stage`` screens, sorted and as a set: every current study at title/
        abstract; at full text those that reached it (included at title/abstract, full text not
        marked not retrieved)."""
        if stage != FULL_TEXT:
            return self.sorted_studies, self.studies
        cached = self._pools.get(stage)
        if cached is None or cached[0] != self.version:
            cached = self._pools[stage] = (self.version, sorted(self.reached), set(self.reached))
        return cached[1], cached[2]

    @property
    def kept_book(self) -> VoteBook:
        """The owner's book of every study (read by the first ``refresh``)."""
        if self.book is None:
            raise RuntimeError("QueueState.refresh() has not run yet")
        return self.book

    def view(self, viewer) -> VoteBook:
        """The kept book as ``viewer`` may see it (None: the owner)."""
        return self.kept_book.as_seen_by(viewer)

    def live_leases(self, stage: str, now: str) -> list[Lease]:
        """Unexpired leases whose holder has not voted on the study since; dead ones are dropped
        (a lease never comes back to life: a new lease is a new row)."""
        book, leases, alive = self.kept_book, self.open_leases[stage], []
        for key, lease in list(leases.items()):
            last = book.last_vote_at(lease.study_id, stage, lease.reviewer_id)
            if lease.expires_at <= now or (last is not None and last >= lease.at):
                del leases[key]
            else:
                alive.append(lease)
        return alive


@contextmanager
def kept_state(ws: Workspace):
    """The workspace's kept state, brought up to date and locked for the ``with`` block (for
    readers: progress, the stopping estimate). Hold it briefly: every request waits for it."""
    state = queue_state(ws)
    with state.lock:
        state.refresh(ws)
        yield state


_STATES: dict[tuple, QueueState] = {}
_STATES_LOCK = threading.Lock()


def queue_state(ws: Workspace) -> QueueState:
    """This process's queue state of ``ws`` (one per workspace database and screening settings)."""
    key = (ws.key, ws.created_at, tuple(ws.settings.stages[stage].votes_needed for stage in STAGES))
    with _STATES_LOCK:
        state = _STATES.get(key)
        if state is None:
            state = _STATES[key] = QueueState(ws)
    return state
