"""`report searches` as a reader sees it: format names, a readable date, and --json."""

from __future__ import annotations

import json

from screener.cli.main import run
from screener.workspace.importer import import_files


def test_platform_names_the_format_and_the_date_is_readable(workspace, fixtures_dir, capsys):
    path = fixtures_dir / "records/ris/citation-file-formatting___baseline_embase.ris"
    import_files(workspace, [path], database="Embase")
    at = workspace.db.execute("SELECT at FROM imports").fetchone()[0]       # 2026-11-26T10:28:56.547785+00:00
    assert run(["report", "searches", str(workspace.path)]) == 0
    row = capsys.readouterr().out.splitlines()[2]
    # no --searched-on: the import's date stands in, said to be that and not the date searched (PRISMA-S
    # item 13); before, the CSV gave the import's time as the date, as a PubMed search's time is given
    assert row.startswith(f"| Embase | export file (RIS) | {at[:10]} (import date; date searched not given) | "
                          "(records imported from ")
    assert run(["report", "searches", str(workspace.path), "--format", "csv"]) == 0
    csv_row = capsys.readouterr().out.splitlines()[1]
    assert csv_row.startswith(f"Embase,export file (RIS),{at[:10]} (import date; date searched not given),")


def test_the_date_searched_when_given_is_the_date(workspace, fixtures_dir, capsys):
    from screener.workspace.imports import import_exports
    path = fixtures_dir / "records/ris/citation-file-formatting___baseline_embase.ris"
    import_exports(workspace, [path], metadata={"database": "Embase", "searched_on": "2026-11-01"})
    assert run(["report", "searches", str(workspace.path)]) == 0
    row = capsys.readouterr().out.splitlines()[2]
    assert row.startswith("| Embase | export file (RIS) | 2026-11-01 | ")


def test_json(workspace, fixtures_dir, capsys):
    path = fixtures_dir / "records/ris/citation-file-formatting___baseline_embase.ris"
    import_files(workspace, [path], database="Embase")
    assert run(["report", "searches", str(workspace.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["database"], r["platform"], r["count"], r["source"]) for r in data] == [
        ("Embase", "export file (RIS)", 10, "import 1")]
    assert run(["report", "searches", str(workspace.path), "--json", "--format", "csv"]) == 2
    assert "--json and --format csv" in capsys.readouterr().err


def test_strategy_file_is_named(workspace, fixtures_dir, capsys, tmp_path):
    import csv
    import io

    from screener.search.pubmed import search_pubmed
    from screener.search.standin import EutilsStandin
    strategy = tmp_path / "medline.ovid"
    strategy.write_text("1 pain.ti,ab.\n2 qualitative.ti,ab.\n3 1 and 2\n")
    xml = fixtures_dir / "records" / "pubmed-xml" / "biopython__pubmed1.xml"
    with EutilsStandin(records_xml_files=[xml]) as url:
        search_pubmed(workspace, strategy_text=strategy.read_text(), strategy_file=str(strategy),
                      eutils_url=url, email="team@example.org")
    assert run(["report", "searches", str(workspace.path)]) == 0
    assert "<br>Strategy file: medline.ovid<" in capsys.readouterr().out      # its name: the path is private
    assert run(["report", "searches", str(workspace.path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["strategy_file"] == "medline.ovid"


def test_query_builder_warnings_name_their_strategy_line(workspace, fixtures_dir, capsys):
    """The Markdown table (the PRISMA-S appendix) listed a PubMed search's warnings without their line:
    '.ti,ab. searched as [tiab]: … (2 places on this line)' — which line, the reader could not tell."""
    from screener.search.pubmed import search_pubmed
    from screener.search.standin import EutilsStandin
    xml = fixtures_dir / "records" / "pubmed-xml" / "biopython__pubmed1.xml"
    with EutilsStandin(records_xml_files=[xml]) as url:
        search_pubmed(workspace, strategy_text="1 (pain or ache).ti,ab.\n2 qualitative.ti,ab.\n3 1 and 2\n",
                      eutils_url=url, email="team@example.org")
    assert run(["report", "searches", str(workspace.path)]) == 0
    row = capsys.readouterr().out.splitlines()[2]
    warnings = row.split("<br>Warnings: ", 1)[1]
    assert warnings.startswith("strategy line 1: .ti,ab. searched as [tiab]: it also searches author keywords "
                               "(broader) (2 places on this line); strategy line 2: .ti,ab. searched as [tiab]")


def test_imports_list_says_which_date_is_the_date_searched(workspace, fixtures_dir, capsys):
    from screener.workspace.imports import import_exports
    ris = sorted((fixtures_dir / "records/ris").glob("citation-file-formatting___baseline_*.ris"))
    import_exports(workspace, [ris[0]], metadata={"database": "Embase", "platform": "Ovid"})
    import_exports(workspace, [ris[1]], metadata={"database": "Scopus", "searched_on": "2026-11-30"})
    day = workspace.db.execute("SELECT substr(at, 1, 10) FROM imports WHERE id = 1").fetchone()[0]
    assert run(["imports", "list", str(workspace.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"as Embase (Ovid, imported {day}, date searched not given); no strategy recorded" in lines[0]
    assert "as Scopus (searched 2026-11-30); no strategy recorded" in lines[1]
    assert run(["imports", "list", str(workspace.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = data["imports"] if isinstance(data, dict) else data
    assert [(i["date_searched"], i["date_searched_given"]) for i in items] == [(day, False), ("2026-11-30", True)]
