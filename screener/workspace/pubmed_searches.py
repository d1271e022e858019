"""The PubMed search's tables: ``searches`` rows of database "PubMed" and their staging
(``pubmed_slices``, ``pubmed_result_pmids``, ``pubmed_batches``, ``pubmed_staged_records``).

``screener.search.pubmed`` talks to NCBI and decides what to fetch; it sits below the workspace,
so it reaches these functions through ``Workspace.pubmed_searches()`` and never runs SQL itself.
Each method that writes is one transaction, as the search's steps need them to be for a killed
run to resume (the listing, each batch, the import).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from screener.clock import utcnow
from screener.errors import SearchError
from screener.records.model import Record

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


class SliceRow(Protocol):
    """One slice of a search's PMID listing (``screener.search.pubmed.Slice``)."""

    mindate: str
    maxdate: str
    pmid_low: int | None
    pmid_high: int | None
    count: int
    ids: list[str]


class PubMedSearches:
    """Reads and writes of one workspace's PubMed searches and their staging tables."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # ---- finding earlier runs ----------------------------------------------------------------

    def resumable(self, database: str, query: str, platform: str) -> int | None:
        """The newest unfinished search of the same query on the same server, if any."""
        row = self.ws.db.execute(
            "SELECT id FROM searches WHERE database = ? AND query_sent = ? AND platform = ?"
            " AND status IN ('running', 'incomplete') ORDER BY id DESC LIMIT 1",
            (database, query, platform)).fetchone()
        return row[0] if row else None

    def previously_imported(self, database: str, query: str, platform: str, exclude: int | None) -> set[str]:
        """PMIDs that completed runs of the same query (other than ``exclude``) imported. A query
        compiled from a saved PubMed-syntax strategy was sent with parentheses around the whole of it
        before those were dropped: a run of it is the same query."""
        rows = self.ws.db.execute(
            "SELECT DISTINCT s.pmid FROM source_records s JOIN searches q ON q.id = s.search_id"
            " WHERE q.database = ? AND q.query_sent IN (?, ?) AND q.platform = ? AND q.status = 'complete'"
            " AND s.pmid != '' AND q.id != ?", (database, query, f"({query})", platform, exclude or -1))
        return {row[0] for row in rows}

    # ---- the search row ----------------------------------------------------------------------

    def log_failed(self, *, database: str, platform: str, strategy_text: str, strategy_file: str, query: str,
                   query_translation: str, count: int, warnings: list[dict[str, Any]], tool_version: str,
                   actor: str, event: dict[str, Any]) -> int:
        """A search PubMed rejected: its row (status ``failed``) and its event, in one transaction."""
        now = utcnow()
        with self.ws.transaction():
            search_id = self.ws.db.execute(
                "INSERT INTO searches (database, platform, started_at, finished_at, strategy_text, strategy_file,"
                " query_sent, query_translation, count, new_records, warnings, tool_version, status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'failed')",
                (database, platform, now, now, strategy_text, strategy_file, query, query_translation, count,
                 json.dumps(warnings, ensure_ascii=False), tool_version)).lastrowid or 0
            self.ws.log_event("search_failed", actor, f"search:{search_id}", event)
        return search_id

    def stage_listing(self, resumable: int | None, *, database: str, platform: str, strategy_text: str,
                      strategy_file: str, query: str, query_translation: str, count: int,
                      warnings: list[dict[str, Any]], tool_version: str, slices: Sequence[SliceRow],
                      actor: str, event: dict[str, Any]) -> int:
        """Mark the search ``incomplete`` (a new row, or ``resumable`` brought up to date) and stage
        its PMID listing, slice by slice, in one transaction. Each slice's ``ids`` are emptied once
        written (the caller's listing holds them; memory stays at one copy)."""
        with self.ws.transaction():
            db = self.ws.db
            if resumable is None:
                search_id = db.execute(
                    "INSERT INTO searches (database, platform, started_at, strategy_text, strategy_file, query_sent,"
                    " query_translation, count, warnings, tool_version, status)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'incomplete')",
                    (database, platform, utcnow(), strategy_text, strategy_file, query, query_translation, count,
                     json.dumps(warnings, ensure_ascii=False), tool_version)).lastrowid or 0
            else:
                search_id = resumable
                # PubMed may have changed since the interrupted run: this run's listing is the truth.
                db.execute("UPDATE searches SET status = 'incomplete', query_translation = ?, count = ?,"
                           " warnings = ?, platform = ? WHERE id = ?",
                           (query_translation, count, json.dumps(warnings, ensure_ascii=False), platform,
                            search_id))
                db.execute("DELETE FROM pubmed_result_pmids WHERE search_id = ?", (search_id,))
                db.execute("DELETE FROM pubmed_slices WHERE search_id = ?", (search_id,))
            position = 0
            for number, piece in enumerate(slices):
                db.execute("INSERT INTO pubmed_slices (search_id, slice_no, mindate, maxdate, pmid_low, pmid_high,"
                           " count) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (search_id, number, piece.mindate, piece.maxdate, piece.pmid_low, piece.pmid_high,
                            piece.count))
                db.executemany("INSERT INTO pubmed_result_pmids (search_id, pmid, position, slice_no)"
                               " VALUES (?, ?, ?, ?)",
                               ((search_id, pmid, position + i, number) for i, pmid in enumerate(piece.ids, 1)))
                position += len(piece.ids)
                piece.ids = []
            self.ws.log_event("search_resumed" if resumable else "search", actor, f"search:{search_id}", event)
        return search_id

    # ---- staging -----------------------------------------------------------------------------

    def already_staged(self, search_id: int) -> int:
        """How many PMIDs of the listing have a staged record (from an interrupted run)."""
        return int(self.ws.db.execute(
            "SELECT count(*) FROM pubmed_result_pmids p JOIN pubmed_staged_records s ON s.search_id = p.search_id"
            " AND s.pmid = p.pmid WHERE p.search_id = ?", (search_id,)).fetchone()[0])

    def unstaged(self, search_id: int, skip: set[str]) -> list[str]:
        """PMIDs of the listing with no staged record (and not in ``skip``), in PubMed's order."""
        rows = self.ws.db.execute(
            "SELECT p.pmid FROM pubmed_result_pmids p LEFT JOIN pubmed_staged_records s ON s.search_id = p.search_id"
            " AND s.pmid = p.pmid WHERE p.search_id = ? AND s.pmid IS NULL ORDER BY p.position", (search_id,))
        return [row[0] for row in rows if row[0] not in skip]

    def stage_batch(self, search_id: int, requested: int, received: int, records: Sequence[Record]) -> int:
        """One EFetch batch: its row and its records (a PMID staged before is kept), in one
        transaction. Returns how many records were newly staged."""
        with self.ws.transaction():
            db = self.ws.db
            batch_id = db.execute(
                "INSERT INTO pubmed_batches (search_id, at, requested, received, staged) VALUES (?, ?, ?, ?, ?)",
                (search_id, utcnow(), requested, received, 0)).lastrowid
            staged = 0
            for record in records:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO pubmed_staged_records (search_id, pmid, batch_id, record)"
                    " VALUES (?, ?, ?, ?)", (search_id, record.pmid, batch_id, record.to_json()))
                staged += cursor.rowcount
            # the batch row's own count, written once in the same transaction (never revised later)
            db.execute("UPDATE pubmed_batches SET staged = ? WHERE id = ?", (staged, batch_id))
        return staged

    def staged_in_order(self, search_id: int, skip: set[str]) -> Iterator[Record]:
        """The staged records in the listing's order (``record_number`` = position), 500 rows a read."""
        last = 0
        while True:
            rows = self.ws.db.execute(
                "SELECT p.position, p.pmid, s.record FROM pubmed_result_pmids p JOIN pubmed_staged_records s"
                " ON s.search_id = p.search_id AND s.pmid = p.pmid WHERE p.search_id = ? AND p.position > ?"
                " ORDER BY p.position LIMIT 500", (search_id, last)).fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                if row[1] in skip:
                    continue
                record = Record.from_json(row[2])
                record.record_number = row[0]
                yield record

    # ---- completing --------------------------------------------------------------------------

    def import_staged(self, search_id: int, *, database: str, warnings: list[dict[str, Any]], actor: str,
                      event: Callable[[int], dict[str, Any]]) -> int:
        """Import the staged records no earlier complete run of the query imported, mark the search
        ``complete`` and drop its staged records, in one transaction; ``event(new_records)`` is the
        ``search_complete`` event's payload. Returns how many source records were added."""
        ws = self.ws
        query, platform = ws.db.execute("SELECT query_sent, platform FROM searches WHERE id = ?",
                                        (search_id,)).fetchone()
        with ws.transaction():
            status = ws.db.execute("SELECT status FROM searches WHERE id = ?", (search_id,)).fetchone()[0]
            if status == "complete":  # another process ran the same query to the end meanwhile
                raise SearchError(f"search {search_id} was completed by another process while this one ran; "
                                  f"see `screener report searches`")
            skip = self.previously_imported(database, query, platform, exclude=search_id)
            # a record this run already imported (it cannot have: import is one transaction) is skipped too
            skip |= {row[0] for row in ws.db.execute("SELECT pmid FROM source_records WHERE search_id = ?",
                                                     (search_id,))}
            ids = ws.add_source_records(self.staged_in_order(search_id, skip), search_id=search_id, actor=actor)
            ws.db.execute("UPDATE searches SET status = 'complete', finished_at = ?, new_records = ?, warnings = ?"
                          " WHERE id = ?", (utcnow(), len(ids), json.dumps(warnings, ensure_ascii=False), search_id))
            ws.db.execute("DELETE FROM pubmed_staged_records WHERE search_id = ?", (search_id,))
            ws.log_event("search_complete", actor, f"search:{search_id}", event(len(ids)))
        return len(ids)


def all_searches(ws: Workspace) -> list[sqlite3.Row]:
    """Every ``searches`` row (each database search run from the tool, whatever its status), oldest first."""
    return ws.db.execute("SELECT * FROM searches ORDER BY id").fetchall()


def searches_as_imports(ws: Workspace) -> list[dict[str, Any]]:
    """Each database search run from the tool, as the list of imports shows it beside the export
    files: its number, database, platform, when, status, how many records it brought in (new ones:
    a rerun imports only what earlier runs did not) and what it searched."""
    out = []
    for row in all_searches(ws):
        out.append({"search": row["id"], "database": row["database"], "platform": row["platform"],
                    "at": row["finished_at"] or row["started_at"], "status": row["status"],
                    "count": row["count"], "records": row["new_records"] or 0,
                    "query": row["query_sent"] or "", "strategy_file": cited_file_name(row["strategy_file"])})
    return out


def cited_file_name(stored: str | None) -> str:
    """A search's strategy file as reports cite it: its name, as an import's is. The command line
    stored the path as typed, which could be where the file lay on the searcher's computer
    (``/home/…/medline.ovid``): private, and no use to a reader of the methods section. A saved
    version ("saved strategy MEDLINE v2") is cited by its label, whatever it holds."""
    text = str(stored or "")
    if not text or text.startswith("saved strategy "):
        return text
    return re.split(r"[\\/]", text.rstrip("/\\"))[-1] or text
