"""`screener dedupe` run again on a workspace where nothing new came in says so plainly, instead
of a block of zeros ('merged pairs: 0 ... errata joined to their article: 0') that reads as if
the first run's merges were undone."""

from __future__ import annotations

from screener.cli.main import run

BASE = "records/ris/citation-file-formatting___baseline_"


def _import(ws, fixtures_dir, *names):
    for name in names:
        assert run(["import", str(ws.path), str(fixtures_dir / f"{BASE}{name}.ris")]) == 0


def _dedupe(ws, capsys) -> str:
    capsys.readouterr()
    assert run(["dedupe", str(ws.path)]) == 0
    return capsys.readouterr().out


def test_second_run_says_nothing_new_was_found(workspace, fixtures_dir, capsys):
    _import(workspace, fixtures_dir, "embase", "cinahl", "psychInfo_ovid", "scopus", "webofscience")
    assert _dedupe(workspace, capsys).startswith("49 source records: 49 studies before, 47 after\n")
    assert _dedupe(workspace, capsys) == ("No new duplicates among the 49 source records: still 47 studies; "
                                          "nothing changed.\n"
                                          "  pairs waiting for a decision: 0\n")


def test_nothing_found_on_a_first_run(workspace, fixtures_dir, capsys):
    _import(workspace, fixtures_dir, "scopus")
    assert _dedupe(workspace, capsys) == ("No duplicates among the 10 source records: 10 studies; nothing changed.\n"
                                          "  pairs waiting for a decision: 0\n")


def test_new_records_after_a_run_are_reported_as_before(workspace, fixtures_dir, capsys):
    _import(workspace, fixtures_dir, "embase")
    _dedupe(workspace, capsys)
    _import(workspace, fixtures_dir, "cinahl", "psychInfo_ovid", "scopus", "webofscience")
    out = _dedupe(workspace, capsys)
    assert out.startswith("49 source records: 48 studies before, 47 after\n  merged pairs: 1 (1 record joined "
                          "another study)\n"), out


def test_an_erratum_is_counted_among_the_merged_pairs_not_beside_them(workspace, fixtures_dir, capsys):
    # 'merged pairs: 2 (2 records joined another study)' then 'errata joined to their article: 1'
    # read as three joins; the erratum's pair is one of the two (49 records, 47 studies)
    _import(workspace, fixtures_dir, "embase", "cinahl", "psychInfo_ovid", "scopus", "webofscience")
    assert _dedupe(workspace, capsys) == (
        "49 source records: 49 studies before, 47 after\n"
        "  merged pairs: 2, 1 of them an erratum notice with its article (2 records joined another study)\n"
        "  pairs waiting for a decision: 0\n")
