"""A folder that is not a workspace, named where one was meant. Before, every such folder got
'not a workspace (no review.db); create one with `screener init`': the parent of the review
(`screener status demo-output`, where `make demo` left demo-output/review) was told to make a new
review, and a folder of exports was sent to `screener init`, which refuses a folder that is not
empty. Now the review inside is named, and init is offered only where it would work."""

from __future__ import annotations

from screener import Workspace
from screener.cli.main import run


def test_the_folder_holding_the_review_names_it(tmp_path, capsys):
    Workspace.init(tmp_path / "demo-output" / "review", title="t").close()
    (tmp_path / "demo-output" / "prisma.svg").write_text("<svg/>", encoding="utf-8")
    assert run(["status", str(tmp_path / "demo-output")]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: {tmp_path / 'demo-output'}: not a workspace (no review.db); the review in it is "
                   f"{tmp_path / 'demo-output' / 'review'}: give that\n"), err


def test_a_folder_of_other_files_is_not_sent_to_init_it(tmp_path, capsys):
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "embase.ris").write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    assert run(["status", str(tmp_path / "exports")]) == 1
    err = capsys.readouterr().err
    assert "not a workspace (no review.db); give the review's folder (the one holding review.db and review.toml), " \
           "or make a new review in an empty folder with `screener init NEWDIR`" in err, err


def test_an_empty_folder_is_offered_init(tmp_path, capsys):
    (tmp_path / "new").mkdir()
    assert run(["status", str(tmp_path / "new")]) == 1
    assert f"not a workspace (no review.db); create one here with `screener init {tmp_path / 'new'}`" in \
        capsys.readouterr().err


def test_the_review_database_named_instead_of_its_folder(workspace, capsys):
    # Before: 'review/review.db: not a directory; give the workspace directory' (which one?)
    for name in ("review.db", "review.toml"):
        assert run(["status", str(workspace.path / name)]) == 1
        assert capsys.readouterr().err == (f"error: {workspace.path / name}: not a directory; give the workspace "
                                           f"directory, the folder holding it: {workspace.path}\n")
