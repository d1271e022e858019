"""Fixtures for PubMed search tests: a real E-utilities stand-in on 127.0.0.1, fast pacing."""

from __future__ import annotations

import pytest

from screener.search.eutils import RetryPolicy
from screener.search.ratelimit import RateLimiter

# The bundled real PubMed records the stand-in serves (fixtures/pubmed-xml, malformed file left out).
BUNDLED_PMIDS = {
    "1", "9997", "11700088", "11748933", "12091962", "21413195", "23633646", "26711635", "26886152",
    "27797938", "28775130", "29768149", "29872490", "29963580", "30108519", "32759406", "35649368",
    "36987902", "38048813", "38833988",
}


def fast() -> dict:
    """Pacing and backoff for tests that are not about pacing: no waiting, quick timeouts."""
    return {"limiter": RateLimiter(rate=10_000, margin=0),
            "retry": RetryPolicy(attempts=5, base=0.001, cap=0.005, jitter=0),
            "timeout": (2.0, 2.0)}


@pytest.fixture(scope="session")
def record_files(fixtures_dir):
    return sorted(p for p in (fixtures_dir / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)


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
