"""`query check s.ovid --json` and `query translate s.ovid --to pubmed --json` with errors printed the JSON
(errors in it) on stdout and then 'error: s.ovid: 2 errors in the strategy (listed above)' on stderr:
nothing is listed above on stderr with --json. The line now says where they are: the JSON's "errors".
And every command's --json output on a small review is one valid JSON document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris"


@pytest.fixture()
def strategy(tmp_path):
    path = tmp_path / "s.ovid"
    path.write_text("1. pain.ti.ab.\n2. 1 and 9\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("argv, where", [
    (["query", "check"], '"errors"'),
    (["query", "translate", "--to", "pubmed", "--strict"], "the first at line 1"),    # (it said where)
])
def test_json_errors_are_said_to_be_in_the_json(strategy, capsys, argv, where):
    assert run([*argv[:2], str(strategy), *argv[2:], "--json"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data["errors"]) >= 2
    assert captured.err.count("\n") == 1, captured.err
    assert "listed above" not in captured.err and where in captured.err, captured.err


def test_no_query_with_json_says_where_the_errors_are(tmp_path, capsys):
    empty = tmp_path / "empty.ovid"
    empty.write_text("", encoding="utf-8")
    assert run(["query", "translate", str(empty), "--to", "pubmed", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["query"] is None
    assert "listed above" not in captured.err and '"errors"' in captured.err, captured.err


def test_without_json_the_errors_are_listed_above_as_before(strategy, capsys):
    assert run(["query", "check", str(strategy)]) == 1
    assert capsys.readouterr().err.endswith("2 errors in the strategy (listed above)\n")


def test_every_json_output_is_valid_json(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.ovid").write_text("1. body.ti,ab.\n", encoding="utf-8")
    for argv in (["init", "rev"], ["import", "rev", str(RIS / "citation-file-formatting___baseline_scopus.ris"),
                                   str(RIS / "citation-file-formatting___baseline_embase.ris")],
                 ["dedupe", "rev"], ["reviewers", "add", "rev", "alice"], ["reviewers", "add", "rev", "bob"],
                 ["reviewers", "add", "rev", "carol", "--role", "arbiter"],
                 ["vote", "rev", "1", "include", "--as", "alice", "--stage", "title_abstract"],
                 ["vote", "rev", "1", "exclude", "--as", "bob", "--stage", "title_abstract"]):
        assert run([*argv, "--json"]) == 0, argv
        json.loads(capsys.readouterr().out)
    for argv in (["status", "rev"], ["imports", "list", "rev"], ["pairs", "list", "rev", "--all"],
                 ["reviewers", "list", "rev"], ["next", "rev", "--as", "alice", "--stage", "title_abstract"],
                 ["conflicts", "rev"], ["progress", "rev"], ["fulltext", "rev", "1"],
                 ["report", "searches", "rev"], ["report", "agreement", "rev"],
                 ["report", "prisma", "rev", "--out", "p.svg"], ["rank", "estimate", "rev"],
                 ["rank", "prior", "rev"], ["rank", "presets"], ["query", "targets"],
                 ["query", "check", "s.ovid"], ["query", "translate", "s.ovid", "--to", "scopus"],
                 ["query", "run", "s.ovid", "--review", "rev"]):
        assert run([*argv, "--json"]) == 0, argv
        captured = capsys.readouterr()
        json.loads(captured.out)
