"""The Conflicts page's words for a decision made by someone else while this arbiter's page was
open: the refusal (nothing recorded; what was typed stays in the form) and, once the arbiter
resolves again, that their decision replaces the other's — before, the page said only 'Study 1 at
title/abstract: exclude (out of scope).', no word that it overrode someone."""

from __future__ import annotations

from typing import Any

from screener.web.people import person
from screener.workspace.db import utcnow
from screener.workspace.outcomes import ResolutionEvent


def _what(decision: str, reason: str) -> str:
    return decision + (f" ({reason})" if reason else "")


def meanwhile_line(latest: ResolutionEvent) -> str:
    """One line: who decided what and when (the day too when not today: a page left open overnight),
    that nothing was recorded, and what to do (the button is 'Decide again' once a decision exists)."""
    when = latest.at[11:16] if latest.at[:10] == utcnow()[:10] else latest.at[:16].replace("T", " ")
    return (f"Study {latest.study_id} was decided meanwhile by {person(latest.arbiter)}: "
            f"{_what(latest.decision, latest.reason)} ({when} UTC). Nothing of yours was recorded; your decision "
            f"is still in the form: to replace theirs, press Decide again.")


def replaced_line(resolved: dict[str, Any], who: str) -> str:
    """' It replaces dave's include.' when the decision just recorded replaced someone else's; else ''."""
    made = resolved.get("resolutions") or []
    if not resolved.get("recorded") or len(made) < 2 or made[-2]["arbiter"] == who:
        return ""
    before = made[-2]
    return f" It replaces {person(before['arbiter'])}'s {_what(before['decision'], before['reason'])}."
