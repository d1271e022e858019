"""The command line's words for what gets past a refusal (``error.remedy``): its own options."""

from __future__ import annotations

from screener.errors import AGAIN, COLUMNS, DATABASE, SKIP_BAD, ScreenerError

REMEDIES = {
    SKIP_BAD: "; fix the entry or import with --skip-bad",
    AGAIN: "; use --again to import it a second time",
    DATABASE: " with --database NAME",
    COLUMNS: "; say which column holds what with --columns title=COLUMN,authors=COLUMN,year=COLUMN,abstract=COLUMN",
}


def cli_line(exc: ScreenerError) -> str:
    """The error as the command line says it."""
    return exc.worded(REMEDIES)
