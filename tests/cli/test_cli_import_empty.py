"""An empty export (a failed download, the wrong file) is imported as a search that found nothing,
and so sits in the PRISMA-S table as an import of 0 records: the command says so, and how to take
it out if the export failed."""

from __future__ import annotations

from screener.cli.main import run


def test_an_empty_file_says_how_to_withdraw_it(workspace, tmp_path, capsys):
    empty = tmp_path / "embase.ris"
    empty.write_bytes(b"")
    assert run(["import", str(workspace.path), str(empty), "--database", "Embase"]) == 0
    out = capsys.readouterr().out
    assert (f"note: embase.ris: no records, so it stands in the search report as a search of Embase that found "
            f"nothing; if the export failed, take it out with `screener imports withdraw {workspace.path} 1`\n") in out


def test_a_dry_run_of_an_empty_file(workspace, tmp_path, capsys):
    empty = tmp_path / "embase.ris"
    empty.write_bytes(b"")
    assert run(["import", str(workspace.path), str(empty), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "note: embase.ris: no records, so importing it would record a search that found nothing" in out
