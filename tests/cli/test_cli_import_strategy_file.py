"""`screener import DIR medline.txt` where medline.txt is the search strategy, not the records it found (the two
files sit side by side in a review's folder): before, 'not a known export format (RIS, MEDLINE/nbib, … CSV); the
first line is …', which listed formats but not what was wrong. Now the file is named as a strategy, with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run

ROOT = Path(__file__).resolve().parents[2]
STRATEGIES = sorted(p for p in (ROOT / "queries" / "toye2017").iterdir()
                    if p.suffix in (".txt", ".ovid") and "problems" not in p.name and "google-scholar" not in p.name)


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda p: p.name)
def test_a_strategy_given_as_the_export_is_named(tmp_path, capsys, strategy):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    assert run(["import", str(directory), str(strategy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {strategy}:1: this is a search strategy ("), err
    assert err.endswith(", not the records it found: export the records themselves from the database (RIS, MEDLINE "
                        "or CSV) and import those, with this file as the strategy as run\n"), err
    assert err.count("\n") == 1


def test_a_letter_is_still_not_a_known_export_format(tmp_path, capsys):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear colleague,\nplease find the search results attached (or/1-2 of them).\n", encoding="utf-8")
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    assert run(["import", str(directory), str(letter)]) == 1
    assert "not a known export format" in capsys.readouterr().err
