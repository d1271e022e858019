"""A screener's own highlight words (Rayyan's per-reviewer keywords). Before, only the owner's
[highlight] terms (review.toml, the Settings page) were marked, and the side panel's
'Highlighted' listed them with nowhere for a screener to add the words they scan for ('focus
group', 'nurs*'). Now the panel has 'My words': include and exclude words saved for that reviewer
(an event; the newest is in force), marked beside the review's terms on their screening page and,
for an arbiter, on the conflict cards; nobody else sees them. A word too long is refused with one
line naming the field (422), the words typed kept in the boxes. Real Chromium at 390 px."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from web_helpers import TA, csrf_of, serving, signed_in, signed_in_page

from screener.workspace.my_highlights import my_highlights, set_my_highlights
from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


def _marked(page, kind: str) -> list[str]:
    return page.locator(f"#record mark.hl-{kind}").all_inner_texts()


@pytest.mark.browser
def test_a_screener_marks_words_of_their_own_and_nobody_else_sees_them(browser, review):
    ws, studies, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}")
        study = page.get_attribute("#record", "data-study")
        assert "themes" not in [t.lower() for t in _marked(page, "include")]
        page.fill("#my-hl-include", "theme*, focus group")
        page.fill("#my-hl-exclude", "identity")
        with page.expect_navigation():
            page.press("#my-hl-exclude", "Enter")
        assert page.get_attribute("#record", "data-study") == study      # the same study, still mine
        assert "themes" in [t.lower() for t in _marked(page, "include")], _marked(page, "include")
        assert "qualitative" in [t.lower() for t in _marked(page, "include")]    # the review's terms stay
        assert "identity" in [t.lower() for t in _marked(page, "exclude")], _marked(page, "exclude")
        assert page.input_value("#my-hl-include") == "theme*, focus group"
        page.screenshot(path=str(SHOTS / "my_highlight_words_390.png"), full_page=True)
        page.close()
        other = signed_in_page(browser, base, tokens["bob"], 390)
        other.goto(f"{base}/screen?stage={TA}&study={study}")
        assert "themes" not in [t.lower() for t in _marked(other, "include")]
        assert other.input_value("#my-hl-include") == ""
        other.close()
    assert my_highlights(ws, "alice") == {"include": ["theme*", "focus group"], "exclude": ["identity"]}


def test_a_word_too_long_is_refused_naming_the_field_and_the_words_stay(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    page = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    study = re.search(r'id="record" data-study="(\d+)"', page).group(1)
    long_word = "x" * 61
    answer = client.post("/screen/highlights", data={"csrf_token": csrf_of(page), "stage": TA, "study": study,
                                                     "include": f"pain, {long_word}", "exclude": "trial"})
    assert answer.status_code == 422
    text = html.unescape(answer.get_data(as_text=True))
    said = re.search(r'id="error">(.*?)</p>', text).group(1)
    assert said.startswith("My include words: ") and "60" in said and "nothing was saved" in said, said
    assert f'value="pain, {long_word}"' in text and 'value="trial"' in text
    assert f'data-study="{study}"' in text
    assert my_highlights(ws, "alice") == {"include": [], "exclude": []}


def test_words_are_an_event_and_the_newest_is_in_force(review):
    ws, studies, tokens = review
    set_my_highlights(ws, "alice", ["pain"], [])
    set_my_highlights(ws, "alice", [], ["trial", "Trial", " "])
    assert my_highlights(ws, "alice") == {"include": [], "exclude": ["trial"]}
    assert ws.db.execute("SELECT count(*) FROM events WHERE kind = 'highlight_words'").fetchone()[0] == 2
    assert my_highlights(ws, "bob") == {"include": [], "exclude": []}


def test_an_arbiter_sees_their_own_words_on_the_conflict_cards(app, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude")
    set_my_highlights(ws, "carol", ["themes"], [])
    set_my_highlights(ws, "alice", ["identity"], [])
    page = signed_in(app, tokens["carol"]).get(f"/conflicts?stage={TA}").get_data(as_text=True)
    assert '<mark class="hl-include">themes</mark>' in page
    assert '<mark class="hl-include">identity</mark>' not in page
    assert 'id="my-hl-include" value="themes"' in page          # where the arbiter changes them


def test_an_arbiter_saves_words_from_the_conflicts_page_and_comes_back_there(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["carol"])
    page = client.get("/conflicts").get_data(as_text=True)
    answer = client.post("/screen/highlights", data={"csrf_token": csrf_of(page), "stage": TA, "study": "",
                                                     "back": "/conflicts?", "include": "nurs*", "exclude": ""})
    assert answer.status_code == 303 and answer.headers["Location"].rstrip("?").endswith("/conflicts"), answer.headers
    assert my_highlights(ws, "carol") == {"include": ["nurs*"], "exclude": []}
    refused = client.post("/screen/highlights", data={"csrf_token": csrf_of(page), "stage": TA, "back": "/conflicts?",
                                                      "include": "", "exclude": "*"})
    assert refused.status_code == 422
    assert "My exclude words: '*' would mark every word" in html.unescape(refused.get_data(as_text=True))
    assert my_highlights(ws, "carol") == {"include": ["nurs*"], "exclude": []}
