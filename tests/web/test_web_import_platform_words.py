"""The Imports page refusing a platform given as the database searched (embase.com, Ovid): in the
form's words, its boxes named as the page labels them, no command-line option."""

from __future__ import annotations

import io

from web_helpers import csrf_of, signed_in


def _records(ws) -> int:
    return ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0]


def _upload(owner, csrf, text: str, name: str):
    return owner.post("/owner/imports/preview", follow_redirects=True, content_type="multipart/form-data", data={
        "csrf_token": csrf, "file": [(io.BytesIO(text.encode()), name)]})


def _key(html: str) -> str:
    return html.split('name="staged" value="', 1)[1].split('"', 1)[0]


def test_a_platform_as_the_database_is_refused_in_the_forms_words(app, review, tmp_path):
    # before: "database 'embase.com' is the platform searched, not a database: the database is Embase (the
    # database Embase, the platform Embase.com)" — the page's boxes are 'Database searched' and 'Platform /
    # interface'
    ws, _, tokens = review
    before = _records(ws)
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    html = _upload(owner, csrf, "TY  - JOUR\nTI  - A study of pain\nER  - \n", name="embase.ris").get_data(as_text=True)
    for given, words in (
            ("embase.com", "the database is Embase: give Embase as Database searched and Embase.com as Platform / "
                           "interface"),
            ("Ovid", "give the database searched on it (MEDLINE, Embase, PsycINFO, …) as Database searched, and "
                     "Ovid as Platform / interface")):
        refused = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": _key(html),
                                                             "database": given})
        page = refused.get_data(as_text=True).replace("&#39;", "'")
        assert refused.status_code == 400 and words in page, page[-3000:]
        assert "--database" not in page and "--platform" not in page
    assert _records(ws) == before
