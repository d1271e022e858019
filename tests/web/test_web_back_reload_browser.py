"""Back and Reload in headless Chromium after the forms a person sends most: the Imports page's
upload, preview and import, the column chooser, the settings, a new reviewer's link, and the search
workbench's preview and translations. Before, the preview, the chooser and the new link were the
form's own answer: Back to them showed Chrome's 'Confirm Form Resubmission' (ERR_CACHE_MISS), a
reload sent the upload or added the reviewer again. Each journey checks the page shown, that the
browser asked for it with GET, and that nothing was done twice. Screenshots go to
tests/artifacts/web/back-reload/."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_owner_api import CINAHL, _all_writes
from test_web_import_columns_page import TABLE
from web_helpers import serving, signed_in_page

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "back-reload"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _not_resent(page, answer) -> None:
    """The page came back without sending a form: asked with GET, and not Chrome's error page."""
    assert answer is None or answer.request.method == "GET", f"{answer.request.method} {answer.url}"
    assert not page.url.startswith("chrome-error:"), page.url
    text = page.inner_text("body")
    assert "Confirm Form Resubmission" not in text and "ERR_CACHE_MISS" not in text, text[:500]


def _back(page):
    answer = page.go_back(wait_until="load")
    _not_resent(page, answer)
    return answer


def _reload(page):
    answer = page.reload(wait_until="load")
    _not_resent(page, answer)
    return answer


def test_upload_preview_import_then_back_and_reload(browser, review):
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/imports")
        before = _all_writes(ws)
        page.set_input_files("#files", str(CINAHL))
        page.click("#check-files")
        page.wait_for_selector("#preview")
        key = page.get_attribute("#confirm-form input[name=staged]", "value")
        _reload(page)                                             # preview → Reload: the same preview
        assert page.locator("#preview").count() == 1
        assert page.get_attribute("#confirm-form input[name=staged]", "value") == key
        page.goto(f"{base}/owner/reviewers")                       # away, then Back to the preview
        page.wait_for_selector("#team")
        _back(page)
        assert page.locator("#preview").count() == 1, page.inner_text("main")[:800]
        _back(page)                                               # and Back again: the upload form
        assert page.locator("#upload-form").count() == 1
        assert _all_writes(ws) == before                          # a preview writes nothing, however often seen
        page.go_forward(wait_until="load")
        page.fill("input[name=database]", "CINAHL")
        page.click("#confirm-import")
        page.wait_for_selector("text=Imported 9 records from 1 file.")
        imported = _all_writes(ws)
        assert imported["imports"] == before["imports"] + 1
        _reload(page)                                             # import → Reload: not imported again
        _back(page)                                               # import → Back: not the form resent
        if page.locator("#confirm-import").count():               # a page kept by the browser: Import again
            page.click("#confirm-import")
            page.wait_for_load_state()
        assert "were imported already" in page.inner_text("body"), page.url + page.inner_text("body")[:600]
        _shot(page, "imported-already-1280.png")
        _reload(page)
        assert _all_writes(ws) == imported
        page.close()


def test_column_chooser_reloads_and_comes_back(browser, review, tmp_path):
    ws, _, tokens = review
    table = tmp_path / "team.csv"
    table.write_text(TABLE, encoding="utf-8")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(table))
        page.click("#check-files")
        page.wait_for_selector("#choose-columns")
        key = page.get_attribute("#columns-form input[name=staged]", "value")
        answer = _reload(page)
        assert answer.status == 422 and page.locator("#choose-columns").count() == 1
        assert page.get_attribute("#columns-form input[name=staged]", "value") == key
        page.select_option("#col-title", "Heading")
        page.click("#check-columns")
        page.wait_for_selector("#preview")
        _reload(page)
        assert "columns read as chosen: title=Heading" in page.inner_text("#preview")
        page.close()


def test_settings_save_then_reload(browser, review):
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/settings")
        page.fill("input[name=title]", "Pain review, renamed")
        page.click("#save-settings")
        page.wait_for_selector("text=Settings saved")
        saved = _all_writes(ws)
        _reload(page)
        assert page.input_value("input[name=title]") == "Pain review, renamed"
        page.goto(f"{base}/owner/reviewers")
        page.wait_for_selector("#team")
        _back(page)
        assert _all_writes(ws) == saved
        page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_new_reviewer_then_reload_and_back(browser, review, width):
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/reviewers")
        before = _all_writes(ws)
        page.fill("#new-name", "dora")
        page.click("#add-reviewer-button")
        page.wait_for_selector("#new-link")
        url = page.input_value("#link-url")
        _shot(page, f"new-link-{width}.png")
        _reload(page)                                             # Reload: the same link, dora added once
        assert page.input_value("#link-url") == url
        assert "already exists" not in page.inner_text("main")
        page.goto(f"{base}/owner/settings")
        page.wait_for_selector("#settings-form")
        _back(page)
        assert page.input_value("#link-url") == url
        after = _all_writes(ws)
        assert after["reviewers"] == before["reviewers"] + 1 and after["reviewer_tokens"] == before["reviewer_tokens"] + 1
        page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_preview_and_chooser_at_both_widths(browser, review, tmp_path, width):
    ws, _, tokens = review
    table = tmp_path / "team.csv"
    table.write_text(TABLE, encoding="utf-8")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(CINAHL))
        page.click("#check-files")
        page.wait_for_selector("#preview")
        _reload(page)
        _shot(page, f"preview-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(table))
        page.click("#check-files")
        page.wait_for_selector("#choose-columns")
        _reload(page)
        _shot(page, f"chooser-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.close()


def test_workbench_preview_and_translations_then_back_and_reload(browser, review):
    ws, _, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, token, 1280)
        page.goto(f"{base}/workbench")
        page.fill("#text", "1. pain.ti,ab.\n2. qualitative.tw.\n3. 1 and 2")
        page.wait_for_selector("#check-summary:has-text('3 lines read')")
        page.wait_for_selector(".tcard")
        page.wait_for_selector("#draft-note:has-text('Draft kept')")     # the draft, kept with the review once
        events = _all_writes(ws)["events"]
        _reload(page)                                 # the text typed comes back, its translations with it
        page.wait_for_selector(".tcard")
        assert "2. qualitative.tw." in page.input_value("#text")
        page.goto(f"{base}/")
        _back(page)
        page.wait_for_selector(".tcard")
        assert "2. qualitative.tw." in page.input_value("#text")
        assert _all_writes(ws)["events"] == events
        page.close()
