"""After `screener import`, nothing said what comes next: `init` says 'Next: screener import …',
`dedupe` says 'Next: screener pairs list …', and the web Imports page says 'Next: find duplicates';
an owner following the command line went on to screen with every study found in two databases
twice. The import's text now ends with the dedupe to run (not after a dry run, nor in --json)."""

from __future__ import annotations

import json

from screener.cli.main import run

RIS = "TY  - JOUR\nTI  - Living with chronic pain\nDB  - Embase\nER  - \n"


def _export(tmp_path, name="one.ris"):
    path = tmp_path / name
    path.write_text(RIS, encoding="utf-8")
    return path


def test_the_import_says_to_dedupe_next(workspace, tmp_path, capsys):
    assert run(["import", str(workspace.path), str(_export(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert out.rstrip("\n").endswith(
        f"Next: `screener dedupe {workspace.path}` finds the records of one study exported from several databases "
        "(1 record not compared yet)"), out


def test_not_after_a_dry_run_nor_in_json(workspace, tmp_path, capsys):
    assert run(["import", str(workspace.path), str(_export(tmp_path)), "--dry-run"]) == 0
    assert "Next:" not in capsys.readouterr().out
    assert run(["import", str(workspace.path), str(_export(tmp_path)), "--json"]) == 0
    json.loads(capsys.readouterr().out)


def test_not_once_dedupe_has_seen_every_record(workspace, tmp_path, capsys):
    assert run(["import", str(workspace.path), str(_export(tmp_path))]) == 0
    assert run(["dedupe", str(workspace.path)]) == 0
    empty = tmp_path / "empty.ris"
    empty.write_text("", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(workspace.path), str(empty)]) == 0
    assert "Next:" not in capsys.readouterr().out


def test_a_pubmed_search_says_so_too(workspace, capsys):
    from screener.search.standin import EutilsStandin, bundled_pubmed_xml

    with EutilsStandin(records_xml_files=bundled_pubmed_xml()) as url:
        assert run(["search", "pubmed", str(workspace.path), "--query", "chronic pain", "--eutils-url", url,
                    "--email", "you@example.org", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip("\n").endswith(f"Next: `screener dedupe {workspace.path}` finds the records of one study "
                                     "exported from several databases (20 records not compared yet)"), out
