"""An export of the review itself, brought back to be imported into the same review.

``screener export`` writes the review's studies as RIS, BibTeX, EndNote XML, the audit CSV or ASReview's CSV,
and the importer reads every one of them back (they are meant for EndNote, Zotero, Covidence, ASReview). Imported
into the review it came from, such a file adds each of its studies again as a source record, and PRISMA's
"records identified" grows by as many: the count no longer says what the databases found.

Each record of such a file is, field for field (title, authors, year, DOI), the study's record it was written
from. A database's export can match the review's records so too (the same MEDLINE records from PubMed and from
Ovid), so a file counts as the review's own export only when ``SAME_SHARE`` of its records are records of the
review and either the file says it was written by screener (EndNote XML's ``source-app``, the audit CSV's and
the ASReview CSV's columns, the ``MARK`` line RIS and BibTeX begin with) or no one import holds them: a database's export
holds one database's records, an export of the review those of the several searches whose studies it lists. The
mark matters for a review whose studies nearly all came from one search: without it its export is, field for
field, that one import's records, as a database's second export of them would be.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.records.model import Record
from screener.workspace.repeats import SAME_SHARE

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

_CHUNK = 500              # titles per query
_AUDIT_COLUMNS = {"study", "source_records"}    # report.exports' audit CSV: no database writes these
# report.exports' ASReview CSV: its header line, whole (a reader keeps no empty column, and the labels of an
# unscreened review are all empty), is no database's either
ASREVIEW_COLUMNS = ["record_id", "title", "abstract", "authors", "year", "journal", "doi", "pmid", "keywords",
                    "label_included"]
# The first line of screener's RIS and BibTeX exports (BibTeX's as a `%` comment). RIS has no comment: a
# "Provider:" line before the first record is how the Cochrane Library heads its RIS, which reference managers
# import; rispy and our reader skip it (ours without a warning). Its words say what the file is to a person.
MARK = "Provider: screener, an export of a review's studies (not a database's search results)"


def _key(title: str, authors: list[str], year: int | None, doi: str) -> tuple:
    return (" ".join(title.split()), tuple(" ".join(a.split()).casefold().strip(" .,") for a in authors), year,
            (doi or "").lower())


def _written_by_screener(record: Record, path: Path | None) -> bool:
    if record.format == "endnote_xml":
        return record.tags.get("source-app") == ["screener"]
    first = _first_line(path) if path is not None else ""
    if record.format == "csv":
        return _AUDIT_COLUMNS <= record.tags.keys() or first.strip() == ",".join(ASREVIEW_COLUMNS)
    return first.lstrip("%").strip() == MARK


def _first_line(path: Path) -> str:
    """The file's first line that is not blank ('' when it cannot be read again: the records were read)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return ""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    return next((line for line in text.splitlines() if line.strip()), "")


def own_export(ws: Workspace, records: list[Record], path: Path | None = None) -> dict[str, Any] | None:
    """``{"matched", "records", "sources", "marked", "words"}`` when ``records`` are the review's own export read back
    (see the module's docstring); None otherwise. ``sources``: the imports (and PubMed searches run from
    screener) whose records they are, as ``"import 3"`` / ``"search 1"``. ``path``: the file they were read from,
    whose first line may carry screener's ``MARK``."""
    if not records:
        return None
    needed = math.ceil(SAME_SHARE * len(records))
    titles = sorted({r.title for r in records if r.title})
    # records are counted, not titles: an export made before dedupe holds each title once per database
    if sum(1 for r in records if r.title) < needed and len(records) > 1:
        return None
    rows = []
    for start in range(0, len(titles), _CHUNK):
        chunk = titles[start:start + _CHUNK]
        rows += ws.db.execute(
            "SELECT s.title, s.record, s.import_id, s.search_id FROM source_records s INDEXED BY source_records_title"
            " JOIN current_links c ON c.source_record_id = s.id"
            f" WHERE s.title != '' AND s.title IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    in_review = {row[0] for row in rows}
    if sum(r.title in in_review for r in records) < needed:
        return None       # most files: too few of their titles are the review's to read the records
    found: dict[tuple, set[str]] = {}          # a record's key → the sources holding a record with it
    for _, text, import_id, search_id in rows:
        data = json.loads(text)
        source = (f"import {import_id}" if import_id is not None else
                  f"search {search_id}" if search_id is not None else "records added by a script")
        found.setdefault(_key(data.get("title", ""), data.get("authors", []), data.get("year"),
                              data.get("doi", "")), set()).add(source)
    held = [found.get(_key(r.title, r.authors, r.year, r.doi)) for r in records]
    matched = [sources for sources in held if sources]
    if len(matched) < needed:
        return None
    marked = _written_by_screener(records[0], path)
    by_source: dict[str, int] = {}
    for sources in matched:
        for source in sources:
            by_source[source] = by_source.get(source, 0) + 1
    if not marked and max(by_source.values()) >= needed:
        return None       # one import holds them: that database's records, not the review's export
    own = {"matched": len(matched), "records": len(records), "marked": marked,
           "sources": sorted(by_source, key=lambda s: (s.split()[0], int(s.split()[-1]) if s[-1].isdigit() else 0))}
    return {**own, "words": own_export_words(own)}


def own_export_words(own: dict[str, Any]) -> str:
    """'its 91 records are the review's own studies, field for field (records of import 1, import 2 and search
    1): the review's own export read back'."""
    share = (("its one record is one of" if own["records"] == 1 else f"its {own['records']} records are")
             if own["matched"] == own["records"] else f"{own['matched']} of its {own['records']} records are")
    sources = own["sources"]
    held = ", ".join(sources[:-1]) + " and " + sources[-1] if len(sources) > 1 else sources[0]
    how = "written by screener's export" if own["marked"] else f"records of {held}"
    return f"{share} the review's own studies, field for field ({how}): the review's own export read back"
