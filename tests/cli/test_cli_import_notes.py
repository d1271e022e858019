"""`screener import DIR *.ris` of a whole search's exports (18 files in the walk-through of the
bundled fixtures): every file without --strategy had its own note, 'X.ris: no strategy recorded;
PRISMA-S asks for the strategy as run (...)', 18 lines after the summary burying the notes that
differ. Three files or more now share one note that counts and names them; one or two keep theirs."""

from __future__ import annotations

from pathlib import Path

from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris"
FILES = [RIS / f"citation-file-formatting___baseline_{name}.ris"
         for name in ("scopus", "webofscience", "psychInfo_ovid", "eric_ovid", "cinahl")]


def _import(tmp_path, capsys, files) -> list[str]:
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    assert run(["import", str(directory), *map(str, files)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if "no strategy recorded" in line]


def test_many_files_without_a_strategy_share_one_note(tmp_path, capsys):
    notes = _import(tmp_path, capsys, FILES)
    assert notes == ["note: 5 files have no strategy recorded (citation-file-formatting___baseline_scopus.ris, "
                     "citation-file-formatting___baseline_webofscience.ris, "
                     "citation-file-formatting___baseline_psychInfo_ovid.ris and 2 more); PRISMA-S asks for the "
                     "strategy as run (--strategy FILE, or relabel each import)"]


def test_one_or_two_files_keep_a_note_each(tmp_path, capsys):
    notes = _import(tmp_path, capsys, FILES[:2])
    assert notes == [f"note: {f.name}: no strategy recorded; PRISMA-S asks for the strategy as run (--strategy "
                     "FILE, or relabel the import)" for f in FILES[:2]]
