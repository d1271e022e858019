"""`screener imports list` after a spreadsheet was read with --columns: before, the line said the
file, its records and database and nothing of how its columns were read — the choice was only in
the import's warnings (`screener report searches`), so whoever came back to the review could not
tell from the list of imports that a title was read from a column named 'Heading'. Now the line,
its JSON and the Imports page (tests/web/test_web_import_columns_slips.py) say which column each field was read from."""

from __future__ import annotations

import json

from screener.cli.main import run

TABLE = "Heading,Writers,Yr\nPain at work,Smith J,2019\nBack pain,Brown C,2020\n"


def test_the_list_says_the_columns_chosen(workspace, tmp_path, capsys):
    table = tmp_path / "team.csv"
    table.write_text(TABLE, encoding="utf-8")
    ris = tmp_path / "a.ris"
    ris.write_text("TY  - JOUR\nTI  - A title\nER  - \n", encoding="utf-8")
    assert run(["import", str(workspace.path), str(table), "--database", "Other",
                "--columns", "title=Heading,authors=Writers,year=Yr"]) == 0
    assert run(["import", str(workspace.path), str(ris), "--database", "Other"]) == 0
    capsys.readouterr()
    assert run(["imports", "list", str(workspace.path)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.endswith("; no strategy recorded; columns chosen: title=Heading, authors=Writers, year=Yr"), first
    assert "columns" not in second
    assert run(["imports", "list", str(workspace.path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["columns"] for item in listed] == ["title=Heading, authors=Writers, year=Yr", ""]

