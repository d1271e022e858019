"""A PubMed search job that fails (E-utilities unreachable, every attempt refused): its Requests
count, as the workbench shows it, is every request sent, the last attempt's included — the same
number as the error's 'after N attempts'."""

from __future__ import annotations

import socket
import time

from screener.search.eutils import RetryPolicy
from screener.web.workbench_api import RUNNER_KEY
from screener.workspace.reviewers import add_reviewer
from screener.workspace.strategies import save_strategy


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_failed_jobs_requests_count_every_attempt(app, review):
    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    saved = save_strategy(ws, "MEDLINE main", "1 pain.ti,ab.\n2 ethno.ti,ab.\n3 1 and 2\n", actor="sam")
    app.extensions[RUNNER_KEY].client_options = {"retry": RetryPolicy(attempts=3, base=0.05, jitter=0)}
    client = app.test_client()
    auth = {"Authorization": f"Bearer {sam}"}
    started = client.post("/api/searches/pubmed", headers=auth, json={
        "strategy_id": saved["strategy_id"], "eutils_url": f"http://127.0.0.1:{_closed_port()}/entrez/eutils/"})
    assert started.status_code == 202, started.get_json()
    job = started.get_json()
    deadline = time.monotonic() + 30
    while job["state"] not in ("failed", "complete", "cancelled") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(f"/api/jobs/{job['id']}", headers=auth).get_json()
    assert job["state"] == "failed", job
    assert "after 3 attempts" in job["errors"][-1], job["errors"]
    # before: 2 (the count last taken before the final attempt)
    assert (job["requests"], job["retries"]) == (3, 2), job
