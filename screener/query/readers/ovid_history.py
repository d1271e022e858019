"""Residue of an Ovid search history copied out of a document: the database's coverage line
(`Ovid MEDLINE(R) ALL 1946 to July 01, 2021`, `Date searched: … Search Strategy:`), a PDF page's
copyright footer (`© 2024 …`), and the history
table copied with each cell on a line of its own (a Word or PDF supplement):

    #
    Searches
    Results
    1
    exp Neoplasms/
    4606655

The rows are read as the unnumbered searches they hold (their numbers count from 1, as the rows
do); the header, the row numbers and the counts are notes. A table whose rows do not count 1, 2, 3 …
is left as written (its errors say where)."""

from __future__ import annotations

import re

COVERAGE_RE = re.compile(r"(?i)^\s*(?:ovid\s+)?(?:medline|embase|apa\s+psycinfo|psycinfo|amed|emcare|ebm\s+reviews)"
                         r"\b[^/]*\b\d{4}\s+to\b[^/.]*(?:\.\s*)?$")
DATE_SEARCHED_RE = re.compile(r"(?i)^\s*date\s+searched\b.*search\s+strategy:\s*$")
_HEADER = ("#", "searches", "results")


def history_residue(lines: list[tuple[int, str]]) -> dict[int, tuple[str, str]]:
    """Physical line → (code, note) for each line of ``lines`` (line number, text; blank lines left out)
    that is residue of a copied search history rather than a search."""
    out: dict[int, tuple[str, str]] = {}
    for i, text in lines:
        if COVERAGE_RE.match(text) or DATE_SEARCHED_RE.match(text):
            out[i] = ("ANNOTATION_IGNORED", f"{text.strip()!r}: the database searched, not a search (removed)")
        elif text.lstrip().startswith("\u00a9"):
            # `© 2024 … JAMA Network Open.`: a PDF page's footer between two searches
            out[i] = ("ANNOTATION_IGNORED", f"{text.strip()!r}: a page's copyright line, not a search (removed)")
    for k in range(len(lines) - 2):
        if tuple(t.strip().lower() for _, t in lines[k:k + 3]) == _HEADER:
            rows = _cell_rows(lines[k + 3:])
            if rows:
                for i, _ in lines[k:k + 3]:
                    out[i] = ("ANNOTATION_IGNORED", "the search history's column headings (removed)")
                out.update(rows)
            break
    return out


def _cell_rows(lines: list[tuple[int, str]]) -> dict[int, tuple[str, str]]:
    """Row number, search line(s), count, row number …: the notes for the numbers and counts, or {}
    when the rows do not count from 1 or a row has no search."""
    out: dict[int, tuple[str, str]] = {}
    expected, k = 1, 0
    while k < len(lines):
        i, text = lines[k]
        if text.strip() != str(expected):
            break
        out[i] = ("ANNOTATION_IGNORED", f"the row number {expected} of the copied history (removed)")
        k += 1
        searched = 0
        while k < len(lines) and not lines[k][1].strip().replace(",", "").isdigit():
            searched += 1
            k += 1
        if not searched:
            return {}
        if k < len(lines) and lines[k][1].strip() != str(expected + 1):
            out[lines[k][0]] = ("HIT_COUNT_IGNORED", f"removed the hit count ({lines[k][1].strip()})")
            k += 1
        expected += 1
    return out if expected > 1 else {}


# a PDF table's column headings between its rows (`No.`, `Results`)
COLUMN_HEADING_RE = re.compile(r"(?i)^\s*(?:no\.|#|searches|results|search terms|hits)\s*$")
# a row's count after its search: `….ti,ab,kf 4317109`, `4 or/1-3 5046055`
TRAILING_COUNT_RE = re.compile(r"\s(\d{1,3}(?:,\d{3})+|\d{3,})\s*$")


def counted_rows(numbers: list[int | None]) -> bool:
    """Is this a history copied from a PDF table: rows numbered 1, 2, 3 … in order from the first line,
    their searches wrapped onto unnumbered, unindented lines (so fewer lines are numbered than
    ``is_numbered`` asks), other bare numbers being counts? ``numbers``: each line's number or None."""
    if not numbers or numbers[0] != 1:
        return False
    expected = 1
    for n in numbers:
        if n == expected:
            expected += 1
    return expected > 3 and numbers.count(None) > len(numbers) * 0.4
