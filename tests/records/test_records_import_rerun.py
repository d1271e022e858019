"""A multi-file import killed between files can be run again as it was (issue 21: the first file
was 'already imported' and the whole command refused): the files not yet in are imported, the
ones already there are named, exit 0."""

from __future__ import annotations

from pathlib import Path

from screener.workspace.importer import import_files

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris"
FILES = [RIS / "jabref__RisImporterTest1.ris", RIS / "jabref__RisImporterTest3.ris", RIS / "rispy__example_multiline.ris"]


def test_a_rerun_imports_the_files_not_yet_in(workspace, capsys):
    from screener.cli.main import run

    first = import_files(workspace, FILES[:1])                    # killed after the first file
    assert [f.status for f in first.files] == ["imported"]
    before = workspace.db.execute("SELECT count(*) FROM source_records").fetchone()[0]
    workspace.close()
    capsys.readouterr()
    assert run(["import", str(workspace.path), *map(str, FILES)]) == 0
    out = capsys.readouterr().out
    assert f"{FILES[0]}: already imported (import 1" in out
    assert f"{FILES[1]}: " in out and f"{FILES[2]}: " in out
    from screener import Workspace
    ws = Workspace.open(workspace.path)
    try:
        rows = ws.db.execute("SELECT path FROM imports ORDER BY id").fetchall()
        assert [Path(r[0]).name for r in rows] == [f.name for f in FILES]      # each once
        assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] > before
    finally:
        ws.close()


def test_every_file_already_imported_is_still_refused(workspace):
    import pytest

    from screener.errors import WorkspaceError

    import_files(workspace, FILES[:2])
    with pytest.raises(WorkspaceError, match="already imported"):
        import_files(workspace, FILES[:2])
