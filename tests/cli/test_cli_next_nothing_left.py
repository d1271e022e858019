"""`screener next` with nothing to give said 'Nothing left to screen at this stage for you.' in
every case: before any study had reached full text (a screener told to start full text thought
the work was done), in a review with no records yet, and when the rest waits for the other
screener. Now it says which, in the web app's words; --json still answers null."""

from __future__ import annotations

from pathlib import Path

from screener.cli.main import run

WOS_RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_webofscience.ris"


def _review(tmp_path, capsys, records: bool = True) -> str:
    directory = str(tmp_path / "review")
    assert run(["init", directory]) == 0
    if records:
        assert run(["import", directory, str(WOS_RIS)]) == 0
    for name in ("ann", "ben"):
        assert run(["reviewers", "add", directory, name]) == 0
    capsys.readouterr()
    return directory


def test_before_any_study_reached_full_text(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    assert run(["next", directory, "--as", "ann", "--stage", "full_text"]) == 0
    assert capsys.readouterr().out == ("Nothing to screen at full_text yet: no study has reached full text (a study "
                                       "comes here once it is included at title_abstract).\n")
    assert run(["next", directory, "--as", "ann", "--stage", "full_text", "--json"]) == 0
    assert capsys.readouterr().out == "null\n"


def test_a_review_without_records(tmp_path, capsys):
    directory = _review(tmp_path, capsys, records=False)
    assert run(["next", directory, "--as", "ann", "--stage", "title_abstract"]) == 0
    assert capsys.readouterr().out == ("Nothing to screen yet: the review has no studies; they come once the "
                                       f"records of its searches are imported (`screener import {directory} FILE...`).\n")


def test_the_rest_waits_for_the_other_screener(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    for study in range(1, 11):
        assert run(["vote", directory, str(study), "include", "--as", "ann", "--stage", "title_abstract"]) == 0
    capsys.readouterr()
    assert run(["next", directory, "--as", "ann", "--stage", "title_abstract"]) == 0
    assert capsys.readouterr().out == ("Nothing left for you at title_abstract: every study has your vote or the "
                                       "votes it needs; 10 studies await the other screeners or the arbiter.\n")


def test_help_says_what_comes_when_nothing_is_left(capsys):
    assert run(["next", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "when nothing is left, why (null with --json)" in text
