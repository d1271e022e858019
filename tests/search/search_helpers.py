"""Constants and settings shared by the PubMed search tests (imported as ``search_helpers``)."""

from __future__ import annotations

from screener.search.eutils import RetryPolicy
from screener.search.ratelimit import RateLimiter

# The bundled real PubMed records the stand-in serves (fixtures/records/pubmed-xml, malformed file left out).
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
