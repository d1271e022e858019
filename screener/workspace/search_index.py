"""Writing the free-text index of source records (FTS5, migration m021).

The index has one row per source record (rowid = the record's id) and reads its text from the
``record_search_text`` view of ``source_records`` (external content: no second copy). Records are
only ever added, never changed, so the one writer is the bulk store (``screener.workspace.store``),
which hands over each new record's row as it stores the record; merges, splits, withdrawals and
restores change which study a record is in, not its text, and leave the index alone (searching maps
records to their current studies: ``screener.workspace.study_search``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# authors and keywords through json(): the very text the view gives (json_extract of the stored
# JSON), so what is indexed is what a 'rebuild' of the index from the records would index
INSERT_ROWS = ("INSERT INTO record_search (rowid, title, abstract, authors, keywords)"
               " VALUES (?, ?, ?, json(?), json(?))")


def index_new_records(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Index source records just stored in this transaction: (record id, title, abstract, authors
    as JSON, keywords as JSON) each, the text stored in their ``record`` JSON."""
    conn.executemany(INSERT_ROWS, rows)


@contextmanager
def deferred_search_index(conn: sqlite3.Connection) -> Iterator[None]:
    """For writers of many ``study_links`` rows (dedupe runs, withdrawals, restores). Before m021
    the study index was re-indexed once at the end of such a write; membership no longer touches
    the index, so this only checks the write is inside a transaction, as it always required."""
    if not conn.in_transaction:
        raise RuntimeError("deferred_search_index must run inside a transaction")
    yield
