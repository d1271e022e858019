"""Imports page, a team's spreadsheet whose column names no export uses: before, 'not a known export
format' and nothing to do but rename the columns elsewhere. Now the page asks which column holds
what (selects of the file's own columns, the upload kept), checks the file with that choice, and
imports it with the choice kept in the import's warnings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from web_helpers import csrf_of, serving, signed_in, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "import-columns"

TABLE = ("Heading;Writers;Yr;Summary\n"
         "Living with chronic pain: a qualitative study;Smith J, Doe A;2019;We interviewed 12 people\n"
         "Back pain and work;Brown C;2021;\n")


def _records(ws) -> int:
    return ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0]


def test_the_page_asks_for_the_columns_and_imports_with_them(app, review):
    ws, _, tokens = review
    before = _records(ws)
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    asked = owner.post("/owner/imports/preview", follow_redirects=True, content_type="multipart/form-data", data={
        "csrf_token": csrf, "file": [(io.BytesIO(TABLE.encode()), "team.csv")]})
    html = asked.get_data(as_text=True)
    assert asked.status_code == 422, html[-2000:]
    assert 'id="choose-columns"' in html and "choose below which column holds the title" in html, html[-3000:]
    assert "--columns" not in html and "columns=" not in html
    key = html.split('name="staged" value="', 1)[1].split('"', 1)[0]
    # each column by its name and its first row's cell
    assert '<option value="Heading">Heading — e.g. Living with chronic pain: a qualitative…</option>' in html
    assert '<option value="Yr">Yr — e.g. 2019</option>' in html

    # the title left out: asked again, with what was chosen kept
    again = owner.post("/owner/imports/preview", follow_redirects=True,
                       data={"csrf_token": csrf, "staged": key, "col_authors": "Writers"})
    page = again.get_data(as_text=True)
    assert again.status_code in (400, 422) and 'id="choose-columns"' in page, page[-2000:]
    assert "no column is chosen as the title" in page
    assert '<option value="Writers" selected>Writers — e.g. Smith J, Doe A</option>' in page

    checked = owner.post("/owner/imports/preview", follow_redirects=True, data={
        "csrf_token": csrf, "staged": key, "col_title": "Heading", "col_authors": "Writers", "col_year": "Yr",
        "col_abstract": "Summary"})
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200 and 'id="preview"' in page, page[-2000:]
    assert "columns read as chosen: title=Heading, authors=Writers, year=Yr, abstract=Summary" in page
    assert _records(ws) == before           # a preview writes nothing
    done = owner.post("/owner/imports/confirm", data={
        "csrf_token": csrf, "staged": key, "database": "Other",
        "columns": "title=Heading,authors=Writers,year=Yr,abstract=Summary"})
    assert done.status_code == 303, done.get_data(as_text=True)[-2000:]
    assert _records(ws) == before + 2
    title, year = ws.db.execute("SELECT title, year FROM source_records ORDER BY id DESC LIMIT 1").fetchone()
    assert (title, year) == ("Back pain and work", 2021)


def test_a_stale_or_foreign_upload_key_is_refused(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    answer = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "staged": "not-a-key",
                                                        "col_title": "Heading"})
    assert answer.status_code == 400


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_choosing_columns_in_the_browser(browser, app, review, tmp_path, width):
    ws, _, tokens = review
    before = _records(ws)
    table = tmp_path / "team.csv"
    table.write_text(TABLE, encoding="utf-8")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(table))
        page.click("#check-files")
        page.wait_for_load_state()
        assert page.locator("#choose-columns").count() == 1, page.inner_text("main")[:1500]
        error = " ".join(page.locator("#error").inner_text().split())
        assert error == ("team.csv:1: a table whose column names screener does not know (Heading, Writers, Yr, "
                         "Summary); choose below which column holds the title, authors, year and abstract"), error
        page.select_option("#col-title", "Heading")
        page.select_option("#col-authors", "Writers")
        page.select_option("#col-year", "Yr")
        page.select_option("#col-abstract", "Summary")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"choose-{width}.png"), full_page=True)
        # nothing on the chooser is wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.click("#check-columns")
        page.wait_for_load_state()
        assert page.locator("#preview").count() == 1, page.inner_text("main")[:1500]
        assert "columns read as chosen: title=Heading" in page.inner_text("#preview")
        page.fill("input[name=database]", "Other")
        page.screenshot(path=str(SHOTS / f"preview-{width}.png"), full_page=True)
        page.click("#confirm-import")
        page.wait_for_load_state()
        assert "Imported 2 records from 1 file." in page.inner_text("body"), page.inner_text("body")[:1500]
        page.close()
    assert _records(ws) == before + 2
