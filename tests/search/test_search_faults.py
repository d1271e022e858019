"""Every injected fault is survived (or fails clearly, leaving the workspace consistent)."""

from __future__ import annotations

import pytest
from search_helpers import BUNDLED_PMIDS, fast

from screener.errors import SearchError
from screener.search import search_pubmed
from screener.search.eutils import EutilsClient, RetryPolicy
from screener.search.ratelimit import RateLimiter

EMAIL = "searcher@example.org"


def run(workspace, standin, **options):
    settings = fast()
    settings.update(options)
    return search_pubmed(workspace, query="pain", eutils_url=standin.url, email=EMAIL, batch_size=5, **settings)


def statuses(standin):
    return [(r.endpoint, r.status, r.fault) for r in standin.requests]


def test_429_burst_is_retried(workspace, standin, source_pmids):
    standin.inject("429", times=3)
    report = run(workspace, standin)
    assert statuses(standin)[:4] == [("esearch", 429, "429")] * 3 + [("esearch", 200, "")]
    assert report.retries == 3 and report.new_records == 20
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)


def test_500s_on_efetch_are_retried(workspace, standin, source_pmids):
    standin.inject("500", times=2, endpoint="efetch")
    report = run(workspace, standin)
    efetches = [s for s in statuses(standin) if s[0] == "efetch"]
    assert efetches[:3] == [("efetch", 500, "500"), ("efetch", 500, "500"), ("efetch", 200, "")]
    assert len(efetches) == 4 + 2  # 20 records in batches of 5, plus the two failures
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)
    assert report.retries == 2


def test_connection_dropped_mid_body(workspace, standin, source_pmids):
    standin.inject("drop", times=2, endpoint="efetch")
    report = run(workspace, standin)
    assert [s[2] for s in statuses(standin) if s[0] == "efetch"][:2] == ["drop", "drop"]
    assert report.retries == 2
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)


def test_connection_reset_before_any_answer(workspace, standin, source_pmids):
    standin.inject("reset", times=1, endpoint="epost")
    report = run(workspace, standin)
    assert report.retries == 1
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)


def test_slow_response_times_out_and_is_retried(workspace, standin, source_pmids):
    standin.inject("slow", times=1, endpoint="efetch", seconds=1.0)
    report = run(workspace, standin, timeout=(2.0, 0.3))
    assert report.retries == 1
    assert [s[2] for s in statuses(standin) if s[0] == "efetch"][0] == "slow"
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)
    failures = workspace.db.execute("SELECT payload FROM events WHERE kind = 'search_complete'").fetchone()[0]
    assert "efetch.fcgi attempt 1: no answer within 0.3 s" in failures


def test_truncated_xml_is_retried(workspace, standin, source_pmids):
    standin.inject("truncate", times=1, endpoint="efetch")
    standin.inject("truncate", times=1, endpoint="esearch")
    report = run(workspace, standin)
    assert report.retries == 2
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)
    assert len(source_pmids(workspace)) == 20


def test_persistent_failure_stops_cleanly_then_resumes(workspace, standin, source_pmids):
    standin.inject("500", times=1000, endpoint="efetch", after=1)  # one batch gets through, then only 500s
    with pytest.raises(SearchError, match=r"kept failing \(efetch.fcgi: HTTP 500\) after 5 attempts; .* run the "
                                          r"same command again to resume"):
        run(workspace, standin)
    assert source_pmids(workspace) == []  # nothing half-imported
    row = workspace.db.execute("SELECT id, status FROM searches").fetchone()
    assert row["status"] == "incomplete"
    staged = {r[0] for r in workspace.db.execute("SELECT pmid FROM pubmed_staged_records")}
    assert len(staged) == 5
    standin.clear_faults()
    standin.requests.clear()
    report = run(workspace, standin)
    assert report.run == "resumed" and report.search_id == row["id"]
    assert (report.already_staged, report.fetched, report.new_records) == (5, 15, 20)
    posted = [p for r in standin.requests if r.endpoint == "epost" for p in r.params["id"].split(",")]
    assert sorted(posted) == sorted(BUNDLED_PMIDS - staged)  # only what was missing
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)
    assert workspace.db.execute("SELECT status FROM searches").fetchone()[0] == "complete"
    assert workspace.db.execute("SELECT count(*) FROM pubmed_staged_records").fetchone()[0] == 0


def test_retry_after_and_backoff_grow():
    policy = RetryPolicy(base=1.0, cap=30.0, jitter=0.0)
    assert [policy.delay(n) for n in range(1, 8)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert policy.delay(1, retry_after=5.0) == 5.0
    jittered = RetryPolicy(base=1.0, jitter=0.5)
    delays = {round(jittered.delay(3), 6) for _ in range(20)}
    assert len(delays) > 1 and all(2.0 <= d <= 6.0 for d in delays)


def test_http_400_is_not_retried(standin):
    client = EutilsClient(standin.url, email=EMAIL, limiter=RateLimiter(1000, margin=0),
                          retry=RetryPolicy(base=0.001))
    with pytest.raises(SearchError, match=r"nosuch.fcgi answered HTTP 404"):
        client.call("nosuch.fcgi", {}, lambda body: body)
    assert client.requests_made == 1


def test_expired_history_is_posted_again(workspace, standin, source_pmids):
    standin.inject("expire", times=1, endpoint="efetch", after=2)
    report = run(workspace, standin)
    efetches = [(r.fault, r.params["retstart"]) for r in standin.requests if r.endpoint == "efetch"]
    assert efetches == [("", "0"), ("", "5"), ("expire", "10"), ("", "0"), ("", "5")]
    posts = [len(r.params["id"].split(",")) for r in standin.requests if r.endpoint == "epost"]
    assert posts == [20, 10]  # the ten not yet fetched, posted again
    assert report.fetched == 20 and report.retries == 0
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)
