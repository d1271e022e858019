"""Against the real NCBI E-utilities: skipped unless SCREENER_LIVE_NCBI=1 (see README, Searching PubMed).

Run with ``SCREENER_LIVE_NCBI=1 NCBI_EMAIL=you@example.org .venv/bin/python -m pytest -m live tests/search``.
"""

from __future__ import annotations

import os

import pytest

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(os.environ.get("SCREENER_LIVE_NCBI") != "1",
                       reason="talks to NCBI; set SCREENER_LIVE_NCBI=1 (and NCBI_EMAIL) to run"),
]


def test_live_search_imports_the_seed_review(workspace):
    from screener.search import search_pubmed

    email = os.environ.get("NCBI_EMAIL", "screener-tests@example.org")
    # The seed review itself (Toye, Seers & Barker 2017, BMJ Open 7:e018411).
    report = search_pubmed(workspace, query='"meta-ethnography"[tiab] AND Toye F[au] AND "BMJ Open"[ta] '
                                             'AND 2017[dp]', email=email)
    assert report.status == "complete"
    assert report.count >= 1 and report.new_records == report.count
    titles = [row[0] for row in workspace.db.execute("SELECT title FROM source_records")]
    assert any("chronic pain" in t.lower() for t in titles), titles
    assert report.query_translation  # PubMed's own reading of the query is logged


def test_live_rejection_of_unknown_field(workspace):
    from screener.errors import SearchError
    from screener.search import search_pubmed

    with pytest.raises(SearchError, match="PubMed rejected the query"):
        search_pubmed(workspace, query="pain[nosuchfield]", email=os.environ.get("NCBI_EMAIL"))
