"""The text `report prisma` prints: no empty parentheses for a workspace without records."""

from __future__ import annotations

from screener.cli.main import run


def test_empty_workspace_text(workspace, tmp_path, capsys):
    out = tmp_path / "p.svg"
    assert run(["report", "prisma", str(workspace.path), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Wrote {out}"
    assert lines[1] == "  identified 0"
    assert lines[-1] == "  note: No records yet: import exports or run a search, then screen."
