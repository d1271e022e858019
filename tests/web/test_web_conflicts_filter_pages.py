"""The arbiter's Conflicts page with many conflicts. Before, every open conflict was one card on one
page — with 200 conflicts at title/abstract a 1.1 MB page (0.5-1 s to build), tens of thousands of
pixels to scroll at 390 px, and no way to take the conflicts over a reason apart from include
against exclude, or one screener's conflicts. Now the list shows 20 cards a page ('Conflicts 21-40
of 45', Previous/Next), filtered by kind ('include or exclude', 'the reasons differ') and by
screener, each value with its count; resolving a card comes back to the same filter and page. A bad
filter value is one line naming it, 400. HTTP through the real sign-in and forms; Chromium at 390."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from web_helpers import FT, TA, csrf_of, serving, signed_in, signed_in_page

from screener.records.model import Record
from screener.workspace.screening import cast_vote

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


@pytest.fixture()
def many(review):
    """45 conflicts between alice and bob: 30 include/exclude at title/abstract, 15 over the reason
    at full text."""
    ws, studies, tokens = review
    with ws.transaction():
        ws.add_source_records([Record(title=f"Conflict study {i}", database="test", abstract="Words.") for i in range(45)])
    ids = [r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links ORDER BY study_id")][6:]
    for study in ids[:30]:
        cast_vote(ws, "alice", study, TA, "include")
        cast_vote(ws, "bob", study, TA, "exclude", reason="out of scope")
    for study in ids[30:]:
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include")
        cast_vote(ws, "alice", study, FT, "exclude", reason="not qualitative")
        cast_vote(ws, "bob", study, FT, "exclude", reason="wrong population")
    return ws, ids, tokens


def _cards(text: str) -> list[int]:
    return [int(s) for s in re.findall(r'<article class="conflict" id="conflict-(\d+)-', text)]


def test_twenty_a_page_with_kind_and_screener_filters_and_counts(app, many):
    ws, ids, tokens = many
    client = signed_in(app, tokens["carol"])
    text = html.unescape(client.get("/conflicts").get_data(as_text=True))
    assert len(_cards(text)) == 20 and "Conflicts 1–20 of 45" in text, _cards(text)
    assert re.search(r'data-facet="kind" data-value="reason"[^>]*>[^<]*</a>\s*<span class="count">15<', text)
    assert re.search(r'data-facet="reviewer" data-value="bob"[^>]*>[^<]*</a>\s*<span class="count">45<', text)
    page3 = html.unescape(client.get("/conflicts?page=3").get_data(as_text=True))
    assert len(_cards(page3)) == 5 and "Conflicts 41–45 of 45" in page3
    reason = html.unescape(client.get("/conflicts?kind=reason").get_data(as_text=True))
    assert sorted(_cards(reason)) == ids[30:]
    # at title/abstract no conflict is over the reason: a kind with nothing in it is not offered
    only_votes = client.get(f"/conflicts?stage={TA}").get_data(as_text=True)
    assert 'data-facet="kind"' not in only_votes and "Conflicts 1–20 of 30" in html.unescape(only_votes)
    bob = html.unescape(client.get("/conflicts?reviewer=bob&page=2").get_data(as_text=True))
    assert sorted(_cards(bob)) == ids[20:40]


def test_resolving_comes_back_to_the_same_filter_and_page(app, many):
    ws, ids, tokens = many
    client = signed_in(app, tokens["carol"])
    page = client.get(f"/conflicts?stage={TA}&reviewer=bob&page=2").get_data(as_text=True)
    study = _cards(page)[0]
    answer = client.post("/conflicts/resolve", data={
        "csrf_token": csrf_of(page), "study": study, "stage": TA, "decision": "include", "note": "",
        "back": TA, "back_kind": "", "back_reviewer": "bob", "back_page": "2"})
    assert answer.status_code == 303
    where = answer.headers["Location"]
    assert "reviewer=bob" in where and "page=2" in where and f"stage={TA}" in where, where


@pytest.mark.parametrize("query, field", [("kind=both", "kind"), ("reviewer=zoe", "reviewer"), ("page=0", "page"),
                                          ("page=x", "page")])
def test_a_bad_filter_value_is_one_line_naming_it(app, many, query, field):
    ws, ids, tokens = many
    client = signed_in(app, tokens["carol"])
    answer = client.get(f"/conflicts?stage={TA}&{query}")
    assert answer.status_code == 400
    said = html.unescape(re.search(r'<p class="error[^"]*"[^>]*>(.*?)</p>', answer.get_data(as_text=True), re.S).group(1))
    assert said.strip().startswith(f"{field}:") or f"'{field}'" in said, said


@pytest.mark.browser
def test_the_filtered_list_at_390_px(browser, many):
    ws, ids, tokens = many
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], 390)
        page.goto(f"{base}/conflicts")
        page.click('[data-facet="kind"][data-value="reason"]')
        page.wait_for_load_state()
        assert len(page.locator("article.conflict").all()) == 15
        assert "kind=reason" in page.url
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        page.screenshot(path=str(SHOTS / "conflicts_filter_390.png"))
        page.close()

