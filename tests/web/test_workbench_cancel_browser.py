"""Cancel a PubMed search from the workbench page in headless Chromium: the job stops, nothing is
half-imported (the records fetched so far stay staged, none is in the review), and a search started
again resumes from what was staged and imports every record exactly once. Screenshots go to
tests/artifacts/workbench/."""

from __future__ import annotations

import pytest
from test_workbench_browser import TOYE, _open, _shot
from web_helpers import serving

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser


def _state(ws) -> dict:
    one = lambda sql: ws.db.execute(sql).fetchone()[0]  # noqa: E731
    return {"records": one("SELECT count(*) FROM source_records"),
            "links": one("SELECT count(*) FROM study_links"),
            "studies": one("SELECT count(*) FROM studies"),
            "imports": one("SELECT count(*) FROM imports"),
            "staged": one("SELECT coalesce(sum(staged), 0) FROM pubmed_batches")}


def test_cancel_a_pubmed_search_from_the_page_then_start_it_again(browser, review, monkeypatch):
    from screener.search.standin import EutilsStandin
    from screener.workspace.strategies import save_strategy

    ws, studies, tokens = review
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    token = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "Toye 2017 MEDLINE", TOYE.read_text(encoding="utf-8"), actor="sam")
    before = _state(ws)
    standin = EutilsStandin(generated=150, enforce_rate=False)
    standin.inject("slow", times=1000, endpoint="efetch", after=3, seconds=0.4)    # time to press Cancel
    standin.start()
    try:
        with serving(ws.path) as base:
            page = _open(browser, base, token)
            page.wait_for_selector("#search-button:not([disabled])")
            # an empty field means the server's own URL, and the field says which (NCBI's: no $SCREENER_EUTILS_URL here)
            # (its host in the box, whole at 390 px; the whole URL in its title)
            assert page.get_attribute("#eutils-url", "placeholder") == "default: eutils.ncbi.nlm.nih.gov"
            assert "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/" in page.get_attribute("#eutils-url", "title")
            page.fill("#eutils-url", standin.url)
            page.fill("#batch-size", "10")
            page.click("#search-button")
            page.wait_for_selector("#job-state.running")
            assert page.locator("#cancel-button").is_visible()
            page.wait_for_function("() => +document.querySelector('#job-fetched')?.textContent >= 30", polling=100)
            page.click("#cancel-button")
            page.wait_for_selector("#job-state.cancelled", timeout=30_000)
            text = page.inner_text("#job")
            assert "cancelled" in text and "null" not in text and "undefined" not in text
            assert page.locator("#cancel-button").is_hidden()
            assert page.locator("#search-button").is_enabled()          # a new search can start
            assert page.inner_text("#job-imported") == "0"
            fetched = int(page.inner_text("#job-fetched"))
            assert 30 <= fetched < 150
            assert page.inner_text("#job-note") == (f"Cancelled. No record was imported. The {fetched} fetched so far are "
                                                     "kept aside: Search PubMed with the same version resumes from them.")
            page.locator("#pubmed-panel").scroll_into_view_if_needed()
            _shot(page, "pubmed-job-cancelled.png")

            # nothing half-written: no record entered the review; what was fetched is staged, whole batches
            after = _state(ws)
            assert {k: after[k] for k in ("records", "links", "studies", "imports")} == \
                   {k: before[k] for k in ("records", "links", "studies", "imports")}
            assert after["staged"] == fetched and fetched % 10 == 0
            states = [r[0] for r in ws.db.execute("SELECT state FROM search_job_events ORDER BY id")]
            assert states[0] == "queued" and states[-1] == "cancelled"
            assert ws.db.execute("SELECT count(*) FROM search_job_events WHERE state = 'complete'").fetchone()[0] == 0
            cancelled_by = ws.db.execute("SELECT actor FROM events WHERE kind = 'search_job_cancelled'").fetchone()[0]
            assert cancelled_by == "sam"

            # started again: the search resumes from what was staged and imports each record once
            standin.clear_faults()
            efetch_before = sum(int(r.params.get("retmax", 0)) for r in standin.requests if r.endpoint == "efetch")
            page.click("#search-button")
            page.wait_for_selector("#job-state.complete", timeout=60_000)
            assert page.inner_text("#job-imported") == "150"
            assert page.locator("#cancel-button").is_hidden() and page.locator("#job-note").count() == 0
            page.locator("#pubmed-panel").scroll_into_view_if_needed()
            _shot(page, "pubmed-job-after-cancel-complete.png")
    finally:
        standin.stop()
    pmids = [r[0] for r in ws.db.execute("SELECT pmid FROM source_records WHERE search_id IS NOT NULL")]
    assert len(pmids) == len(set(pmids)) == 150                           # every record exactly once
    assert _state(ws)["records"] == before["records"] + 150
    efetched_again = sum(int(r.params.get("retmax", 0)) for r in standin.requests if r.endpoint == "efetch") - efetch_before
    assert efetched_again <= 150 - fetched + 10          # the staged batches were not fetched again
    searches = ws.db.execute("SELECT status, database FROM searches").fetchall()
    assert [tuple(s) for s in searches] == [("complete", "PubMed")]       # one search, resumed, not two
    jobs = ws.db.execute("SELECT e.state FROM search_job_events e WHERE e.id IN (SELECT max(id) FROM"
                         " search_job_events GROUP BY job_id) ORDER BY e.id").fetchall()
    assert [j[0] for j in jobs] == ["cancelled", "complete"]
