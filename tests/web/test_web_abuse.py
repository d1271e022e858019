"""Requests that used to give a 500 (issue 21) get the 400 that says what was wrong, and nothing
is written; the arbiter's re-vote request over the API."""

from __future__ import annotations

import pytest
from web_helpers import TA, counts

from screener.workspace import db


def bearer(token):
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def test_json_nested_1000_deep_is_a_400(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    before = counts(ws)
    nested = "[" * 1000 + "]" * 1000
    body = f'{{"study": {studies[0]}, "stage": "title_abstract", "vote": "include", "note": {nested}}}'
    answer = client.post("/api/votes", headers=bearer(tokens["alice"]), data=body)
    assert answer.status_code == 400
    assert "more than 32 deep" in answer.get_json()["error"]
    assert counts(ws) == before


def test_a_lone_surrogate_in_a_note_is_a_400(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    before = counts(ws)
    body = f'{{"study": {studies[0]}, "stage": "title_abstract", "vote": "include", "note": "ok \\ud800"}}'
    answer = client.post("/api/votes", headers=bearer(tokens["alice"]), data=body)
    assert answer.status_code == 400
    assert "'note' holds a lone surrogate (\\ud800) at character 4" in answer.get_json()["error"]
    assert counts(ws) == before


def test_the_arbiter_asks_for_a_revote_over_the_api(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    s = studies[0]
    for who, vote in (("alice", "include"), ("bob", "exclude")):
        assert client.post("/api/votes", headers=bearer(tokens[who]),
                           json={"study": s, "stage": TA, "vote": vote}).status_code == 200
    change = client.post("/api/votes", headers=bearer(tokens["bob"]), json={"study": s, "stage": TA, "vote": "include"})
    # blind mode (issue 21): no 409 saying the votes are in; a change request, answered as a change
    assert change.status_code == 200 and change.get_json()["outcome"]["status"] == "undecided"
    assert change.get_json()["vote"]["vote"] == "include"
    refused = client.post("/api/revotes", headers=bearer(tokens["alice"]), json={"study": s, "stage": TA, "reviewer": "bob"})
    assert refused.status_code == 403
    asked = client.post("/api/revotes", headers=bearer(tokens["carol"]),
                        json={"study": s, "stage": TA, "reviewer": "bob", "note": "check the setting"})
    assert asked.status_code == 200 and asked.get_json()["outcome"]["status"] == "include"    # request accepted
    again = client.post("/api/votes", headers=bearer(tokens["bob"]), json={"study": s, "stage": TA, "vote": "include"})
    assert again.status_code == 200 and again.get_json()["outcome"]["status"] == "include"


def test_vote_ids_are_hidden_from_a_blinded_screener(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    answer = client.post("/api/votes", headers=bearer(tokens["alice"]),
                         json={"study": studies[0], "stage": TA, "vote": "include"})
    assert answer.get_json()["vote"]["id"] is None
    mine = client.get("/api/votes", headers=bearer(tokens["alice"])).get_json()
    assert [v["vote"]["id"] for v in mine] == [None]


@pytest.fixture
def small_pages(monkeypatch):
    """A workspace on 4 KB pages (as made before 32 KB pages): a 9,000-character note (notes take at
    most 10,000) needs a new page there, where a 32 KB page of the votes table has room for it."""
    monkeypatch.setattr(db, "PAGE_SIZE", 4096)


def test_a_full_disk_is_a_one_line_503(small_pages, app, review):
    ws, studies, tokens = review
    client = app.test_client()
    served = app.extensions["screener"].ws.db      # the app's connection in this thread
    assert served.execute("PRAGMA page_size").fetchone()[0] == 4096
    # a full disk: no free page inside the file (the migrations leave some: m021 drops the old
    # search index) and the file may not grow
    served.execute("VACUUM")
    assert served.execute("PRAGMA freelist_count").fetchone()[0] == 0
    served.execute(f"PRAGMA max_page_count = {served.execute('PRAGMA page_count').fetchone()[0]}")
    answer = client.post("/api/votes", headers=bearer(tokens["alice"]),
                         json={"study": studies[0], "stage": TA, "vote": "include", "note": "n" * 9000})
    assert answer.status_code == 503
    error = answer.get_json()["error"]
    assert "disk is full" in error and "\n" not in error


def test_a_body_over_a_megabyte_is_a_413(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    body = '{"study": 1, "stage": "title_abstract", "vote": "include", "note": "' + "n" * (1 << 21) + '"}'
    answer = client.post("/api/votes", headers=bearer(tokens["alice"]), data=body)
    assert answer.status_code == 413 and answer.get_json()["ok"] is False


def test_every_json_endpoint_refuses_deep_nesting_and_lone_surrogates(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    for path in ("/api/labels", "/api/imports", "/api/strategies/check", f"/studies/{studies[0]}/labels"):
        deep = client.post(path, headers=bearer(tokens["olivia"]), data="[" * 5000 + "]" * 5000)
        assert deep.status_code == 400, path
        bad = client.post(path, headers=bearer(tokens["olivia"]), data='{"text": "\\udfff"}')
        assert bad.status_code == 400 and "lone surrogate" in bad.get_data(as_text=True), path
