"""Every line's PubMed count on the workbench page, in headless Chromium against the E-utilities
stand-in on 127.0.0.1 at NCBI's pace (3 requests a second): Toye 2017's 50 lines counted with the
page following along, a line finding nothing flagged, a line E-utilities keeps failing on marked on
that line (the others counted), the page opened again answered from the day's counts without a
request, and a line PubMed refuses. Screenshots at 1280 and 390 px go to tests/artifacts/workbench/."""

from __future__ import annotations

import pytest
from test_workbench_browser import TOYE, _shot
from web_helpers import serving, signed_in_page

from screener.search.line_counts import plan_counts
from screener.search.standin import EutilsStandin
from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser


def _open_workbench(browser, base, token, width):
    page = signed_in_page(browser, base, token, width)
    page.goto(f"{base}/workbench")
    page.wait_for_selector("#count-button")
    return page


def _row(page, n: int) -> dict:
    return page.eval_on_selector(f"#counts-table tr[data-n='{n}']",
                                 "r => ({cls: r.className, count: r.querySelector('td.count').textContent, "
                                 "note: r.querySelector('.count-note').textContent})")


def test_count_every_line_of_a_50_line_strategy_on_the_page(browser, review, fixtures_dir, monkeypatch):
    ws, studies, tokens = review
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    token = add_reviewer(ws, "sam", "searcher")[1]
    text = TOYE.read_text(encoding="utf-8")
    lines = plan_counts(text)
    assert len(lines) == 50
    files = sorted(p for p in (fixtures_dir / "records" / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)
    standin = EutilsStandin(files, enforce_rate=True)       # 429 above 3 requests a second, as NCBI
    pmids = sorted(standin.pmids)
    standin.queries = {standin._normal(lines[0].query): pmids[:7], standin._normal(lines[7].query): [],
                       standin._normal(lines[-1].query): pmids[:11]}
    standin.inject("500", times=3, endpoint="esearch", after=3)     # line 4: three attempts, all fail
    with standin as url, serving(ws.path) as base:
        page = _open_workbench(browser, base, token, 1280)
        page.fill("#text", text)
        page.fill("#eutils-url", url)
        page.click("#count-button")
        # the page follows: a progress bar and 'n of 50' while the lines are asked one by one
        page.wait_for_selector("#counts-progress", timeout=10_000)
        page.wait_for_function("() => /Counting on PubMed: [1-9]\\d? of 50 lines/.test("
                               "document.querySelector('#counts-summary').textContent)", timeout=20_000)
        assert page.locator("#count-button").is_disabled()
        page.locator("#counts").scroll_into_view_if_needed()
        _shot(page, "counts-progress-1280.png")
        page.wait_for_selector("#counts-progress", state="detached", timeout=60_000)
        summary = page.inner_text("#counts-summary")
        assert summary.startswith("50 lines on ") and "1 finds nothing, 1 not counted (E-utilities failed)" in summary
        assert "Line 50, the search, finds 11 records." in summary
        assert _row(page, 1)["count"] == "7" and _row(page, 2)["count"] == "20"
        eight = _row(page, 8)
        assert "zero" in eight["cls"] and eight["count"] == "0" and "finds nothing" in eight["note"]
        four = _row(page, 4)
        assert "failed" in four["cls"] and four["count"] == "—"
        assert four["note"].startswith("E-utilities failed: E-utilities at http://127.0.0.1:")
        assert four["note"].endswith("kept failing (ESearch: HTTP 500: an error on E-utilities' side) after 3 attempts; "
                                     "check the network or the E-utilities URL above, then press Count each line on "
                                     "PubMed to count it again")
        assert "final" in _row(page, 50)["cls"] and _row(page, 50)["note"].startswith("The search:")
        assert page.get_attribute("#counts-table tr[data-n='6'] code", "title") == f"PubMed: {lines[5].query}"
        # paced at NCBI's 3 a second by the search's limiter (a 429 the loaded test machine's jitter may
        # still draw from the strict stand-in is retried, as from NCBI): every line but 4 answered once
        statuses = [r.status for r in standin.requests]
        assert statuses.count(200) == 49 and statuses.count(500) == 3 and statuses.count(429) <= 2
        page.locator("#counts-table tr[data-n='8']").scroll_into_view_if_needed()
        _shot(page, "counts-done-1280.png")

        # opened again (on a phone): the draft comes back and with it the counts the review kept today,
        # without a request; Count asks only for the line that had failed
        asked = len(standin.requests)
        monkeypatch.setenv("SCREENER_EUTILS_URL", url)       # the server's own E-utilities: the field left empty
        phone = _open_workbench(browser, base, token, 390)
        phone.wait_for_function("() => /^Counted earlier today/.test(document.querySelector('#counts-summary')?.textContent"
                                " || '')", timeout=15_000)
        kept = phone.inner_text("#counts-summary")
        assert kept.endswith(": 49 of 50 lines, 1 finding nothing. Count each line on PubMed for the rest."), kept
        assert _row(phone, 8)["count"] == "0" and _row(phone, 4)["note"] == "not counted"
        assert len(standin.requests) == asked
        phone.evaluate("() => document.querySelector('#counts-summary').scrollIntoView({block: 'start'})")
        _shot(phone, "counts-reopened-390.png")
        phone.click("#count-button")
        phone.wait_for_function("() => /^50 lines on/.test(document.querySelector('#counts-summary')?.textContent || '')",
                                timeout=30_000)
        assert [r.status for r in standin.requests[asked:]] in ([200], [429, 200])   # only line 4, which had failed
        assert "49 from today's earlier counts, 1 asked of PubMed now" in phone.inner_text("#counts-summary")
        assert _row(phone, 4)["count"] == "20"
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide at 390"
        phone.locator("#counts-table tr[data-n='8']").scroll_into_view_if_needed()
        _shot(phone, "counts-done-390.png")

        # a line PubMed refuses: marked on its line, with PubMed's words
        standin.phrase_not_found = ["qualitatve"]
        phone.fill("#text", "1. exp Chronic Pain/\n2. qualitatve.tw.\n3. 1 and 2\n")
        phone.click("#count-button")
        phone.wait_for_function("() => /^3 lines on/.test(document.querySelector('#counts-summary')?.textContent || '')",
                                timeout=30_000)
        two = _row(phone, 2)
        assert "refused" in two["cls"] and "PubMed refused this line: PhraseNotFound: qualitatve" in two["note"]
        assert "2 refused by PubMed" in phone.inner_text("#counts-summary")
        assert _row(phone, 3)["note"] == ("The search: PubMed refused this line: PhraseNotFound: qualitatve "
                                          "(from line 2, which it holds)")
        phone.fill("#text", "1. exp Chronic Pain/\n")
        assert phone.locator("#counts-stale").is_visible()
        _shot(phone, "counts-refused-390.png")

        # a strategy with errors: the lines with one, and those holding them, are not sent; nor is the last
        phone.fill("#text", "1. exp Chronic Pain/\n2. qualitative.zz.\n3. 1 and 2\n4. 1 and 1\n")
        phone.click("#count-button")
        phone.wait_for_function("() => /^4 lines on/.test(document.querySelector('#counts-summary')?.textContent || '')",
                                timeout=30_000)
        assert "3 not sent (errors in the strategy)" in phone.inner_text("#counts-summary")
        assert ".zz. is not an Ovid field code" in _row(phone, 2)["note"]
        assert _row(phone, 3)["note"] == "not sent to PubMed: it holds line 2, which is not sent"
        assert _row(phone, 4)["note"] == ("The search: not sent to PubMed: Search PubMed refuses a strategy with errors; "
                                          "fix them first (they are listed under the editor)")
        phone.evaluate("() => document.querySelector('#counts-summary').scrollIntoView({block: 'start'})")
        _shot(phone, "counts-errors-390.png")
