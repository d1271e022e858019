"""The Cochrane Library Search Manager's export, as a review's appendix prints it: a header (`Search Name:`,
`Date Run:`, `Comment:`, `ID Search Hits`), each search followed by its hit count after one space, `in Trials`
(the results shown were CENTRAL's) and `with Publication Year from 2012 to 2021` (the date limit set on the
search page) after the search; in a PDF, page footers (`© 2024 …`) between searches, and `with Cochrane Library
publication date Between Jun 2021 and Sep 2022` (an update search's window: when the records were added).

``export_read(source, problems)`` gives the text the Cochrane reader reads: the header lines blank, the counts
and `in Trials` removed (notes), the year range written as Cochrane's own `2012-2021:yr` limit ANDed on. Without
the `ID Search Hits` header a number at a line's end stays a search word (`type 2`), as before.
"""

from __future__ import annotations

import calendar
import re

from screener.query.tokens import Problems

_HEADER = re.compile(r"^\s*(?:(?:Search Name|Date Run|Last Saved|Comment|Description)\s*:.*|ID\s+Search\s+Hits)\s*$",
                     re.I)
_COLUMNS = re.compile(r"^\s*ID\s+Search\s+Hits\s*$", re.I | re.M)
_STARTS = re.compile(r"^\s*#\d+\b")
_COUNT = re.compile(r"(?<=\S)[ \t]+(\d{1,3}(?:,\d{3})+|\d+)[ \t]*$")
_YEARS = re.compile(r"\s+with\s+(?:Publication Year|Cochrane Library publication date)\s+from\s+(\d{4})\s+to\s+"
                    r"(\d{4}),?", re.I)
# a PDF's page footer between two searches (`© 2024 Balitsky AK et al. JAMA Network Open.`): not a search, and not
# the line above's last part (that line's count, before it, is still its count)
_FOOTER = re.compile(r"^\s*(?:©|\(c\)\s|Copyright\b)", re.I)
# `with Cochrane Library publication date Between Jun 2021 and Sep 2022`: when the record was added to the Cochrane
# Library (an update search's window), read as an entry date by the limit the Cochrane syntax reads
_ADDED = re.compile(r"\s+with\s+Cochrane Library publication date\s+(?:Between|from)\s+.+?$", re.I)
_MONTHS = {m.lower(): k for k, m in enumerate(calendar.month_abbr) if m}
#: the limit as the Cochrane reader reads it (after ``export_read`` put AND before it): months optional
ADDED = re.compile(r"with\s+Cochrane Library publication date\s+(?:Between|from)\s+(?:(?P<m1>[A-Za-z]{3})[a-z]*\s+)?"
                   r"(?P<y1>\d{4})\s+(?:and|to)\s+(?:(?P<m2>[A-Za-z]{3})[a-z]*\s+)?(?P<y2>\d{4})", re.I)


def added_limit(m: re.Match) -> tuple[str, tuple[str, str]]:
    """``ADDED``'s match as an entry-date limit: (first day, last day) as yyyymmdd, whole months or years."""
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    m1 = _MONTHS.get((m.group("m1") or "jan").lower(), 1)
    m2 = _MONTHS.get((m.group("m2") or "dec").lower(), 12)
    return "entry_date", (f"{y1:04d}{m1:02d}01", f"{y2:04d}{m2:02d}{calendar.monthrange(y2, m2)[1]:02d}")


_IN = re.compile(r"[ \t]*,?[ \t]+in\s+(Trials|Cochrane Reviews|Cochrane Protocols|Clinical Answers|Special "
                 r"Collections|Editorials)[ \t]*$", re.I)


def export_read(source: str, problems: Problems) -> str:
    """``source`` with the Search Manager's header, hit counts and `in Trials` notes removed (each said in a
    note) and `with Publication Year from A to B` read as the limit A-B:yr; unchanged when it is no export."""
    if not _COLUMNS.search(source):
        return source
    lines = source.split("\n")
    for k, text in enumerate(lines):
        if _FOOTER.match(text):
            problems.add("ANNOTATION_IGNORED", f"{text.strip()!r}: a page footer, not a search (removed)", k + 1,
                         len(text) - len(text.lstrip()) + 1)
            lines[k] = ""
    for k, text in enumerate(lines):
        number = k + 1
        if _HEADER.match(text):
            problems.add("ANNOTATION_IGNORED", f"{text.strip()!r}: the Search Manager's export header (removed)",
                         number, len(text) - len(text.lstrip()) + 1)
            lines[k] = ""
            continue
        after = next((t for t in lines[k + 1:] if t.strip()), None)
        if not text.strip() or not (after is None or _STARTS.match(after)):
            continue    # a search wrapped onto the next line: its count is on the last of them
        if (count := _COUNT.search(text)) is not None:
            problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({count.group(1)})", number, count.start(1) + 1)
            text = text[:count.start()]
        if (where := _IN.search(text)) is not None:
            problems.add("ANNOTATION_IGNORED", f"'in {where.group(1)}': the results were shown for that part of the "
                         "Cochrane Library (choose it on the results page; not searched)", number, where.start() + 1)
            text = text[:where.start()]
        if (years := _YEARS.search(text)) is not None:
            problems.add("ANNOTATION_IGNORED", f"{years.group(0).strip().rstrip(',')!r} read as the limit "
                         f"{years.group(1)}-{years.group(2)}:yr", number, years.start() + 1)
            text = f"{text[:years.start()]} AND {years.group(1)}-{years.group(2)}:yr{text[years.end():]}"
        elif (added := _ADDED.search(text)) is not None and (limit := ADDED.search(added.group(0))) is not None:
            first, last = added_limit(limit)[1]
            problems.add("ANNOTATION_IGNORED", f"{added.group(0).strip()!r} read as the entry-date limit {first}-{last} "
                         "(when the records were added to the Cochrane Library)", number, added.start() + 2)
            text = f"{text[:added.start()]} AND {added.group(0).strip()}"
        lines[k] = text
    return "\n".join(lines)
