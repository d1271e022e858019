"""`query run --review DIR` searches the review's source records: a withdrawn import's records were
taken out of the review (a wrong file, a mislabelled export), so they are not searched, and the
output says how many were left out."""

from __future__ import annotations

from screener.query.evaluate.local import run_strategy
from screener.workspace.importer import import_files
from screener.workspace.imports import restore_import, withdraw_import
from screener.workspace.strategy_records import records_to_search

STRATEGY = "1 (chronic adj3 pain).ti,ab.\n2 interview*.ti,ab.\n3 1 and 2\n"
KEPT = "TY  - JOUR\nTI  - Chronic pain: interviews with nurses\nAB  - x\nDO  - 10.1000/one\nER  - \n"
WRONG = "TY  - JOUR\nTI  - Chronic pain and interviews in another review\nAB  - y\nDO  - 10.1000/two\nER  - \n"


def test_withdrawn_records_are_not_searched(workspace, tmp_path):
    (tmp_path / "kept.ris").write_text(KEPT)
    (tmp_path / "wrong.ris").write_text(WRONG)
    import_files(workspace, [tmp_path / "kept.ris"])
    import_files(workspace, [tmp_path / "wrong.ris"])
    review = str(workspace.path)
    before = run_strategy(STRATEGY, records=records_to_search(review=review))
    assert before["records"] == 2 and len(before["matching"]) == 2

    withdraw_import(workspace, 2)
    after = run_strategy(STRATEGY, records=records_to_search(review=review))
    assert after["records"] == 1
    assert [m["doi"] for m in after["matching"]] == ["10.1000/one"]
    assert "1 of withdrawn imports left out" in after["records_source"]

    restore_import(workspace, 2)
    again = run_strategy(STRATEGY, records=records_to_search(review=review))
    assert again["records"] == 2 and "left out" not in again["records_source"]
