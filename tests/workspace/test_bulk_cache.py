"""Storing records in bulk holds more of review.db in SQLite's page cache (db.BULK_CACHE_KIB) for
that write only: the free-text, title and identifier indexes take each new record at a random place,
and with SQLite's default 2 MB cache (64 pages of 32 KB) a workspace of 10^5 records read those
index pages back from the write-ahead log and wrote them again chunk after chunk (an import of
100,000 records into a workspace of 200,000 took a quarter more CPU, most of it system time; README,
Performance). Afterwards the connection's cache is what it was, so a web app's connections do not
each keep 64 MB."""

from __future__ import annotations

from screener.records.model import Record
from screener.workspace import db, store
from screener.workspace.workspace import Workspace


def _cache(conn) -> int:
    return conn.execute("PRAGMA cache_size").fetchone()[0]


def test_the_bulk_store_raises_the_page_cache_and_puts_it_back(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    before = _cache(ws.db)
    assert before != -db.BULK_CACHE_KIB
    during: list[int] = []

    def progress(_n: int) -> None:      # called after each chunk, inside the store
        during.append(_cache(ws.db))

    records = [Record(title=f"Study {i}", database="Test", format="ris", raw=f"TY  - JOUR\nTI  - Study {i}\nER  -")
               for i in range(3)]
    with ws.transaction() as conn:
        ids = store.store_source_records(conn, records, progress=progress)
    assert len(ids) == 3
    assert during == [-db.BULK_CACHE_KIB]
    assert _cache(ws.db) == before


def test_the_cache_is_put_back_when_the_store_fails(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    before = _cache(ws.db)

    def fail(_n: int) -> None:
        raise RuntimeError("disk gone")

    try:
        with ws.transaction() as conn:
            store.store_source_records(conn, [Record(title="A", database="Test", format="ris", raw="TY  - JOUR\nER  -")],
                                       progress=fail)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the store should have raised")
    assert _cache(ws.db) == before
    assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0
