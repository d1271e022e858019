"""``pending_count`` (counted in SQL) agrees with the pending pairs ``list_pairs`` lists, before and
after a person decides one."""

from __future__ import annotations

from screener.workspace.dedupe import decide_pair, dedupe_workspace, list_pairs, pending_count
from tests.workspace.test_search_index import _records


def test_pending_count_is_the_length_of_the_pending_list(workspace):
    ws = workspace
    with ws.transaction():
        ws.add_source_records(_records())
    report = dedupe_workspace(ws)
    pending = list_pairs(ws, "pending")
    assert len(pending) >= 1
    assert report["queued_pairs"] == pending_count(ws) == len(pending)
    decide_pair(ws, pending[0]["pair"], "different")
    assert pending_count(ws) == len(list_pairs(ws, "pending")) == len(pending) - 1
