"""The Cochrane Library Search Manager's export, as a review's appendix prints it: a header (`Search Name:`,
`Date Run:`, `Comment:`, `ID Search Hits`), each search followed by its hit count after one space, `in Trials`
(the results shown were CENTRAL's) and `with Publication Year from 2012 to 2021` (the date limit set on the
search page) after the search.

``export_read(source, problems)`` gives the text the Cochrane reader reads: the header lines blank, the counts
and `in Trials` removed (notes), the year range written as Cochrane's own `2012-2021:yr` limit ANDed on. Without
the `ID Search Hits` header a number at a line's end stays a search word (`type 2`), as before.
"""

from __future__ import annotations

import re

from screener.query.tokens import Problems

_HEADER = re.compile(r"^\s*(?:(?:Search Name|Date Run|Last Saved|Comment|Description)\s*:.*|ID\s+Search\s+Hits)\s*$",
                     re.I)
_COLUMNS = re.compile(r"^\s*ID\s+Search\s+Hits\s*$", re.I | re.M)
_STARTS = re.compile(r"^\s*#\d+\b")
_COUNT = re.compile(r"(?<=\S)[ \t]+(\d{1,3}(?:,\d{3})+|\d+)[ \t]*$")
_YEARS = re.compile(r"\s+with\s+(?:Publication Year|Cochrane Library publication date)\s+from\s+(\d{4})\s+to\s+"
                    r"(\d{4}),?", re.I)
_IN = re.compile(r"[ \t]*,?[ \t]+in\s+(Trials|Cochrane Reviews|Cochrane Protocols|Clinical Answers|Special "
                 r"Collections|Editorials)[ \t]*$", re.I)


def export_read(source: str, problems: Problems) -> str:
    """``source`` with the Search Manager's header, hit counts and `in Trials` notes removed (each said in a
    note) and `with Publication Year from A to B` read as the limit A-B:yr; unchanged when it is no export."""
    if not _COLUMNS.search(source):
        return source
    lines = source.split("\n")
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
        lines[k] = text
    return "\n".join(lines)
