"""Whether a study is open to a reviewer's vote, asked before they vote.

A screener who opens a study by its link (a colleague's message, an old bookmark) should read at
once that it is not theirs, not after pressing Include. ``closed_to_vote`` makes, without writing
anything, the checks ``screening.cast_vote`` makes on a vote, in the same order, and says which one
refuses: so it tells the screener no more than their vote's refusal would (under blind mode with
assignment, "assigned to others" comes before "decided", and depends on the roster alone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from screener.workspace import leases
from screener.workspace.assignment import applies_to, assignment
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.reviewers import as_reviewer
from screener.workspace.studies import require_current_study
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.outcomes import Outcome
    from screener.workspace.reviewers import Reviewer
    from screener.workspace.workspace import Workspace

NOT_REACHED = "not_reached"              # at full text: not included at title/abstract
NOT_RETRIEVED = "not_retrieved"          # at full text: its full text is marked not retrieved
ASSIGNED_TO_OTHERS = "assigned_to_others"
DECIDED = "decided"
TAKEN = "taken"                          # first come: it has the screeners it needs (voted or handed it)
OWNER_NOT_NEEDED = "owner_not_needed"    # blind mode: an owner's vote would take a screener's place


def closed_to_vote(ws: Workspace, reviewer: Reviewer | str, study_id: int, stage: str) -> str | None:
    """Why ``reviewer``'s vote on ``study_id`` at ``stage`` would be refused (one of the names
    above), or None when they may vote (their study, or one they already voted on and may change)."""
    who = as_reviewer(ws, reviewer)
    require_current_study(ws, study_id)
    book = VoteBook(ws, who, [study_id])
    status = book.outcome(study_id, stage).status
    if status in (NOT_REACHED, NOT_RETRIEVED):
        return status
    if book.unmasked_votes(study_id, stage).get(who.id) is not None:
        return None          # their own vote: shown to them, changed or asked to change as cast_vote decides
    refused = new_vote_refusal(ws, who, book, study_id, stage, book.unmasked_outcome(study_id, stage))
    return refused[0] if refused else None


def new_vote_refusal(ws: Workspace, who: Reviewer, book: VoteBook, study_id: int, stage: str,
                     true: Outcome) -> tuple[str, str] | None:
    """Why a first vote (not a retraction) of ``who`` on a study at its stage is refused, in the order
    ``screening.cast_vote`` says it: (ASSIGNED_TO_OTHERS | DECIDED | TAKEN | OWNER_NOT_NEEDED, the
    owner's refusal in words for the last, else ""), or None. One place for both: the vote's refusal
    and the page that says so before anyone votes."""
    plan = assignment(ws, stage)
    by_assignment = applies_to(plan, who.id)
    if by_assignment and not plan.assigned_to(who.id, study_id, book):
        return ASSIGNED_TO_OTHERS, ""
    holds = leases.holds_lease(ws, who.id, study_id, stage, book.last_vote_at(study_id, stage, who.id))
    if true.decided and not holds:
        return DECIDED, ""
    if not holds and not by_assignment:
        busy = len(book.unmasked_votes(study_id, stage)) + len(leases.others_leasing(ws, book, study_id, stage, who.id))
        if busy >= true.votes_needed:
            return TAKEN, ""
    displaces = owner_displaces_screener(ws, who, stage)     # an owner, where screeners suffice
    if displaces:
        return OWNER_NOT_NEEDED, displaces
    return None
