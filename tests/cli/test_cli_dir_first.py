"""A person inside the review folder types ``screener import export.ris``: the export was taken for
the review folder and typer said only "Missing argument 'FILE'". The error says what happened and
what to type instead; a folder and no file still gets typer's usual message."""

from __future__ import annotations

from screener.cli.main import run


def test_a_file_given_where_the_review_folder_goes_is_named(workspace, fixtures_dir, capsys, monkeypatch):
    monkeypatch.chdir(workspace.path)
    export = fixtures_dir / "records/ris/citation-file-formatting___baseline_scopus.ris"
    assert run(["import", str(export)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: screener import: {str(export)!r} is a file, not a review folder; give the review's "
                   f"folder first (inside it: screener import . {export})"]
    assert workspace.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0


def test_a_folder_and_no_file_keeps_the_usual_message(workspace, capsys):
    assert run(["import", str(workspace.path)]) == 2
    err = capsys.readouterr().err
    assert "FILE is missing" in err and "review folder" not in err
