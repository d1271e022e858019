"""Keeping the study search index (FTS5, migrations m013 and m018) in step with bulk writes.

A trigger re-indexes the studies each new ``study_links`` row touches, which is right for a merge
or a split of one pair but costs a grouped re-index per row on an import of thousands of records.
Writers of many rows wrap them in ``deferred_search_index``: inside it the trigger stands aside
(the ``study_search_deferred`` row, written in the writer's own transaction, so no other
connection ever sees it), and on the way out every study the new rows touched (each row's study
and the study its record was in before) is re-indexed in one DELETE and one INSERT ... SELECT.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# the studies that links written after :mark touched: where each record went, and where it was
_TOUCHED = """
    SELECT l.study_id FROM study_links l WHERE l.id > :mark
    UNION
    SELECT (SELECT p.study_id FROM study_links p WHERE p.source_record_id = l.source_record_id
            AND p.id <= :mark ORDER BY p.id DESC LIMIT 1)
    FROM study_links l WHERE l.id > :mark
"""

# as the trigger of m013/m018 writes them: a copy on purpose (a landed migration is frozen text, so it
# cannot import this); tests/workspace/test_search_index_sql.py keeps the three copies equal
_REINDEX = f"""
    INSERT INTO study_search (rowid, title, abstract, authors, keywords)
    SELECT c.study_id,
           group_concat(coalesce(json_extract(s.record, '$.title'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.abstract'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.authors'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.keywords'), ''), ' ')
    FROM current_links c JOIN source_records s ON s.id = c.source_record_id
    WHERE c.study_id IN ({_TOUCHED})
    GROUP BY c.study_id
"""


@contextmanager
def deferred_search_index(conn: sqlite3.Connection) -> Iterator[None]:
    """Write many ``study_links`` rows inside this (within a transaction), indexed once at the end.
    Nested use joins the outer one, which re-indexes everything written since it began."""
    if not conn.in_transaction:
        raise RuntimeError("deferred_search_index must run inside a transaction")
    if conn.execute("SELECT 1 FROM study_search_deferred").fetchone() is not None:
        yield
        return
    mark = conn.execute("SELECT coalesce(max(id), 0) FROM study_links").fetchone()[0]
    conn.execute("INSERT INTO study_search_deferred (since) VALUES (?)", (mark,))
    try:
        yield
    finally:
        # also when the body raised: a caller that catches the error and commits what came before
        # it keeps a right index, and the row is never left behind to silence the trigger
        _reindex_since(conn, mark)


def _reindex_since(conn: sqlite3.Connection, mark: int) -> None:
    """Re-index every study the links written after ``mark`` touched, and end the deferral."""
    try:
        conn.execute(f"DELETE FROM study_search WHERE rowid IN ({_TOUCHED})", {"mark": mark})
        conn.execute(_REINDEX, {"mark": mark})
        conn.execute("DELETE FROM study_search_deferred")
    except sqlite3.Error:
        if conn.in_transaction:     # else SQLite rolled back by itself (a full disk): nothing to keep
            raise


# authors and keywords through json(): the same minified JSON text json_extract gives the trigger
_INSERT_ROWS = ("INSERT INTO study_search (rowid, title, abstract, authors, keywords)"
                " VALUES (?, ?, ?, json(?), json(?))")


@contextmanager
def indexing_new_studies(conn: sqlite3.Connection) -> Iterator[Callable[[list[tuple]], None]]:
    """For a writer that only adds new records, each in a new study of its own (an import, a
    search): the trigger stands aside as in ``deferred_search_index``, and the writer hands over
    each new study's index row — (study id, title, abstract, authors as JSON, keywords as JSON) —
    which goes in as it is, without reading the stored records back. If the body raises, every
    study written since it began is re-indexed from the tables (as ``deferred_search_index``
    does); inside an open deferral the rows are left to it."""
    if not conn.in_transaction:
        raise RuntimeError("indexing_new_studies must run inside a transaction")
    if conn.execute("SELECT 1 FROM study_search_deferred").fetchone() is not None:
        yield lambda rows: None      # the outer deferral re-indexes everything written meanwhile
        return
    mark = conn.execute("SELECT coalesce(max(id), 0) FROM study_links").fetchone()[0]
    conn.execute("INSERT INTO study_search_deferred (since) VALUES (?)", (mark,))

    def index(rows: list[tuple]) -> None:
        conn.executemany(_INSERT_ROWS, rows)

    try:
        yield index
    except BaseException:
        _reindex_since(conn, mark)
        raise
    conn.execute("DELETE FROM study_search_deferred")
