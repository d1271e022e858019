"""The ranker's stopping estimate as a given reviewer may see it (``screener.rank.live.
stopping_estimate`` with the viewer), cached until the next event: a page shows it on every view."""

from __future__ import annotations

import threading
from typing import Any

from screener.workspace.reviewers import Reviewer

_CACHE: dict[tuple, Any] = {}
_LOCK = threading.Lock()


def _change_mark(ws) -> int:
    """Every vote, resolution and full-text change logs an event: the newest event id tells
    whether anything changed since the estimate was computed."""
    return ws.db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]


def visible_stopping_estimate(ws, viewer: Reviewer | None, stage: str) -> dict[str, Any] | None:
    """The stopping estimate for ``stage`` that ``viewer`` may see; None until there is an include."""
    from screener.rank.live import stopping_estimate

    book_blind = viewer is not None and viewer.role == "screener" and ws.settings.blind
    key = (str(ws.path), stage, viewer.id if book_blind else None, _change_mark(ws),
           ws.settings.ranker_preset, ws.settings.ranker_seed)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    result = stopping_estimate(ws, stage, viewer)
    with _LOCK:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = result
    return result
