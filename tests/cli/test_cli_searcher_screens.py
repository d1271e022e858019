"""A searcher (the information specialist, who writes and runs the strategies) asking for a study
or voting was told "reviewer 'sam' is an searcher; arbiters resolve conflicts (`screener
conflicts`) and are not given studies to screen": the arbiter's answer, with the wrong article.
Now each role gets its own words; the arbiter's are as before."""

from __future__ import annotations

import pytest

from screener.cli.main import run


@pytest.fixture
def directory(tmp_path, capsys, fixtures_dir):
    path = str(tmp_path / "review")
    assert run(["init", path]) == 0
    assert run(["import", path, str(fixtures_dir / "records/ris/citation-file-formatting___baseline_scopus.ris")]) == 0
    assert run(["reviewers", "add", path, "sam", "--role", "searcher"]) == 0
    assert run(["reviewers", "add", path, "carol", "--role", "arbiter"]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("command", [["next"], ["vote", "1", "include"]])
def test_a_searcher_is_told_what_a_searcher_does(directory, capsys, command):
    args = [command[0], directory, *command[1:], "--as", "sam", "--stage", "title_abstract"]
    assert run(args) == 1
    assert capsys.readouterr().err == ("error: reviewer 'sam' is a searcher; searchers write and run the search "
                                       "strategies, and do not screen: screening is for screeners (and the owner)\n")


def test_the_arbiter_keeps_its_words(directory, capsys):
    assert run(["next", directory, "--as", "carol", "--stage", "title_abstract"]) == 1
    assert capsys.readouterr().err == ("error: reviewer 'carol' is an arbiter; arbiters resolve conflicts "
                                       "(`screener conflicts`) and are not given studies to screen\n")
    assert run(["vote", directory, "1", "include", "--as", "carol", "--stage", "title_abstract"]) == 1
    assert capsys.readouterr().err == ("error: reviewer 'carol' is an arbiter; arbiters resolve conflicts "
                                       "(`screener resolve`) and do not vote\n")
