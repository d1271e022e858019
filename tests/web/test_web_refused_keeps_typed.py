"""Forms answered by going back to the page they were sent from (bulk label, labels, comments): a
refusal came back as a red line and an empty form, what had been typed gone (found sweeping the forms,
session 9). Now the form is refilled with what was typed. Real Chromium."""

from __future__ import annotations

import pytest
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
