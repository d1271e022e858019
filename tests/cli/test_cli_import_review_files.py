"""`screener import DIR DIR/review.db` (or review.toml, or the report `--skip-bad` wrote in DIR/rejected/): the
wrong file picked in a file dialog or by the shell's tab key. Before: 'the file contains NUL bytes: it is binary,
not a text export' or 'not a known export format (…); the first line is '# review.toml …'', exit 1, saying neither
what the file is nor what to do. Now one line naming it as the review's own file, with what to give instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run

BROKEN = b"TY  - JOUR\nTI  - A record\nER  - \n\nnot a record\n"


def _review(tmp_path: Path, name: str = "review") -> Path:
    directory = tmp_path / name
    assert run(["init", str(directory)]) == 0
    return directory


@pytest.mark.parametrize("name", ["review.db", "review.toml"])
def test_the_reviews_own_file_is_named(tmp_path, capsys, name):
    directory = _review(tmp_path)
    other = _review(tmp_path, "other")
    capsys.readouterr()
    assert run(["import", str(directory), str(directory / name)]) == 2
    assert capsys.readouterr().err == (f"error: {directory / name}: that is this review's own {name}, not a "
                                       "database's export: give the files exported from the databases\n")
    assert run(["import", str(directory), str(other / name)]) == 2
    assert capsys.readouterr().err == (f"error: {other / name}: that is the {name} of the review in {other.resolve()}, "
                                       "not a database's export: give the files exported from the databases\n")


def test_a_report_of_refused_records_is_named_with_what_to_do(tmp_path, capsys):
    directory = _review(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text('title,year\n"unclosed,2020\n', encoding="utf-8")
    good = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_scopus.ris"
    assert run(["import", str(directory), str(good), str(bad), "--skip-bad"]) == 0
    [report] = (directory / "rejected").iterdir()
    capsys.readouterr()
    assert run(["import", str(directory), str(report)]) == 2
    assert capsys.readouterr().err == (
        f"error: {report}: that is a report of what `screener import --skip-bad` refused, not an export: to import a "
        "refused record, copy its text from the report into a file of its own, mend it and import that file\n")
