"""The JSON API's import of a table whose columns the reader does not know: refused (422, as any file it cannot read) naming its
columns and the API's own field, "columns"; with it the records come in; a wrong choice is a 400
naming the field, and nothing is written."""

from __future__ import annotations

import io

TABLE = (b"Heading,Writers,Yr,Summary\n\"Pain at work\",\"Smith J; Doe A\",2019,\"An abstract\"\n"
         b"\"Back pain\",\"Brown C\",2020,\"\"\n")


def _post(app, token, **fields):
    return app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {token}"},
                                  content_type="multipart/form-data",
                                  data={"file": [(io.BytesIO(TABLE), "team.csv")], "database": "Other", **fields})


def test_columns_over_the_api(app, review):
    ws, _, tokens = review
    before = ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0]
    refused = _post(app, tokens["olivia"])
    assert refused.status_code == 422, refused.get_json()
    error = refused.get_json()["error"]
    assert error == ("team.csv:1: a table whose column names screener does not know (Heading, Writers, Yr, Summary); "
                     'send "columns" saying which column holds what: title=COLUMN,authors=COLUMN,year=COLUMN,'
                     "abstract=COLUMN"), error
    wrong = _post(app, tokens["olivia"], columns="titel=Heading")
    assert wrong.status_code == 400 and wrong.get_json()["error"].startswith(
        "'columns': 'titel' is not a field screener reads"), wrong.get_json()
    assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == before

    taken = _post(app, tokens["olivia"], columns="title=Heading,authors=Writers,year=Yr,abstract=Summary")
    assert taken.status_code == 201, taken.get_json()
    assert taken.get_json()["records"] == 2
    row = ws.db.execute("SELECT title, year FROM source_records ORDER BY id DESC LIMIT 1 OFFSET 1").fetchone()
    assert tuple(row) == ("Pain at work", 2019)
