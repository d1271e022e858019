"""The Imports page's column chooser with the slips an owner makes, tried in the browser's place
(the HTTP client through the real sign-in): a spreadsheet of one study gets the chooser as a longer
one does; a column chosen for two fields, or a name the file has twice, is asked again with the
chooser open, in the page's words, and nothing is written."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from web_helpers import csrf_of, signed_in

from screener.cli.main import run


def _records(ws) -> int:
    return ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0]


def _upload(owner, csrf, text: str, name: str = "team.csv"):
    return owner.post("/owner/imports/preview", follow_redirects=True, content_type="multipart/form-data", data={
        "csrf_token": csrf, "file": [(io.BytesIO(text.encode()), name)]})


def _key(html: str) -> str:
    return html.split('name="staged" value="', 1)[1].split('"', 1)[0]


def test_a_spreadsheet_of_one_study_gets_the_chooser(app, review):
    # before: 'not a known export format (RIS, …); the first line is …' and no chooser
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    asked = _upload(owner, csrf, "Heading,Writers\nLiving with pain,Smith J\n")
    html = asked.get_data(as_text=True)
    assert asked.status_code == 422 and 'id="choose-columns"' in html, html[-2000:]
    checked = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "staged": _key(html),
                                                         "col_title": "Heading", "col_authors": "Writers"})
    assert checked.status_code == 200 and 'id="preview"' in checked.get_data(as_text=True)


def test_one_column_for_two_fields_and_a_name_twice_are_asked_again(app, review):
    ws, _, tokens = review
    before = _records(ws)
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    html = _upload(owner, csrf, "Heading,Writers,Summary\nLiving with pain,Smith J,We asked\n"
                                "Back pain,Doe A,We counted\n").get_data(as_text=True)
    twice = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "staged": _key(html),
                                                       "col_title": "Heading", "col_abstract": "Heading"})
    page = twice.get_data(as_text=True)
    assert twice.status_code in (400, 422) and 'id="choose-columns"' in page, page[-2000:]
    assert "&#39;Heading&#39; is chosen for both title and abstract; choose each column for one field only" in page
    assert 'id="preview"' not in page

    html = _upload(owner, csrf, "Heading,Writers,Heading\nTitre,Smith J,Title\nAutre,Doe A,Other\n",
                   name="two.csv").get_data(as_text=True)
    named = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "staged": _key(html),
                                                       "col_title": "Heading"})
    page = named.get_data(as_text=True)
    assert named.status_code in (400, 422) and 'id="choose-columns"' in page, page[-2000:]
    assert "names 2 columns of this file (columns 1 and 3); give each its own name in the file" in page
    assert "--columns" not in page
    assert _records(ws) == before


def test_the_imports_list_says_the_columns_chosen(app, review, tmp_path):
    # before: the list said the file, its records and database, nothing of the columns read
    ws, _, tokens = review
    table = tmp_path / "team.csv"
    table.write_text("Heading,Writers\nPain at work,Smith J\nBack pain,Brown C\n", encoding="utf-8")
    assert run(["import", str(ws.path), str(table), "--database", "Other", "--columns", "title=Heading"]) == 0
    page = signed_in(app, tokens["olivia"]).get("/owner/imports").get_data(as_text=True)
    assert "columns chosen: title=Heading" in page.split('id="imports"', 1)[1]


def test_the_chooser_shows_the_first_row_of_a_sheet_with_excels_sep_line(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    asked = _upload(owner, csrf, "sep=;\nTitel;Autoren\nLeben mit Schmerz;Müller A\nRücken;Schön B\n")
    html = asked.get_data(as_text=True)
    assert asked.status_code == 422 and 'id="choose-columns"' in html, html[-2000:]
    assert '<option value="Titel">Titel — e.g. Leben mit Schmerz</option>' in html, html[-3000:]


def test_a_choice_for_an_upload_that_is_gone_says_so(app, review):
    # the staged upload removed (a refusal after the choice cleared it, the server's temporary folder
    # cleaned): before, 'give at least one export file to import' (422) to an owner who had chosen one
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    html = _upload(owner, csrf, "Heading,Writers\nLiving with pain,Smith J\nBack pain,Doe A\n").get_data(as_text=True)
    key = _key(html)
    with owner.session_transaction() as session:
        folder = Path(session["staged"][key])
    shutil.rmtree(folder)
    gone = owner.post("/owner/imports/preview", follow_redirects=True,
                      data={"csrf_token": csrf, "staged": key, "col_title": "Heading"})
    page = gone.get_data(as_text=True)
    assert gone.status_code == 409, page[-2000:]
    assert "the file chosen is gone (the server restarted, or it was imported already); choose it again" in page


def test_a_table_checked_with_other_files_is_not_told_to_choose_below(app, review):
    # the chooser reads one upload: with two files, before, 'choose below which column holds the title, …'
    # stood above no chooser
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    answer = owner.post("/owner/imports/preview", follow_redirects=True, content_type="multipart/form-data", data={
        "csrf_token": csrf, "file": [(io.BytesIO(b"Heading,Writers\nLiving with pain,Smith J\nBack pain,Doe A\n"),
                                      "team.csv"),
                                     (io.BytesIO(b"TY  - JOUR\nTI  - A study of pain\nER  - \n"), "one.ris")]})
    page = answer.get_data(as_text=True).replace("&#39;", "'")
    assert answer.status_code == 422 and 'id="choose-columns"' not in page, page[-2000:]
    assert "choose below" not in page
    assert ("team.csv:1: a table whose column names screener does not know (Heading, Writers); check it on its own "
            "to choose which column holds the title, authors, year and abstract. Nothing was imported. one.ris was "
            "read without a problem: choose it again without team.csv.") in page, page[-3000:]
