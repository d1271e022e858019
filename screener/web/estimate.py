"""The ranker's stopping estimate as a given reviewer may see it (``screener.workspace.ranking.
stopping_estimate`` with the viewer), cached until the next event: a page shows it on every view."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from screener.workspace.ranking import stopping_estimate
from screener.workspace.reviewers import Reviewer

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

# Per review, stage and kind of viewer: (change mark, estimate, when it was made).
_LATEST: dict[tuple, tuple[int, Any, float]] = {}
_RUNNING: set[tuple] = set()
_LOCK = threading.Lock()
SLOW_FROM = 500   # an estimate over this many screened studies is refreshed in the background …
REFRESH_S = 2.0   # … at most this often (a team voting fast would otherwise keep a core busy with it)


def _change_mark(ws: Workspace) -> int:
    """Every vote, resolution and full-text change logs an event: the newest event id tells
    whether anything changed since the estimate was computed."""
    return ws.last_event_id()


def visible_stopping_estimate(ws: Workspace, viewer: Reviewer | None, stage: str) -> dict[str, Any] | None:
    """The stopping estimate for ``stage`` that ``viewer`` may see; None until there is an include.

    Its hypergeometric bound takes ~90 ms over 3,000 screened studies, and the screening page
    shows it after every vote. So once it is based on ``SLOW_FROM`` screened studies or more, a changed
    review gets the previous estimate at once (it says how many studies it is based on) while a
    background thread computes the new one — at most every ``REFRESH_S`` seconds — for a later
    page; small reviews always get a fresh one."""
    blind = viewer is not None and viewer.role == "screener" and ws.settings.blind
    key = (ws.key, stage, viewer.id if blind and viewer is not None else None, ws.settings.ranker_preset, ws.settings.ranker_seed)
    mark = _change_mark(ws)
    with _LOCK:
        latest = _LATEST.get(key)
        if latest is not None and latest[0] == mark:
            return latest[1]
        stale_ok = latest is not None and latest[1] is not None and latest[1]["screened"] >= SLOW_FROM
        if latest is not None and stale_ok and (key in _RUNNING or time.monotonic() - latest[2] < REFRESH_S):
            return latest[1]
        if stale_ok:
            _RUNNING.add(key)

    def compute(conn_ws) -> Any:
        result = stopping_estimate(conn_ws, stage, viewer)
        with _LOCK:
            if key not in _LATEST or _LATEST[key][0] <= mark:
                _LATEST[key] = (mark, result, time.monotonic())
        return result

    if not stale_ok:
        return compute(ws)

    def in_background() -> None:
        try:
            compute(ws)          # ws.db is per thread: this thread reads through its own connection
        finally:
            with _LOCK:
                _RUNNING.discard(key)

    threading.Thread(target=in_background, daemon=True, name="stopping-estimate").start()
    assert latest is not None       # stale_ok
    return latest[1]
