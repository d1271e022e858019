"""m021 on a workspace made before it: the per-study index (m013/m018, with its own copy of the
text) gives way to the per-record index over the stored records, rebuilt from every record; the
records and their membership are untouched, and every search finds the studies it found before."""

from __future__ import annotations

import sqlite3

from screener import Workspace
from screener.records import read_file
from screener.workspace.settings import Settings, render_toml
from screener.workspace.study_search import fts_query, matching
from tests.workspace.old_schema import database_before
from tests.workspace.test_search_index import SCOPUS, assert_index_is_a_rebuild


def _old_workspace(path, records) -> None:
    """A workspace at m020, its records stored as the code before m021 stored them (the JSON of
    Record.to_json, the index kept by m013/m018's trigger), some merged and some withdrawn."""
    conn = database_before(path, 21)
    conn.execute("INSERT INTO imports (at, path, sha256, format, database, records) VALUES ('then', 'x.ris', 'x', 'ris',"
                 " 'Scopus', ?)", (len(records),))
    for r in records:
        rid = conn.execute("INSERT INTO source_records (database, format, file, record_number, line, raw, record, title,"
                           " year, doi, pmid, import_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'then')",
                           (r.database, r.format, r.file, r.record_number, r.line, r.raw, r.to_json(include_raw=False),
                            r.title, r.year, r.doi, r.pmid)).lastrowid
        sid = conn.execute("INSERT INTO studies (created_at) VALUES ('then')").lastrowid
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('then', ?, ?, 'new')",
                     (rid, sid))
    for rid, into in ((2, 1), (3, 1), (5, 4)):          # merges, through the trigger
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('then', ?, ?, 'merge')",
                     (rid, into))
    conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('then', 6, 6, 'withdraw')")
    conn.commit()
    conn.close()
    (path / "review.toml").write_text(render_toml(Settings(title="old")))


def test_m021_rebuilds_the_index_from_the_records_and_finds_what_the_old_index_found(tmp_path, fixtures_dir):
    records = read_file(fixtures_dir / SCOPUS).records
    assert len(records) >= 8
    path = tmp_path / "old"
    _old_workspace(path, records)
    conn = sqlite3.connect(path / "review.db")
    stored = conn.execute("SELECT * FROM source_records ORDER BY id").fetchall()
    links = conn.execute("SELECT * FROM study_links ORDER BY id").fetchall()
    words = sorted({w for r in records[:8] for w in (r.title + " " + " ".join(r.authors[:2])).lower().split()
                    if w.isalpha() and len(w) > 3})
    searches = words + [f"{a} {b}" for a, b in zip(words, reversed(words))] + [f'"{records[0].title}"']
    before = {q: {row[0] for row in conn.execute("SELECT rowid FROM study_search WHERE study_search MATCH ?",
                                                 (fts_query(q),))} for q in searches}
    conn.close()
    assert sum(len(found) > 1 for found in before.values()) >= 3      # the searches tell studies apart
    assert any(1 in found for found in before.values())                 # and reach the merged study

    ws = Workspace.open(path)
    assert 21 in {row[0] for row in ws.db.execute("SELECT version FROM schema_migrations")}
    assert [tuple(row) for row in ws.db.execute("SELECT * FROM source_records ORDER BY id")] == [tuple(r) for r in stored]
    assert [tuple(row) for row in ws.db.execute("SELECT * FROM study_links ORDER BY id")] == [tuple(r) for r in links]
    assert_index_is_a_rebuild(ws)
    assert {q: matching(ws, q) for q in searches} == before
    tables = {row[0] for row in ws.db.execute("SELECT name FROM sqlite_master")}
    assert "study_search" not in tables and "study_search_links" not in tables
    assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # records stored after the migration are indexed as they come, beside the rebuilt ones
    from screener.workspace.importer import import_files

    import_files(ws, [fixtures_dir / SCOPUS], allow_reimport=True)
    assert_index_is_a_rebuild(ws)
    assert all(len(matching(ws, q)) >= len(found) for q, found in before.items())
    ws.close()
