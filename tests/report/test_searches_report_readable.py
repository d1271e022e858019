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
    # no --searched-on: the import's time is not passed off as the date searched (PRISMA-S item 13)
    assert row.startswith(f"| Embase | export file (RIS) | not recorded (imported {at[:10]} {at[11:16]} UTC) | "
                          "(records imported from ")
    assert run(["report", "searches", str(workspace.path), "--format", "csv"]) == 0
    csv_row = capsys.readouterr().out.splitlines()[1]
    assert csv_row.startswith(f"Embase,export file (RIS),{at},")         # CSV keeps the exact time


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
