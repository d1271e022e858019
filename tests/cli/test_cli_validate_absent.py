"""`query validate` when the known studies are not among the records searched: each is named by
its title (not only 'ref 36'), and a long list stops after 10 with how many more (the seed
review's 184 known studies against the wrong records printed 184 lines of 'ref N')."""

from __future__ import annotations

from screener.cli.main import run


def test_absent_studies_are_named_and_the_list_is_bounded(tmp_path, capsys):
    known = tmp_path / "known.csv"
    rows = ["ref,title,year"] + [f"{i},Healthcare professionals and chronic pain study number {i},2015"
                                for i in range(1, 16)]
    known.write_text("\n".join(rows) + "\n", encoding="utf-8")
    records = tmp_path / "records.ris"
    records.write_text("TY  - JOUR\nTI  - Dinosaur footprints in Brazil\nPY  - 2024\nER  - \n", encoding="utf-8")
    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 pain.ti,ab.\n", encoding="utf-8")
    assert run(["query", "validate", str(strategy), "--known", str(known), "--records", str(records)]) == 0
    out = capsys.readouterr().out
    listed = out.split("Not in the records searched (cannot be assessed):\n", 1)[1].splitlines()
    assert listed[0] == "  ref 1: Healthcare professionals and chronic pain study number 1"
    assert len(listed) == 11 and listed[-1] == "  … and 5 more (--json lists every one)", listed
