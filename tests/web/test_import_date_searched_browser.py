"""The date each database was searched (PRISMA-S item 13) on the Imports page, in headless Chromium
at 1280 and 390 px: an import given its date searched shows it; one imported without shows the
import date marked 'import date: date searched not given' (before: nothing at all, while the
PRISMA-S CSV gave the import's time as the date). A date searched in the future or unparseable is
refused naming the field (400) and nothing is written. Screenshots in tests/artifacts/web/searcher/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from test_searcher_imports import EMBASE, SHOTS, _writes
from web_helpers import serving, signed_in_page

from screener.workspace.imports import import_exports
from screener.workspace.reviewers import add_reviewer

SCOPUS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_scopus.ris"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_imports_page_says_which_date_is_the_date_searched(browser, review, width):
    ws, _, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    import_exports(ws, [SCOPUS], metadata={"database": "Scopus", "searched_on": "2026-11-30"}, actor="sam")
    day = ws.db.execute("SELECT substr(at, 1, 10) FROM imports").fetchone()[0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, sam, width)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(EMBASE))
        page.click("#check-files")
        page.wait_for_selector("#confirm-form")
        assert "left blank, the import date is shown, marked as such" in page.inner_text("#confirm-form")
        page.fill("#confirm-form input[name=database]", "Embase")
        page.fill("#confirm-form input[name=platform]", "Ovid")
        before = _writes(ws)
        page.fill("#confirm-form input[name=searched_on]", "2099-01-01")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.click("#confirm-import")
        assert answer.value.status == 400
        error = page.inner_text("#error")
        assert error.startswith("Date searched 2099-01-01 is in the future; give the day the search was run"), error
        assert _writes(ws) == before
        page.fill("#confirm-form input[name=searched_on]", "")          # left blank: the import date, said so
        page.click("#confirm-import")
        page.wait_for_url(f"{base}/owner/imports")
        scopus, embase = page.locator("article.import").all()
        assert scopus.locator(".import-head > div").inner_text().startswith("Scopus · searched 2026-11-30")
        head = embase.locator(".import-head > div").inner_text()
        assert head.startswith(f"Embase via Ovid · {day} import date: date searched not given"), head
        assert embase.locator(".tag-date").is_visible()
        width_now = page.evaluate("() => document.documentElement.scrollWidth")
        assert width_now <= width, f"the page is {width_now} px wide at {width}"
        embase.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"imports-date-searched-{width}.png"))


def test_an_unparseable_date_searched_is_400_naming_the_field_and_nothing_is_written(app, review):
    ws, _, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    client = app.test_client()
    answer = client.post("/api/imports", data={"file": [(io.BytesIO(EMBASE.read_bytes()), EMBASE.name)],
                                                "database": "Embase", "searched_on": "7/12/2026"},
                         headers={"Authorization": f"Bearer {sam}"}, content_type="multipart/form-data")
    assert answer.status_code == 400
    assert answer.get_json()["error"] == ("searched_on '7/12/2026': write the date searched as YYYY-MM-DD, "
                                          "e.g. 2026-11-30")
    assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
