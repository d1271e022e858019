"""`--as ann lee` for the reviewer added as 'Ann Lee': refused with 'no reviewer 'ann lee' ... (known
reviewers: ..., Ann Lee); add one with `screener reviewers add`' — sending a screener who typed their
own name in lower case to add themselves again (which is refused: 'differs only in case'). Now the
refusal names the reviewer meant and says to write the name as it was added."""

from __future__ import annotations

from screener.cli.main import run


def test_a_name_in_another_case_names_the_reviewer_meant(workspace, capsys):
    assert run(["reviewers", "add", str(workspace.path), "Ann Lee"]) == 0
    capsys.readouterr()
    assert run(["next", str(workspace.path), "--as", "ann lee", "--stage", "title_abstract"]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: no reviewer 'ann lee' in {workspace.path} (did you mean 'Ann Lee'?): give the name exactly "
                   "as it was added (`screener reviewers list` shows them)\n"), err


def test_a_name_nobody_has_still_lists_the_reviewers(workspace, capsys):
    assert run(["reviewers", "add", str(workspace.path), "Ann Lee"]) == 0
    capsys.readouterr()
    assert run(["next", str(workspace.path), "--as", "zoe", "--stage", "title_abstract"]) == 1
    assert "(known reviewers: Ann Lee); add one with `screener reviewers add`" in capsys.readouterr().err
