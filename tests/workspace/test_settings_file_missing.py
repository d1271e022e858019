"""A review folder without its review.toml: the settings file lost beside an intact review.db (copied
without it, deleted by a slip), or an init killed before it wrote the file. Either way it said
'review.toml: missing; this directory is not a complete workspace (run `screener init` on a new
directory)' — pointing away from the review's records and votes, which are all in review.db, and
`screener init` on the same folder refused ('already a workspace')."""

from __future__ import annotations

from screener.cli.main import run
from screener.workspace import Workspace
from screener.workspace.reviewers import add_reviewer


def test_a_lost_settings_file_beside_a_review_says_to_restore_it(tmp_path, capsys):
    directory = tmp_path / "review"
    with Workspace.init(directory) as ws:
        add_reviewer(ws, "alice", "screener")
    (directory / "review.toml").unlink()
    assert run(["status", str(directory)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"{directory / 'review.toml'}: missing, but review.db beside it holds the review" in err, err
    assert "restore review.toml from a backup" in err and "new directory" not in err, err
    assert not (directory / "review.toml").exists()


def test_an_init_stopped_before_its_settings_file_can_be_run_again(tmp_path, capsys):
    directory = tmp_path / "review"
    Workspace.init(directory).close()
    (directory / "review.toml").unlink()          # killed between the database and the settings file
    assert run(["status", str(directory)]) == 1
    err = capsys.readouterr().err
    assert "`screener init` did not finish here" in err and f"screener init {directory}" in err, err
    assert run(["init", str(directory), "--title", "Again"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert run(["status", str(directory)]) == 0
    assert capsys.readouterr().out.startswith("Again (")


def test_an_emptied_settings_file_is_not_read_as_the_defaults(tmp_path, capsys):
    """A review.toml of 0 bytes (a copy onto a full disk) was read as every setting at its default:
    the review became 'Untitled review' screened under rules it was not set up with (two votes,
    blind, the default exclusion reasons), without a word."""
    directory = tmp_path / "review"
    Workspace.init(directory, title="Pain").close()
    settings = directory / "review.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("votes_needed = 2", "votes_needed = 1"),
                        encoding="utf-8")
    settings.write_bytes(b"")
    assert run(["status", str(directory)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{settings}: empty" in err and "restore it from a backup" in err, err
    assert settings.read_bytes() == b""
