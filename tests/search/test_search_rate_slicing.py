"""The pace NCBI sees, the slicing of results over 10,000, and resuming after a kill."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from search_helpers import BUNDLED_PMIDS, fast

from screener.search import search_pubmed
from screener.search.eutils import EutilsClient, RetryPolicy
from screener.search.pubmed import _check_slices, _slice_by_date
from screener.search.ratelimit import RateLimiter
from screener.search.standin import EutilsStandin

EMAIL = "searcher@example.org"
ROOT = Path(__file__).resolve().parents[2]


def test_limiter_never_allows_more_than_rate_in_any_window():
    now = [0.0]
    sent = []
    limiter = RateLimiter(rate=3, margin=0.15, clock=lambda: now[0],
                          sleep=lambda s: now.__setitem__(0, now[0] + s))
    for _ in range(12):
        limiter.acquire()
        sent.append(now[0])
        now[0] += 0.01  # the request itself takes a little time
    for i in range(len(sent) - 3):
        assert sent[i + 3] - sent[i] >= 1.15 - 1e-9
    assert round(sent[-1], 6) == round(3 * 1.15 + 0.02, 6)  # 12 requests: 4 windows of 3, nothing wasted


def test_limiter_penalty_after_429_holds_everything_back():
    now = [0.0]
    limiter = RateLimiter(rate=3, margin=0.0, clock=lambda: now[0],
                          sleep=lambda s: now.__setitem__(0, now[0] + s))
    limiter.penalize(5.0)
    limiter.acquire()
    assert now[0] == 5.0


def test_real_pace_three_per_second_as_the_server_sees_it(workspace, record_files, source_pmids):
    """At NCBI's real limit: the stand-in enforces 3/s (429 above it) and logs arrival times."""
    server = EutilsStandin(record_files, enforce_rate=True)
    with server as url:
        report = search_pubmed(workspace, query="pain", eutils_url=url, email=EMAIL, batch_size=2,
                               limiter=RateLimiter(rate=3),  # a fresh limiter with the production margin
                               retry=RetryPolicy(attempts=3, base=0.5))
    assert sorted(source_pmids(workspace)) == sorted(BUNDLED_PMIDS)
    statuses = [r.status for r in server.requests]
    # esearch, epost, 10 efetch of 2 — and, on a machine busy enough to hold a send back past the limiter's
    # 0.15 s margin (the CI's run beside another suite on 2 cores, 2026-12-07: 3 of them), the server's 429
    # for the burst that makes and the client's retry after the penalty: a few at most, never a lost record
    assert set(statuses) <= {200, 429}, statuses
    assert report.retries == statuses.count(429) <= 3, statuses
    assert len(server.requests) == report.requests == 12 + report.retries     # (requests: retries included)
    accepted = sorted(r.at for r in server.requests if r.status == 200)
    assert len(accepted) == 12 and all(b - a >= 1.0 for a, b in zip(accepted, accepted[3:]))
    if report.retries == 0:          # the pace itself, as the server saw it: 3 a second, not fewer
        assert server.max_in_window(1.0) == 3


def _dates(i: int) -> dt.date:
    # 12,000 records published on one day (year-only dates land on 1 January), the rest spread out
    if i < 12_000:
        return dt.date(2020, 1, 1)
    return dt.date(1995, 3, 1) + dt.timedelta(days=(i * 7) % 9000)


def test_slicing_a_25000_record_result_adds_up():
    server = EutilsStandin(generated=25_000, generated_dates=_dates, enforce_rate=False)
    with server as url:
        client = EutilsClient(url, email=EMAIL, limiter=RateLimiter(10_000, margin=0),
                              retry=RetryPolicy(base=0.001))
        first = client.esearch("pain", retmax=10_000)
        assert first.count == 25_000 and len(first.ids) == 10_000  # ESearch's cap
        slices = _slice_by_date(client, "pain", first.count, lambda message: None)
        listing = _check_slices(slices, first.count)
    assert set(listing) == {str(30_000_000 + i) for i in range(25_000)}
    assert len(listing) == 25_000
    assert all(0 < s.count <= 10_000 for s in slices)
    assert sum(s.count for s in slices) == 25_000
    one_day = [s for s in slices if s.mindate == s.maxdate == "2020/01/01"]
    assert len(one_day) >= 2 and all(s.pmid_low is not None for s in one_day)  # cut by PMID range
    assert sum(s.count for s in one_day) == 12_000
    # date slices are disjoint and ordered
    dated = [s for s in slices if s.pmid_low is None]
    for a, b in zip(dated, dated[1:]):
        assert a.maxdate < b.mindate
    # every ESearch answer listed at most 10,000 PMIDs and no EFetch was needed to slice
    assert {r.endpoint for r in server.requests} == {"esearch"}


def test_slices_that_do_not_add_up_stop_the_search(workspace, source_pmids):
    server = EutilsStandin(generated=10_500, enforce_rate=False,
                           generated_dates=lambda i: dt.date(1650, 1, 1) if i < 3 else dt.date(2001, 1, 1)
                           + dt.timedelta(days=i % 300))
    with server as url:
        try:
            search_pubmed(workspace, query="pain", eutils_url=url, email=EMAIL, **fast())
        except Exception as exc:  # three records fall before the earliest date PubMed is asked about
            message = str(exc)
        else:
            raise AssertionError("expected a SearchError")
    assert message.startswith("the slices add up to 10497 records (10497 distinct PMIDs) but PubMed counts "
                              "10500 for the query")
    assert source_pmids(workspace) == []
    assert workspace.db.execute("SELECT count(*) FROM searches").fetchone()[0] == 0


def test_search_over_the_cap_imports_every_record_once(workspace, source_pmids, monkeypatch):
    """End to end through slicing, with the cap lowered to 500 (the same code paths, 20x cheaper;
    the 25,000-record slicing above and the benchmark use NCBI's real 10,000)."""
    import screener.search.pubmed as pubmed

    monkeypatch.setattr(pubmed, "ESEARCH_CAP", 500)
    dates = lambda i: dt.date(2020, 1, 1) if i < 750 else dt.date(2010, 6, 1) + dt.timedelta(days=i % 3)  # noqa: E731
    server = EutilsStandin(generated=1_300, generated_dates=dates, enforce_rate=False, cap=500)
    with server as url:
        report = search_pubmed(workspace, query="pain", eutils_url=url, email=EMAIL, batch_size=150, **fast())
    pmids = source_pmids(workspace)
    assert len(pmids) == 1_300 and set(pmids) == {str(30_000_000 + i) for i in range(1_300)}
    assert report.count == 1_300 and report.new_records == 1_300
    rows = [tuple(r) for r in workspace.db.execute(
        "SELECT mindate, maxdate, pmid_low IS NOT NULL, count FROM pubmed_slices ORDER BY slice_no")]
    assert sum(r[3] for r in rows) == 1_300 and all(r[3] <= 500 for r in rows)
    crowded = [r for r in rows if r[0] == "2020/01/01"]
    assert len(crowded) == 3 and sum(r[3] for r in crowded) == 750
    assert all(r[2] == 1 for r in rows if r[0] == "2020/01/01")  # the crowded day cut by PMID range
    assert all(r[2] == 0 for r in rows if r[0] != "2020/01/01")
    assert len(report.slices) == len(rows) >= 3
    fetches = [r for r in server.requests if r.endpoint == "efetch"]
    assert all(int(r.params["retstart"]) < 500 for r in fetches)
    listed = [int(r.params.get("retmax", 0)) for r in server.requests if r.endpoint == "esearch"]
    assert max(listed) == 500


def test_resume_after_kill(tmp_path, record_files):
    """A subprocess running the CLI is killed mid-download; the rerun fetches only what is missing."""
    from screener import Workspace

    directory = tmp_path / "review"
    Workspace.init(directory).close()
    server = EutilsStandin(generated=1_500, enforce_rate=True)
    server.inject("slow", times=10_000, endpoint="efetch", seconds=0.25)
    with server as url:
        env = dict(os.environ, SCREENER_EUTILS_URL=url)
        process = subprocess.Popen(
            [sys.executable, "-m", "screener", "search", "pubmed", str(directory), "--query", "pain",
             "--email", EMAIL, "--batch-size", "100", "--quiet"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        database = directory / "review.db"
        deadline = time.monotonic() + 60
        staged = 0
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            try:
                with sqlite3.connect(database, timeout=5) as conn:
                    staged = conn.execute("SELECT count(*) FROM pubmed_staged_records").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if staged >= 300:
                break
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        in_window = server.max_in_window(1.0)

        ws = Workspace.open(directory)
        row = ws.db.execute("SELECT id, status FROM searches").fetchone()
        assert row["status"] == "incomplete"
        assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0
        staged = {r[0] for r in ws.db.execute("SELECT pmid FROM pubmed_staged_records")}
        assert 300 <= len(staged) < 1_500
        server.clear_faults()
        server.enforce_rate = False
        server.requests.clear()
        report = search_pubmed(ws, query="pain", eutils_url=url, email=EMAIL, batch_size=500, **fast())
    assert in_window <= 3  # the killed CLI run kept NCBI's pace
    assert report.run == "resumed" and report.search_id == row["id"]
    assert report.already_staged == len(staged) and report.fetched == 1_500 - len(staged)
    posted = [p for r in server.requests if r.endpoint == "epost" for p in r.params["id"].split(",")]
    assert len(posted) == 1_500 - len(staged) and not set(posted) & staged
    pmids = [r[0] for r in ws.db.execute("SELECT pmid FROM source_records")]
    assert len(pmids) == 1_500 and set(pmids) == {str(30_000_000 + i) for i in range(1_500)}
    assert ws.db.execute("SELECT status, count, new_records FROM searches").fetchone()[:] == ("complete", 1500, 1500)
    ws.close()
