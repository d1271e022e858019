"""Owners' actions on every study a filter selects: a label, or an exclusion by the review team
before screening. Each study gets its own event carrying the filter that chose it.

A team exclusion is the owner's decision, never a vote: an owner's resolution (exclude, with the
reason) plus a ``team_exclusions`` row that keeps the filter, written only for studies nobody has
voted on at title/abstract (studies with votes are left to their screeners and counted as
skipped). PRISMA shows them apart: "excluded by the review team before screening".
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from screener.errors import PermissionDenied, UsageError
from screener.workspace.db import utcnow
from screener.workspace.labels import add_priors
from screener.workspace.queue_state import kept_state
from screener.workspace.reviewers import Reviewer, as_reviewer
from screener.workspace.screening import check_reason
from screener.workspace.settings import STAGES
from screener.workspace.study_labels import label_studies
from screener.workspace.study_search import StudyFilter, search_studies

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

TITLE_ABSTRACT = STAGES[0]
TEAM_NOTE = "excluded by the review team before screening"


def bulk_action(ws: Workspace, owner: Reviewer | str, flt: StudyFilter, *, label: str | None = None,
                decision: str | None = None, reason: str = "", prior: str | None = None) -> dict[str, Any]:
    """Label, exclude before screening, or give the ranker as known relevant (``prior``: 'relevant',
    as `rank prior` does: the protocol's seed references; still screened) every study ``flt`` selects
    (all pages)."""
    who = as_reviewer(ws, owner)
    if who.role != "owner":
        raise PermissionDenied(f"reviewer '{who.name}' is {who.role_phrase}; bulk actions are the owner's")
    if sum(x is not None for x in (label, decision, prior)) != 1:
        raise UsageError('send one of "label", "decision": "exclude" or "prior": "relevant" with the filter')
    chosen = flt.selects()
    ids = search_studies(ws, who, flt, page_size=1, ids_only=True)["ids"]
    if prior is not None:
        if not ids:
            raise UsageError("no study is selected: search or filter for the studies first")
        given = add_priors(ws, ids, stage=flt.stage, prior=prior, actor=who.name,
                           note="chosen with the filter " + json.dumps(chosen, ensure_ascii=False, sort_keys=True))
        return {"filter": chosen, "selected": len(ids), **given}
    if label is not None:
        labelled = label_studies(ws, who, ids, label, chosen)
        return {"filter": chosen, "selected": len(ids), "label": label, "labelled": labelled}
    if decision != "exclude":
        raise UsageError(f"decision {decision!r}: a bulk decision can only be exclude (before screening)")
    reason = check_reason(ws, TITLE_ABSTRACT, "exclude", reason, required=True)
    return exclude_before_screening(ws, who, ids, reason, chosen)


def exclude_before_screening(ws: Workspace, owner: Reviewer, ids: list[int], reason: str, chosen: dict) -> dict[str, Any]:
    with ws.transaction() as conn:
        with kept_state(ws) as state:
            screened = set(state.stages[TITLE_ABSTRACT].status)      # studies with votes or a decision
        todo = [sid for sid in ids if sid not in screened]
        now, filter_json = utcnow(), json.dumps(chosen, ensure_ascii=False, sort_keys=True)
        for sid in todo:
            rid = conn.execute("INSERT INTO resolutions (at, arbiter_id, study_id, stage, decision, reason, note)"
                               " VALUES (?, ?, ?, ?, 'exclude', ?, ?)",
                               (now, owner.id, sid, TITLE_ABSTRACT, reason, TEAM_NOTE)).lastrowid
            conn.execute("INSERT INTO team_exclusions (at, reviewer_id, study_id, resolution_id, reason, filter)"
                         " VALUES (?, ?, ?, ?, ?, ?)", (now, owner.id, sid, rid, reason, filter_json))
            ws.log_event("team_exclusion", owner.name, f"study:{sid}",
                         {"stage": TITLE_ABSTRACT, "reason": reason, "filter": chosen})
    return {"filter": chosen, "selected": len(ids), "decision": "exclude", "reason": reason,
            "excluded": len(todo), "skipped_screened": len(ids) - len(todo)}


def team_excluded(ws: Workspace) -> set[int]:
    """Studies whose title/abstract decision in force is a team exclusion (the newest resolution is
    one of them)."""
    rows = ws.db.execute(
        "SELECT t.study_id FROM team_exclusions t WHERE t.resolution_id = (SELECT max(id) FROM resolutions r"
        " WHERE r.study_id = t.study_id AND r.stage = ?)", (TITLE_ABSTRACT,))
    return {row[0] for row in rows}
