"""`screener import` of EBSCOhost's CSV export (no database column) without --database: its records
counted in PRISMA under 'EBSCOhost', the platform, not a database, though the web Imports page
already asked for the database searched. The rule now stands in the Python API (import_exports),
so the command line, the page and the JSON API refuse alike and say how to name the database."""

from __future__ import annotations

import sqlite3

import pytest

from screener.cli.main import run
from screener.cli.remedies import cli_line
from screener.errors import UsageError
from screener.report.prisma import prisma_counts
from screener.web.remedies import api_line
from screener.workspace.importer import import_files
from screener.workspace.imports import import_exports, list_imports, platform_named

CINAHL_CSV = "records/csv/citation-file-formatting___baseline_cinahl.csv"


def _writes(path):
    with sqlite3.connect(path / "review.db") as db:
        return [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("imports", "source_records", "events", "import_metadata")]


def test_platform_named_is_the_rule(fixtures_dir):
    assert platform_named("EBSCOhost") == "EBSCOhost" and platform_named("Ovid") == "Ovid"
    assert platform_named("CINAHL") == "" and platform_named("Embase, MEDLINE") == "" and platform_named("") == ""


def test_without_database_the_import_is_refused_saying_how_to_name_it(workspace, fixtures_dir, capsys):
    before = _writes(workspace.path)
    code = run(["import", str(workspace.path), str(fixtures_dir / CINAHL_CSV)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.count("\n") == 1, err
    assert ("citation-file-formatting___baseline_cinahl.csv: the records name EBSCOhost, the platform they were "
            "exported from, not the database searched on it (PRISMA counts records per database): give the database "
            "searched on EBSCOhost (CINAHL, APA PsycInfo, …) with --database NAME; nothing was imported") in err, err
    assert _writes(workspace.path) == before


def test_a_dry_run_says_so_too(workspace, fixtures_dir, capsys):
    assert run(["import", str(workspace.path), str(fixtures_dir / CINAHL_CSV), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert ("note: citation-file-formatting___baseline_cinahl.csv: the records name EBSCOhost, the platform they were "
            "exported from, not the database searched on it (PRISMA counts records per database): give the database "
            "searched on EBSCOhost (CINAHL, APA PsycInfo, …) with --database NAME") in out, out


def test_with_database_the_records_count_under_it_and_the_platform_is_kept(workspace, fixtures_dir, capsys):
    assert run(["import", str(workspace.path), str(fixtures_dir / CINAHL_CSV), "--database", "CINAHL"]) == 0
    out = capsys.readouterr().out
    assert "database CINAHL via EBSCOhost" in out, out
    assert "not CINAHL" not in out and "slip" not in out, out       # the records name no database to contradict it
    [item] = list_imports(workspace)
    assert (item["database"], item["platform"]) == ("CINAHL", "EBSCOhost")
    assert prisma_counts(workspace).records_per_database == {"CINAHL": 10}


def test_a_platform_given_is_kept(workspace, fixtures_dir, capsys):
    assert run(["import", str(workspace.path), str(fixtures_dir / CINAHL_CSV), "--database", "CINAHL",
                "--platform", "EBSCO Discovery"]) == 0
    [item] = list_imports(workspace)
    assert item["platform"] == "EBSCO Discovery"


def test_imports_list_names_an_import_counted_under_its_platform(workspace, fixtures_dir, capsys):
    # made as the command made it before: the records counted under 'EBSCOhost'
    import_files(workspace, [fixtures_dir / CINAHL_CSV])
    assert run(["imports", "list", str(workspace.path)]) == 0
    out = capsys.readouterr().out
    day = workspace.db.execute("SELECT substr(at, 1, 10) FROM imports").fetchone()[0]
    assert ("import 1: citation-file-formatting___baseline_cinahl.csv — 10 records as EBSCOhost "
            f"(imported {day}, date searched not given); no strategy recorded\n"
            "  note: EBSCOhost is the platform, not a database, and PRISMA counts records per database: name the "
            f"database searched with `screener imports relabel {workspace.path} 1 --database NAME --platform EBSCOhost`\n"
            ) in out, out
    assert run(["imports", "relabel", str(workspace.path), "1", "--database", "CINAHL", "--platform", "EBSCOhost"]) == 0
    assert "not CINAHL" not in capsys.readouterr().out
    assert run(["imports", "list", str(workspace.path)]) == 0
    assert "note:" not in capsys.readouterr().out


EMBASE_RIS = "records/ris/citation-file-formatting___baseline_embase.ris"


@pytest.mark.parametrize("given, line", [
    ("Ovid", "--database 'Ovid' is the platform searched, not a database: give the database searched on it "
             "(MEDLINE, Embase, PsycINFO, …) as --database, and Ovid as --platform"),
    ("embase.com", "--database 'embase.com' is the platform searched, not a database: the database is Embase "
                   "(--database Embase, --platform Embase.com)"),
    ("EBSCOhost", "--database 'EBSCOhost' is the platform searched, not a database: give the database searched on "
                  "it (CINAHL, APA PsycInfo, …) as --database, and EBSCOhost as --platform"),
    (" proquest ", "--database 'proquest' is the platform searched, not a database: give the database searched "
                   "on it (ProQuest Dissertations & Theses Global, ERIC, …) as --database, and ProQuest as --platform"),
])
def test_a_platform_given_as_the_database_is_a_usage_error(workspace, fixtures_dir, capsys, given, line):
    # before: `--database Ovid` (or embase.com) was taken as a database name, exit 0, and PRISMA counted the
    # Embase records under 'Ovid' beside any Embase import of the same database
    before = _writes(workspace.path)
    for command in (["import", str(workspace.path), str(fixtures_dir / EMBASE_RIS), "--database", given],
                    ["import", str(workspace.path), str(fixtures_dir / EMBASE_RIS), "--database", given, "--dry-run"]):
        assert run(command) == 2
        assert capsys.readouterr().err == f"error: {line}\n"
    assert _writes(workspace.path) == before
    assert run(["import", str(workspace.path), str(fixtures_dir / EMBASE_RIS), "--database", "Embase"]) == 0
    capsys.readouterr()
    assert run(["imports", "relabel", str(workspace.path), "1", "--database", given]) == 2
    assert capsys.readouterr().err == f"error: {line}\n"
    [item] = list_imports(workspace)
    assert item["database"] == "Embase"


def test_a_name_that_says_more_than_the_platform_is_a_database(workspace, fixtures_dir, capsys):
    assert run(["import", str(workspace.path), str(fixtures_dir / EMBASE_RIS), "--database",
                "ProQuest Dissertations & Theses Global", "--dry-run"]) == 0


def test_the_api_and_the_page_refuse_it_in_their_words(workspace, fixtures_dir):
    # the Python API (the web page's and the JSON API's path) refuses it as well, in its own words, with the
    # platform and the databases on it as data for each front end's words (its fields, its options)
    with pytest.raises(UsageError, match=r"^database 'Ovid' is the platform searched, not a database: the database is the "
                       r"one searched on it \(MEDLINE, Embase, PsycINFO, …\), the platform Ovid$") as refused:
        import_exports(workspace, [fixtures_dir / EMBASE_RIS], metadata={"database": "Ovid"})
    assert list_imports(workspace) == []
    assert refused.value.about == {"platform": "Ovid", "databases": "MEDLINE, Embase, PsycINFO, …", "given": "Ovid"}
    assert api_line(refused.value) == ("database 'Ovid' is the platform searched, not a database: give the database "
                                       'searched on it (MEDLINE, Embase, PsycINFO, …) as "database", and Ovid as "platform"')
    assert cli_line(refused.value) == ("--database 'Ovid' is the platform searched, not a database: give the database "
                                       "searched on it (MEDLINE, Embase, PsycINFO, …) as --database, and Ovid as --platform")
