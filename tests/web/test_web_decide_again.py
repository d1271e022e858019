"""An arbiter who resolved a conflict the wrong way could not put it right in the web app: the
study left the Conflicts page ('No open conflicts.'), and on Studies its title was plain text, so
nothing led back to it (only `screener resolve` at the command line). The Conflicts page now lists
the newest decisions, each with 'Change', and a study's title on Studies opens its decision page:
the votes side by side, every decision made on it, and 'Decide again' (a new resolution; the
first stays on record). Found walking the arbiter's journey at 1280 and 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, counts, serving, signed_in_page

from screener.workspace.screening import cast_vote, study_outcome


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_an_arbiter_changes_a_decision_from_the_conflicts_page(browser, review, width):
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], width)
        page.goto(f"{base}/conflicts?stage={TA}")
        page.check(f"#conflict-{study}-{TA} input[value=include]")
        with page.expect_navigation():        # the list comes after the decision's fetch
            page.click(f"#conflict-{study}-{TA} button[type=submit]")
        assert "No open conflicts." in page.inner_text("main")
        decided = page.locator("#decided")
        assert f"Study {study}" in decided.inner_text() and "include" in decided.inner_text(), decided.inner_text()
        decided.get_by_role("link", name="Change").first.click()
        page.wait_for_load_state()
        card = page.locator(f"#conflict-{study}-{TA}")
        assert "alice" in card.inner_text() and "bob" in card.inner_text()
        assert "include" in page.inner_text(f"#decisions-{study}-{TA}")
        page.check(f"#conflict-{study}-{TA} input[value=exclude]")
        page.select_option(f"#conflict-{study}-{TA} select[name=reason]", "out of scope")
        button = page.locator(f"#conflict-{study}-{TA} button[type=submit]")
        assert button.inner_text().strip() == "Decide again"
        page.screenshot(path=f"tests/artifacts/web/decide_again_{width}.png", full_page=True)
        box = button.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
        with page.expect_navigation():
            button.click()
        history = page.inner_text(f"#decisions-{study}-{TA}")
        assert "include" in history and "exclude (out of scope)" in history, history
        assert study_outcome(ws, study, TA).status == "exclude"
        assert counts(ws)["resolutions"] == 2                      # the first decision stays on record
        page.close()


@pytest.mark.browser
def test_an_arbiters_studies_list_opens_a_studys_decision_page(browser, review):
    ws, studies, tokens = review
    study = studies[1]
    cast_vote(ws, "alice", study, TA, "exclude")
    cast_vote(ws, "bob", study, TA, "exclude")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], 390)
        page.goto(f"{base}/studies?stage={TA}&decision=exclude")
        page.locator(f"a[href*='study={study}']").first.click()
        page.wait_for_load_state()
        assert "/conflicts?" in page.url, page.url
        assert "agreed" in page.inner_text(f"#conflict-{study}-{TA} .meta"), page.inner_text(f"#conflict-{study}-{TA}")
        assert page.locator(f"#conflict-{study}-{TA} button[type=submit]").inner_text().strip() == "Decide again"
        page.close()


@pytest.mark.browser
def test_a_study_with_nothing_to_decide_says_so_without_a_form(browser, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[2], TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], 390)
        for study, stage, words in ((studies[2], TA, "1 of the 2 votes it needs"),
                                    (studies[3], TA, "0 of the 2 votes it needs"),
                                    (studies[3], "full_text", "has not reached full text")):
            page.goto(f"{base}/conflicts?stage={stage}&study={study}")
            card = page.locator(f"#conflict-{study}-{stage}")
            assert words in card.inner_text(), card.inner_text()
            assert "Nothing to decide yet" in card.inner_text(), card.inner_text()
            assert card.locator("form.resolve").count() == 0
        page.close()


@pytest.mark.browser
def test_an_owner_on_a_decided_studys_page_is_led_to_its_decision(browser, review):
    """The owner opening a decided study (Studies links titles to it) read 'it is already decided
    at title/abstract (include), and votes can no longer change it', though an owner can decide
    it again: nothing led to where."""
    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/screen?stage={TA}&study={study}")
        with page.expect_navigation():
            page.locator("#no-vote").get_by_role("link", name="decide it again").click()
        assert page.locator(f"#conflict-{study}-{TA} button[type=submit]").inner_text().strip() == "Decide again"
        page.close()
