"""Imports page, a correction of an import's details refused (a date searched in the future): the
page came back at its top with the error there, and the form, open with what was typed, far below
the upload panel and every other import, out of sight at 390 px: it looked as if the typing was
lost (found walking the owner's journey, session 9). The refusal now also stands in the open form,
and the page opens there. Real Chromium."""

from __future__ import annotations

import io

import pytest
from test_owner_api import CINAHL, SCOPUS
from web_helpers import serving, signed_in_page


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_a_refused_correction_opens_the_page_at_its_form(browser, app, review, width):
    ws, _, tokens = review
    for path in (CINAHL, SCOPUS, CINAHL):          # three imports: the first one's form is far down
        answer = app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"},
                                        content_type="multipart/form-data",
                                        data={"file": [(io.BytesIO(path.read_bytes()), path.name)], "again": "true"})
        assert answer.status_code == 201, answer.get_json()
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/imports")
        form = page.locator("details.edit-import").last
        form.locator("summary").click()
        form.locator("input[name=searched_on]").fill("2099-05-05")
        form.locator("input[name=limits]").fill("English only")
        form.locator("button:has-text('Save correction')").click()
        page.wait_for_load_state()
        said = page.locator("details.edit-import[open] .error-message")
        assert said.count() == 1, page.inner_text("main")[:1500]
        assert "in the future" in said.inner_text()
        box = said.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"], box
        assert page.locator("details.edit-import[open] input[name=limits]").input_value() == "English only"
        page.close()
