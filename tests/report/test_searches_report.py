"""The PRISMA-S table: every search and import with database, platform, date, strategy and count."""

from __future__ import annotations

import csv
import io

from screener.cli.main import run
from screener.search.pubmed import search_pubmed
from screener.search.standin import EutilsStandin
from screener.workspace.importer import import_files


def test_search_and_import_are_listed(workspace, fixtures_dir, capsys):
    xml = fixtures_dir / "records" / "pubmed-xml" / "biopython__pubmed1.xml"
    with EutilsStandin(records_xml_files=[xml]) as url:
        report = search_pubmed(workspace, query="chronic pain[tiab] AND qualitative[tiab]", eutils_url=url,
                               email="team@example.org")
    import_files(workspace, [fixtures_dir / "records/ris/citation-file-formatting___baseline_embase.ris"],
                 database="Embase")

    assert run(["report", "searches", str(workspace.path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["database"] for r in rows] == ["PubMed", "Embase"]
    pubmed, embase = rows
    assert pubmed["strategy"] == "chronic pain[tiab] AND qualitative[tiab]"
    assert pubmed["count"] == str(report.count) == "2"
    assert pubmed["status"] == "complete"
    assert pubmed["query_translation"]
    assert "E-utilities" in pubmed["platform"] or "PubMed" in pubmed["platform"]
    assert embase["count"] == "10" and "baseline_embase.ris" in embase["strategy"]

    assert run(["report", "searches", str(workspace.path)]) == 0
    table = capsys.readouterr().out
    assert table.startswith("| Database | Platform | Date | Strategy as run | Records | Status |")
    assert "chronic pain[tiab] AND qualitative[tiab]" in table


def test_empty_workspace_and_bad_format(workspace, capsys):
    assert run(["report", "searches", str(workspace.path)]) == 0
    assert "No searches or imports recorded yet." in capsys.readouterr().out
    assert run(["report", "searches", str(workspace.path), "--format", "xlsx"]) == 2
    assert "unknown format" in capsys.readouterr().err
