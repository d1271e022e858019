"""What a screener and the arbiter see on the command line when they slip: an exclusion reason typed
nearly right ('out of scop') was refused with the whole list and no hint of the one meant; and
`screener conflicts` cut a long title at 70 characters mid-word, with nothing to say it was cut."""

from __future__ import annotations

import pytest

from screener.cli.main import run

LONG = ("Healthcare professionals' experience of treating adults with chronic non-malignant pain: "
        "a meta-ethnography")


@pytest.fixture()
def review(workspace):
    from screener.records import read_file

    export = workspace.path.parent / "two.ris"
    export.write_text(f"TY  - JOUR\nTI  - {LONG}\nER  - \n\n"
                      "TY  - JOUR\nTI  - Physiotherapists and back pain\nER  - \n", encoding="utf-8")
    with workspace.transaction():
        workspace.add_source_records(read_file(export).records)
    for name, role in (("FT", "screener"), ("KLB", "screener"), ("KS", "arbiter")):
        assert run(["reviewers", "add", str(workspace.path), name, "--role", role]) == 0
    return workspace


def _votes(ws):
    return ws.db.execute("SELECT count(*) FROM votes").fetchone()[0]


def test_a_reason_typed_nearly_right_names_the_one_meant(review, capsys):
    before = _votes(review)
    capsys.readouterr()
    assert run(["vote", str(review.path), "1", "exclude", "--as", "FT", "--stage", "title_abstract",
                "--reason", "out of scop"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: reason 'out of scop' is not one of the exclusion_reasons in "), err
    assert "(did you mean 'out of scope'?)" in err and err.count("\n") == 1, err
    assert _votes(review) == before
    assert run(["vote", str(review.path), "1", "exclude", "--as", "FT", "--stage", "title_abstract",
                "--reason", "wrong population"]) == 1
    assert "did you mean" not in capsys.readouterr().err


def test_conflicts_shows_a_long_title_cut_at_a_word_with_an_ellipsis(review, capsys):
    for who, vote in (("FT", "include"), ("KLB", "exclude")):
        assert run(["vote", str(review.path), "1", vote, "--as", who, "--stage", "title_abstract"]) == 0
    capsys.readouterr()
    assert run(["conflicts", str(review.path)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("study 1 [title_abstract, over the decision] Healthcare professionals' experience"), first
    assert first.endswith("…") and not first.endswith(" …") and "chronic non-malignant" not in first, first
    assert len(first) <= 125, first
