"""Imports page, an export uploaded again with one byte changed (a blank line added, Windows line
ends): before, the preview showed its 9 records as new and 'Import 9 records' doubled them all in
PRISMA's counts, nothing said (the same bytes are refused as already imported). The preview now warns
that its records are those of import 1 (its file and date), and the only button is 'Import anyway';
the confirm step refuses the file without it. A real server on 127.0.0.1 and headless Chromium."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from test_owner_api import CINAHL
from web_helpers import csrf_of, serving, signed_in, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "repeat-import"


def _first_import(app, token) -> None:
    answer = app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {token}"},
                                    content_type="multipart/form-data",
                                    data={"file": [(io.BytesIO(CINAHL.read_bytes()), "cinahl.ris")], "database": "CINAHL"})
    assert answer.status_code == 201, answer.get_json()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_an_export_uploaded_again_with_a_byte_changed_is_warned_of(browser, app, review, tmp_path, width):
    ws, _, tokens = review
    _first_import(app, tokens["olivia"])
    again = tmp_path / "cinahl-again.ris"
    again.write_bytes(CINAHL.read_bytes() + b"\n")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(again))
        page.click("#check-files")
        page.wait_for_load_state()
        warning = page.locator("#repeat-warning")
        assert warning.count() == 1, page.inner_text("main")[:1500]
        said = " ".join(warning.inner_text().split())
        assert "its 9 records are the same as those of import 1 (cinahl.ris, " in said, said
        assert "twice" in said, said
        button = page.locator("#confirm-import").inner_text()
        assert button.startswith("Import anyway"), button
        page.screenshot(path=str(SHOTS / f"warned-{width}.png"), full_page=True)
        page.click("#confirm-import")
        page.wait_for_load_state()
        assert "Imported 9 records from 1 file" in " ".join(page.locator(".flash").all_inner_texts())
        page.close()
    assert [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")] == [9, 9]


def test_the_confirm_step_refuses_it_without_import_anyway(app, review):
    ws, _, tokens = review
    _first_import(app, tokens["olivia"])
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    preview = owner.post("/owner/imports/preview", follow_redirects=True, content_type="multipart/form-data", data={
        "csrf_token": csrf, "file": [(io.BytesIO(CINAHL.read_bytes() + b"\n"), "cinahl-again.ris")]})
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and 'id="repeat-warning"' in html
    key = html.split('name="staged" value="', 1)[1].split('"', 1)[0]
    refused = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": key, "database": "CINAHL"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409, page[-1500:]
    assert "count them twice" in page and "again=true" not in page and "--again" not in page
    assert [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")] == [9]
