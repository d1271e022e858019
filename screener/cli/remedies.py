"""The command line's words for what gets past a refusal (``error.remedy``): its own options, and
what the person at the terminal does about a write the storage refused."""

from __future__ import annotations

from screener.errors import (
    AGAIN,
    COLUMNS,
    DATABASE,
    FREE_SPACE,
    LIST_IMPORTS,
    RETRY,
    SKIP_BAD,
    WRITABLE,
    ScreenerError,
)

REMEDIES = {
    SKIP_BAD: "; fix the entry or import with --skip-bad",
    AGAIN: "; use --again to import it a second time",
    DATABASE: " with --database NAME",
    COLUMNS: "; say which column holds what with --columns title=COLUMN,authors=COLUMN,year=COLUMN,abstract=COLUMN",
    RETRY: ": run the command again once it is done",
    FREE_SPACE: "; free some space and try again",
    WRITABLE: " (reading — status, exports, reports — still works)",
    LIST_IMPORTS: "; the imports are listed by `screener imports list DIR`",
}


def cli_line(exc: ScreenerError) -> str:
    """The error as the command line says it."""
    return exc.worded(REMEDIES)
