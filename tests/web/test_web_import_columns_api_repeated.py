"""The JSON API's "columns" sent as one field per choice (a script's form data with a list, as the
command line takes --columns more than once): before, only the first was read — 'columns read as
chosen: title=Heading', the authors' column dropped without a word; now every one is."""

from __future__ import annotations

import io

TABLE = b"Heading,Writers\nPain at work,Smith J\nBack pain,Brown C\n"


def test_every_columns_field_is_read(app, review):
    ws, _, tokens = review
    answer = app.test_client().post(
        "/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"}, content_type="multipart/form-data",
        data={"file": [(io.BytesIO(TABLE), "team.csv")], "database": "Other",
              "columns": ["title=Heading", "authors=Writers"]})
    assert answer.status_code == 201, answer.get_json()
    [said] = [w["message"] for w in answer.get_json()["files"][0]["warnings"] if w["code"] == "columns_chosen"]
    assert said == "columns read as chosen: title=Heading, authors=Writers"
    authors = ws.db.execute("SELECT json_extract(record, '$.authors') FROM source_records ORDER BY id DESC").fetchone()
    assert authors[0] == '["Brown C"]'
