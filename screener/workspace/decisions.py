"""The arbiter's decisions after the fact: one study's decision view (votes side by side and every
decision made on it) and the newest decisions, so that a decision can be changed where it was
made. A change is a new resolution row (the newest wins); nothing is deleted.

Before this the web app showed a conflict only while it was open: once resolved it left the
Conflicts page and nothing in the app led back to it, so an arbiter who clicked the wrong button
could not put it right (only `screener resolve` at the command line could)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screener.errors import PermissionDenied
from screener.workspace.reviewers import as_reviewer
from screener.workspace.screening import change_requests
from screener.workspace.stages import STAGES, check_stage
from screener.workspace.studies import current_studies, require_current_study, study_summary
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace import Workspace
    from screener.workspace.reviewers import Reviewer


def _arbiter(ws: Workspace, viewer: Reviewer | str) -> Reviewer:
    who = as_reviewer(ws, viewer)
    if not who.can_resolve:
        raise PermissionDenied(f"reviewer '{who.name}' is {who.role_phrase}; decisions are shown to arbiters "
                               f"and the owner only")
    return who


def decision_view(ws: Workspace, viewer: Reviewer | str, study_id: int, stage: str) -> dict[str, Any]:
    """One study at one stage as the Conflicts page shows a conflict, whether it is open, decided
    or not yet screened: ``outcome``, ``votes``, ``history``, ``resolutions`` (oldest first),
    ``change_requests``, ``title``. Arbiters and owners only (they see every vote)."""
    check_stage(stage)
    who = _arbiter(ws, viewer)
    require_current_study(ws, study_id)
    book = VoteBook(ws, who, [study_id])
    outcome = book.outcome(study_id, stage).to_dict()
    return {
        "study": study_id, "stage": stage, "title": study_summary(ws, study_id, hide_authors=False)["title"],
        "outcome": outcome, "conflict": outcome.get("conflict"),
        "votes": [e.to_dict() for e in book.votes(study_id, stage)],
        "history": [e.to_dict() for e in book.votes(study_id, stage, history=True)],
        "resolutions": [r.to_dict() for r in book.resolutions(study_id, stage)],
        "change_requests": change_requests(book, study_id, stage),
    }


def recent_decisions(ws: Workspace, viewer: Reviewer | str, stage: str | None = None,
                     limit: int = 10) -> list[dict[str, Any]]:
    """The newest ``limit`` studies decided by an arbiter or owner (newest decision first) at
    ``stage`` (both when None): ``study``, ``stage``, ``title``, ``decision``, ``reason``, ``by``,
    ``at``, ``changes`` (how many decisions the study has). The owner's bulk exclusions before
    screening are left out (hundreds of them would hide the arbiter's own). Arbiters and owners only."""
    who = _arbiter(ws, viewer)
    stages = STAGES if stage is None else (check_stage(stage),)
    current = current_studies(ws)
    picked: list[tuple[int, str]] = []
    # ids only: what was decided is read through the VoteBook below, as every read of decisions is
    for sid, st in ws.db.execute(
            "SELECT study_id, stage FROM resolutions r WHERE NOT EXISTS"
            " (SELECT 1 FROM team_exclusions t WHERE t.resolution_id = r.id)"
            " GROUP BY study_id, stage ORDER BY max(id) DESC"):
        if st in stages and sid in current:
            picked.append((sid, st))
            if len(picked) == limit:
                break
    book = VoteBook(ws, who, sorted({sid for sid, _ in picked}))
    found = []
    for sid, st in picked:
        made = book.resolutions(sid, st)
        last = made[-1]
        found.append({"study": sid, "stage": st, "title": study_summary(ws, sid, hide_authors=False)["title"],
                      "decision": last.decision, "reason": last.reason, "by": last.arbiter, "at": last.at,
                      "changes": len(made)})
    return found
