"""Import guards as a user meets them: empty exports (a database with no hits) are not 'the same
file' as one another, and a refused file's line names the file once."""

from __future__ import annotations

import pytest

from screener.cli.import_text import describe
from screener.cli.main import run
from screener.errors import WorkspaceError
from screener.workspace.importer import import_files

F = "records"


def _imports(ws):
    return [(r["path"].rsplit("/", 1)[-1], r["records"]) for r in ws.db.execute("SELECT path, records FROM imports ORDER BY id")]


def test_empty_exports_from_different_databases_are_all_imported(workspace, tmp_path):
    (tmp_path / "cinahl.ris").write_bytes(b"")
    (tmp_path / "amed.ris").write_bytes(b"")
    (tmp_path / "psycinfo.txt").write_bytes(b"\n\n")
    import_files(workspace, [tmp_path / "cinahl.ris"], database="CINAHL")
    report = import_files(workspace, [tmp_path / "amed.ris", tmp_path / "psycinfo.txt"])
    assert [(f.status, f.records) for f in report.files] == [("imported", 0), ("imported", 0)]
    assert _imports(workspace) == [("cinahl.ris", 0), ("amed.ris", 0), ("psycinfo.txt", 0)]


def test_two_empty_files_in_one_command(workspace, tmp_path):
    (tmp_path / "a.ris").write_bytes(b"")
    (tmp_path / "b.ris").write_bytes(b"")
    report = import_files(workspace, [tmp_path / "a.ris", tmp_path / "b.ris"])
    assert [f.status for f in report.files] == ["imported", "imported"]


def test_a_file_with_records_is_still_refused_the_second_time(workspace, fixtures_dir):
    path = fixtures_dir / F / "ris/asreview__embase.ris"
    import_files(workspace, [path])
    with pytest.raises(WorkspaceError, match="already imported"):
        import_files(workspace, [path])


def test_refused_line_names_the_file_once(workspace, fixtures_dir, tmp_path):
    good = fixtures_dir / F / "ris/asreview__embase.ris"
    bad = tmp_path / "bad.ris"
    bad.write_text("nothing here\n")
    import_files(workspace, [good])
    report = import_files(workspace, [good, bad], skip_bad=True, dry_run=True)
    lines = describe(report).splitlines()
    assert lines[0].startswith(f"{good}: REFUSED — this file was already imported (import 1 of ")
    assert lines[1] == (f"{bad}:1: REFUSED — not a known export format (RIS, MEDLINE/nbib, PubMed XML, "
                        "EndNote XML, EBSCOhost XML, Web of Science, Ovid, BibTeX, EndNote .enw, RefWorks, "
                        "Cochrane plain text, Embase.com plain text, ScienceDirect text, CSV); "
                        "the first line is 'nothing here'")
    assert lines[2] == "Dry run: 0 records in 0 files checked, 2 refused; nothing written."
    assert report.files[0].error.startswith(f"{good}: this file was already imported")   # JSON unchanged


def test_skip_bad_with_every_file_refused_says_nothing_was_imported(workspace, tmp_path, capsys):
    bad = tmp_path / "bad.ris"
    bad.write_text("nothing here\n")
    assert run(["import", str(workspace.path), str(bad), "--skip-bad"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1] == "Imported 0 records from 0 files; 1 file refused."
    assert captured.err.startswith("error: nothing was imported: every file was refused (see above")


def test_skip_bad_refuses_a_second_copy_and_imports_the_rest(workspace, fixtures_dir, tmp_path):
    original = fixtures_dir / F / "ris/asreview__embase.ris"
    copy = tmp_path / "embase (1).ris"
    copy.write_bytes(original.read_bytes())
    other = fixtures_dir / F / "ris/colrev__ris_data.ris"
    report = import_files(workspace, [original, copy, other], skip_bad=True)
    assert [f.status for f in report.files] == ["imported", "refused", "imported"]
    assert report.files[1].error == f"{copy} has the same content as {original}; give each export once"
    assert _imports(workspace) == [("asreview__embase.ris", 6), ("colrev__ris_data.ris", 2)]


def test_without_skip_bad_a_second_copy_refuses_the_command(workspace, fixtures_dir, tmp_path):
    from screener.errors import UsageError
    original = fixtures_dir / F / "ris/asreview__embase.ris"
    copy = tmp_path / "copy.ris"
    copy.write_bytes(original.read_bytes())
    with pytest.raises(UsageError, match="has the same content as"):
        import_files(workspace, [original, copy])
    assert _imports(workspace) == []


def _databases(ws):
    return [(r[0], r[1]) for r in ws.db.execute(
        "SELECT database, count(*) FROM source_records GROUP BY database ORDER BY database")]


def test_database_option_is_named_canonically(workspace, fixtures_dir):
    import_files(workspace, [fixtures_dir / F / "csv/asreview__embase.csv"], database="embase")
    import_files(workspace, [fixtures_dir / F / "csv/citation-file-formatting___baseline_embase.csv"])
    import_files(workspace, [fixtures_dir / F / "ris/citation-file-formatting___baseline_cinahl.ris"],
                 database=" cinahl ")
    assert _databases(workspace) == [("CINAHL", 9), ("Embase", 16)]


def test_database_option_reuses_the_spelling_already_in_the_workspace(workspace, fixtures_dir):
    import_files(workspace, [fixtures_dir / F / "csv/asreview__embase.csv"], database="LILACS")
    import_files(workspace, [fixtures_dir / F / "ris/citation-file-formatting___baseline_cinahl.ris"],
                 database="lilacs")
    assert _databases(workspace) == [("LILACS", 15)]


def test_dry_run_points_out_records_without_a_database(workspace, tmp_path):
    path = tmp_path / "export.ris"
    path.write_text("TY  - JOUR\nTI  - A study of pain\nER  - \n")
    lines = describe(import_files(workspace, [path], dry_run=True)).splitlines()
    assert lines[1] == ("  note: the records do not say which database they came from; add --database NAME "
                        "(PRISMA counts records per database)")
    assert "note:" not in describe(import_files(workspace, [path], dry_run=True, database="CINAHL"))


def test_the_same_warning_on_many_records_is_said_twice_then_counted(workspace, tmp_path):
    # a Rayyan RIS file gave 20 near-identical fused_tags lines (the CLI review); a different
    # warning after them must still be seen
    records = "".join(f"TY  - JOUR\nTI  - Title {n}  AU  - Smith, J.\nER  - \n\n" for n in range(1, 31))
    path = tmp_path / "rayyan.ris"
    path.write_text(records + "TY  - JOUR\nAU  - Jones, K.\nER  - \n", encoding="utf-8")
    report = import_files(workspace, [path], dry_run=True)
    lines = describe(report).splitlines()
    fused = [line for line in lines if "fused_tags" in line]
    assert len(fused) == 3, lines
    assert fused[0].startswith(f"  warning: {path}:2 (record 1): fused_tags: 2 tags on one line were split")
    assert fused[1].startswith(f"  warning: {path}:6 (record 2): fused_tags:")
    assert fused[2] == ("  … 28 more fused_tags warnings (records 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …);"
                        " --json lists every warning")
    assert any("(record 31): no_title" in line for line in lines), lines
    assert len(report.files[0].warnings) == 31     # the report itself keeps every one
