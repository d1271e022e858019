"""A screener who opens by its link a study that is not theirs (session 9's user review): the page
says at once why — assigned to others, already decided, not at this stage — with no vote buttons,
nothing of the others' votes, and a way back to their queue. A real server on 127.0.0.1 and
headless Chromium; screenshots go to tests/artifacts/web/user-review/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import SETTINGS, TA, serving, signed_in_page

from screener.records.model import Record
from screener.workspace.assignment import assignment
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote
from screener.workspace.votebook import VoteBook

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"


def _study_not_for(ws, name: str) -> int:
    rid = ws.db.execute("SELECT id FROM reviewers WHERE name = ?", (name,)).fetchone()[0]
    plan, book = assignment(ws, TA), VoteBook(ws)
    studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    return next(s for s in studies if not plan.assigned_to(rid, s, book))


@pytest.mark.browser
def test_a_study_assigned_to_others_says_so_at_once_without_vote_buttons(browser, review):
    """Before: dan (a third screener, blind mode) opened a study assigned to alice and bob by its
    link and saw it with Include/Exclude/Maybe; only his vote was refused ('not one of the studies
    assigned to you … take your next study with …')."""
    ws, _, _ = review
    dan = add_reviewer(ws, "dan", "screener")[1]
    with ws.transaction():
        ws.add_source_records([Record(title=f"Extra study {i}", abstract="x", database="test") for i in range(12)])
    study = _study_not_for(ws, "dan")
    voter = next(n for n in ("alice", "bob")
                 if assignment(ws, TA).assigned_to(ws.db.execute("SELECT id FROM reviewers WHERE name=?", (n,))
                                                   .fetchone()[0], study, VoteBook(ws)))
    cast_vote(ws, voter, study, TA, "exclude", reason="not qualitative", note="secret note")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, dan, 390)
        page.goto(f"{base}/screen?stage={TA}&study={study}")
        page.screenshot(path=str(SHOTS / "not-in-queue-390.png"), full_page=True)
        said = " ".join(page.inner_text("main").split())
        assert f"Study {study} is not in your queue" in said, said
        assert "assigned to other screeners" in said, said
        assert page.locator("#vote-include, #vote-exclude, #vote-maybe, #vote-form").count() == 0
        for secret in (voter, "exclude", "not qualitative", "secret note"):   # blinding: nothing of the vote
            assert secret not in said, (secret, said)
        page.click("#back-to-queue")
        page.wait_for_url(f"{base}/screen?stage={TA}")
        assert page.locator("#vote-include").count() == 1
        assert page.locator("header nav a", has_text="Title/abstract").count() == 1
        page.close()


def test_a_vote_posted_from_an_older_page_on_a_study_not_theirs_gets_the_same_page(app, review):
    """A page loaded before the roster changed still posts its vote: refused (409, nothing written)
    with the same page, which names the reason and has no vote buttons."""
    from web_helpers import csrf_of, signed_in

    ws, _, _ = review
    dan = add_reviewer(ws, "dan", "screener")[1]
    with ws.transaction():
        ws.add_source_records([Record(title=f"Extra study {i}", abstract="x", database="test") for i in range(12)])
    study = _study_not_for(ws, "dan")
    client = signed_in(app, dan)
    html = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    answer = client.post("/screen/vote", data={"study": study, "stage": TA, "vote": "include",
                                               "csrf_token": csrf_of(html)})
    text = answer.get_data(as_text=True)
    assert answer.status_code == 409 and "assigned to other screeners" in text and 'id="vote-form"' not in text
    assert ws.db.execute("SELECT count(*) FROM votes").fetchone()[0] == 0


@pytest.mark.browser
def test_a_decided_study_or_one_not_at_full_text_says_why_before_any_vote(browser, review):
    """Before: with one vote needed and blind mode off, bob opened a study alice had already decided,
    and one that had not reached full text, and saw both with the vote buttons; the refusal came
    after his vote."""
    ws, studies, tokens = review
    (ws.path / "review.toml").write_text(SETTINGS.replace("votes_needed = 2\nreason_required = false",
                                                          "votes_needed = 1\nreason_required = false")
                                         .replace("blind = true", "blind = false"), encoding="utf-8")
    ws.reload_settings()
    decided, fresh = studies[0], studies[1]
    cast_vote(ws, "alice", decided, TA, "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["bob"], 390)
        page.goto(f"{base}/screen?stage={TA}&study={decided}")
        said = " ".join(page.inner_text("main").split())
        page.screenshot(path=str(SHOTS / "not-in-queue-decided-390.png"), full_page=True)
        assert f"Study {decided} is not in your queue" in said and "already decided" in said, said
        assert page.locator("#vote-form").count() == 0
        page.goto(f"{base}/screen?stage=full_text&study={fresh}")
        said = " ".join(page.inner_text("main").split())
        assert f"Study {fresh} has not reached full text" in said and "included at title/abstract" in said, said
        assert page.locator("#vote-form").count() == 0
        assert page.get_attribute("#back-to-queue", "href").endswith("/screen?stage=full_text")
        page.goto(f"{base}/screen?stage={TA}&study={fresh}")       # his to screen: the buttons are there
        assert page.locator("#vote-include").is_enabled()
        page.close()
