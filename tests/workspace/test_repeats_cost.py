"""Finding an earlier import a file's records repeat (repeats.py) reads only imports that could be
that export (as many records as SAME_SHARE of the file's, or more): a workspace of other, smaller
imports is not read at all; and their records are found by the title index (m023), not by reading
the whole table for each 500 titles."""

from __future__ import annotations

from screener.records.model import Record
from screener.workspace.importer import import_files
from screener.workspace.repeats import earlier_import
from screener.workspace.workspace import Workspace


def _ris(n: int, offset: int = 0) -> str:
    return "".join(f"TY  - JOUR\nTI  - Study number {i}\nPY  - 2020\nER  - \n\n" for i in range(offset, offset + n))


def _records(text: str) -> list[Record]:
    return [Record(title=chunk.split("TI  - ")[1].split("\n")[0], raw=chunk.strip())
            for chunk in text.split("\n\n") if chunk.strip()]


def _statements(ws: Workspace, run):
    seen: list[str] = []
    ws.db.set_trace_callback(seen.append)
    try:
        result = run()
    finally:
        ws.db.set_trace_callback(None)
    return result, seen


def test_smaller_earlier_imports_are_not_read(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    small = tmp_path / "small.ris"
    small.write_text(_ris(5), encoding="utf-8")
    import_files(ws, [small])
    result, seen = _statements(ws, lambda: earlier_import(ws, _records(_ris(10))))
    assert result is None
    assert not [s for s in seen if "source_records" in s], seen


def test_a_candidate_is_read_by_the_title_index_not_by_a_table_scan(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    first = tmp_path / "first.ris"
    first.write_text(_ris(10), encoding="utf-8")
    import_files(ws, [first])
    result, seen = _statements(ws, lambda: earlier_import(ws, _records(_ris(10))))
    assert result is not None and result["matched"] == 10 and result["import_id"] == 1
    reads = [s for s in seen if "source_records" in s]
    assert reads, seen
    plans = [ws.db.execute("EXPLAIN QUERY PLAN " + s).fetchall() for s in reads]
    assert all("source_records_title" in " ".join(str(tuple(row)) for row in plan) for plan in plans), plans
