"""An option that takes one value, given twice: `screener rank simulate set.csv --seed 1 --seed 2` ran
with seed 2 and said nothing (click keeps the last), so a run meant to be seed 1 was not, and
`export --out a.ris --out b.ris` wrote only b.ris. Every such option (none of the commands takes a
value option more than once) is now one line naming it and both values, exit 2, before anything
runs; a flag given twice (--json --json) means the same as once and is still taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run
from tests.cli.test_cli_missing_inputs import one_error_line


@pytest.fixture()
def review(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(["init", "rev"]) == 0
    Path("s.ovid").write_text("1. pain.ti,ab.\n", encoding="utf-8")
    capsys.readouterr()
    return tmp_path


@pytest.mark.parametrize("argv, said", [
    (["rank", "simulate", "set.csv", "--seed", "1", "--seed", "2"],
     "error: screener rank simulate: --seed given twice (1, then 2); give it once"),
    (["rank", "simulate", "set.csv", "--seed=1", "--preset", "default", "--seed=2"],
     "error: screener rank simulate: --seed given twice (1, then 2); give it once"),
    (["query", "translate", "s.ovid", "--to", "pubmed", "--to", "ovid-embase"],
     "error: screener query translate: --to given twice (pubmed, then ovid-embase); give it once"),
    (["export", "rev", "--format", "ris", "--out", "a.ris", "--out", "b.ris"],
     "error: screener export: --out given twice (a.ris, then b.ris); give it once"),
])
def test_a_one_value_option_given_twice_is_one_line_and_nothing_runs(review, capsys, argv, said):
    assert run(argv) == 2
    assert one_error_line(capsys) == said
    assert not Path("a.ris").exists() and not Path("b.ris").exists()


def test_a_value_that_looks_like_an_option_is_a_value(review, capsys):
    """`--prior-ids --seed` gives --prior-ids the value '--seed' (as click reads it), not a second --seed."""
    assert run(["rank", "simulate", "set.csv", "--prior-ids", "--seed", "--seed", "2"]) == 2
    assert "set.csv: no such file" in one_error_line(capsys)


def test_a_flag_given_twice_is_taken(review, capsys):
    assert run(["query", "translate", "s.ovid", "--to", "pubmed", "--json", "--json"]) == 0


def test_three_times_names_the_first_two(review, capsys):
    assert run(["rank", "simulate", "set.csv", "--seed", "1", "--seed", "1", "--seed", "3"]) == 2
    assert one_error_line(capsys) == "error: screener rank simulate: --seed given twice (1, then 1); give it once"
