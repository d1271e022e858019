"""Imports page, the review's own export uploaded to it (`screener export` or the Export page's file): before, its
studies came in as new records and PRISMA's 'records identified' grew by as many, nothing said. The preview now says
it is the review's own export read back, the only button is 'Import anyway', and the confirm step refuses it
without that, in the page's words (no command-line option, no API field)."""

from __future__ import annotations

import io

from test_owner_api import CINAHL
from web_helpers import csrf_of, signed_in

from screener.report.exports import export_studies


def test_the_reviews_own_export_is_warned_of_and_refused_without_import_anyway(app, review):
    ws, _, tokens = review
    answer = app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"},
                                    content_type="multipart/form-data",
                                    data={"file": [(io.BytesIO(CINAHL.read_bytes()), "cinahl.ris")], "database": "CINAHL"})
    assert answer.status_code == 201, answer.get_json()
    before = [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")]
    exported, studies = export_studies(ws, "endnote-xml")
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    preview = owner.post("/owner/imports/preview", content_type="multipart/form-data", data={
        "csrf_token": csrf, "file": [(io.BytesIO(exported.encode()), "included.xml")]})
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and 'id="repeat-warning"' in html, html[-2000:]
    assert f"included.xml: its {studies} records are the review&#39;s own studies" in html, html[-3000:]
    key = html.split('name="staged" value="', 1)[1].split('"', 1)[0]
    refused = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": key, "database": "Other"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409, page[-1500:]
    assert "own export read back" in page and "Import anyway" in page, page[-2000:]
    assert "again=true" not in page and "--again" not in page
    assert [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")] == before
    # the API names its own field
    api = app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"},
                                 content_type="multipart/form-data",
                                 data={"file": [(io.BytesIO(exported.encode()), "included.xml")], "database": "Other"})
    assert api.status_code == 409 and "send again=true" in api.get_json()["error"], api.get_json()
