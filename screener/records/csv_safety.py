"""CSV cells a spreadsheet would execute, neutralised on write and restored on read.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (OWASP "CSV injection"): a title such as ``=HYPERLINK(…)`` would run
when a reviewer opens an export. Every CSV we write goes through ``guard`` (a ``'`` in front: the
spreadsheets' own "this is text" mark) and our CSV reader through ``unguard``.

Exact both ways: ``guard`` adds one ``'`` to a value that matches ``'*[=+\\-@\\t\\r]`` (any
apostrophes, then a dangerous character) and leaves every other value alone; ``unguard`` removes
one ``'`` from a cell that matches ``'+[=+\\-@\\t\\r]``. So ``unguard(guard(v)) == v`` for every
``v`` (a value that already begins ``'=`` gets a second apostrophe and comes back with one). A
foreign CSV whose cells were guarded the same way (the convention is common) is restored too.
"""

from __future__ import annotations

import csv
import re
from typing import Any

_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def guard(value: Any) -> Any:
    """``value`` as it may be written to a CSV cell (text only; numbers pass unchanged)."""
    if isinstance(value, str) and _NEEDS_GUARD.match(value):
        return "'" + value
    return value


def unguard(cell: str) -> str:
    """A cell read from a CSV, with the guard ``guard`` adds removed."""
    return cell[1:] if _GUARDED.match(cell) else cell


class GuardedWriter:
    """``csv.writer`` whose every cell goes through ``guard``."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([guard(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class GuardedDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every cell goes through ``guard``."""

    def _dict_to_list(self, rowdict):
        # a private hook of csv.DictWriter (stable since Python 3.0), not in typeshed's stub
        return [guard(value) for value in super()._dict_to_list(rowdict)]  # type: ignore[misc]
