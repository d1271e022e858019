"""Fixtures for PubMed search tests: a real E-utilities stand-in on 127.0.0.1, fast pacing."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def record_files(fixtures_dir):
    return sorted(p for p in (fixtures_dir / "records" / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)


@pytest.fixture()
def standin(record_files):
    from screener.search.standin import EutilsStandin

    server = EutilsStandin(record_files, enforce_rate=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def source_pmids():
    def read(ws, search_id=None):
        sql = "SELECT pmid FROM source_records"
        args = ()
        if search_id is not None:
            sql += " WHERE search_id = ?"
            args = (search_id,)
        return [row[0] for row in ws.db.execute(sql, args)]
    return read
