"""A script's way to a reviewer's own highlight words (the screening page's 'My words'): before,
the JSON API had no call for them (GET /api/highlights answered 404 'no such call'). Now GET
gives the review's terms and mine, PUT replaces mine; a word refused is 422 naming the list, a
malformed body 400, and nothing is written."""

from __future__ import annotations

from screener.workspace.my_highlights import my_highlights


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_get_and_put_my_highlight_words(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    answer = client.get("/api/highlights", headers=_auth(tokens["alice"]))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.get_json() == {"review": {"include": ["qualitative", "interview*"], "exclude": ["randomi*", "script"]},
                                 "mine": {"include": [], "exclude": []}}
    answer = client.put("/api/highlights", headers=_auth(tokens["alice"]),
                        json={"include": ["focus group", "nurs*"], "exclude": ["rats"]})
    assert answer.status_code == 200 and answer.get_json()["mine"] == {"include": ["focus group", "nurs*"],
                                                                       "exclude": ["rats"]}
    assert my_highlights(ws, "bob") == {"include": [], "exclude": []}


def test_refusals_name_the_field_and_write_nothing(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    before = ws.db.execute("SELECT count(*) FROM events").fetchone()[0]
    cases = [({"include": ["x" * 61]}, 422, "My include words: "), ({"exclude": "rats"}, 400, "'exclude' must be a list"),
             ({"include": [], "colour": "red"}, 400, "unknown field 'colour'"), ({"exclude": ["*"]}, 422, "My exclude words: ")]
    for body, status, words in cases:
        answer = client.put("/api/highlights", headers=_auth(tokens["alice"]), json=body)
        assert answer.status_code == status, (body, answer.get_data(as_text=True))
        assert answer.get_json()["ok"] is False and words in answer.get_json()["error"], answer.get_json()
    assert ws.db.execute("SELECT count(*) FROM events").fetchone()[0] == before
