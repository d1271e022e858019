"""The outcome rules: vote and resolution events, and what a study's current votes decide.

Outcome rules (as Covidence), over each reviewer's latest non-retracted vote once a study has the
votes its stage needs: include/maybe only → include; exclude only → exclude (at full text, excludes
with different reasons are a conflict over the reason); a mix → conflict. The first moment the
votes agree decides the study; a later vote (only a lease holder may still cast one) is kept and
counted in agreement statistics but does not reopen it. An arbiter's resolution overrides, and
the newest resolution wins (applied by ``screener.workspace.votebook.VoteBook``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from screener.workspace.settings import STAGES

TITLE_ABSTRACT, FULL_TEXT = STAGES
VOTES = ("include", "exclude", "maybe")
DECISIONS = ("include", "exclude")
SAYS_INCLUDE = ("include", "maybe")  # "maybe" counts as include, for outcomes and for agreement


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


def replay_votes(events: list[VoteEvent], stage: str, votes_needed: int):
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
