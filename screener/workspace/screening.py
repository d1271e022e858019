"""Screening rules — placeholder until issue #6 lands: only arbiter resolutions count as decisions."""

from __future__ import annotations

from screener.workspace.settings import STAGES


def decision_counts(ws) -> dict[str, dict[str, int]]:
    counts = {stage: {"include": 0, "exclude": 0} for stage in STAGES}
    rows = ws.db.execute(
        "SELECT stage, decision, count(*) FROM resolutions r"
        " WHERE id = (SELECT max(id) FROM resolutions s WHERE s.study_id = r.study_id AND s.stage = r.stage)"
        " GROUP BY stage, decision").fetchall()
    for stage, decision, n in rows:
        counts[stage][decision] = n
    return counts
