"""The Python API behind `query run` / `query validate` (screener.query.evaluate.local): the CLI prints
exactly what these return."""

from __future__ import annotations

import json

import pytest

from screener.cli.main import run
from screener.errors import StrategyParseError, UsageError
from screener.query.evaluate.local import checked_strategy, parse_where, read_strategy_file, run_strategy, validate_strategy

STRATEGY = "1 (chronic adj3 pain).ti,ab.\n2 interview*.ti,ab.\n3 1 and 2\n"
RIS = ("TY  - JOUR\nTI  - Chronic pain: interviews with nurses\nAB  - x\nDO  - 10.1000/one\nER  - \n\n"
       "TY  - JOUR\nTI  - Something else\nAB  - y\nDO  - 10.1000/two\nER  - \n")


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "s.ovid").write_text(STRATEGY)
    (tmp_path / "r.ris").write_text(RIS)
    (tmp_path / "known.txt").write_text("10.1000/one\n10.1000/two\n")
    return tmp_path


def test_run_strategy_is_what_the_cli_prints(files, capsys):
    data = run_strategy(STRATEGY, records=[str(files / "r.ris")], name=str(files / "s.ovid"))
    assert [(ln["line"], ln["hits"], ln["undetermined"]) for ln in data["lines"]] == [(1, 1, 0), (2, 1, 0), (3, 1, 0)]
    assert data["line"] == 3 and [m["doi"] for m in data["matching"]] == ["10.1000/one"]
    assert run(["query", "run", str(files / "s.ovid"), "--records", str(files / "r.ris"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(data))
    assert run_strategy(STRATEGY, records=[str(files / "r.ris")], line=1)["line"] == 1
    with pytest.raises(UsageError, match=r"^<strategy>: there is no line 9 \(the strategy's lines are 1-3\)$"):
        run_strategy(STRATEGY, records=[str(files / "r.ris")], line=9)


def test_validate_strategy_is_what_the_cli_prints(files, capsys):
    data = validate_strategy(STRATEGY, files / "known.txt", records=[str(files / "r.ris")], name="s")
    assert (data["strategy"], data["found"], data["missed"], data["recall"]) == ("s", 1, 1, 0.5)
    assert run(["query", "validate", str(files / "s.ovid"), "--known", str(files / "known.txt"),
                "--records", str(files / "r.ris"), "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert cli == json.loads(json.dumps(dict(data, strategy=str(files / "s.ovid"))))


def test_helpers():
    assert parse_where(["a=1", " b = x=y "]) == {"a": "1", "b": "x=y"}
    assert parse_where(None) == {}
    with pytest.raises(UsageError, match=r"^--where 'nocolumn': write COLUMN=VALUE$"):
        parse_where(["nocolumn"])
    with pytest.raises(StrategyParseError) as info:
        checked_strategy("1 (pain\n", "x.ovid")
    assert str(info.value).startswith("x.ovid: the strategy has 1 error, nothing was run: "
                                      "line 1, column 3: UNBALANCED_PARENTHESIS")
    with pytest.raises(UsageError, match="^strategy file nope.ovid not found"):
        read_strategy_file("nope.ovid")


def test_validate_text_when_no_known_study_is_in_the_records(files):
    from screener.cli.query_eval import validate_text
    (files / "other.txt").write_text("10.1000/zzz\n12345678\n")
    data = validate_strategy(STRATEGY, files / "other.txt", records=[str(files / "r.ris")], name="s")
    lines = validate_text(data).splitlines()
    assert lines[2] == ("None of the 2 known studies is among the records searched (matched by PMID, DOI, "
                        "then title), so recall cannot be measured: search the records the known studies "
                        "should be in (--records, --review)")
    assert not any(line.startswith(("Known records with", "Recall")) for line in lines)


def test_review_records_are_named_by_their_study(workspace, files):
    from screener.workspace.importer import import_files
    import_files(workspace, [files / "r.ris"])
    from screener.workspace.strategy_records import records_to_search
    data = run_strategy(STRATEGY, records=records_to_search(review=str(workspace.path)))
    assert [m["label"] for m in data["matching"]] == ["study 1 (source record 1)"]
    assert data["matching"][0]["study"] == 1
