"""Defects found by a user-level review in headless Chromium (each test failed before its fix):
pages that work on one review served alone must work the same under `screener serve --root`.

Skipped (with the reason) when the playwright package or a chromium binary is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import RECORDS, TA, serving_root, study_ids

from screener.workspace import Workspace
from screener.workspace.reviewers import add_reviewer
from screener.workspace.root import create_review, mint_root_token
from screener.workspace.screening import cast_vote

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"




@pytest.fixture()
def root_server(tmp_path):
    """(base URL, tokens): a server root with one review 'pain' (owner root-owner, searcher sam,
    screeners ann and ben, arbiter cat) and two studies, the first in conflict at title/abstract."""
    root = tmp_path / "root"
    root.mkdir()
    root_token = mint_root_token(root)
    ws, owner_token = create_review(root, "pain", "Chronic pain: a qualitative review")
    tokens = {"root": root_token, "owner": owner_token, "sam": add_reviewer(ws, "sam", "searcher")[1]}
    for name, role in (("ann", "screener"), ("ben", "screener"), ("cat", "arbiter")):
        tokens[name] = add_reviewer(ws, name, role)[1]
    with ws.transaction():
        ws.add_source_records(RECORDS[:2])
    study = study_ids(ws)[0]
    cast_vote(ws, "ann", study, TA, "exclude")
    cast_vote(ws, "ben", study, TA, "include")
    ws.close()
    with serving_root(root) as url:
        yield url, tokens


def test_workbench_under_a_server_root_checks_translates_and_lists_saved_versions(browser, root_server):
    # Was: workbench.js fetched /api/strategies… from the server's root, not the review's /r/<name>/,
    # so under --root every check, translation and saved version failed with 'NOT FOUND'.
    base, tokens = root_server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{base}/r/pain/signin?token={tokens['sam']}")
    page.click("#signin")
    page.wait_for_url(f"{base}/r/pain/")
    page.click("text=Search strategies")
    page.wait_for_url(f"{base}/r/pain/workbench")
    page.fill("#text", "1. exp Chronic Pain/\n2. (qualitative adj3 (study or research)).ti,ab.\n3. 1 and 2")
    page.wait_for_selector("#check-summary.clean")
    assert page.inner_text("#check-summary") == "3 lines read: no problems."
    page.fill("#save-name", "MEDLINE main")
    page.click("text=Save as new version")
    page.wait_for_selector("#strategy-select option:has-text('MEDLINE main')", state="attached")
    page.screenshot(path=str(ARTIFACTS / "review2-workbench-under-root.png"))
    assert failed == []


def _sign_in(browser, base: str, token: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/r/pain/signin?token={token}")
    page.click("#signin")
    page.wait_for_url(f"{base}/r/pain/")
    return page


def test_forms_that_return_to_their_page_stay_in_the_review_under_a_server_root(browser, root_server):
    # Was: the comment form and the label chips sent back request.full_path, which lacks the
    # review's /r/<name>, so after commenting on a conflict (or removing a label) the browser
    # landed on the server root's 404 page.
    base, tokens = root_server
    page = _sign_in(browser, base, tokens["cat"])
    page.goto(f"{base}/r/pain/conflicts")
    conflict = page.locator("article.conflict").first
    conflict.locator("textarea[name=text]").fill("Ann, why out of scope?")
    conflict.locator("button.comment-go").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{base}/r/pain/conflicts")
    assert "Ann, why out of scope?" in page.inner_text("article.conflict")

    page = _sign_in(browser, base, tokens["ann"])
    page.goto(f"{base}/r/pain/screen?stage=title_abstract")
    page.fill("#label-input", "teeth")
    page.press("#label-input", "Enter")
    page.wait_for_selector("#label-chips .label-chip:has-text('teeth')")
    page.reload()
    page.click("#label-chips button.chip-x")
    page.wait_for_load_state()
    assert page.url.startswith(f"{base}/r/pain/screen")
    assert page.locator("#label-chips .label-chip:has-text('teeth')").count() == 0


def test_owner_imports_and_workbench_fit_a_390_px_phone(browser, root_server):
    # Was: an import's long file name (no break opportunity) pushed its Withdraw button off the
    # screen, and the workbench's lower panels were at least 30rem (480 px) wide.
    base, tokens = root_server
    export = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris" / \
        "citation-file-formatting___baseline_scopus.ris"
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{base}/r/pain/signin?token={tokens['owner']}")
    page.click("#signin")
    page.wait_for_url(f"{base}/r/pain/")
    page.goto(f"{base}/r/pain/owner/imports")
    page.set_input_files("#files", str(export))
    page.click("#check-files")
    page.click("#confirm-import")
    page.wait_for_selector("#import-1")
    page.screenshot(path=str(ARTIFACTS / "review2-imports-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    withdraw = page.locator("#import-1 button.withdraw").bounding_box()
    assert withdraw["x"] + withdraw["width"] <= 390
    page.goto(f"{base}/r/pain/workbench")
    page.wait_for_selector("#saved-panel")
    page.screenshot(path=str(ARTIFACTS / "review2-workbench-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_new_review_form_checks_the_short_name_in_the_browser(browser, root_server):
    # Was: pattern="[a-z0-9][a-z0-9-]*" is not a valid regular expression with the 'v' flag
    # browsers now compile it with, so Chromium ignored it (a console error) and 'Bad Slug' went
    # to the server.
    base, tokens = root_server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/signin?token={tokens['root']}")
    page.click("#signin")
    page.wait_for_url(f"{base}/")
    page.fill("#new-title", "Another review")
    page.fill("#new-slug", "Bad Slug")
    assert page.eval_on_selector("#new-slug", "e => e.validity.patternMismatch") is True
    page.fill("#new-slug", "pain-qual-2026")
    assert page.eval_on_selector("#new-slug", "e => e.validity.valid") is True
    assert errors == []


def test_an_error_on_the_screening_page_is_not_covered_by_the_stage_switch(browser, tmp_path, root_server):
    # Was: the stage switch sits absolutely at the top of the page; an error shown on the page
    # itself (a refused full-text upload) sat under it, its first words hidden.
    base, tokens = root_server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    # a screener: with two screeners for two votes under blind mode, an owner is not given studies
    # (an owner's vote would take a screener's place; README "Owners' votes under blind mode")
    page.goto(f"{base}/r/pain/signin?token={tokens['ann']}")
    page.click("#signin")
    page.wait_for_url(f"{base}/r/pain/")
    page.goto(f"{base}/r/pain/screen?stage=title_abstract")
    study = page.get_attribute("#record", "data-study")
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello", encoding="utf-8")
    # included at title/abstract, so that it is at full text (a study that is not says so, with no form)
    ws = Workspace.open(tmp_path / "root" / "pain")
    for name in ("ann", "ben"):
        cast_vote(ws, name, int(study), TA, "include")
    ws.close()
    page.goto(f"{base}/r/pain/screen?stage=full_text&study={study}")
    if not page.locator("#fulltext-file").is_visible():
        page.click("details.attach summary")
    page.set_input_files("#fulltext-file", str(fake))
    page.click("#fulltext-submit")
    page.wait_for_selector(".flash.error")        # (the page it redirects to, since reloading must not re-send the file)
    error, switch = page.locator(".flash.error").bounding_box(), page.locator(".stage-switch").bounding_box()
    page.screenshot(path=str(ARTIFACTS / "review2-screen-error.png"))
    assert switch["y"] >= error["y"] + error["height"] or switch["y"] + switch["height"] <= error["y"]
