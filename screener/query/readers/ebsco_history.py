"""EBSCOhost's search history as a review's appendix prints it (Print Search History, often through a PDF): a
header row (`# Query Limiters/Expanders Last Run Via Results`), each row's search followed by its other columns
(`Limiters - Published Date: 20210101-20221231`, `Search modes - Boolean/Phrase`, `Interface - EBSCOhost`,
`Research Databases`, `Search Screen - Advanced Search`, `Database - CINAHL`) and its count, which the PDF may
split over two lines (`975,52` / `2`); the newest search first (read from S1 up: ``fielded_rows.newest_first``).

``ebsco_history_read(source, problems)``: the text the EBSCO reader reads, every column but the search blanked
(lines kept, so problems point at the page's lines), the limiters said with a warning (not searched), the print
date, header and page footers said in notes; unchanged when the text has none of the columns.
"""

from __future__ import annotations

import re

from screener.query.tokens import Problems

# where a row's other columns start: its limiters or expanders, else its search modes
_CELLS = re.compile(r"(?<!\S)(?:Limiters|Expanders|Search modes)\s+-(?:\s|$)")
_HAS_CELLS = re.compile(r"^\s*(?:Interface\s+-\s+EBSCOhost|Search modes\s+-)", re.I | re.M)
_HEADER = re.compile(r"^\s*(?:#\s+Query\s+(?:Limiters/Expanders\s+Last\s+Run\s+Via\s+)?Result(?:s)?"
                     # the history table on screen, copied a cell a line: its column names
                     r"|Search\s+ID\s*#|Search\s+Terms|Search\s+Options|Actions)\s*$", re.I)
# a row's start, not a search that combines rows (`S47 OR S48 OR S49` wrapped from the row above)
_ROW_START = re.compile(r"^\s*S\d+(?![\w*])(?!\s+(?:AND|OR|NOT)\b)", re.I)
# the Results column after the search's last line, one space before it (`… OR S58 1,436`, `wheez*) 88,215`)
_COUNT_ALONE = re.compile(r"^\s*\d{1,3}(?:,\d{3})+\s*$")
_COUNT = re.compile(r"(?<=\S) (\d{1,3}(?:,\d{3})+|\d+)\s*$")
_PRINTED = re.compile(r"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\b.*$")
_ROW = re.compile(r"^\s*S\d+\b", re.I)
_FOOTER = re.compile(r"^\s*(?:©|Copyright\b)", re.I)
_LIMITS = re.compile(r"^(?:Limiters|Expanders)\s+-.*?(?=\s*Search modes\s+-|$)", re.S)


def ebsco_history_read(source: str, problems: Problems) -> str:
    if not _HAS_CELLS.search(source):
        return _counted_history(source, problems)
    lines = source.split("\n")
    cells: list[str] = []
    at: tuple[int, int] | None = None      # the row's line and the column its cells start at
    said = False

    def end_row() -> None:
        if at is not None and (limits := _LIMITS.match(" ".join(" ".join(cells).split()))):
            problems.add("STRAY_CHARACTER", f"{limits.group(0)!r} (EBSCOhost's limiters on this search) is not a "
                         "search: not searched; apply the limits by hand or delete them", *at)

    for k, text in enumerate(lines):
        number = k + 1
        if _HEADER.match(text) or _PRINTED.match(text) or _FOOTER.match(text):
            problems.add("ANNOTATION_IGNORED", f"{text.strip()!r}: EBSCOhost's history header, print date or a page "
                         "footer (removed)", number, len(text) - len(text.lstrip()) + 1)
            lines[k] = ""
            if _HEADER.match(text) and k + 1 < len(lines) and lines[k + 1].strip().lower() == "s":
                lines[k + 1] = ""      # `Result` / `s`: the header's last word wrapped
            continue
        if at is not None and not _ROW.match(text):
            cells.append(text)
            lines[k] = ""
            continue
        if (m := _CELLS.search(text)) is not None:
            end_row()
            if not said:
                problems.add("ANNOTATION_IGNORED", "EBSCOhost's history columns after each search (limiters, search "
                             "modes, Last Run Via, results) are not searched (removed)", number, m.start() + 1)
                said = True
            at, cells = (number, m.start() + 1), [text[m.start():]]
            lines[k] = text[:m.start()]
        elif at is not None:
            end_row()
            at, cells = None, []
    end_row()
    return "\n".join(lines)


def _counted_history(source: str, problems: Problems) -> str:
    """The history printed with its Results column only (`# Query Results`): the header and footers removed, each
    row's count (after one space, on the row's last line) removed with a note; unchanged without that header."""
    lines = source.split("\n")
    if not any(_HEADER.match(t) and re.search(r"Query|ID", t, re.I) for t in lines):
        return source     # the column names `Search Terms`, `Actions` count only under `# Query` or `Search ID#`
    rows = [k for k, t in enumerate(lines) if _ROW_START.match(t)]
    counted = any(_HEADER.match(t) and "result" in t.lower() for t in lines)   # a Results column: counts to remove
    for k, text in enumerate(lines):
        if _HEADER.match(text) or _PRINTED.match(text) or _FOOTER.match(text):
            problems.add("ANNOTATION_IGNORED", f"{text.strip()!r}: EBSCOhost's history header, print date or a page "
                         "footer (removed)", k + 1, len(text) - len(text.lstrip()) + 1)
            lines[k] = ""
    for k, text in enumerate(lines):
        if counted and _COUNT_ALONE.match(text):     # a row's count the page broke away from it (`1,421,217` between its parts)
            problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({text.strip()})", k + 1,
                         len(text) - len(text.lstrip()) + 1)
            lines[k] = ""
    for first, after in zip(rows, rows[1:] + [len(lines)]):
        last = max((k for k in range(first, after) if lines[k].strip()), default=first)
        if counted and (count := _COUNT.search(lines[last])) is not None and (last > first or count.start() > 0):
            problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({count.group(1)})", last + 1, count.start(1) + 1)
            lines[last] = lines[last][:count.start()]
    return "\n".join(lines)
