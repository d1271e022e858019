"""`screener import --columns`: a table whose columns the reader does not know is refused in one
line that lists its columns and names the option; with the option it comes in, the choice said in
the import's warnings; a wrong choice is a usage error (exit 2) and nothing is written."""

from __future__ import annotations

from screener.cli.main import run

TABLE = ("Heading,Writers,Yr,Summary\n\"Pain at work\",\"Smith J; Doe A\",2019,\"An abstract\"\n"
         "\"Back pain\",\"Brown C\",2020,\"\"\n")


def _records(workspace) -> int:
    return workspace.db.execute("SELECT count(*) FROM source_records").fetchone()[0]


def test_refused_then_read_with_columns(workspace, tmp_path, capsys):
    table = tmp_path / "team.csv"
    table.write_text(TABLE, encoding="utf-8")
    assert run(["import", str(workspace.path), str(table)]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: {table}:1: a table whose column names screener does not know (Heading, Writers, "
                   "Yr, Summary); say which column holds what with --columns "
                   "title=COLUMN,authors=COLUMN,year=COLUMN,abstract=COLUMN\n")
    assert _records(workspace) == 0

    assert run(["import", str(workspace.path), str(table), "--columns",
                "title=Heading,authors=Writers,year=Yr,abstract=Summary"]) == 0
    out = capsys.readouterr().out
    assert "team.csv: 2 records imported (CSV" in out
    assert "columns read as chosen: title=Heading, authors=Writers, year=Yr, abstract=Summary" in out
    title, authors = workspace.db.execute(
        "SELECT title, json_extract(record, '$.authors') FROM source_records ORDER BY id").fetchone()
    assert (title, authors) == ("Pain at work", '["Smith J","Doe A"]')


def test_a_wrong_choice_is_a_usage_error_and_writes_nothing(workspace, tmp_path, capsys):
    table = tmp_path / "team.csv"
    table.write_text(TABLE, encoding="utf-8")
    assert run(["import", str(workspace.path), str(table), "--columns", "titel=Heading"]) == 2
    assert "error: --columns: 'titel' is not a field screener reads; the fields are: " in capsys.readouterr().err
    assert run(["import", str(workspace.path), str(table), "--columns", "title=Heding"]) == 2
    assert capsys.readouterr().err == (f"error: {table}: 'Heding', chosen as the title column, is not a column of "
                                       "this file; its columns are: Heading, Writers, Yr, Summary\n")
    assert _records(workspace) == 0
    assert workspace.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
