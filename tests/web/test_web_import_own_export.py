"""Imports page, the review's own export uploaded to it (`screener export` or the Export page's file): before, its
studies came in as new records and PRISMA's 'records identified' grew by as many, nothing said. The preview now says
it is the review's own export read back, the only button is 'Import anyway', and the confirm step refuses it
without that, in the page's words (no command-line option, no API field)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from test_owner_api import CINAHL
from web_helpers import csrf_of, serving, signed_in, signed_in_page

from screener.report.exports import export_studies

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "own-export"


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
    preview = owner.post("/owner/imports/preview", follow_redirects=True, content_type="multipart/form-data", data={
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


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_preview_says_it_is_the_reviews_own_export(browser, app, review, tmp_path, width):
    ws, _, tokens = review
    answer = app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"},
                                    content_type="multipart/form-data",
                                    data={"file": [(io.BytesIO(CINAHL.read_bytes()), "cinahl.ris")], "database": "CINAHL"})
    assert answer.status_code == 201, answer.get_json()
    included = tmp_path / "included.xml"
    _, studies = export_studies(ws, "endnote-xml", out=included)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(included))
        page.click("#check-files")
        page.wait_for_load_state()
        warning = page.locator("#repeat-warning")
        assert warning.count() == 1, page.inner_text("main")[:1500]
        said = " ".join(warning.inner_text().split())
        assert f"included.xml: its {studies} records are the review's own studies" in said, said
        assert "an export of this review's studies, not a database's" in said, said
        assert "import the databases' own exports instead" in said and "Correct database" not in said, said
        assert page.locator("#confirm-import").inner_text().startswith("Import anyway")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"own-export-{width}.png"), full_page=True)
        page.close()
    assert [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")] == [9]
