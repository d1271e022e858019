"""`pairs decide` reads as what happened: 'both records in study 1' (not 'records now in studies 1
and 1'), and the same decision again writes nothing and says '(unchanged)', as vote and resolve do."""

from __future__ import annotations

from screener.cli.main import run


def _decisions(ws):
    return ws.db.execute("SELECT count(*) FROM pair_decisions").fetchone()[0]


def test_same_then_same_again(workspace, fixtures_dir, capsys):
    ws = str(workspace.path)
    assert run(["import", ws, str(fixtures_dir / "dedup/special_cases.csv")]) == 0
    assert run(["dedupe", ws]) == 0
    capsys.readouterr()
    assert run(["pairs", "decide", ws, "1", "same"]) == 0
    assert capsys.readouterr().out == "pair 1: same — both records in study 1\n"
    assert _decisions(workspace) == 1
    assert run(["pairs", "decide", ws, "1", "same"]) == 0
    assert capsys.readouterr().out == "pair 1: same — both records in study 1 (unchanged)\n"
    assert _decisions(workspace) == 1
    assert run(["pairs", "decide", ws, "1", "different", "--note", "two reports"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("pair 1: different — records in studies 1 and ") and "record moved" in out, out
    assert _decisions(workspace) == 2
