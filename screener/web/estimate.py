"""The ranker's stopping estimate as a given reviewer may see it.

``screener.rank.live.stopping_estimate`` counts every current vote, including the first vote on a
study still waiting for its second. Shown to a blinded screener, its counts would move when the
other screener votes — a side channel into votes they must not see. So a blinded screener gets the
same stopper run over decided studies only (in the order their screening began), read through the
blinded ``VoteBook``; owners, arbiters and unblinded reviews get the ranker's own estimate.
"""

from __future__ import annotations

import threading
from typing import Any

from screener.workspace.reviewers import Reviewer
from screener.workspace.screening import VoteBook, current_studies

_CACHE: dict[tuple, Any] = {}
_LOCK = threading.Lock()


def _change_mark(ws) -> int:
    """Every vote, resolution and full-text change logs an event: the newest event id tells
    whether anything changed since the estimate was computed."""
    return ws.db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]


def visible_stopping_estimate(ws, viewer: Reviewer | None, stage: str) -> dict[str, Any] | None:
    """The stopping estimate for ``stage`` that ``viewer`` may see; None until there is an include."""
    book_blind = viewer is not None and viewer.role == "screener" and ws.settings.blind
    key = (str(ws.path), stage, viewer.id if book_blind else None, _change_mark(ws),
           ws.settings.ranker_preset, ws.settings.ranker_seed)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    if book_blind:
        result = _decided_only(ws, viewer, stage)
    else:
        from screener.rank.live import stopping_estimate
        result = stopping_estimate(ws, stage)
        if result is not None:
            result["basis"] = "every current vote"
    with _LOCK:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = result
    return result


def _decided_only(ws, viewer: Reviewer, stage: str) -> dict[str, Any] | None:
    from screener.rank.ranker import Ranker, _spec
    from screener.rank.registry import build

    book = VoteBook(ws, viewer)
    pool, decided = 0, []
    for sid in sorted(current_studies(ws)):
        outcome = book.outcome(sid, stage)
        if outcome.status in ("not_reached", "not_retrieved"):
            continue
        pool += 1
        if outcome.decided:
            history = book.votes(sid, stage, history=True)   # visible: the study is decided
            started = min((e.id for e in history), default=1 << 60)
            decided.append((started, sid, 1 if outcome.decision == "include" else 0))
    sequence = [label for _, _, label in sorted(decided)]
    if not sequence or sum(sequence) == 0:
        return None
    config = Ranker(ws.settings.ranker_preset, seed=ws.settings.ranker_seed).config()
    stopper = build("stopper", *_spec(config["stopper"], "stopper"))
    if stopper.name == "none":
        stopper = build("stopper", "buscar")
    estimate = stopper.estimate(sequence, pool).to_json()
    estimate.update({"stage": stage, "studies": pool, "basis": "decided studies only (blind screening)"})
    return estimate
