"""Defects found by the rev2 user-level review, in headless Chromium. Screenshots go to
tests/artifacts/web/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, serving_with_reasons, signed_in_page

from screener.workspace.screening import cast_vote

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"

pytestmark = pytest.mark.browser

# the demo's reasons: the longest one made the arbiter's Reason list wider than a phone
REASONS = ["not qualitative or limited qualitative data", "out of scope", "methodological report"]


@pytest.fixture()
def server(review):
    with serving_with_reasons(review[0], REASONS) as url:
        yield url


def test_the_arbiters_decision_form_fits_a_390_px_phone(browser, server, review):
    # Was: the Reason list (as wide as its longest reason) and the Resolve button ran past the right
    # edge of a 390 px screen, cutting both off and making the page scroll sideways.
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude", reason="out of scope")
    page = signed_in_page(browser, server, tokens["carol"], 390)
    page.goto(f"{server}/conflicts")
    form = page.locator(f"#conflict-{studies[0]}-{TA} form.resolve")
    page.screenshot(path=str(ARTIFACTS / "rev2-conflicts-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in ("select[name=reason]", "button[type=submit]", "input[name=note]"):
        box = form.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
    page.close()


def test_the_reviewers_new_link_and_revoke_buttons_are_on_a_390_px_screen(browser, server, review):
    # Was: the reviewers table scrolled sideways inside its panel on a phone; its last column, the
    # New link and Revoke buttons, started past the screen's right edge with nothing showing it was there.
    ws, studies, tokens = review
    page = signed_in_page(browser, server, tokens["olivia"], 390)
    page.goto(f"{server}/owner/reviewers")
    page.screenshot(path=str(ARTIFACTS / "rev2-reviewers-390.png"), full_page=True)
    for name in ("alice", "bob", "carol"):
        row = page.locator(f"#reviewer-{name}")
        for label in ("New link", "Revoke"):
            box = row.get_by_role("button", name=label).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, label, box)
        assert "screener" in row.inner_text() or "arbiter" in row.inner_text()
    page.close()


def test_raising_votes_needed_says_how_many_decided_studies_it_reopens(browser, server, review):
    # Was: raising "Votes needed" from 2 to 5 answered only "Settings saved: votes needed." while it
    # turned every study decided by two votes back into an undecided one (the dashboard's counts fell
    # from decided to undecided), and 5 votes could never come: only three reviewers here can vote.
    ws, studies, tokens = review
    for study in studies[:2]:
        cast_vote(ws, "alice", study, TA, "exclude")
        cast_vote(ws, "bob", study, TA, "exclude")
    page = signed_in_page(browser, server, tokens["olivia"], 1280)
    page.goto(f"{server}/owner/settings")
    page.fill("input[name=votes_needed_title_abstract]", "5")
    page.click("button.primary[type=submit]")
    page.wait_for_selector(".flash")
    page.screenshot(path=str(ARTIFACTS / "rev2-settings-votes-needed.png"), full_page=True)
    text = page.locator(".flashes").inner_text()
    assert "Settings saved" in text
    assert "2 studies decided at title/abstract are undecided again" in text, text
    assert "only 3 reviewers can vote" in text, text
    assert "inclusion criteria" not in text, text     # was: every save changed it (the browser sends CRLF)
    page.close()


def test_the_searchers_start_page_counts_no_studies_left_for_them(browser, server, review):
    # Was: the information specialist (role searcher, who cannot vote) read "You: voted 0, 6 left." on
    # each stage's card, with no way to screen them (/screen answers 403) and no link to the workbench.
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    page = signed_in_page(browser, server, token, 390)
    page.screenshot(path=str(ARTIFACTS / "rev2-searcher-home-390.png"), full_page=True)
    text = page.locator("main").inner_text()
    assert "left" not in text and "voted" not in text, text
    assert page.locator("main a[href$='/workbench']").count() >= 1
    page.close()


def test_the_workbench_saved_versions_fit_a_390_px_phone(browser, server, review):
    # Was: once a strategy had saved versions, their table (From, To, Version, Saved, By, Lines, Note,
    # Open) made the workbench 503 px wide on a 390 px phone: the page scrolled sideways and each
    # version's Open button was off screen.
    from screener.workspace.strategies import save_strategy

    ws, studies, tokens = review
    for note in ("as published", "added headache"):
        save_strategy(ws, "MEDLINE main", f"1. exp Chronic Pain/\n2. qualitative.tw.\n3. 1 and 2\n# {note}\n",
                      actor="olivia", note=note)
    page = signed_in_page(browser, server, tokens["olivia"], 390)
    page.goto(f"{server}/workbench")
    page.wait_for_selector("#versions tbody tr")
    page.screenshot(path=str(ARTIFACTS / "rev2-workbench-versions-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for row in page.locator("#versions tbody tr").all():
        box = row.get_by_role("button", name="Open").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, box
    page.close()


def test_my_votes_show_the_outcome_and_change_link_on_a_390_px_phone(browser, server, review):
    # Was: the My votes table scrolled sideways inside its panel on a phone: its Outcome column was cut
    # off at the screen's edge ("incl", "exc") and the "change" link of an undecided study was past it.
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "alice", studies[1], TA, "exclude", reason="out of scope")
    cast_vote(ws, "bob", studies[1], TA, "exclude")
    page = signed_in_page(browser, server, tokens["alice"], 390)
    page.goto(f"{server}/mine")
    page.screenshot(path=str(ARTIFACTS / "rev2-mine-390.png"), full_page=True)
    change = page.locator("#my-votes a", has_text="change").first
    box = change.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390, box
    for cell in page.locator("#my-votes td.outcome").all():
        box = cell.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, box
    assert page.locator("#my-votes td.outcome").count() == 2
    page.close()
