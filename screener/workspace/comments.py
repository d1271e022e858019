"""The discussion of a conflict: comments by the study's screeners and the arbiter, and the
arbiter's request that the screeners vote again. Both are rows of ``study_comments`` (events).

A thread opens when the study is in conflict at the stage (or was resolved by the arbiter after
one); before that, writing or reading it is refused (ScreeningError, HTTP 409). Who takes part:
the arbiters and owners, and the screeners who voted on the study at that stage; other screeners
see nothing of it (403).

Blinding: the arbiter (or an owner) starts the discussion. Until they have written in it, a
screener is refused with the same 409 whether or not the study is in conflict, so nothing a
screener can observe depends on another screener's undecided vote; the arbiter's first comment
(or re-vote request) is what ends the blind on that study for its screeners, who then see the
thread on their view of the study.

A re-vote request is an event the screeners see in the thread, and it is issue #21's re-vote for
each of them (``screening.request_revote``: a 'revote' event per screener whose vote is in): once
every vote a stage needs is in, votes are locked, and the request is what lets each screener
change their vote once.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from screener.errors import PermissionDenied, ScreeningError, UsageError
from screener.workspace.db import utcnow
from screener.workspace.reviewers import Reviewer, as_reviewer
from screener.workspace.screening import VoteBook, check_stage, request_revote, require_current_study

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

MAX_COMMENT = 5000
KINDS = ("comment", "revote_request")


def _check_text(text: Any, *, required: bool = True) -> str:
    if not isinstance(text, str):
        raise UsageError(f"a comment must be text, not {text!r}")
    cleaned = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    cleaned = cleaned.strip()
    if required and not cleaned:
        raise UsageError("the comment is empty; write something to say")
    if len(cleaned) > MAX_COMMENT:
        raise UsageError(f"the comment is {len(cleaned)} characters long; keep it under {MAX_COMMENT}")
    return cleaned


def _started_by_arbiter(ws: Workspace, study_id: int, stage: str) -> bool:
    return ws.db.execute(
        "SELECT 1 FROM study_comments c JOIN reviewers r ON r.id = c.reviewer_id WHERE c.study_id = ?"
        " AND c.stage = ? AND r.role IN ('arbiter', 'owner') LIMIT 1", (study_id, stage)).fetchone() is not None


def _require_member(ws: Workspace, who: Reviewer, study_id: int, stage: str) -> None:
    check_stage(stage)
    require_current_study(ws, study_id)
    book = VoteBook(ws, None, [study_id])
    if not who.can_resolve:
        # a screener's own votes only decide 403 vs 409; whether the study is in conflict never does
        voters = {e.reviewer_id for e in book.votes(study_id, stage, history=True) if e.vote != "retract"}
        if who.id not in voters:
            raise PermissionDenied(f"only the screeners of study {study_id} at {stage}, the arbiter and the "
                                   f"owner take part in its discussion")
        if not _started_by_arbiter(ws, study_id, stage):
            raise ScreeningError(f"study {study_id} has no discussion at {stage}: the arbiter opens one when "
                                 f"its screeners disagree")
        return
    in_conflict = book.outcome(study_id, stage).status == "conflict"
    if not (in_conflict or book.resolutions(study_id, stage) or _started_by_arbiter(ws, study_id, stage)):
        raise ScreeningError(f"study {study_id} is not in conflict at {stage}; its discussion opens when "
                             f"its screeners disagree")


def comments(ws: Workspace, viewer: Reviewer | str, study_id: int, stage: str) -> dict[str, Any]:
    """The thread of a study at a stage: ``{"study", "stage", "comments": [{"id", "at", "reviewer",
    "role", "kind", "text"}]}``, oldest first."""
    who = as_reviewer(ws, viewer)
    _require_member(ws, who, study_id, stage)
    rows = ws.db.execute(
        "SELECT c.id, c.at, r.name, r.role, c.kind, c.text FROM study_comments c JOIN reviewers r"
        " ON r.id = c.reviewer_id WHERE c.study_id = ? AND c.stage = ? ORDER BY c.id", (study_id, stage))
    return {"study": study_id, "stage": stage,
            "comments": [{"id": i, "at": at, "reviewer": name, "role": role, "kind": kind, "text": text}
                         for i, at, name, role, kind, text in rows]}


def thread_if_open(ws: Workspace, viewer: Reviewer | str, study_id: int, stage: str) -> dict[str, Any] | None:
    """The thread when ``viewer`` takes part and it is open, else None (for pages)."""
    try:
        return comments(ws, viewer, study_id, stage)
    except (ScreeningError, UsageError):
        return None


def add_comment(ws: Workspace, reviewer: Reviewer | str, study_id: int, stage: str, text: Any,
                kind: str = "comment") -> dict[str, Any]:
    """Add a comment (or, for an arbiter or owner, ``kind='revote_request'``) and return the thread."""
    if kind not in KINDS:
        raise UsageError(f"kind {kind!r}; use one of: {', '.join(KINDS)}")
    text = _check_text(text, required=kind == "comment")
    with ws.transaction() as conn:
        who = as_reviewer(ws, reviewer)
        if kind == "revote_request" and not who.can_resolve:
            raise PermissionDenied(f"reviewer '{who.name}' is {who.role_phrase}; only an arbiter or the owner asks "
                                   f"the screeners to vote again")
        _require_member(ws, who, study_id, stage)
        conn.execute("INSERT INTO study_comments (at, reviewer_id, study_id, stage, kind, text)"
                     " VALUES (?, ?, ?, ?, ?, ?)", (utcnow(), who.id, study_id, stage, kind, text))
        if kind == "revote_request":
            names = dict(conn.execute("SELECT id, name FROM reviewers").fetchall())
            for rid in sorted(VoteBook(ws, None, [study_id]).unmasked_votes(study_id, stage)):
                if VoteBook(ws, None, [study_id]).unmasked_outcome(study_id, stage).decided:
                    break     # a screener's pending change, accepted, decided it: no vote is left to ask for
                request_revote(ws, who, study_id, stage, names[rid], note=text)
        ws.log_event(kind, who.name, f"study:{study_id}", {"stage": stage, "length": len(text)})
    return comments(ws, who, study_id, stage)
