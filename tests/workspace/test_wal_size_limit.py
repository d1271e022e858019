"""After a large import, the write-ahead log does not keep the import's size on disk while another
connection (the web app's) stays open: the next write cuts it back to db.WAL_SIZE_LIMIT."""

from __future__ import annotations

from screener.workspace import db
from screener.workspace.importer import import_files
from screener.workspace.workspace import Workspace


def test_the_log_shrinks_after_an_import_while_another_connection_is_open(tmp_path, monkeypatch, fixtures_dir):
    monkeypatch.setattr(db, "WAL_SIZE_LIMIT", 256 * 1024)      # the import below writes several MB
    ws = Workspace.init(tmp_path / "ws")
    other = Workspace.open(tmp_path / "ws")                        # as a web server's connection would be
    assert other.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0
    ris = sorted((fixtures_dir / "records" / "ris").glob("*.ris"), key=lambda p: -p.stat().st_size)[0]
    big = tmp_path / "big.ris"
    big.write_text((ris.read_text(encoding="utf-8").rstrip("\n") + "\n\n") * 20, encoding="utf-8")
    import_files(ws, [big])
    wal = tmp_path / "ws" / "review.db-wal"
    assert wal.stat().st_size > 1024 * 1024
    ws.log_event("note", "owner", "review", {})                 # the next write, after the checkpoint
    assert wal.stat().st_size <= 256 * 1024
    assert other.db.execute("SELECT count(*) FROM source_records").fetchone()[0] > 0
