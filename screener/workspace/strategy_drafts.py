"""The search strategy being written in the workbench, kept with the review rather than in one
browser: an information specialist who moves to another computer (or whose browser forgets its
storage) finds the text where they left it.

A draft is each person's own (what they are typing is not yet something to share: a saved version
is); it is an event (``strategy_draft``, subject ``reviewer:NAME``), so nothing is overwritten:
every draft recorded stays in the audit log.

    save_draft(ws, text, syntax, *, actor) -> dict     record the draft (nothing when unchanged)
    get_draft(ws, actor) -> dict | None                their newest draft
Both answer ``{"id", "at", "text", "syntax", "saved_as"}``: ``saved_as`` is the label of a saved
version with exactly this text and syntax (the draft is then saved work), else None.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from screener.query.workbench import check_input

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

DRAFT_EVENT = "strategy_draft"


def _saved_as(ws: Workspace, text: str, syntax: str) -> str | None:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row = ws.db.execute("SELECT s.name, v.version FROM strategy_versions v JOIN strategies s ON s.id = v.strategy_id"
                        " WHERE v.sha256 = ? AND v.syntax = ? ORDER BY v.id DESC LIMIT 1", (digest, syntax)).fetchone()
    return f"{row[0]} v{row[1]}" if row else None


def get_draft(ws: Workspace, actor: str) -> dict[str, Any] | None:
    row = ws.db.execute("SELECT id, at, payload FROM events WHERE kind = ? AND subject = ? ORDER BY id DESC LIMIT 1",
                        (DRAFT_EVENT, f"reviewer:{actor}")).fetchone()
    if row is None:
        return None
    payload = json.loads(row[2])
    return {"id": row[0], "at": row[1], "text": payload["text"], "syntax": payload["syntax"],
            "saved_as": _saved_as(ws, payload["text"], payload["syntax"])}


def save_draft(ws: Workspace, text: Any, syntax: Any, *, actor: str) -> dict[str, Any]:
    """Record ``text`` (which may be empty: a cleared editor is a draft too) as ``actor``'s draft."""
    syntax = "ovid" if syntax in (None, "") else syntax
    check_input(text, syntax, allow_empty=True)     # the workbench's own limits, so a draft can be checked
    with ws.transaction():
        newest = get_draft(ws, actor)
        if newest is not None and newest["text"] == text and newest["syntax"] == syntax:
            return {**newest, "recorded": False}
        event = ws.log_event(DRAFT_EVENT, actor, f"reviewer:{actor}", {"text": text, "syntax": syntax})
        at = ws.db.execute("SELECT at FROM events WHERE id = ?", (event,)).fetchone()[0]
    return {"id": event, "at": at, "text": text, "syntax": syntax, "saved_as": _saved_as(ws, text, syntax),
            "recorded": True}
