"""The one reader of votes: ``VoteBook``, votes, resolutions and outcomes as one viewer may see them.

Votes and resolutions are append-only rows; every outcome is derived from them here, by the rules
in ``screener.workspace.outcomes``. Every read that can reach a reviewer (the queue, a vote's
answer, progress, the web app) goes through a book with the asking reviewer as ``viewer``: under
blind mode a screener sees their own votes and, once a study is decided, everyone's — never
another screener's vote, reason or note on an undecided study, nor whether that study is in
conflict.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from screener.workspace import outcomes
from screener.workspace.outcomes import (
    DECISIONS,
    FULL_TEXT,
    SAYS_INCLUDE,
    TITLE_ABSTRACT,
    Outcome,
    ResolutionEvent,
    VoteEvent,
)
from screener.workspace.reviewers import Reviewer
from screener.workspace.settings import STAGES
from screener.workspace.studies import current_studies, merged_into

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


_NOBODY: frozenset[int] = frozenset()
_NO_STUDIES: set[int] = set()       # never written to: the answer when there are none


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


class VoteBook:
    """Votes, resolutions and outcomes as one viewer may see them.

    ``viewer`` is the asking reviewer (a ``Reviewer``), or None for the workspace owner at the
    command line (whoever can open the files can read the database anyway). Owners and arbiters
    see everything; a screener under blind mode sees their own votes, and everyone's on decided
    studies. ``outcome``, ``votes``, ``vote_of`` and ``resolutions`` are masked for the viewer.
    The methods named ``unmasked_…`` (and ``last_vote_at``, ``at_stage``, ``has_events``,
    ``voter_ids``, ``fulltext_marks``) read the true state whoever the viewer is: they serve the
    screening rules, the queue and the owner's counts, and their results must never be handed to
    a reviewer.
    """

    def __init__(self, ws: Workspace, viewer: Reviewer | None = None, study_ids: Iterable[int] | None = None,
                 stages: Sequence[str] = STAGES):
        self.ws = ws
        self.viewer = viewer
        self.settings = ws.settings
        # full text depends on the title/abstract outcome, so loading it loads both
        self.stages = tuple(STAGES) if FULL_TEXT in stages else tuple(stages)
        self._events: dict[tuple[int, str], list[VoteEvent]] = {}
        self._voters: dict[tuple[int, str], frozenset[int]] = {}      # who has a vote row, per study
        self._voted: dict[str, set[int]] = {}                          # stage → studies with vote rows
        self._rows_of: dict[tuple[int, str], set[int]] = {}           # (reviewer, stage) → their studies
        self._resolutions: dict[tuple[int, str], list[ResolutionEvent]] = {}
        self._fulltext: dict[int, str] = {}
        self._cache: dict[tuple[int, str], tuple] = {}
        self._outcomes: dict[tuple[int, str], Outcome] = {}
        ids = None if study_ids is None else sorted(set(study_ids))
        self._whole = ids is None          # only a book of every study can be brought up to date
        # High-water marks: the newest vote, resolution and full-text row read. The tables are
        # append-only and written one transaction at a time, so rows above a mark are all new.
        self._marks = {"votes": 0, "resolutions": 0, "fulltexts": 0}
        self._names: dict[int, str] = {}
        self._requests: dict[tuple[int, str], VoteEvent] | None = None   # the viewer's pending change requests
        with self._snapshot(ws.db) as conn:
            self._load(conn, None if ids is None else list(_chunks(ids)))

    @staticmethod
    @contextmanager
    def _snapshot(conn):
        """Read votes, resolutions and full texts as of one moment."""
        snapshot = not conn.in_transaction
        if snapshot:
            conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if snapshot:
                conn.execute("COMMIT")

    def _name(self, conn, reviewer_id: int) -> str:
        if reviewer_id not in self._names:      # a reviewer added since the book was read
            self._names.update(conn.execute("SELECT id, name FROM reviewers").fetchall())
        return self._names[reviewer_id]

    def _load(self, conn, batches: list[list[int]] | None, *, newer: bool = False) -> set[int]:
        """Read rows (all, or with ``newer`` only those above the marks); the studies they touch."""
        if not self._names:
            self._names = dict(conn.execute("SELECT id, name FROM reviewers").fetchall())
        touched: set[int] = set()
        marks = self._marks
        stage_filter = f"stage IN ({','.join('?' * len(self.stages))})"
        chunks: list[list[int] | None] = list(batches) if batches else [None]
        for batch in chunks:
            where, params = stage_filter, tuple[Any, ...](self.stages)
            if batch is not None:
                where += f" AND study_id IN ({','.join('?' * len(batch))})"
                params += tuple(batch)
            events, names = self._events, self._names
            for (id_, at, rid, sid, stage, vote, reason, note, state) in conn.execute(
                    "SELECT id, at, reviewer_id, study_id, stage, vote, reason, note, ranker_state FROM votes"
                    f" WHERE {where} AND id > ? ORDER BY id", params + (marks["votes"] if newer else 0,)):
                key = (sid, stage)
                name = names[rid] if rid in names else self._name(conn, rid)
                event = VoteEvent(id_, at, name, rid, sid, stage, vote, reason, note, state)
                if key in events:
                    events[key].append(event)
                    if rid not in self._voters[key]:
                        self._voters[key] = self._voters[key] | {rid}
                else:
                    events[key] = [event]
                    self._voters[key] = frozenset((rid,))
                    self._voted.setdefault(stage, set()).add(sid)
                self._rows_of.setdefault((rid, stage), set()).add(sid)
                touched.add(sid)
                marks["votes"] = max(marks["votes"], id_)
            for (id_, at, aid, sid, stage, decision, reason, note) in conn.execute(
                    "SELECT id, at, arbiter_id, study_id, stage, decision, reason, note FROM resolutions"
                    f" WHERE {where} AND id > ? ORDER BY id", params + (marks["resolutions"] if newer else 0,)):
                self._resolutions.setdefault((sid, stage), []).append(
                    ResolutionEvent(id_, at, self._name(conn, aid), sid, stage, decision, reason, note))
                touched.add(sid)
                marks["resolutions"] = max(marks["resolutions"], id_)
            if FULL_TEXT in self.stages:
                in_batch = "" if batch is None else f"f.study_id IN ({','.join('?' * len(batch))}) AND "
                for id_, sid, kind in conn.execute(
                        f"SELECT id, study_id, kind FROM fulltexts f WHERE {in_batch}f.id > ? AND "
                        "f.id = (SELECT max(id) FROM fulltexts g WHERE g.study_id = f.study_id)",
                        (() if batch is None else tuple(batch)) + (marks["fulltexts"] if newer else 0,)):
                    self._fulltext[sid] = kind
                    touched.add(sid)
                    marks["fulltexts"] = max(marks["fulltexts"], id_)
        return touched

    def refresh(self) -> set[int]:
        """Read the votes, resolutions and full-text changes written since this book was read (or
        last refreshed) and forget what they change; returns the studies touched. For a
        long-lived owner's book of every study (the queue's), so that each request reads only the
        new rows instead of every vote again."""
        if not self._whole or self.viewer is not None:
            raise RuntimeError("only the owner's book of every study can be refreshed")
        with self._snapshot(self.ws.db) as conn:
            touched = self._load(conn, None, newer=True)
        for sid in touched:
            for stage in self.stages:      # a title/abstract change moves the full-text outcome too
                self._cache.pop((sid, stage), None)
                self._outcomes.pop((sid, stage), None)
        return touched

    def as_seen_by(self, viewer: Reviewer | None) -> VoteBook:
        """The same votes as ``viewer`` may see them, without reading them again (shares this
        book's rows and derived outcomes; masking happens in the public methods)."""
        view = copy.copy(self)
        view.viewer = viewer
        view._requests = None
        return view

    # -- who sees what

    @property
    def sees_everything(self) -> bool:
        return (self.viewer is None or self.viewer.role in ("owner", "arbiter") or not self.settings.blind)

    def _may_see_others(self, study_id: int, stage: str) -> bool:
        return self.sees_everything or self.unmasked_outcome(study_id, stage).decided

    # -- unmasked (the rules, the queue and owner-level counts only; never shown to a reviewer)

    def _state(self, study_id: int, stage: str):
        key = (study_id, stage)
        state = self._cache.get(key)
        if state is None:
            if stage not in self.stages:
                raise RuntimeError(f"VoteBook loaded {self.stages}, asked about {stage}")
            events = self._events.get(key)
            if not events:
                state = ("unscreened", "", None, {}, [])
            elif len(events) == 1 and events[0].vote != "retract":  # the common case, without the replay
                only = events[0]
                status, reason, conflict = outcomes.combine_votes([(only.vote, only.reason)], stage,
                                                         self.settings.stages[stage].votes_needed)
                state = (status, reason, conflict, {only.reviewer_id: only}, [])
            else:
                state = outcomes.replay_votes(events, stage, self.settings.stages[stage].votes_needed)
            self._cache[key] = state
        return state

    def unmasked_votes(self, study_id: int, stage: str) -> dict[int, VoteEvent]:
        """Reviewer id → their current vote, whoever the viewer is."""
        return self._state(study_id, stage)[3]

    def last_vote_at(self, study_id: int, stage: str, reviewer_id: int) -> str | None:
        """When the reviewer last voted or retracted on the study at the stage."""
        times = [e.at for e in self._events.get((study_id, stage), []) if e.reviewer_id == reviewer_id]
        return times[-1] if times else None

    def latest_resolution(self, study_id: int, stage: str) -> ResolutionEvent | None:
        resolutions = self._resolutions.get((study_id, stage))
        return resolutions[-1] if resolutions else None

    def unmasked_outcome(self, study_id: int, stage: str) -> Outcome:
        """The study's true outcome at the stage, whoever the viewer is."""
        key = (study_id, stage)
        outcome = self._outcomes.get(key)
        if outcome is None:
            outcome = self._outcomes[key] = self._derive_outcome(study_id, stage)
        return outcome

    def _derive_outcome(self, study_id: int, stage: str) -> Outcome:
        needed = self.settings.stages[stage].votes_needed
        if stage == FULL_TEXT:
            if self.unmasked_outcome(study_id, TITLE_ABSTRACT).status != "include":
                return Outcome(study_id, stage, "not_reached", needed)
            if self._fulltext.get(study_id) == "not_retrieved":
                return Outcome(study_id, stage, "not_retrieved", needed)
        status, reason, conflict, active, late = self._state(study_id, stage)
        decided_by = "votes" if status in DECISIONS else None
        resolution = self.latest_resolution(study_id, stage)
        if resolution is not None:
            status, reason, conflict, decided_by = resolution.decision, resolution.reason, None, "arbiter"
        late_disagreement = status in DECISIONS and any(
            e.vote != "retract" and (e.vote in SAYS_INCLUDE) != (status == "include") for e in late)
        return Outcome(study_id, stage, status, needed, reason, conflict, decided_by, len(active), late_disagreement)

    def at_stage(self, study_id: int, stage: str) -> bool:
        """Whether the study is at this stage and can be screened there."""
        if stage == TITLE_ABSTRACT:
            return True
        return self.unmasked_outcome(study_id, stage).status not in ("not_reached", "not_retrieved")

    def has_events(self, study_id: int, stage: str) -> bool:
        """Whether the study has any vote or resolution at the stage."""
        return (study_id, stage) in self._events or (study_id, stage) in self._resolutions

    def voters_on(self, study_id: int, stage: str) -> frozenset[int]:
        """Every reviewer with a vote row (a retraction too) on the study at the stage (unmasked:
        for the assignment of studies to screeners, ``screener.workspace.assignment``). Kept as
        the rows are read: a lookup, the same work whether anyone voted or not."""
        return self._voters.get((study_id, stage), _NOBODY)

    @property
    def whole(self) -> bool:
        """Whether this book read every study (not a few)."""
        return self._whole

    def studies_with_vote_rows(self, stage: str) -> set[int]:
        """Studies with any vote row at the stage (unmasked; for the assignment)."""
        return self._voted.get(stage, _NO_STUDIES)

    def studies_with_rows_of(self, reviewer_id: int, stage: str) -> set[int]:
        """Studies the reviewer has any vote row on at the stage (a retraction too)."""
        return self._rows_of.get((reviewer_id, stage), _NO_STUDIES)

    def voter_ids(self) -> set[int]:
        """Every reviewer who ever voted (unmasked: for the owner's progress table)."""
        return {e.reviewer_id for events in self._events.values() for e in events}

    def fulltext_marks(self) -> dict[int, str]:
        """Study → the kind of its newest full-text row ('attached', 'not_retrieved', …)."""
        return dict(self._fulltext)

    # -- a blinded screener's change requests (issue 21)

    def own_requests(self) -> dict[tuple[int, str], VoteEvent]:
        """The viewer's pending vote change requests: (study, stage) → the vote they asked for
        (its ``vote`` 'retract': a retraction). A blinded screener who changes or retracts a vote once every vote the
        stage needs is in makes a request to the arbiter instead (``screening.cast_vote``); it is
        pending while their vote is the one it was made against. Read the same way whatever the
        others voted (one statement, only the viewer's own events); empty for whoever sees everything."""
        if self._requests is not None:
            return self._requests
        found: dict[tuple[int, str], VoteEvent] = {}
        viewer = self.viewer
        if viewer is not None and not self.sees_everything:
            for at, subject, payload in self.ws.db.execute(
                    "SELECT at, subject, payload FROM events WHERE kind = 'vote_request' AND actor = ? ORDER BY id",
                    (viewer.name,)):
                data = json.loads(payload)
                key = (int(subject.split(":", 1)[1]), data["stage"])
                if data["stage"] not in self.stages:
                    continue
                rows = [e for e in self._events.get(key, []) if e.reviewer_id == viewer.id]
                if not rows or rows[-1].id != data["of_vote"]:
                    found.pop(key, None)         # their vote changed since (the arbiter accepted)
                    continue
                found[key] = VoteEvent(
                    None, at, viewer.name, viewer.id, key[0], key[1], data["vote"], data["reason"],  # type: ignore[arg-type]
                    data["note"], "{}")
        self._requests = found
        return found

    def pending_retractions(self, stage: str) -> set[int]:
        """Studies on which the viewer's pending request retracts their vote."""
        return {sid for (sid, st), asked in self.own_requests().items()
                if st == stage and asked.vote == "retract" and not self.unmasked_outcome(sid, stage).decided}

    # -- what a viewer may see

    def outcome(self, study_id: int, stage: str) -> Outcome:
        true = self.unmasked_outcome(study_id, stage)
        if self.sees_everything or true.decided or true.status in ("not_reached", "not_retrieved"):
            return true
        return Outcome(study_id, stage, "undecided", true.votes_needed)

    def votes(self, study_id: int, stage: str, *, history: bool = False) -> list[VoteEvent]:
        """Current votes (or, with ``history``, every vote event) the viewer may see, oldest first."""
        events = self._events.get((study_id, stage), [])
        if not history:
            events = sorted(self.unmasked_votes(study_id, stage).values(), key=lambda e: e.id)
        if self.sees_everything:
            return list(events)
        if self._may_see_others(study_id, stage):
            # vote ids count everyone's votes: a blinded screener sees none (the time orders them)
            return [replace(e, id=None) for e in events]  # type: ignore[arg-type]
        own = self.viewer.id if self.viewer is not None else None
        requests = self.own_requests()
        if (study_id, stage) in requests:
            # their latest requested vote is theirs in everything they see (a retraction: none)
            asked = requests[(study_id, stage)]
            if history:
                mine = [replace(e, id=None, ranker_state_json="{}") for e in events if e.reviewer_id == own]  # type: ignore[arg-type]
                return mine + [asked]
            return [] if asked.vote == "retract" else [asked]
        # The queue state stored with a vote says whether the study was awaiting another vote and
        # what the ranker had learnt from everyone's votes: hidden from a blinded screener too.
        return [replace(e, id=None, ranker_state_json="{}")  # type: ignore[arg-type]
                for e in events if e.reviewer_id == own]

    def vote_of(self, study_id: int, stage: str, reviewer_id: int) -> VoteEvent | None:
        """A reviewer's current vote, if the viewer may see it."""
        for event in self.votes(study_id, stage):
            if event.reviewer_id == reviewer_id:
                return event
        return None

    def resolutions(self, study_id: int, stage: str) -> list[ResolutionEvent]:
        """Resolutions are decisions: visible to everyone."""
        return list(self._resolutions.get((study_id, stage), []))

    def voted_studies(self) -> set[int]:
        """Studies with any vote (for agreement statistics over merged-away studies too)."""
        return {study for study, _ in self._events}

    def studies_with_events(self, stage: str | None = None) -> set[int]:
        """Studies with any vote or resolution (at ``stage``, or at any stage loaded)."""
        return ({study for study, at in self._events if stage in (None, at)}
                | {study for study, at in self._resolutions if stage in (None, at)})


def vote_activity(ws: Workspace) -> tuple[dict[str, str], dict[str, int]]:
    """Per reviewer name: when they last voted (or retracted), and how many votes (not retractions)
    they cast — counts for the owner's team page, no vote's content."""
    voted = {row[0]: row[1] for row in ws.db.execute(
        "SELECT r.name, max(v.at) FROM votes v JOIN reviewers r ON r.id = v.reviewer_id GROUP BY r.name")}
    counts = {row[0]: row[1] for row in ws.db.execute(
        "SELECT r.name, count(*) FROM votes v JOIN reviewers r ON r.id = v.reviewer_id"
        " WHERE v.vote != 'retract' GROUP BY r.name")}
    return voted, counts


def audit_events(ws: Workspace) -> dict[int, list[dict]]:
    """Every vote and resolution per study, oldest first, unmasked: the owner's audit export.
    Votes on a study dedupe merged away also appear under the study its records are in now."""
    out: dict[int, list[dict]] = {}
    for row in ws.db.execute(
            "SELECT v.study_id, v.stage, v.vote, v.reason, v.note, v.at, r.name FROM votes v"
            " JOIN reviewers r ON r.id = v.reviewer_id ORDER BY v.id"):
        out.setdefault(row["study_id"], []).append(dict(row))
    for row in ws.db.execute(
            "SELECT x.study_id, x.stage, x.decision, x.reason, x.note, x.at, r.name FROM resolutions x"
            " JOIN reviewers r ON r.id = x.arbiter_id ORDER BY x.id"):
        out.setdefault(row["study_id"], []).append({**dict(row), "vote": f"resolved:{row['decision']}"})
    # Votes cast on a study that deduplication later merged away belong to the audit of the study
    # its records are in now (marked with the study they were cast on; the outcome rules do not
    # count them there, but nothing a reviewer said may drop out of the audit).
    current = current_studies(ws)
    for old in [s for s in out if s not in current]:
        for survivor in merged_into(ws, old):
            out.setdefault(survivor, []).extend({**e, "merged_from": old} for e in out[old])
    for events in out.values():
        events.sort(key=lambda e: e["at"])
    return out
