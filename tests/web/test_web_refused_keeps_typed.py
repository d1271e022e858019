"""Forms answered by going back to the page they were sent from (bulk label, labels, comments): a
refusal came back as a red line and an empty form, what had been typed gone (found sweeping the forms,
session 9). Now the form is refilled with what was typed. Real Chromium."""

from __future__ import annotations

import shutil
import tempfile

import pytest
from test_searcher_imports import EMBASE
from test_web_browser import ARTIFACTS
from web_helpers import serving, signed_in_page


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_refused_bulk_label_stays_in_its_field(browser, review, width):
    ws, _, tokens = review
    typed = "older than 2017\u200b"          # a zero-width space, pasted with the words: refused
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/studies")
        page.click("#bulk summary")
        page.fill("#bulk-label-text", typed)
        page.click("#bulk-label-go")
        page.wait_for_selector(".flash.error")
        error = page.inner_text(".flash.error")
        assert "\n" not in error.strip() and "formatting characters" in error, error
        page.wait_for_timeout(300)
        assert page.input_value("#bulk-label-text") == typed
        assert page.is_visible("#bulk-label-text")         # the bulk panel open again, the label seen
        page.screenshot(path=str(ARTIFACTS / f"bulk-label-refused-{width}.png"), full_page=True)
        # a label refused once is not put back after a later page that refused nothing
        page.goto(f"{base}/studies")
        page.wait_for_timeout(200)
        assert page.input_value("#bulk-label-text") == ""
        page.close()


@pytest.mark.browser
def test_a_refused_label_on_the_screening_page_stays_in_its_field(browser, review):
    """The screening page sends a label without leaving the page; the field was emptied when sent,
    so a refused label was gone with only the red line left."""
    ws, _, tokens = review
    typed = "adult\u200b?"
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage=title_abstract")
        page.fill("#label-input", typed)
        page.press("#label-input", "Enter")
        page.wait_for_selector("#client-message:has-text('formatting characters')")
        assert "\n" not in page.inner_text("#client-message").strip()
        assert page.input_value("#label-input") == typed
        assert ws.db.execute("SELECT count(*) FROM events WHERE kind LIKE 'label%'").fetchone()[0] == 0
        page.screenshot(path=str(ARTIFACTS / "screen-label-refused-390.png"), full_page=True)
        # an accepted label empties the field, as before
        page.fill("#label-input", "adult?")
        page.press("#label-input", "Enter")
        page.wait_for_selector("#client-message:has-text('+adult?')")
        assert page.input_value("#label-input") == ""
        page.close()


@pytest.mark.browser
def test_an_import_refused_because_its_preview_is_gone_shows_what_was_typed(browser, review, tmp_path, monkeypatch):
    """The previewed files gone before Import (the server restarted, the preview cleared): the error
    page said to upload them again, and the details typed under the preview — the strategy pasted
    from the database, the date searched — were gone with the page."""
    ws, _, tokens = review
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))        # the previews' folders, where this test sees them
    strategy = "1. exp Chronic Pain/\n2. qualitative.tw.\n3. 1 and 2"
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(EMBASE))
        page.click("#check-files")
        page.wait_for_selector("#confirm-form")
        page.fill("#confirm-form input[name=database]", "Embase")
        page.fill("#confirm-form input[name=platform]", "Ovid")
        page.fill("#confirm-form textarea[name=strategy]", strategy)
        for folder in tmp_path.glob("screener-preview-*"):
            shutil.rmtree(folder)
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.click("#confirm-import")
        assert answer.value.status == 409
        page.wait_for_selector("#typed-not-sent")
        assert "upload them again" in page.inner_text(".error-message")
        shown = page.input_value("#typed-not-sent")
        assert strategy in shown and "Embase" in shown and "Ovid" in shown, shown
        page.screenshot(path=str(ARTIFACTS / "import-preview-gone-1280.png"), full_page=True)
        page.close()
