"""Screening rules: votes, outcomes, conflicts, resolutions — and the one reader of votes.

Votes and resolutions are append-only rows; every outcome is derived from them by ``VoteBook``.
``VoteBook`` is the only code that reads the ``votes`` table, and every read that can reach a
reviewer (the queue, a vote's answer, progress, the web app) goes through it with the asking
reviewer as ``viewer``: under blind mode a screener sees their own votes and, once a study is
decided, everyone's — never another screener's vote, reason or note on an undecided study, nor
whether that study is in conflict.

Outcome rules (as Covidence), over each reviewer's latest non-retracted vote once a study has the
votes its stage needs: include/maybe only → include; exclude only → exclude (at full text, excludes
with different reasons are a conflict over the reason); a mix → conflict. The first moment the
votes agree decides the study; a later vote (only a lease holder may still cast one) is kept and
counted in agreement statistics but does not reopen it. An arbiter's resolution overrides, and
the newest resolution wins.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from contextlib import contextmanager
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from screener.errors import NotFoundError, PermissionDenied, ScreeningError, UsageError
from screener.workspace.db import SQLITE_INTEGER_MAX, utcnow
from screener.workspace.reviewers import VOTING_ROLES, Reviewer, as_reviewer, list_reviewers
from screener.workspace.settings import STAGES

TITLE_ABSTRACT, FULL_TEXT = STAGES
VOTES = ("include", "exclude", "maybe")
DECISIONS = ("include", "exclude")
SAYS_INCLUDE = ("include", "maybe")  # "maybe" counts as include, for outcomes and for agreement


# ---- events and outcomes -------------------------------------------------------------------

@dataclass(slots=True)   # not frozen: a frozen dataclass is ~5x slower to build, and the queue builds thousands
class VoteEvent:
    id: int
    at: str
    reviewer: str
    reviewer_id: int
    study_id: int
    stage: str
    vote: str            # include | exclude | maybe | retract
    reason: str
    note: str
    ranker_state_json: str = field(default="{}", compare=False, repr=False)

    @property
    def ranker_state(self) -> dict[str, Any]:
        """What ordered the queue when the vote was cast (parsed on demand: the queue reads many votes)."""
        return json.loads(self.ranker_state_json or "{}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["ranker_state_json"]
        data["ranker_state"] = self.ranker_state
        return data


@dataclass(slots=True)
class ResolutionEvent:
    id: int
    at: str
    arbiter: str
    study_id: int
    stage: str
    decision: str
    reason: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Outcome:
    """Where a study stands at a stage.

    ``status``: ``not_reached`` (full text only: title/abstract outcome is not include),
    ``not_retrieved`` (full text only: the report could not be obtained), ``unscreened``,
    ``pending`` (fewer votes than needed), ``conflict``, ``include``, ``exclude`` — or, for a
    blinded screener, ``undecided`` in place of unscreened/pending/conflict.
    """

    study_id: int
    stage: str
    status: str
    votes_needed: int
    reason: str = ""                 # exclusion reason of the decision
    conflict: str | None = None      # 'decision' or 'reason'
    decided_by: str | None = None    # 'votes' or 'arbiter'
    votes: int | None = None         # current (non-retracted) votes; None when hidden
    late_disagreement: bool = False  # a vote cast after the decision disagrees with it

    @property
    def decided(self) -> bool:
        return self.status in DECISIONS

    @property
    def decision(self) -> str | None:
        """'include' or 'exclude' once decided, else None."""
        return self.status if self.status in DECISIONS else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def combine_votes(votes: Sequence[tuple[str, str]], stage: str, votes_needed: int) -> tuple[str, str, str | None]:
    """The outcome rules on current votes ``[(vote, reason), ...]``: (status, reason, conflict kind)."""
    if not votes:
        return "unscreened", "", None
    if len(votes) < votes_needed:
        return "pending", "", None
    kinds = {vote for vote, _ in votes}
    if kinds <= set(SAYS_INCLUDE):
        return "include", "", None
    if kinds == {"exclude"}:
        reasons = sorted({reason for _, reason in votes if reason})
        if len(reasons) > 1:
            if stage == FULL_TEXT:
                return "conflict", "", "reason"
            return "exclude", "", None
        return "exclude", (reasons[0] if reasons else ""), None
    return "conflict", "", "decision"


def _replay(events: list[VoteEvent], stage: str, votes_needed: int):
    """Walk one study's vote events in order; the first agreement decides and is kept."""
    active: dict[int, VoteEvent] = {}
    decided: tuple[str, str] | None = None
    late: list[VoteEvent] = []
    for event in events:
        if decided is not None:
            late.append(event)
        if event.vote == "retract":
            active.pop(event.reviewer_id, None)
        else:
            active[event.reviewer_id] = event
        if decided is None:
            status, reason, _ = combine_votes([(v.vote, v.reason) for v in active.values()], stage, votes_needed)
            if status in DECISIONS:
                decided = (status, reason)
    if decided is not None:
        return decided[0], decided[1], None, active, late
    status, reason, conflict = combine_votes([(v.vote, v.reason) for v in active.values()], stage, votes_needed)
    return status, reason, conflict, active, late


# ---- studies --------------------------------------------------------------------------------

def current_studies(ws) -> set[int]:
    """Studies that still hold source records (dedupe may merge a study away while screening runs)."""
    return {row[0] for row in ws.db.execute("SELECT DISTINCT study_id FROM current_links")}


def merged_into(ws, study_id: int) -> list[int]:
    """Where the records of a merged-away study are now."""
    return [row[0] for row in ws.db.execute(
        "SELECT DISTINCT c.study_id FROM study_links l JOIN current_links c"
        " ON c.source_record_id = l.source_record_id WHERE l.study_id = ? ORDER BY c.study_id", (study_id,))]


def _no_study(ws, study_id: int) -> str:
    return f"no study {study_id} in {ws.path}; `screener next` gives the study numbers to screen"


def check_study_number(ws, study_id: int) -> None:
    """NotFoundError for a number no study can have: beyond SQLite's integers (asking the database
    about it raises OverflowError)."""
    if not -SQLITE_INTEGER_MAX - 1 <= study_id <= SQLITE_INTEGER_MAX:
        raise NotFoundError(_no_study(ws, study_id))


def require_current_study(ws, study_id: int) -> None:
    """NotFoundError for an unknown study or one dedupe merged away (naming where it went)."""
    if not isinstance(study_id, int) or isinstance(study_id, bool):
        raise UsageError(f"study must be a number, not {study_id!r}")
    check_study_number(ws, study_id)
    if ws.db.execute("SELECT 1 FROM current_links WHERE study_id = ? LIMIT 1", (study_id,)).fetchone():
        return
    if ws.db.execute("SELECT 1 FROM studies WHERE id = ?", (study_id,)).fetchone():
        into = merged_into(ws, study_id)
        where = ", ".join(f"study {s}" for s in into) or "another study"
        raise NotFoundError(f"study {study_id} was merged into {where} by deduplication; screen {where} instead")
    raise NotFoundError(_no_study(ws, study_id))


def check_stage(stage: str) -> str:
    if stage not in STAGES:
        raise UsageError(f"stage {stage!r} is not a stage; use one of: {', '.join(STAGES)}")
    return stage


def study_summary(ws, study_id: int, *, hide_authors: bool | None = None) -> dict[str, Any]:
    """The bibliographic fields screeners see, gathered over the study's source records."""
    records = ws.study_records(study_id)
    hide = ws.settings.hide_authors if hide_authors is None else hide_authors

    def first(attr):
        for _, record in records:
            value = getattr(record, attr)
            if value:
                return value
        return type(getattr(records[0][1], attr))() if records else ""

    abstract = max((r.abstract for _, r in records), key=len, default="")
    keywords: list[str] = []
    for _, record in records:
        keywords += [k for k in record.keywords if k not in keywords]
    return {
        "study": study_id,
        "title": first("title"),
        "abstract": abstract,
        "authors": [] if hide else list(first("authors") or []),
        "year": next((r.year for _, r in records if r.year), None),
        "journal": "" if hide else first("journal"),
        "doi": first("doi"),
        "pmid": first("pmid"),
        "keywords": keywords,
        "source_records": [record_id for record_id, _ in records],
        "databases": sorted({r.database for _, r in records}),
    }


# ---- the one reader of votes ----------------------------------------------------------------

def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


class VoteBook:
    """Votes, resolutions and outcomes as one viewer may see them.

    ``viewer`` is the asking reviewer (a ``Reviewer``), or None for the workspace owner at the
    command line (whoever can open the files can read the database anyway). Owners and arbiters
    see everything; a screener under blind mode sees their own votes, and everyone's on decided
    studies. Methods starting with ``_`` are unmasked and serve the rules and the queue only;
    their results must never be handed to a reviewer.
    """

    def __init__(self, ws, viewer: Reviewer | None = None, study_ids: Iterable[int] | None = None,
                 stages: Sequence[str] = STAGES):
        self.ws = ws
        self.viewer = viewer
        self.settings = ws.settings
        # full text depends on the title/abstract outcome, so loading it loads both
        self.stages = tuple(STAGES) if FULL_TEXT in stages else tuple(stages)
        self._events: dict[tuple[int, str], list[VoteEvent]] = {}
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
        for batch in (batches or [None]):
            where, params = stage_filter, tuple(self.stages)
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
                else:
                    events[key] = [event]
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

    def as_seen_by(self, viewer: Reviewer | None) -> "VoteBook":
        """The same votes as ``viewer`` may see them, without reading them again (shares this
        book's rows and derived outcomes; masking happens in the public methods)."""
        view = copy.copy(self)
        view.viewer = viewer
        return view

    # -- who sees what

    @property
    def sees_everything(self) -> bool:
        return (self.viewer is None or self.viewer.role in ("owner", "arbiter") or not self.settings.blind)

    def _may_see_others(self, study_id: int, stage: str) -> bool:
        return self.sees_everything or self._outcome(study_id, stage).decided

    # -- unmasked internals (rules and queue only)

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
                status, reason, conflict = combine_votes([(only.vote, only.reason)], stage,
                                                         self.settings.stages[stage].votes_needed)
                state = (status, reason, conflict, {only.reviewer_id: only}, [])
            else:
                state = _replay(events, stage, self.settings.stages[stage].votes_needed)
            self._cache[key] = state
        return state

    def _active(self, study_id: int, stage: str) -> dict[int, VoteEvent]:
        return self._state(study_id, stage)[3]

    def _last_event_at(self, study_id: int, stage: str, reviewer_id: int) -> str | None:
        times = [e.at for e in self._events.get((study_id, stage), []) if e.reviewer_id == reviewer_id]
        return times[-1] if times else None

    def _latest_resolution(self, study_id: int, stage: str) -> ResolutionEvent | None:
        resolutions = self._resolutions.get((study_id, stage))
        return resolutions[-1] if resolutions else None

    def _outcome(self, study_id: int, stage: str) -> Outcome:
        key = (study_id, stage)
        outcome = self._outcomes.get(key)
        if outcome is None:
            outcome = self._outcomes[key] = self._derive_outcome(study_id, stage)
        return outcome

    def _derive_outcome(self, study_id: int, stage: str) -> Outcome:
        needed = self.settings.stages[stage].votes_needed
        if stage == FULL_TEXT:
            if self._outcome(study_id, TITLE_ABSTRACT).status != "include":
                return Outcome(study_id, stage, "not_reached", needed)
            if self._fulltext.get(study_id) == "not_retrieved":
                return Outcome(study_id, stage, "not_retrieved", needed)
        status, reason, conflict, active, late = self._state(study_id, stage)
        decided_by = "votes" if status in DECISIONS else None
        resolution = self._latest_resolution(study_id, stage)
        if resolution is not None:
            status, reason, conflict, decided_by = resolution.decision, resolution.reason, None, "arbiter"
        late_disagreement = status in DECISIONS and any(
            e.vote != "retract" and (e.vote in SAYS_INCLUDE) != (status == "include") for e in late)
        return Outcome(study_id, stage, status, needed, reason, conflict, decided_by, len(active), late_disagreement)

    def _eligible(self, study_id: int, stage: str) -> bool:
        """Whether the study is at this stage and can be screened there."""
        if stage == TITLE_ABSTRACT:
            return True
        return self._outcome(study_id, stage).status not in ("not_reached", "not_retrieved")

    # -- what a viewer may see

    def outcome(self, study_id: int, stage: str) -> Outcome:
        true = self._outcome(study_id, stage)
        if self.sees_everything or true.decided or true.status in ("not_reached", "not_retrieved"):
            return true
        return Outcome(study_id, stage, "undecided", true.votes_needed)

    def votes(self, study_id: int, stage: str, *, history: bool = False) -> list[VoteEvent]:
        """Current votes (or, with ``history``, every vote event) the viewer may see, oldest first."""
        events = self._events.get((study_id, stage), [])
        if not history:
            events = sorted(self._active(study_id, stage).values(), key=lambda e: e.id)
        if self._may_see_others(study_id, stage):
            return list(events)
        own = self.viewer.id if self.viewer is not None else None
        # The queue state stored with a vote says whether the study was awaiting another vote and
        # what the ranker had learnt from everyone's votes: hidden from a blinded screener too.
        return [replace(e, ranker_state_json="{}") for e in events if e.reviewer_id == own]

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


# ---- writing: votes and resolutions ---------------------------------------------------------

def _reasons_text(ws) -> str:
    reasons = ws.settings.exclusion_reasons
    return "; ".join(f"'{r}'" for r in reasons) if reasons else "(the list is empty)"


def check_reason(ws, stage: str, decision: str, reason: str, *, required: bool | None = None) -> str:
    """The canonical exclusion reason for a vote or resolution, or a ScreeningError naming the list."""
    reason = (reason or "").strip()
    if decision != "exclude":
        if reason:
            raise UsageError(f"a reason goes with an exclusion only, not with '{decision}'; "
                             f"put other remarks in the note")
        return ""
    needed = ws.settings.stages[stage].reason_required if required is None else required
    settings_file = ws.path / "review.toml"
    if not reason:
        if needed:
            raise ScreeningError(f"an exclusion at {stage} needs a reason (--reason), one of the "
                                 f"exclusion_reasons in {settings_file}: {_reasons_text(ws)}")
        return ""
    for known in ws.settings.exclusion_reasons:
        if known.casefold() == reason.casefold():
            return known
    raise ScreeningError(f"reason '{reason}' is not one of the exclusion_reasons in {settings_file}: "
                         f"{_reasons_text(ws)}; use one of them, or add it to that list")


def _check_text(value: str, what: str) -> str:
    if not isinstance(value, str):
        raise UsageError(f"{what} must be text")
    if len(value) > 10_000:
        raise UsageError(f"{what} is {len(value)} characters long; keep it under 10,000")
    return value


def _require_at_stage(book: VoteBook, study_id: int, stage: str) -> None:
    """ScreeningError unless the study can be screened or resolved at ``stage`` (votes and
    resolutions refuse the same studies, with the same words)."""
    status = book.outcome(study_id, stage).status
    if status == "not_reached":
        raise ScreeningError(f"study {study_id} has not reached full text: its title/abstract outcome "
                             f"is '{book.outcome(study_id, TITLE_ABSTRACT).status}', not include")
    if status == "not_retrieved":
        raise ScreeningError(f"study {study_id}'s full text is marked not retrieved; attach it with "
                             f"`screener fulltext` first")


def cast_vote(ws, reviewer: Reviewer | str, study_id: int, stage: str, vote: str,
              reason: str = "", note: str = "") -> dict[str, Any]:
    """Record ``reviewer``'s vote (include | exclude | maybe, or 'retract') on a study at a stage.

    Returns ``{"study", "stage", "reviewer", "recorded", "vote", "outcome"}`` as the voter may see
    it: ``recorded`` is False when the same vote was already their current one (a retry writes
    nothing). Refused with one line and nothing written: an unknown reviewer or study, an arbiter,
    a stage the study has not reached, a missing or unknown reason, a retraction without a vote,
    a study that already has its votes, and a decided study — except from a reviewer the queue
    gave the study to, whose first vote is always taken.
    """
    check_stage(stage)
    if vote not in VOTES + ("retract",):
        raise UsageError(f"vote {vote!r} is not a vote; use include, exclude, maybe or retract")
    note = _check_text(note or "", "the note")
    if vote == "retract" and (reason or note):
        raise UsageError("a retraction takes no reason or note")
    from screener.workspace import queue  # leases live there; imported late (queue imports us)

    with ws.transaction() as conn:
        who = as_reviewer(ws, reviewer)
        if not who.can_vote:
            raise PermissionDenied(f"reviewer '{who.name}' is an {who.role}; arbiters resolve conflicts "
                                   f"(`screener resolve`) and do not vote")
        require_current_study(ws, study_id)
        book = VoteBook(ws, who, [study_id])
        _require_at_stage(book, study_id, stage)
        reason = check_reason(ws, stage, vote, reason) if vote != "retract" else ""
        own = book._active(study_id, stage).get(who.id)
        if own is not None and vote != "retract" and (own.vote, own.reason, own.note) == (vote, reason, note):
            # a retry of the current vote (e.g. after a timeout) is answered, never refused or repeated
            return _vote_answer(book, who, study_id, stage, recorded=False)
        true = book._outcome(study_id, stage)
        holds_lease = own is None and queue._holds_lease(ws, who.id, study_id, stage,
                                                        book._last_event_at(study_id, stage, who.id))
        if true.decided and not holds_lease:
            by = "by the arbiter" if true.decided_by == "arbiter" else "by agreement"
            raise ScreeningError(f"study {study_id} is already decided at {stage} ({true.status} {by}); "
                                 f"only an arbiter can change it now")
        if vote == "retract":
            if own is None:
                raise ScreeningError(f"reviewer '{who.name}' has no vote on study {study_id} at {stage} to retract")
        elif own is None and not holds_lease:
            busy = len(book._active(study_id, stage)) + len(queue._others_leasing(ws, book, study_id, stage, who.id))
            if busy >= true.votes_needed:
                raise ScreeningError(f"study {study_id} already has the {true.votes_needed} reviewers it needs "
                                     f"at {stage}; take your next study with `screener next`")
        ranker_state = queue._lease_ranker_state(ws, who.id, study_id, stage) if vote != "retract" else {}
        conn.execute(
            "INSERT INTO votes (at, reviewer_id, study_id, stage, vote, reason, note, ranker_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (utcnow(), who.id, study_id, stage, vote, reason, note, json.dumps(ranker_state)))
        ws.log_event("vote", who.name, f"study:{study_id}", {"stage": stage, "vote": vote, "reason": reason})
        return _vote_answer(VoteBook(ws, who, [study_id]), who, study_id, stage, recorded=True)


def retract_vote(ws, reviewer: Reviewer | str, study_id: int, stage: str) -> dict[str, Any]:
    """Withdraw the reviewer's current vote (the web app's undo); allowed until the study is decided."""
    return cast_vote(ws, reviewer, study_id, stage, "retract")


def _vote_answer(book: VoteBook, who: Reviewer, study_id: int, stage: str, *, recorded: bool) -> dict[str, Any]:
    own = book.vote_of(study_id, stage, who.id)
    return {"study": study_id, "stage": stage, "reviewer": who.name, "recorded": recorded,
            "vote": own.to_dict() if own else None, "outcome": book.outcome(study_id, stage).to_dict()}


def resolve(ws, arbiter: Reviewer | str, study_id: int, stage: str, decision: str,
            reason: str = "", note: str = "") -> dict[str, Any]:
    """An arbiter's (or owner's) decision on a conflict, or a change to a decided outcome.

    Every earlier vote stays on record. An exclusion needs a reason where the stage requires one
    and whenever the conflict is over the reason. Returns the conflict view of the study.
    """
    check_stage(stage)
    if decision not in DECISIONS:
        raise UsageError(f"decision {decision!r} is not a decision; use include or exclude")
    note = _check_text(note or "", "the note")
    with ws.transaction() as conn:
        who = as_reviewer(ws, arbiter)
        if not who.can_resolve:
            raise PermissionDenied(f"reviewer '{who.name}' is a {who.role}; only an arbiter or the owner "
                                   f"can resolve conflicts")
        require_current_study(ws, study_id)
        book = VoteBook(ws, who, [study_id])
        _require_at_stage(book, study_id, stage)
        true = book._outcome(study_id, stage)
        if true.status in ("unscreened", "pending"):
            raise ScreeningError(f"study {study_id} is not in conflict at {stage}: it has {true.votes} of the "
                                 f"{true.votes_needed} votes it needs; nothing to resolve yet")
        required = True if true.conflict == "reason" else None
        reason = check_reason(ws, stage, decision, reason, required=required)
        latest = book._latest_resolution(study_id, stage)
        if not (latest and (latest.decision, latest.reason, latest.note) == (decision, reason, note)):
            conn.execute("INSERT INTO resolutions (at, arbiter_id, study_id, stage, decision, reason, note)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", (utcnow(), who.id, study_id, stage, decision, reason, note))
            ws.log_event("resolve", who.name, f"study:{study_id}",
                         {"stage": stage, "decision": decision, "reason": reason, "was": true.status})
        after = VoteBook(ws, who, [study_id])
        view = _conflict_view(ws, after, study_id, stage)
        if stage == TITLE_ABSTRACT:
            # Overturning a title/abstract include takes the study out of full text: say what that
            # leaves behind there (the votes stay on record; they no longer decide anything).
            full_text_votes = after.votes(study_id, FULL_TEXT)
            if (book._outcome(study_id, FULL_TEXT).status != "not_reached"
                    and after._outcome(study_id, FULL_TEXT).status == "not_reached" and full_text_votes):
                n = len(full_text_votes)
                votes = "1 full-text vote stays on record but no longer counts" if n == 1 else \
                    f"{n} full-text votes stay on record but no longer count"
                view["warning"] = f"study {study_id} leaves full text: its {votes}"
        return view


# ---- reading: outcomes, conflicts, progress -------------------------------------------------

def _viewer(ws, viewer: Reviewer | str | None) -> Reviewer | None:
    return None if viewer is None else as_reviewer(ws, viewer)


def study_outcome(ws, study_id: int, stage: str, viewer: Reviewer | str | None = None) -> Outcome:
    """A study's outcome at a stage, as ``viewer`` may see it (None: the owner, unmasked)."""
    check_stage(stage)
    require_current_study(ws, study_id)
    return VoteBook(ws, _viewer(ws, viewer), [study_id]).outcome(study_id, stage)


def all_outcomes(ws, viewer: Reviewer | str | None = None) -> dict[str, dict[int, Outcome]]:
    """``{stage: {study_id: Outcome}}`` for every current study (full text: ``not_reached`` too)."""
    book = VoteBook(ws, _viewer(ws, viewer))
    studies = sorted(current_studies(ws))
    return {stage: {sid: book.outcome(sid, stage) for sid in studies} for stage in STAGES}


def stage_outcomes(ws, stage: str, viewer: Reviewer | str | None = None) -> dict[int, Outcome]:
    """``{study_id: Outcome}`` at one stage for every current study (``.decision`` is None until decided)."""
    check_stage(stage)
    book = VoteBook(ws, _viewer(ws, viewer))
    return {sid: book.outcome(sid, stage) for sid in sorted(current_studies(ws))}


def decision_counts(ws) -> dict[str, dict[str, int]]:
    """Per stage: studies decided include / exclude, and those in an open conflict."""
    book = VoteBook(ws)
    counts = {stage: {"include": 0, "exclude": 0, "conflict": 0} for stage in STAGES}
    for sid in current_studies(ws):
        for stage in STAGES:
            status = book._outcome(sid, stage).status
            if status in counts[stage]:
                counts[stage][status] += 1
    return counts


def _conflict_view(ws, book: VoteBook, study_id: int, stage: str) -> dict[str, Any]:
    """A study's conflict as ``book``'s viewer sees it; ``ws`` None leaves the title to the caller."""
    title = study_summary(ws, study_id, hide_authors=False)["title"] if ws is not None else None
    return {
        "study": study_id, "stage": stage, "title": title,
        "outcome": book.outcome(study_id, stage).to_dict(),
        "votes": [e.to_dict() for e in book.votes(study_id, stage)],
        "history": [e.to_dict() for e in book.votes(study_id, stage, history=True)],
        "resolutions": [r.to_dict() for r in book.resolutions(study_id, stage)],
    }


def list_conflicts(ws, viewer: Reviewer | str | None = None, stage: str | None = None) -> list[dict[str, Any]]:
    """Open conflicts with every vote (current and history) — the arbiter's and owner's view.
    Read from the queue's kept state: only studies with votes can be in conflict."""
    from screener.workspace.queue_state import kept_state

    who = _viewer(ws, viewer)
    if who is not None and not who.can_resolve:
        raise PermissionDenied(f"reviewer '{who.name}' is a {who.role}; conflicts are shown to arbiters "
                               f"and the owner only")
    stages = STAGES if stage is None else (check_stage(stage),)
    found = []
    with kept_state(ws) as state:
        book = state.view(who)
        for st in stages:
            for sid in sorted(state.stages[st].active):
                if book.outcome(sid, st).status == "conflict":
                    view = _conflict_view(None, book, sid, st)
                    view["conflict"] = view["outcome"]["conflict"]
                    found.append(view)
    titles: dict[int, str] = {}
    for view in found:            # records are read outside the lock the queue needs
        if view["study"] not in titles:
            titles[view["study"]] = study_summary(ws, view["study"], hide_authors=False)["title"]
        view["title"] = titles[view["study"]]
    return found


def conflict_counts(ws) -> dict[str, int]:
    """Open conflicts per stage (the owner's dashboard), without building their views."""
    from screener.workspace.queue_state import kept_state

    with kept_state(ws) as state:
        book = state.view(None)
        return {st: sum(1 for sid in state.stages[st].active if book._outcome(sid, st).status == "conflict")
                for st in STAGES}


def progress(ws, viewer: Reviewer | str | None = None) -> dict[str, Any]:
    """Per stage: studies at the stage, counts by outcome, and per reviewer voted / remaining /
    awaiting decision (and conflicts, for the owner's and arbiter's view). A blinded screener gets
    their own row only and no conflict counts (a conflict would reveal the other's vote).

    Read from the queue's kept state (screener.workspace.queue_state): only studies with votes or
    resolutions are looked at one by one, the rest are counted — the screening page shows this
    after every vote, so it must not cost a pass over every study of a large review."""
    from screener.workspace.queue_state import kept_state

    who = _viewer(ws, viewer)
    with kept_state(ws) as state:
        book = state.view(who)
        full = book.sees_everything
        if full:
            voters = {e.reviewer_id for events in book._events.values() for e in events}
            people = [r for r in list_reviewers(ws) if r.role in VOTING_ROLES or r.id in voters]
        else:
            people = [who]
        result: dict[str, Any] = {"viewer": who.name if who else None, "stages": {}}
        for stage in STAGES:
            queue = state.stages[stage]
            _, at_stage = state.pool(stage)
            needed = ws.settings.stages[stage].votes_needed
            with_events = [sid for sid in queue.active if sid in at_stage]
            status = queue.status                      # the owner's statuses, kept per study
            counts = Counter(status[sid] for sid in with_events)
            counts["unscreened"] += len(at_stage) - len(with_events)
            rows = []
            for person in people:
                voted = [sid for sid in with_events if person.id in queue.active[sid]]
                decided_or_mine = sum(1 for sid in with_events if status[sid] in DECISIONS or person.id in queue.active[sid]
                                      or (full and len(queue.active[sid]) >= needed))
                row = {"name": person.name, "role": person.role, "voted": len(voted),
                       "remaining": len(at_stage) - decided_or_mine,
                       "awaiting_decision": sum(1 for sid in voted if status[sid] not in DECISIONS)}
                if full:
                    row["conflicts"] = sum(1 for sid in voted if status[sid] == "conflict")
                rows.append(row)
            entry = {"studies": len(at_stage), "votes_needed": needed}
            if full:
                for name in ("include", "exclude", "conflict", "pending", "unscreened"):
                    entry[name] = counts.get(name, 0)
            else:
                entry["include"], entry["exclude"] = counts.get("include", 0), counts.get("exclude", 0)
                entry["undecided"] = len(at_stage) - entry["include"] - entry["exclude"]
            if stage == FULL_TEXT:
                entry["not_retrieved"] = sum(1 for sid, kind in book._fulltext.items()
                                             if kind == "not_retrieved" and sid in state.studies
                                             and book._outcome(sid, FULL_TEXT).status == "not_retrieved")
            entry["reviewers"] = rows
            result["stages"][stage] = entry
        gone = sorted(book.voted_studies() - state.studies) if full else []
    if full:
        # Votes on studies dedupe merged away stay on record (and in agreement statistics); the
        # owner sees where those studies went, to check the surviving study's outcome.
        result["merged_away_with_votes"] = [{"study": sid, "merged_into": merged_into(ws, sid)} for sid in gone]
    return result


def study_view(ws, viewer: Reviewer | str | None, study_id: int, stage: str) -> dict[str, Any]:
    """Everything about one study at one stage that ``viewer`` may see (the web app's study page)."""
    check_stage(stage)
    who = _viewer(ws, viewer)
    require_current_study(ws, study_id)
    book = VoteBook(ws, who, [study_id])
    from screener.workspace.fulltext import fulltext_for
    view = study_summary(ws, study_id) if who is not None and who.role == "screener" else \
        study_summary(ws, study_id, hide_authors=False)
    attached = fulltext_for(ws, study_id)
    view.update({
        "stage": stage,
        "outcome": book.outcome(study_id, stage).to_dict(),
        "votes": [e.to_dict() for e in book.votes(study_id, stage)],
        "resolutions": [r.to_dict() for r in book.resolutions(study_id, stage)],
        "fulltext": attached.to_dict() if attached else None,
    })
    return view


def reviewer_votes(ws, reviewer: Reviewer | str, stage: str | None = None) -> list[dict[str, Any]]:
    """A reviewer's own current votes, newest first, each with the study's title and the outcome as
    they may see it (the web app's "my screening" list, from which a vote can be changed or undone)."""
    who = as_reviewer(ws, reviewer)
    book = VoteBook(ws, who)
    current = current_studies(ws)
    stages = STAGES if stage is None else (check_stage(stage),)
    found = []
    titles: dict[int, str] = {}   # a study voted on at both stages is read once
    for st in stages:
        for sid in sorted(book.voted_studies() & current):
            own = book.vote_of(sid, st, who.id)
            if own is not None:
                if sid not in titles:
                    titles[sid] = study_summary(ws, sid)["title"]
                found.append((own.id, {"study": sid, "stage": st, "title": titles[sid],
                                       "vote": own.to_dict(), "outcome": book.outcome(sid, st).to_dict()}))
    return [item for _, item in sorted(found, key=lambda pair: pair[0], reverse=True)]


def screening_flow(ws) -> dict[str, Any]:
    """The screening half of the PRISMA 2020 flow: studies screened and excluded at title/abstract,
    reports sought, not retrieved, assessed, excluded with reasons, included, and what is undecided.
    Read from the queue's kept state: a study without votes or resolutions is undecided."""
    from screener.workspace.queue_state import kept_state

    with kept_state(ws) as state:
        book = state.view(None)
        studies = state.studies
        ta = {sid: book._outcome(sid, TITLE_ABSTRACT) for sid in state.stages[TITLE_ABSTRACT].active}
        sought = sorted(sid for sid, outcome in ta.items() if outcome.status == "include")
        ft = {sid: book._outcome(sid, FULL_TEXT) for sid in sought}
    not_retrieved = [sid for sid in sought if ft[sid].status == "not_retrieved"]
    reasons = Counter(ft[sid].reason or "(no reason given)" for sid in sought if ft[sid].status == "exclude")
    return {
        "records_screened": len(studies),
        "records_excluded": sum(1 for o in ta.values() if o.status == "exclude"),
        "records_undecided": len(studies) - sum(1 for o in ta.values() if o.decided),
        "reports_sought": len(sought),
        "reports_not_retrieved": len(not_retrieved),
        "reports_assessed": len(sought) - len(not_retrieved),
        "reports_excluded": sum(reasons.values()),
        "reports_excluded_by_reason": dict(sorted(reasons.items())),
        "reports_undecided": sum(1 for sid in sought if ft[sid].status in ("unscreened", "pending", "conflict")),
        "studies_included": sum(1 for sid in sought if ft[sid].status == "include"),
        "not_retrieved_studies": not_retrieved,
    }
