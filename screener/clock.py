"""The one clock of every stored event: ISO 8601 UTC timestamps that sort as text."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> str:
    """Event timestamps: ISO 8601 UTC with microseconds, so they sort as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
