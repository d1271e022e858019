"""CSV cells a spreadsheet would execute, neutralised on write and restored on read.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (OWASP "CSV injection"): a title such as ``=HYPERLINK(…)`` would run
when a reviewer opens an export. Every CSV we write goes through ``guard`` (a ``'`` in front: the
spreadsheets' own "this is text" mark) and our CSV reader through ``unguard``.

Exact both ways: ``guard`` adds one ``'`` to a value that matches ``'*[=+\\-@\\t\\r]`` (any
apostrophes, then a dangerous character) and leaves every other value alone; ``unguard`` removes
one ``'`` from a cell that matches ``'+[=+\\-@\\t\\r]``. So ``unguard(guard(v)) == v`` for every
``v`` (a value that already begins ``'=`` gets a second apostrophe and comes back with one).

Only our own files are unguarded: a CSV is ours when its header line is, byte for byte, one our
writers write (``SIGNATURES``; a test keeps this list equal to the writers' headers). A foreign
cell that genuinely begins ``'=`` (a file we did not write) is read as it is.
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
    """A cell read from a CSV we wrote, with the guard ``guard`` adds removed (call it only for
    files ``written_by_us`` says are ours)."""
    return cell[1:] if _GUARDED.match(cell) else cell


# The header lines our CSV writers write (without the line ending): the audit CSV, the ASReview
# CSV, the PRISMA-S searches table, the known-studies list, and dedupe's groups and pairs files.
SIGNATURES = frozenset({
    "study,title,authors,year,journal,doi,pmid,databases,source_records,labels,title_abstract_decision,"
    "title_abstract_reason,title_abstract_events,full_text_decision,full_text_reason,full_text_events,reviewers,"
    "reviewer_display_names",
    "record_id,title,abstract,authors,year,journal,doi,pmid,keywords,label_included",
    "database,platform,date,strategy,query_translation,count,new_records,status,warnings,tool_version,"
    "source,strategy_file,coverage,limits,notes",
    "id,title,year,doi,pmid",
    '"merged_ids"',
    "id_a,id_b,score,erratum,reasons",
})


def written_by_us(header_line: str) -> bool:
    """Whether a CSV whose header line is ``header_line`` is one of ours (its cells then carry our
    guard, which ``unguard`` removes)."""
    return header_line.lstrip("\ufeff").rstrip("\r\n") in SIGNATURES


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
