"""`screener revote` on a study already decided: refused, saying what to do instead. Before, the
arbiter was told 'FT may vote again' and FT's vote was then refused ('already decided ... only an
arbiter can change it now'): a request nobody could act on, left in the audit log."""

from __future__ import annotations

import pytest

from screener.cli.main import run


@pytest.fixture()
def review(workspace):
    from screener.records import read_file

    export = workspace.path.parent / "two.ris"
    export.write_text("TY  - JOUR\nTI  - Living with chronic pain\nER  - \n\n"
                      "TY  - JOUR\nTI  - Physiotherapists and back pain\nER  - \n", encoding="utf-8")
    with workspace.transaction():
        workspace.add_source_records(read_file(export).records)
    ws = str(workspace.path)
    for name, role in (("FT", "screener"), ("KLB", "screener"), ("KS", "arbiter")):
        assert run(["reviewers", "add", ws, name, "--role", role]) == 0
    return workspace


def _events(ws, kind):
    return ws.db.execute("SELECT count(*) FROM events WHERE kind = ?", (kind,)).fetchone()[0]


def _vote(ws, study, vote, who):
    assert run(["vote", str(ws.path), str(study), vote, "--as", who, "--stage", "title_abstract"]) == 0


def test_revote_on_a_study_the_arbiter_decided(review, capsys):
    _vote(review, 1, "include", "FT")
    _vote(review, 1, "exclude", "KLB")
    assert run(["resolve", str(review.path), "1", "include", "--as", "KS", "--stage", "title_abstract"]) == 0
    capsys.readouterr()
    assert run(["revote", str(review.path), "1", "KLB", "--as", "KS", "--stage", "title_abstract"]) == 1
    assert capsys.readouterr().err == (
        "error: study 1 is already decided at title_abstract (include by the arbiter): a re-vote would change "
        "nothing; to change the outcome, decide it again with `screener resolve`\n")
    assert _events(review, "revote") == 0


def test_revote_on_a_study_decided_by_agreement(review, capsys):
    _vote(review, 2, "include", "FT")
    _vote(review, 2, "include", "KLB")
    capsys.readouterr()
    assert run(["revote", str(review.path), "2", "FT", "--as", "KS", "--stage", "title_abstract"]) == 1
    assert "study 2 is already decided at title_abstract (include by agreement): a re-vote" in capsys.readouterr().err
    assert _events(review, "revote") == 0


def test_revote_on_a_conflict_still_works(review, capsys):
    _vote(review, 1, "include", "FT")
    _vote(review, 1, "exclude", "KLB")
    assert run(["revote", str(review.path), "1", "KLB", "--as", "KS", "--stage", "title_abstract"]) == 0
    _vote(review, 1, "include", "KLB")
    assert "KLB include" in capsys.readouterr().out


def test_resolve_overturning_an_agreement_says_so(review, capsys):
    """An arbiter who typed 2 for 12 overturned both screeners' include without a word."""
    _vote(review, 2, "include", "FT")
    _vote(review, 2, "include", "KLB")
    capsys.readouterr()
    assert run(["resolve", str(review.path), "2", "exclude", "--as", "KS", "--stage", "title_abstract"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Study 2 at title_abstract: exclude by KS; votes: FT include; KLB include\n")
    assert out.endswith("warning: study 2 was not in conflict: the screeners agreed on include, which this "
                        "decision overturns\n"), out
    capsys.readouterr()
    assert run(["resolve", str(review.path), "2", "exclude", "--as", "KS", "--stage", "title_abstract"]) == 0
    assert "warning" not in capsys.readouterr().out       # repeated: nothing new to say


def test_resolve_of_a_conflict_says_nothing_more(review, capsys):
    _vote(review, 1, "include", "FT")
    _vote(review, 1, "exclude", "KLB")
    capsys.readouterr()
    assert run(["resolve", str(review.path), "1", "exclude", "--as", "KS", "--stage", "title_abstract"]) == 0
    assert "warning" not in capsys.readouterr().out
