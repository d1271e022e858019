"""The screening queue: which study a reviewer screens next, and leases.

Order: studies that already have a vote come first, oldest vote first (so double screening
completes and conflicts surface early, and no ranker trained on pending votes can hint at them by
where it puts those studies), then the ranker's order (``screener.rank.live.rank_studies``; never file order).
Both screeners walk the same ordered list. ``next_study`` leases the study it hands out for
``lease_minutes``: while leases and votes together reach the votes a stage needs, nobody else is
given the study. A reviewer the queue gave a study to may always cast their first vote on it, even
if others decided it meanwhile. Leases are rows too: a release is a new row, never an update.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from screener.errors import PermissionDenied, UsageError
from screener.workspace.db import utcnow
from screener.workspace.reviewers import Reviewer, as_reviewer
from screener.workspace.screening import (FULL_TEXT, VoteBook, check_stage, current_studies,
                                          require_current_study, study_summary)

DEFAULT_LEASE_MINUTES = 30
MAX_LEASE_MINUTES = 7 * 24 * 60


def _newest_leases(ws, stage: str, study_ids: list[int] | None = None):
    """The newest lease row per reviewer and study at a stage."""
    sql = ("SELECT l.* FROM leases l WHERE l.stage = ? {extra} AND l.id = (SELECT max(m.id) FROM leases m"
           " WHERE m.reviewer_id = l.reviewer_id AND m.stage = l.stage AND m.study_id = l.study_id)")
    if study_ids is None:
        return ws.db.execute(sql.format(extra=""), (stage,)).fetchall()
    rows = []
    for start in range(0, len(study_ids), 500):
        batch = study_ids[start:start + 500]
        rows += ws.db.execute(sql.format(extra=f"AND l.study_id IN ({','.join('?' * len(batch))})"),
                              (stage, *batch)).fetchall()
    return rows


def _live_holders(ws, book: VoteBook, stage: str, study_ids: list[int] | None = None,
                  leases: list | None = None) -> dict[int, set[int]]:
    """study → reviewers holding an unexpired lease they have not voted on since."""
    now = utcnow()
    holders: dict[int, set[int]] = {}
    for row in (_newest_leases(ws, stage, study_ids) if leases is None else leases):
        if row["kind"] != "lease" or row["expires_at"] <= now:
            continue
        if row["reviewer_id"] in book._active(row["study_id"], stage):
            continue
        last = book._last_event_at(row["study_id"], stage, row["reviewer_id"])
        if last is not None and last >= row["at"]:
            continue
        holders.setdefault(row["study_id"], set()).add(row["reviewer_id"])
    return holders


def _others_leasing(ws, book: VoteBook, study_id: int, stage: str, reviewer_id: int) -> set[int]:
    return _live_holders(ws, book, stage, [study_id]).get(study_id, set()) - {reviewer_id}


def _holds_lease(ws, reviewer_id: int, study_id: int, stage: str, last_vote_at: str | None) -> bool:
    """Whether the queue gave this study to the reviewer (expired or not) and they have not voted since."""
    row = ws.db.execute("SELECT kind, at FROM leases WHERE reviewer_id = ? AND study_id = ? AND stage = ?"
                        " ORDER BY id DESC LIMIT 1", (reviewer_id, study_id, stage)).fetchone()
    return row is not None and row["kind"] == "lease" and (last_vote_at is None or row["at"] > last_vote_at)


def _lease_ranker_state(ws, reviewer_id: int, study_id: int, stage: str) -> dict[str, Any]:
    row = ws.db.execute("SELECT ranker_state FROM leases WHERE reviewer_id = ? AND study_id = ? AND stage = ?"
                        " AND kind = 'lease' ORDER BY id DESC LIMIT 1", (reviewer_id, study_id, stage)).fetchone()
    if row is None:
        return {"queue": "not used (vote cast without `next`)"}
    return json.loads(row["ranker_state"])


def _queue_candidates(ws, book: VoteBook, who: Reviewer, stage: str, order: list[int],
                      studies: set[int], leases: list) -> list[int]:
    """The studies ``who`` may be given now, in queue order."""
    needed = ws.settings.stages[stage].votes_needed
    holders = _live_holders(ws, book, stage, leases=leases)
    skipped = {row["study_id"] for row in leases
               if row["reviewer_id"] == who.id and row["kind"] == "release"}
    with_votes, without, later = [], [], []
    events, resolutions = book._events, book._resolutions
    check_eligible = stage == FULL_TEXT
    seen = set()
    for sid in order:
        if sid in seen or sid not in studies:
            continue
        seen.add(sid)
        if check_eligible and not book._eligible(sid, stage):
            continue
        key = (sid, stage)
        if key in resolutions:          # decided by the arbiter
            continue
        held_by = holders.get(sid)
        others = (len(held_by) - (who.id in held_by)) if held_by else 0
        if key not in events:           # nobody voted yet: the common case
            if others < needed:
                (later if sid in skipped else without).append(sid)
            continue
        # No outcome needs deriving here: a study decided by votes keeps at least the votes it
        # needs (nobody may retract after the decision), so one with fewer is undecided.
        active = book._active(sid, stage)
        if who.id in active or len(active) + others >= needed:
            continue
        if sid in skipped:
            later.append(sid)
        elif active:
            with_votes.append((min(e.id for e in active.values()), sid))
        else:
            without.append(sid)
    # Studies awaiting another vote go oldest vote first, not in the ranker's order: a ranker that
    # learns from pending votes would otherwise reveal them by where it puts the voted study.
    return [sid for _, sid in sorted(with_votes)] + without + later


def _links_signature(ws) -> tuple[int, int]:
    """Changes whenever study membership changes (study_links is append-only)."""
    return tuple(ws.db.execute("SELECT count(*), coalesce(max(id), 0) FROM study_links").fetchone())


def next_study(ws, reviewer: Reviewer | str, stage: str, *,
               lease_minutes: float = DEFAULT_LEASE_MINUTES) -> dict[str, Any] | None:
    """The next study for ``reviewer`` at ``stage``, leased to them; None when nothing is left.

    Asking again before voting gives the same study (its lease renewed). Returns the study's
    summary (``study``, ``title``, ``abstract``, ``authors``, ``year``, ``journal``, ``doi``,
    ``pmid``, ``keywords``, ...) plus ``stage``, ``remaining`` (studies left for this reviewer,
    this one included), ``lease_expires``, ``votes`` (what this reviewer may see: under blind mode
    nothing but their own) and, at full text, ``fulltext``.
    """
    from screener.rank.live import rank_studies

    check_stage(stage)
    if not 0 <= lease_minutes <= MAX_LEASE_MINUTES:   # also refuses NaN, which compares false
        raise UsageError(f"lease minutes {lease_minutes:g}: give a number of minutes from 0 to "
                         f"{MAX_LEASE_MINUTES} (a week)")
    who = as_reviewer(ws, reviewer)
    if not who.can_vote:
        raise PermissionDenied(f"reviewer '{who.name}' is an {who.role}; arbiters resolve conflicts "
                               f"(`screener conflicts`) and are not given studies to screen")
    # Rank outside the write lock (a real ranker may take a while); pick and lease inside it.
    studies, signature = current_studies(ws), _links_signature(ws)
    if stage == FULL_TEXT:
        pool_book = VoteBook(ws)
        pool = sorted(sid for sid in studies if pool_book._eligible(sid, stage))
    else:
        pool = sorted(studies)
    ranked = rank_studies(ws, stage, pool)
    with ws.transaction() as conn:
        if _links_signature(ws) != signature:  # dedupe merged studies meanwhile
            studies = current_studies(ws)
        book = VoteBook(ws, stages=(stage,))
        now = utcnow()
        leases = _newest_leases(ws, stage)
        held = [row for row in leases
                if row["reviewer_id"] == who.id and row["kind"] == "lease" and row["expires_at"] > now
                and row["study_id"] in studies
                and (book._last_event_at(row["study_id"], stage, who.id) or "") < row["at"]
                and who.id not in book._active(row["study_id"], stage)
                and book._eligible(row["study_id"], stage)
                and not book._outcome(row["study_id"], stage).decided]
        in_order = set(ranked.order)
        order = list(ranked.order) + [sid for sid in pool if sid not in in_order]  # any the ranker left out
        candidates = _queue_candidates(ws, book, who, stage, order, studies, leases)
        if held:
            chosen = held[-1]["study_id"]
            state = json.loads(held[-1]["ranker_state"])
            if chosen not in candidates:
                candidates.insert(0, chosen)
        elif candidates:
            chosen = candidates[0]
            awaiting = bool(book._active(chosen, stage))
            state = {**ranked.state, "queue": "awaiting another vote" if awaiting else "ranked"}
        else:
            return None
        expires = (datetime.now(timezone.utc) + timedelta(minutes=lease_minutes)).isoformat(timespec="microseconds")
        conn.execute("INSERT INTO leases (at, reviewer_id, study_id, stage, kind, expires_at, ranker_state)"
                     " VALUES (?, ?, ?, ?, 'lease', ?, ?)",
                     (utcnow(), who.id, chosen, stage, expires, json.dumps(state)))
    return _study_for_screener(ws, who, chosen, stage, remaining=len(candidates), lease_expires=expires)


def _study_for_screener(ws, who: Reviewer, study_id: int, stage: str, **extra) -> dict[str, Any]:
    from screener.workspace.fulltext import fulltext_for

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


def release_study(ws, reviewer: Reviewer | str, study_id: int, stage: str) -> None:
    """Give a leased study back (the web app's "skip"); others may be given it at once."""
    check_stage(stage)
    who = as_reviewer(ws, reviewer)
    require_current_study(ws, study_id)
    with ws.transaction() as conn:
        now = utcnow()
        conn.execute("INSERT INTO leases (at, reviewer_id, study_id, stage, kind, expires_at)"
                     " VALUES (?, ?, ?, ?, 'release', ?)", (now, who.id, study_id, stage, now))
