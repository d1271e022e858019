"""Commands run again or with their arguments swapped, as people do: `init` on the review already
made says nothing was changed and what to run instead; `import FILE DIR` says the workspace comes
first."""

from __future__ import annotations

from screener.cli.main import run


def test_init_again(workspace, capsys):
    assert run(["init", str(workspace.path)]) == 1
    assert capsys.readouterr().err == (f"error: {workspace.path} is already a workspace; nothing was changed "
                                       f"(`screener status {workspace.path}` shows what it holds)\n")


def test_import_with_the_workspace_last(workspace, tmp_path, capsys):
    export = tmp_path / "one.ris"
    export.write_text("TY  - JOUR\nTI  - Living with chronic pain\nER  - \n", encoding="utf-8")
    assert run(["import", str(export), str(workspace.path)]) == 2
    assert capsys.readouterr().err == (f"error: {export}: not a directory; the workspace comes first: "
                                       f"`screener import {workspace.path} {export}`\n")
    assert workspace.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0
