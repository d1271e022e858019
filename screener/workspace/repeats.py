"""An export whose records are already in the review under an earlier import.

The importer refuses a file whose bytes (sha256) were imported before. An export saved again
(Windows line ends, a blank line, an export date in its header) has other bytes and the same
records: it came in as a new import and doubled each of them in PRISMA's counts. This finds the
earlier import most of a file's records are, word for word, part of.

Two databases' exports share records too (that is what dedupe is for), but rarely nearly all of
them, and each database writes its records in its own way: so a record counts as the same only when
its text is (white space aside), and a file only when ``SAME_SHARE`` of its records are.

One search exported twice in two formats (Scopus as RIS and as CSV) has other text and the same
records: ``same_search`` finds the import of the same database whose records are the file's by PMID,
DOI or title and year, ``SAME_SHARE`` of them either way (the same size: a later search that found a
part of an import's records, or more, is another search).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from screener.output import counted
from screener.records.model import Record

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

SAME_SHARE = 0.9          # of a file's records, in one earlier import: the same export again
_CHUNK = 500              # titles per query (SQLite's variable limit is far above)


def _text(raw: str) -> str:
    """A record's text as compared: each line's own spaces and the line ends aside."""
    return "\n".join(line.strip() for line in raw.splitlines() if line.strip())


def earlier_import(ws: Workspace, records: list[Record]) -> dict[str, Any] | None:
    """The import still in the review (not withdrawn) whose records include ``SAME_SHARE`` or more
    of ``records``, word for word: ``{"import_id", "file", "at", "import_records", "matched",
    "records"}``; None when there is none (or the records keep no text to compare).

    Only an import of at least that many records can be one: most files meet none and read nothing.
    Otherwise the file's titles are looked up among those imports' records (an index, m023), and
    only records whose title is found have their text compared: the work grows with the file, not
    with the review."""
    if not records:
        return None
    needed = math.ceil(SAME_SHARE * len(records))
    candidates = [row[0] for row in ws.db.execute("SELECT id FROM imports WHERE records >= ? ORDER BY id", (needed,))]
    if not candidates:
        return None
    titles = sorted({r.title for r in records if r.title})
    found: dict[str, list[tuple[int, str]]] = {}      # title → (import id, raw) of the candidates' records
    for start in range(0, len(titles), _CHUNK):
        chunk = titles[start:start + _CHUNK]
        # records of imports still in the review: a withdrawn import's records are out of every study
        rows = ws.db.execute(
            "SELECT s.title, s.import_id, s.raw FROM source_records s INDEXED BY source_records_title"
            " JOIN current_links c ON c.source_record_id = s.id"
            f" WHERE s.title != '' AND s.title IN ({','.join('?' * len(chunk))})"
            f" AND s.import_id IN ({','.join('?' * len(candidates))})", (*chunk, *candidates))
        for title, import_id, raw in rows:
            found.setdefault(title, []).append((import_id, raw))
    texts = {_text(r.raw) for r in records if r.title in found and r.raw.strip()}
    if len(texts) < needed:
        return None
    matched: Counter[int] = Counter()
    for pairs in found.values():
        for import_id, text in {(import_id, _text(raw)) for import_id, raw in pairs}:
            if text in texts:
                matched[import_id] += 1
    if not matched:
        return None
    import_id, count = matched.most_common(1)[0]
    if count < needed:
        return None
    row = ws.db.execute("SELECT path, at, records FROM imports WHERE id = ?", (import_id,)).fetchone()
    return {"import_id": import_id, "file": row["path"].replace("\\", "/").rsplit("/", 1)[-1], "at": row["at"],
            "import_records": row["records"], "matched": count, "records": len(records)}


def counted_twice(repeat: dict[str, Any]) -> str:
    """'them' or, for a file of one record, 'it': what importing the file again would count twice."""
    return "it" if repeat.get("records") == 1 else "them"


def repeat_words(repeat: dict[str, Any]) -> str:
    """'its 9 records are the same as those of import 1 (cinahl.ris, 2026-12-07 18:25 UTC, 9 records)'; or, for
    the review's own export read back (own_exports.py), what it is."""
    if "words" in repeat:
        return repeat["words"]
    share = (("its one record is" if repeat["records"] == 1 else f"its {repeat['records']} records are")
             if repeat["matched"] == repeat["records"] else f"{repeat['matched']} of its {repeat['records']} records are")
    earlier = (f"import {repeat['import_id']} ({repeat['file']}, {repeat['at'][:16].replace('T', ' ')} UTC, "
               f"{counted(repeat['import_records'], 'record')})")
    those = "that" if repeat["records"] == 1 else "those"
    if "same_database" in repeat:
        return (f"{share} {those} of {earlier} of the same database ({repeat['same_database']}), matched by PMID, DOI "
                "or title: the same search again (exported in another format, or run on another platform)")
    return f"{share} the same as {those} of {earlier}"


def _keys(pmid: str, doi: str, title: str, year: int | None) -> set[tuple]:
    """What names a record in any format: its PMID, its DOI, its title (letters and digits) with its year."""
    keys: set[tuple] = set()
    if pmid.strip():
        keys.add(("pmid", pmid.strip()))
    if doi.strip():
        keys.add(("doi", doi.strip().lower()))
    words = re.sub(r"\W+", "", title.casefold())
    if words:
        keys.add(("title", words, year))
    return keys


def same_search(ws: Workspace, records: list[Record]) -> dict[str, Any] | None:
    """The import still in the review, of the database ``records`` count under, that holds them by PMID, DOI or
    title and year (``SAME_SHARE`` of the file's records are its, and of its records the file's): as
    ``earlier_import`` says it, with ``same_database``; None when there is none."""
    databases = sorted({r.database for r in records})
    if not records or databases == ["unknown"]:
        return None       # records that name no database: nothing says they are one database's search
    needed = math.ceil(SAME_SHARE * len(records))
    most = math.floor(len(records) / SAME_SHARE)
    # only imports of the same size and database are read (their database as the importer wrote it: the names, sorted)
    candidates = [row[0] for row in ws.db.execute(
        "SELECT id FROM imports WHERE records BETWEEN ? AND ? AND database = ? ORDER BY id",
        (needed, most, ", ".join(databases)))]
    candidates = _likely(ws, records, candidates)
    best: tuple[int, int] | None = None          # (import id, records of the file it holds)
    # the file's keys once, not once per candidate
    file_keys = [_keys(r.pmid, r.doi, r.title, r.year) for r in records] if candidates else []
    mine: set[tuple] = set().union(*file_keys)
    for import_id in candidates:
        rows = ws.db.execute("SELECT s.database, s.pmid, s.doi, s.title, s.year FROM source_records s"
                             " JOIN current_links c ON c.source_record_id = s.id WHERE s.import_id = ?",
                             (import_id,)).fetchall()
        if not rows or sorted({row[0] for row in rows}) != databases:
            continue
        held: set[tuple] = set()
        for row in rows:
            held |= _keys(row[1], row[2], row[3], row[4])
        matched = sum(bool(keys & held) for keys in file_keys)
        theirs = sum(bool(_keys(row[1], row[2], row[3], row[4]) & mine) for row in rows)
        if matched >= needed and theirs >= math.ceil(SAME_SHARE * len(rows)) and (best is None or matched > best[1]):
            best = (import_id, matched)
    if best is None:
        return None
    import_id, matched = best
    row = ws.db.execute("SELECT path, at, records FROM imports WHERE id = ?", (import_id,)).fetchone()
    # "same_database" (not "words", which pages read as the review's own export): repeat_words says how it matched
    return {"import_id": import_id, "file": row["path"].replace("\\", "/").rsplit("/", 1)[-1], "at": row["at"],
            "import_records": row["records"], "matched": matched, "records": len(records),
            "same_database": ", ".join(databases)}


SAMPLE = 100         # of a file's records, looked up in the candidates' by index before any is read whole
SAMPLE_SHARE = 0.5   # of them, found in a candidate by PMID, DOI or exact title, for it to be read whole


def _likely(ws: Workspace, records: list[Record], candidates: list[int]) -> list[int]:
    """The candidates that hold at least ``SAMPLE_SHARE`` of a sample of the file's records by PMID,
    DOI or exact title, looked up through the indexes: a living map's imports of one database are
    each other's candidates (the same size), and reading each whole (100,000 rows and their keys)
    took about 1.5 s of CPU a candidate, the tenth 100,000-record file nine of them. A file that is
    the same search again has most of its records there by these keys as exported (a title as the
    database writes it), far above the half asked here, so the sample only passes over imports the
    full comparison would refuse anyway."""
    if len(candidates) == 0:
        return candidates
    sample = [r for r in records if r.pmid or r.doi or r.title][:SAMPLE]
    if len(sample) < 20:
        return candidates          # too few to tell by: read each (a small file's candidates are small)
    found: dict[int, set[tuple[str, str]]] = {i: set() for i in candidates}
    marks = ", ".join("?" * len(candidates))
    for column, values in (("pmid", {r.pmid for r in sample if r.pmid}), ("doi", {r.doi for r in sample if r.doi}),
                           ("title", {r.title for r in sample if r.title})):
        if not values:
            continue
        # (each column's partial index holds the non-empty values: the condition says so to the planner)
        rows = ws.db.execute(
            f"SELECT import_id, {column} FROM source_records INDEXED BY source_records_{column}"
            f" WHERE {column} != '' AND {column} IN ({', '.join('?' * len(values))}) AND import_id IN ({marks})",
            (*values, *candidates))
        for import_id, value in rows:
            found[import_id].add((column, value))
    needed = SAMPLE_SHARE * len(sample)
    return [i for i in candidates
            if sum(("pmid", r.pmid) in found[i] or ("doi", r.doi) in found[i] or ("title", r.title) in found[i]
                   for r in sample) >= needed]

