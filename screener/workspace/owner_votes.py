"""Whether an owner's vote would take a screener's place (blind mode).

Under blind mode two screeners vote on each study without seeing each other's votes. An owner
sees every vote and may vote too, which a small team needs (an owner and one screener). But where
the review's screeners can give every vote a study needs, an owner's vote takes one of their
places: with alice's vote in, the owner's vote closed the study (or put it in conflict) before bob
voted, so bob's queue, studies left and vote answers depended on alice's undecided vote — what the
README's blinding property rules out — and the study was decided by a vote cast by someone who had
seen the first. So an owner is then not given studies to screen (``next``) and their first vote on
a study is refused, in words that depend on the roster only; they resolve conflicts as arbiters do.
With blind mode off, or fewer screeners than a study needs votes, owners vote as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from screener.workspace.assignment import roster

if TYPE_CHECKING:
    from screener.workspace.reviewers import Reviewer
    from screener.workspace.workspace import Workspace


def owner_displaces_screener(ws: Workspace, who: Reviewer, stage: str) -> str | None:
    """Why ``who`` (an owner) may not take a vote at ``stage``, or None when they may (what to do instead,
    resolve conflicts or turn blind mode off, is the refusal's remedy: errors.OWNER_BLIND)."""
    if who.role != "owner" or not ws.settings.blind:
        return None
    needed = ws.settings.stages[stage].votes_needed
    screeners = len(roster(ws)[0])
    if screeners < needed:
        return None
    return (f"under blind mode the review's {screeners} screeners give the {needed} votes each study needs at "
            f"{stage}; an owner's vote would take a screener's place (and could decide a study before its "
            f"other screener votes)")
