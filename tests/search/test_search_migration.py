"""m004_pubmed_staging on a blank workspace and on one made before it existed."""

from __future__ import annotations

from screener import Workspace

TABLES = {"pubmed_slices", "pubmed_result_pmids", "pubmed_staged_records", "pubmed_batches"}


def tables(ws):
    return {row[0] for row in ws.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_blank_workspace_has_the_staging_tables(workspace):
    assert TABLES <= tables(workspace)
    assert 4 in {row[0] for row in workspace.db.execute("SELECT version FROM schema_migrations")}


def test_old_workspace_gains_them_and_keeps_its_searches(tmp_path):
    ws = Workspace.init(tmp_path / "old")
    with ws.transaction() as conn:
        for table in TABLES:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM schema_migrations WHERE version = 4")
        conn.execute("INSERT INTO searches (database, started_at, query_sent, count, status)"
                     " VALUES ('PubMed', '2024-01-01', 'pain', 3, 'complete')")
    assert not TABLES & tables(ws)
    ws.close()
    reopened = Workspace.open(tmp_path / "old")
    assert TABLES <= tables(reopened)
    assert tuple(reopened.db.execute("SELECT query_sent, count, status FROM searches").fetchone()) == (
        "pain", 3, "complete")
    reopened.close()
