"""Settings page, saved by someone else while the owner was typing (409): before, the page came back
with the settings now saved and everything the owner had typed was gone. Now the form is refilled
with what the owner typed, the fields that differ from what is saved now are marked with the saved
value beside them, one line says who saved meanwhile and what to do; nothing is saved until the
owner saves again. Real Chromium at 1280 and 390 px."""

from __future__ import annotations

import pytest
from test_web_browser import ARTIFACTS
from web_helpers import serving, signed_in_page

from screener.workspace.reviewers import add_reviewer
from screener.workspace.settings_edit import settings_document, update_settings


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_settings_saved_meanwhile_keeps_what_the_owner_typed(browser, review, width):
    ws, _, tokens = review
    add_reviewer(ws, "oscar", "owner")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/settings")
        page.fill("input[name=title]", "Pain narratives: a qualitative synthesis")
        page.fill("textarea[name=highlight_include]", "qualitative\ninterview*\nnarrative*")
        page.check("input[name=hide_authors]")
        # meanwhile another owner adds an exclusion reason
        other = update_settings(ws, {"exclusion_reasons": ["out of scope", "not qualitative", "wrong population",
                                                           "wrong design"], "highlight_include": ["phenomenolog*"]},
                                version=settings_document(ws)["version"], actor="oscar")
        saved_text = (ws.path / "review.toml").read_text(encoding="utf-8")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.click("#save-settings")
        assert answer.value.status == 409
        page.wait_for_load_state()
        error = page.inner_text("#error")
        assert "\n" not in error.strip(), error
        assert "oscar" in error and "nothing" in error.lower() and "save again" in error.lower(), error
        # what the owner typed is still there
        assert page.input_value("input[name=title]") == "Pain narratives: a qualitative synthesis"
        assert page.input_value("textarea[name=highlight_include]") == "qualitative\ninterview*\nnarrative*"
        assert page.is_checked("input[name=hide_authors]")
        # what oscar changed and the owner had not touched is in the form as oscar saved it (saving
        # again does not undo it unseen); the fields where the form holds something else are marked
        assert page.input_value("textarea[name=exclusion_reasons]").splitlines()[-1] == "wrong design"
        marked = page.eval_on_selector_all(".differs [name]", "els => els.map(e => e.name)")
        assert set(marked) == {"title", "highlight_include", "hide_authors"}, marked
        assert page.inner_text("#saved-now-highlight_include") == "Saved now: phenomenolog*"
        assert "Exclusion reasons" in error, error
        assert (ws.path / "review.toml").read_text(encoding="utf-8") == saved_text   # nothing saved
        page.screenshot(path=str(ARTIFACTS / f"settings-stale-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, overflow

        # saving again (the new confirm) saves what the form now holds, over oscar's version
        page.click("#save-settings")
        page.wait_for_selector("text=Settings saved")
        s = ws.reload_settings()
        assert s.title == "Pain narratives: a qualitative synthesis" and s.hide_authors
        assert s.highlight_include == ["qualitative", "interview*", "narrative*"]
        assert s.exclusion_reasons == other["exclusion_reasons"]          # oscar's change kept
        page.close()
