"""The review team as the owner manages it: who is in it, who is active, revoking a sign-in.

Revoking mints a token that is never shown: the newest token is the only one that signs in, so every
link and session of the reviewer stops working, and nothing is deleted. A new link brings them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screener.errors import ScreeningError
from screener.workspace.reviewers import get_reviewer, list_reviewers, store_new_token
from screener.workspace.sessions import last_sign_ins
from screener.workspace.votebook import vote_activity

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def _state(ws: Workspace) -> dict[str, tuple[str, str]]:
    """``{reviewer name: (newest access event kind, at)}`` among token_mint and reviewer_revoke."""
    out: dict[str, tuple[str, str]] = {}
    for kind, subject, at in ws.db.execute(
            "SELECT kind, subject, at FROM events WHERE kind IN ('token_mint', 'reviewer_revoke') ORDER BY id"):
        if subject and subject.startswith("reviewer:"):
            out[subject.split(":", 1)[1]] = (kind, at)
    return out


def decisions_by_stage(ws: Workspace) -> dict[str, dict[str, int]]:
    """``{stage: {reviewer name: studies they decided}}``: an arbiter's (or owner's) resolutions and
    bulk exclusions, the work the progress tables of votes do not show."""
    out: dict[str, dict[str, int]] = {}
    for stage, name, count in ws.db.execute(
            "SELECT r.stage, v.name, count(DISTINCT r.study_id) FROM resolutions r JOIN reviewers v ON v.id = r.arbiter_id"
            " GROUP BY r.stage, v.name ORDER BY r.stage, v.id"):
        out.setdefault(stage, {})[name] = count
    return out


def team(ws: Workspace) -> list[dict[str, Any]]:
    """Every reviewer: role, whether their sign-in is revoked, their last activity (an event, a vote or
    a sign-in in the browser), vote count and how many studies they decided (an arbiter's or owner's
    resolutions, per study and stage)."""
    access = _state(ws)
    last = {row[0]: row[1] for row in ws.db.execute(
        "SELECT actor, max(at) FROM events WHERE kind NOT IN ('token_mint', 'reviewer_add', 'reviewer_revoke')"
        " GROUP BY actor")}
    voted, counts = vote_activity(ws)
    # an arbiter's work is decisions, not votes: studies and stages each has decided (bulk exclusions too)
    decided = {row[0]: row[1] for row in ws.db.execute(
        "SELECT arbiter_id, count(DISTINCT study_id || ':' || stage) FROM resolutions GROUP BY arbiter_id")}
    signed_in = last_sign_ins(ws)
    out = []
    for reviewer in list_reviewers(ws):
        seen = max((t for t in (last.get(reviewer.name), voted.get(reviewer.name), signed_in.get(reviewer.id)) if t),
                   default=None)
        state = access.get(reviewer.name)
        out.append({"name": reviewer.name, "role": reviewer.role, "created_at": reviewer.created_at,
                    "revoked": bool(state and state[0] == "reviewer_revoke"),
                    "link_minted_at": state[1] if state and state[0] == "token_mint" else None,
                    "last_active": seen, "votes": counts.get(reviewer.name, 0),
                    "decisions": decided.get(reviewer.id, 0)})
    return out


def revoke_reviewer(ws: Workspace, name: str, *, actor: str = "owner") -> dict[str, Any]:
    """Stop every link and session of ``name`` (a new link brings them back)."""
    with ws.transaction():
        reviewer = get_reviewer(ws, name)
        if name == actor:
            raise ScreeningError(f"you cannot revoke your own sign-in ({name}); another owner can")
        if _state(ws).get(name, ("",))[0] == "reviewer_revoke":
            raise ScreeningError(f"{name}'s sign-in is already revoked; mint a new link to let them back in")
        store_new_token(ws, reviewer, actor)          # a token nobody is shown: the old ones stop working
        ws.log_event("reviewer_revoke", actor, f"reviewer:{name}", {"reviewer": name})
    return next(item for item in team(ws) if item["name"] == name)
