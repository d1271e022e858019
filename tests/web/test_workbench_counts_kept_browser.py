"""The day's kept line counts shown when the workbench opens again, for a strategy with errors and a
line not counted yet, in headless Chromium at 390 px: the summary counts only the lines PubMed
counted, and says how many were not sent for the strategy's errors."""

from __future__ import annotations

import json
import urllib.request

import pytest
from web_helpers import serving, signed_in_page

from screener.search.standin import EutilsStandin
from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser

COUNTED = "1. exp Chronic Pain/\n2. qualitative.zz.\n3. 1 and 2\n"
OPENED = COUNTED + "4. pain.ti,ab.\n5. 1 and 4\n"


def _post(base: str, token: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def test_kept_counts_do_not_count_lines_not_sent(browser, review, fixtures_dir, monkeypatch):
    ws, studies, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    files = sorted(p for p in (fixtures_dir / "records" / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)
    with EutilsStandin(files, enforce_rate=False) as url:
        monkeypatch.setenv("SCREENER_EUTILS_URL", url)
        with serving(ws.path) as base:
            # earlier today: line 1 counted; lines 2 and 3 not sent (2 has an unknown field code, 3 holds it)
            counted = _post(base, token, "/api/strategies/counts", {"text": COUNTED, "count": [1]})
            assert [ln["status"] for ln in counted["lines"]][:1] == ["counted"]
            # the draft the page opens with: a line not counted yet (4), and a last line holding it (5, not sent)
            _post(base, token, "/api/strategies/draft", {"text": OPENED, "from": "ovid"})
            page = signed_in_page(browser, base, token, 390)
            page.goto(f"{base}/workbench")
            page.wait_for_function("() => /^Counted earlier today/.test("
                                   "document.querySelector('#counts-summary')?.textContent || '')", timeout=15_000)
            summary = page.inner_text("#counts-summary")
            # before: '4 of 5 lines, 0 finding nothing' — the three lines not sent counted as counted
            assert ": 1 of 5 lines, 0 finding nothing, 3 not sent (errors in the strategy). " in summary, summary
            assert summary.endswith("Count each line on PubMed for the rest."), summary
