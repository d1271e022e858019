"""The date an import's search was run, as every surface says it (PRISMA-S item 13): the date the
owner gave (``import_metadata.searched_on``, m007), else the import's own date, said to be that.
Nothing is assumed in storage: an empty ``searched_on`` stays 'not given'."""

from __future__ import annotations

from typing import Any

DATE_NOT_GIVEN = "import date; date searched not given"


def date_searched(searched_on: str, imported_at: str) -> dict[str, Any]:
    """``date_searched`` (the date given, else the import's date in UTC), ``date_searched_given`` and
    ``date_searched_words``: '2026-11-30', or '2026-12-07 (import date; date searched not given)' —
    never the import's date passed off as the day the database was searched."""
    if searched_on:
        return {"date_searched": searched_on, "date_searched_given": True, "date_searched_words": searched_on}
    day = str(imported_at or "")[:10]
    return {"date_searched": day, "date_searched_given": False,
            "date_searched_words": f"{day} ({DATE_NOT_GIVEN})" if day else DATE_NOT_GIVEN}

