"""An owner who opens a study by its link (the Studies page links every title to it): the study is
shown (an owner sees every vote), with vote buttons only when the owner's vote would be taken, and
otherwise the reason in words where the buttons were. A real server on 127.0.0.1 and headless
Chromium; screenshots go to tests/artifacts/web/user-review/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import SETTINGS, TA, counts, serving, signed_in_page

from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"


def _settings(ws, *, blind: bool, votes_needed: int = 2) -> None:
    text = SETTINGS.replace("blind = true", f"blind = {str(blind).lower()}")
    text = text.replace("votes_needed = 2\nreason_required = false", f"votes_needed = {votes_needed}\nreason_required = false")
    (ws.path / "review.toml").write_text(text, encoding="utf-8")
    ws.reload_settings()


@pytest.mark.browser
def test_an_owner_under_blind_mode_sees_the_study_and_why_there_are_no_vote_buttons(browser, review):
    """Before: under blind mode (two screeners, two votes needed) olivia, the owner, opened a study
    from the Studies page and saw Include/Exclude/Maybe; her vote was then refused ('an owner's vote
    would take a screener's place'). Now the study and its votes are there, and no vote buttons:
    the reason is said where they were, with the pages she can use instead; I says it again."""
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include", note="fits")
    before = counts(ws)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/studies?stage={TA}")
        page.click(f"a.title[href$='study={study}']")
        page.wait_for_url(f"{base}/screen?stage={TA}&study={study}")
        page.screenshot(path=str(SHOTS / "owner-study-link-390.png"), full_page=True)
        assert page.locator("#title").is_visible()
        said = " ".join(page.inner_text("main").split())
        assert "include" in page.inner_text(".other-votes"), said             # the owner sees every vote
        assert page.locator("#vote-form, #vote-include, #vote-exclude, #vote-maybe").count() == 0, said
        why = " ".join(page.inner_text("#no-vote").split())
        assert "You do not vote on this study" in why and "take a screener's place" in why, why
        assert page.locator("#no-vote a", has_text="Conflicts").count() == 1
        assert page.locator("#no-vote a", has_text="Settings").count() == 1
        page.keyboard.press("i")
        assert "You do not vote on this study" in page.inner_text("#client-message")
        keys = " ".join(page.inner_text("#shortcuts").split())      # only the keys that do something here
        assert "note" not in keys and "reason" not in keys and "include" not in keys, keys
        page.fill("#label-input", "owner-note")          # labels still work on this page
        page.press("#label-input", "Enter")
        page.wait_for_selector("#label-chips .label-chip:has-text('owner-note')")
        page.close()
    after = counts(ws)
    assert after["votes"] == before["votes"], (before, after)


@pytest.mark.browser
def test_an_owner_whose_vote_counts_keeps_the_buttons_and_a_decided_study_says_why_not(browser, review):
    """With blind mode off an owner screens like anyone: a fresh study opened by its link has the
    buttons and her vote is recorded; a study already decided has none, and says it is decided."""
    ws, studies, tokens = review
    _settings(ws, blind=False, votes_needed=1)
    decided, fresh = studies[0], studies[1]
    cast_vote(ws, "alice", decided, TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/screen?stage={TA}&study={decided}")
        assert page.locator("#vote-form").count() == 0
        why = " ".join(page.inner_text("#no-vote").split())
        assert "already decided" in why, why
        page.goto(f"{base}/screen?stage={TA}&study={fresh}")
        assert page.locator("#no-vote").count() == 0
        page.click("#vote-include")
        page.wait_for_url(f"{base}/screen?stage={TA}")
        page.close()
    assert ws.db.execute("SELECT count(*) FROM votes v JOIN reviewers r ON r.id = v.reviewer_id "
                         "WHERE r.name = 'olivia' AND v.study_id = ?", (fresh,)).fetchone()[0] == 1


@pytest.mark.browser
def test_an_owner_with_fewer_screeners_than_votes_needed_votes_under_blind_mode(browser, review):
    """Blind mode with three votes needed and two screeners: the owner's vote is one of the three,
    so the buttons stay (what settings.py and owner_votes allow)."""
    ws, studies, tokens = review
    _settings(ws, blind=True, votes_needed=3)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/screen?stage={TA}&study={studies[2]}")
        assert page.locator("#vote-include").is_enabled()
        assert page.locator("#no-vote").count() == 0
        page.close()


@pytest.mark.browser
def test_an_owner_on_a_study_in_conflict_is_sent_to_the_conflicts_page(browser, review):
    """Before: on a study alice included and bob excluded, the owner read 'it already has the 2
    screeners it needs' — true, but not what an owner can do about it: decide the conflict."""
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude", reason="out of scope")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/screen?stage={TA}&study={study}")
        why = " ".join(page.inner_text("#no-vote").split())
        assert "the screeners disagree" in why and "Decide it on the Conflicts page" in why, why
        assert "screeners it needs" not in why, why
        page.click("#no-vote a:has-text('Conflicts')")
        page.wait_for_url(f"{base}/conflicts?stage={TA}")
        assert page.locator(f"[data-study='{study}'], #conflict-{study}").count() + \
            page.get_by_text("Living with chronic pain").count() >= 1
        page.close()
