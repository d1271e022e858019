"""`query run` and `query validate` say one record as one: '1 record found', not '1 records found';
'The known study is not among ...', not 'None of the 1 known studies is among ...'."""

from __future__ import annotations

from screener.cli.main import run

RIS = "TY  - JOUR\nTI  - Living with chronic pain\nPY  - 2020\nDO  - 10.1000/one\nER  - \n"


def test_run_counts_one_record_as_one(tmp_path, capsys):
    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 pain.ti.\n", encoding="utf-8")
    records = tmp_path / "one.ris"
    records.write_text(RIS, encoding="utf-8")
    assert run(["query", "run", str(strategy), "--records", str(records)]) == 0
    assert "\nLine 1: 1 record found, 0 undetermined\n" in capsys.readouterr().out


def test_validate_with_one_known_study_not_in_the_records(tmp_path, capsys):
    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 pain.ti.\n", encoding="utf-8")
    records = tmp_path / "one.ris"
    records.write_text(RIS, encoding="utf-8")
    known = tmp_path / "known.txt"
    known.write_text("10.1000/two\n", encoding="utf-8")
    assert run(["query", "validate", str(strategy), "--known", str(known), "--records", str(records)]) == 0
    out = capsys.readouterr().out
    assert ("\nThe known study is not among the records searched (matched by PMID, DOI, then title), so recall "
            "cannot be measured: search the records it should be in (--records, --review)\n") in out
