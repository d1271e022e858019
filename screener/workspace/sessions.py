"""Signed-in browser sessions (the ``web_sessions`` table, migration m010): opening and closing are
rows (append-only), and a session is live while its newest row is 'open'. The web app keeps the
session id in the cookie and hands this module its SHA-256 (``reviewers.token_hash``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from screener.errors import NotFoundError
from screener.workspace.db import utcnow
from screener.workspace.reviewers import get_reviewer

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def open_session(ws: Workspace, session_hash: str, reviewer_id: int) -> None:
    with ws.transaction() as conn:
        conn.execute("INSERT INTO web_sessions (at, session_hash, reviewer_id, kind) VALUES (?, ?, ?, 'open')",
                     (utcnow(), session_hash, reviewer_id))


def close_session(ws: Workspace, session_hash: str, reviewer_id: int) -> None:
    with ws.transaction() as conn:
        conn.execute("INSERT INTO web_sessions (at, session_hash, reviewer_id, kind) VALUES (?, ?, ?, 'close')",
                     (utcnow(), session_hash, reviewer_id))


def session_is_open(ws: Workspace, session_hash: str, reviewer_id: int) -> bool:
    """Whether the session's newest row is 'open' and belongs to ``reviewer_id``."""
    row = ws.db.execute("SELECT kind, reviewer_id FROM web_sessions WHERE session_hash = ? ORDER BY id DESC LIMIT 1",
                        (session_hash,)).fetchone()
    return row is not None and row["kind"] == "open" and row["reviewer_id"] == reviewer_id


def close_open_sessions(ws: Workspace, reviewer_name: str) -> int:
    """Close every open session of the reviewer named ``reviewer_name`` (none if there is no such
    reviewer); returns how many were closed."""
    try:
        reviewer = get_reviewer(ws, reviewer_name)
    except NotFoundError:
        return 0
    with ws.transaction() as conn:
        return conn.execute(
            "INSERT INTO web_sessions (at, session_hash, reviewer_id, kind)"
            " SELECT ?, s.session_hash, s.reviewer_id, 'close' FROM web_sessions s"
            " WHERE s.reviewer_id = ? AND s.kind = 'open' AND s.id = (SELECT max(t.id) FROM web_sessions t"
            " WHERE t.session_hash = s.session_hash)", (utcnow(), reviewer.id)).rowcount


def last_sign_ins(ws: Workspace) -> dict[int, str]:
    """``{reviewer id: time of their newest browser sign-in}`` (a session opened), for the team's
    'last active' column: a reviewer who signed in and has not voted yet has still signed in."""
    return {row[0]: row[1] for row in ws.db.execute(
        "SELECT reviewer_id, max(at) FROM web_sessions WHERE kind = 'open' GROUP BY reviewer_id")}
