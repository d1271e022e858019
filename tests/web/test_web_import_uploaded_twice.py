"""One export uploaded twice in one request (a script listing a file twice): before, a check
(dry run, as the Imports page's preview is) said 'one.ris has the same content as one.ris; give
each export once', which reads as two files, one the copy of the other; now, as the import and the
command line say it, 'one.ris is named twice; give each export once', nothing written. Two files
of different names with one content keep the words that name both."""

from __future__ import annotations

import io

RIS = b"TY  - JOUR\nTI  - A study of pain\nER  - \n"


def _post(app, token, *files, dry_run=False):
    return app.test_client().post(
        "/api/imports", headers={"Authorization": f"Bearer {token}"}, content_type="multipart/form-data",
        data={"file": [(io.BytesIO(data), name) for name, data in files], "database": "Other",
              **({"dry_run": "true"} if dry_run else {})})


def test_one_file_uploaded_twice_is_said_so(app, review):
    ws, _, tokens = review
    before = ws.db.execute("SELECT count(*) FROM imports").fetchone()[0]
    # a check (dry run; the Imports page's preview is one) reads each upload where it was saved, apart
    for dry_run in (True, False):
        answer = _post(app, tokens["olivia"], ("one.ris", RIS), ("one.ris", RIS), dry_run=dry_run)
        assert answer.status_code == 400, answer.get_json()
        assert answer.get_json()["error"] == "one.ris is named twice; give each export once", answer.get_json()
    copy = _post(app, tokens["olivia"], ("one.ris", RIS), ("copy.ris", RIS))
    assert copy.get_json()["error"] == "copy.ris has the same content as one.ris; give each export once"
    assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == before
