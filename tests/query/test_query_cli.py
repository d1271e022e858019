"""`screener query check|translate|targets`, in process."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from screener.cli.main import run
from screener.query import TARGETS

ROOT = Path(__file__).resolve().parents[2]
TOYE = ROOT / "queries" / "toye2017" / "medline.ovid"


def test_targets(capsys):
    assert run(["query", "targets"]) == 0
    assert capsys.readouterr().out.splitlines() == list(TARGETS)
    assert run(["query", "targets", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == list(TARGETS)


def test_check_clean_strategy(capsys):
    assert run(["query", "check", str(TOYE)]) == 0
    assert capsys.readouterr().out.strip().endswith("50 lines, 0 errors, 0 warnings, 0 notes")


def test_check_published_table_reports_quote_and_parenthesis(shared_dir, capsys):
    path = shared_dir / "seed" / "table1_medline_as_published.txt"
    assert run(["query", "check", str(path)]) == 1
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    quote = next(i for i, line in enumerate(out) if ":10:1034: error UNBALANCED_QUOTE" in line)
    assert out[quote + 1].strip().startswith("…or 'in depth') adj3 interview*.ti,ab (face-to-face'")
    caret_col = out[quote + 2].index("^")
    assert out[quote + 1][caret_col] == "'" and out[quote + 1][caret_col - 1] == "e"
    assert any(":10:1311: error UNBALANCED_PARENTHESIS" in line for line in out)
    assert captured.err.startswith("error: ") and " in the strategy (listed above)" in captured.err


def test_check_json(shared_dir, capsys):
    path = shared_dir / "seed" / "table1_medline_as_published.txt"
    assert run(["query", "check", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"file", "syntax", "lines", "errors", "warnings", "info"}
    assert {"code": "UNBALANCED_QUOTE", "message": data["errors"][[e["code"] for e in
            data["errors"]].index("UNBALANCED_QUOTE")]["message"], "line": 10, "col": 1034} in data["errors"]


def test_translate_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1 cat.ti.\n2 dog.ab.\n3 1 or 2\n"))
    assert run(["query", "translate", "-", "--to", "pubmed"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "(cat[ti] OR dog[tiab])\n"
    assert "<stdin>:2:3: warning FIELD_APPROXIMATED" in captured.err


def test_translate_json_shape_and_dropped_parts(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("(psychotherap$ or ab*).ti,ab."))
    assert run(["query", "translate", "-", "--to", "pubmed", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # [tiab] searches author keywords too: broader than .ti,ab. (fields.PUBMED_FIELDS)
    assert data == {"target": "pubmed", "query": "psychotherap*[tiab]", "warnings": [
                        {"code": "FIELD_APPROXIMATED", "message": ".ti,ab. searched as [tiab]: it "
                         "also searches author keywords (broader)", "line": 1, "col": 2}],
                    "errors": [{"code": "SHORT_TRUNCATION", "message": data["errors"][0]["message"],
                                "line": 1, "col": 19}]}


def test_translate_without_any_query_exits_1(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("ab*.ti."))
    assert run(["query", "translate", "-", "--to", "pubmed"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error: <stdin>: no pubmed query can be produced" in captured.err


def test_translate_unknown_target_and_missing_file(capsys):
    assert run(["query", "translate", str(TOYE), "--to", "embase.com"]) == 2
    assert "unknown target 'embase.com'" in capsys.readouterr().err
    assert run(["query", "check", "no/such/file.ovid"]) == 2
    assert "strategy file no/such/file.ovid not found" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.isfile("/proc/self/mem"), reason="needs Linux /proc")
def test_strategy_file_that_cannot_be_read_is_one_error_line(capsys):
    # /proc/self/mem is a file whose first read fails (EIO)
    assert run(["query", "check", "/proc/self/mem"]) == 1      # the file is there; it cannot be read: exit 1, as an export
    assert capsys.readouterr().err == ("error: strategy file /proc/self/mem: cannot read it "
                                       "(Input/output error)\n")


def test_translate_file_matches_checked_in_output(capsys):
    assert run(["query", "translate", str(TOYE), "--to", "scopus"]) == 0
    expected = (ROOT / "queries" / "toye2017" / "scopus.txt").read_text()
    assert capsys.readouterr().out == expected


def test_check_reports_unknown_limit(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1 pain.ti.\n2 limit 1 to englsh\n"))
    assert run(["query", "check", "-"]) == 1
    assert "<stdin>:2:14: error UNKNOWN_LIMIT" in capsys.readouterr().out


def test_translate_strict_exits_1_on_errors(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("pain.tiab.\n", encoding="utf-8")
    assert run(["query", "translate", "--to", "pubmed", str(bad)]) == 0
    assert capsys.readouterr().out == "pain[tw]\n"
    assert run(["query", "translate", "--strict", "--to", "pubmed", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "pain[tw]\n"
    assert ":1:5: error UNKNOWN_FIELD: field code .tiab. is not an Ovid field code" in captured.err
    assert run(["query", "translate", "--strict", "--to", "pubmed", str(TOYE)]) == 0
