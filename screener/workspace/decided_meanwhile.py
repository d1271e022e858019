"""A decision sent against the decision its sender saw: two arbiters (or the owner and an arbiter)
on one conflict, the second deciding on a page loaded before the first decided. Without this the
second decision silently replaced the first (the newest counts) and nobody was told. The sender
says which resolution was in force when they looked (0: none); a newer one refuses, naming it, and
sending again with that one's id replaces it knowingly (a new event; nothing is deleted)."""

from __future__ import annotations

from screener.errors import ScreeningError, UsageError
from screener.workspace.outcomes import ResolutionEvent


class DecidedMeanwhile(ScreeningError):
    """The conflict was decided after the sender looked (409); ``latest`` is that decision."""

    def __init__(self, message: str, latest: ResolutionEvent) -> None:
        super().__init__(message)
        self.latest = latest


def check_seen(latest: ResolutionEvent | None, expected: int | None, arbiter: str,
               sent: tuple[str, str, str]) -> ResolutionEvent | None:
    """Refuse when ``latest`` is not the resolution ``expected`` (0: none); None checks nothing (a
    script that does not say). The sender's own identical decision again is a repeat (a double
    click), not a refusal: ``resolve`` records nothing for it. Returns ``latest``."""
    if expected is None or (latest.id if latest else 0) == expected:
        return latest
    if latest is None:
        raise UsageError(f"expected: {expected} is no decision in force here: there is none yet; send 0 (none seen)")
    if latest.arbiter == arbiter and (latest.decision, latest.reason, latest.note) == sent:
        return latest
    what = latest.decision + (f" ({latest.reason})" if latest.reason else "")
    raise DecidedMeanwhile(
        f"study {latest.study_id} at {latest.stage} was decided meanwhile by {latest.arbiter}: {what} "
        f"({latest.at[:16].replace('T', ' ')} UTC, resolution {latest.id}); nothing was recorded; to replace it, "
        f'send the decision again with "expected": {latest.id}', latest)
