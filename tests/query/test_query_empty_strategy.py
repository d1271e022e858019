"""`screener query check` on a strategy with no search lines (an empty file, or only blank lines and
notes) said `error NOTHING_TO_TRANSLATE`, a translation's code, though `check` translates nothing.
It now says EMPTY_STRATEGY, a code of the strategy itself, listed in the README's table; a
translation of an empty strategy reports that one error, not a second one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from screener.cli.main import run
from screener.query.codes import CODES, ERROR

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("text", ["", "\n  \n", "// nothing written yet\n\n"])
def test_check_of_an_empty_strategy_says_empty_strategy(tmp_path, monkeypatch, capsys, text):
    monkeypatch.chdir(tmp_path)
    Path("empty.ovid").write_text(text, encoding="utf-8")
    assert run(["query", "check", "empty.ovid"]) == 1
    out = capsys.readouterr().out
    assert "empty.ovid: error EMPTY_STRATEGY: the strategy has no search lines" in out, out
    assert "NOTHING_TO_TRANSLATE" not in out, out
    assert run(["query", "check", "empty.ovid", "--json"]) == 1
    assert [p["code"] for p in json.loads(capsys.readouterr().out)["errors"]] == ["EMPTY_STRATEGY"]


def test_translating_an_empty_strategy_reports_it_once(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("empty.ovid").write_text("\n", encoding="utf-8")
    assert run(["query", "translate", "empty.ovid", "--to", "pubmed", "--json"]) == 1
    answer = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in answer["errors"]] == ["EMPTY_STRATEGY"], answer


def test_the_code_is_in_the_table_and_the_readme():
    assert CODES["EMPTY_STRATEGY"][0] == ERROR
    rows = re.findall(r"^\| `([A-Z_]+)` \| (\w+) \|", README.read_text(encoding="utf-8"), re.M)
    assert ("EMPTY_STRATEGY", "error") in rows
