"""Leases: which reviewer the queue gave a study to, until when, and with what queue state.

Leases are rows too: a release is a new row, never an update. The queue (``screener.workspace.
queue``) writes them; the vote rules read them (a reviewer the queue gave a study to may always
cast their first vote on it).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from screener.workspace.db import utcnow
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def newest_leases(ws: Workspace, stage: str, study_ids: list[int] | None = None):
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


def live_holders(ws: Workspace, book: VoteBook, stage: str, study_ids: list[int] | None = None,
                  leases: list | None = None) -> dict[int, set[int]]:
    """study → reviewers holding an unexpired lease they have not voted on since."""
    now = utcnow()
    holders: dict[int, set[int]] = {}
    for row in (newest_leases(ws, stage, study_ids) if leases is None else leases):
        if row["kind"] != "lease" or row["expires_at"] <= now:
            continue
        if row["reviewer_id"] in book.unmasked_votes(row["study_id"], stage):
            continue
        last = book.last_vote_at(row["study_id"], stage, row["reviewer_id"])
        if last is not None and last >= row["at"]:
            continue
        holders.setdefault(row["study_id"], set()).add(row["reviewer_id"])
    return holders


def others_leasing(ws: Workspace, book: VoteBook, study_id: int, stage: str, reviewer_id: int) -> set[int]:
    return live_holders(ws, book, stage, [study_id]).get(study_id, set()) - {reviewer_id}


def holds_lease(ws: Workspace, reviewer_id: int, study_id: int, stage: str, last_vote_at: str | None) -> bool:
    """Whether the queue gave this study to the reviewer (expired or not) and they have not voted since."""
    row = ws.db.execute("SELECT kind, at FROM leases WHERE reviewer_id = ? AND study_id = ? AND stage = ?"
                        " ORDER BY id DESC LIMIT 1", (reviewer_id, study_id, stage)).fetchone()
    return row is not None and row["kind"] == "lease" and (last_vote_at is None or row["at"] > last_vote_at)


def lease_ranker_state(ws: Workspace, reviewer_id: int, study_id: int, stage: str) -> dict[str, Any]:
    row = ws.db.execute("SELECT ranker_state FROM leases WHERE reviewer_id = ? AND study_id = ? AND stage = ?"
                        " AND kind = 'lease' ORDER BY id DESC LIMIT 1", (reviewer_id, study_id, stage)).fetchone()
    if row is None:
        return {"queue": "not used (vote cast without `next`)"}
    return json.loads(row["ranker_state"])


def write_lease(conn, reviewer_id: int, study_id: int, stage: str, expires_at: str,
                ranker_state: dict[str, Any]) -> None:
    """Give the study to the reviewer until ``expires_at``, with the queue state that chose it."""
    conn.execute("INSERT INTO leases (at, reviewer_id, study_id, stage, kind, expires_at, ranker_state)"
                 " VALUES (?, ?, ?, ?, 'lease', ?, ?)",
                 (utcnow(), reviewer_id, study_id, stage, expires_at, json.dumps(ranker_state)))


def write_release(conn, reviewer_id: int, study_id: int, stage: str) -> None:
    """The reviewer gives the study back (a new row; the lease row stays)."""
    now = utcnow()
    conn.execute("INSERT INTO leases (at, reviewer_id, study_id, stage, kind, expires_at)"
                 " VALUES (?, ?, ?, ?, 'release', ?)", (now, reviewer_id, study_id, stage, now))
