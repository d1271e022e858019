"""The study search index (FTS5) stays exactly what a from-scratch rebuild gives, whichever way
study membership changes: bulk writers (import, dedupe run, withdrawal, restore) re-index once at
the end (migration m018, screener/workspace/search_index.py), single merges and splits through the
trigger; and the deferral never outlives the bulk write, even one that fails."""

from __future__ import annotations

import pytest

from screener.records.model import Record
from screener.workspace.dedupe import decide_pair, dedupe_workspace, list_pairs
from screener.workspace.imports import import_exports, restore_import, withdraw_import
from screener.workspace.search_index import deferred_search_index
from screener.workspace.study_search import matching

SCOPUS = "records/ris/citation-file-formatting___baseline_scopus.ris"

_REBUILD = """
    SELECT c.study_id,
           group_concat(coalesce(json_extract(s.record, '$.title'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.abstract'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.authors'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.keywords'), ''), ' ')
    FROM current_links c JOIN source_records s ON s.id = c.source_record_id
    GROUP BY c.study_id
"""


def _words(rows) -> dict[int, tuple]:
    return {row[0]: tuple(sorted(" ".join(row[1:]).split())) for row in rows}


def assert_index_is_a_rebuild(ws) -> None:
    index = _words(ws.db.execute("SELECT rowid, title, abstract, authors, keywords FROM study_search"))
    assert index == _words(ws.db.execute(_REBUILD))
    assert ws.db.execute("SELECT count(*) FROM study_search_deferred").fetchone()[0] == 0


def _study(ws, rid):
    return ws.db.execute("SELECT study_id FROM current_links WHERE source_record_id = ?", (rid,)).fetchone()[0]


def _records():
    base = dict(authors=["Zhai, Q. J.", "Yue, X. Y."], year=2010, journal="Chinese Journal of Cerebrovascular Diseases",
                volume="7", issue="2", pages="73-76")
    title = "Efficacy observation of batroxobin for vascular cognitive impairment"
    poems = dict(title="Treatment for POEMS syndrome", authors=["Kuwabara, S."], journal="Cochrane Database Syst Rev",
                 pages="CD006828")
    return [
        Record(title=title + ". [Chinese]", abstract="alphaword", database="Embase", **base),
        Record(title=title, abstract="bravoword", database="MEDLINE", **base),
        Record(title=title + ".", abstract="charlieword", database="CINAHL", **base),
        Record(abstract="deltaword", year=2008, database="MEDLINE", **poems),     # a pair left to people
        Record(abstract="echoword", year=2012, database="Embase", **poems),
    ]


def test_the_index_is_a_rebuild_after_imports_merges_splits_withdrawals_and_restores(workspace, fixtures_dir):
    ws = workspace
    with ws.transaction():
        ids = ws.add_source_records(_records())
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "bravoword") == {_study(ws, ids[1])}

    import_exports(ws, [fixtures_dir / SCOPUS])              # the importer's bulk path
    assert_index_is_a_rebuild(ws)
    sauropods = matching(ws, "sauropodomorph")
    assert len(sauropods) == 1

    dedupe_workspace(ws)                                      # automatic merges, in bulk
    assert_index_is_a_rebuild(ws)
    merged = _study(ws, ids[0])
    assert {_study(ws, i) for i in ids[:3]} == {merged}
    assert matching(ws, "bravoword") == matching(ws, "charlieword") == {merged}
    assert matching(ws, "alphaword bravoword") == {merged}   # one study, both records' words

    pair = list_pairs(ws)[0]["pair"]
    decide_pair(ws, pair, "same")                             # one merge, through the trigger
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "deltaword echoword") == {_study(ws, ids[3])}

    decide_pair(ws, pair, "different")                        # a split, through the trigger
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "deltaword") == {_study(ws, ids[3])}
    assert matching(ws, "echoword") == {_study(ws, ids[4])} != {_study(ws, ids[3])}
    assert matching(ws, "deltaword echoword") == set()

    scopus_import = ws.db.execute("SELECT max(id) FROM imports").fetchone()[0]
    withdraw_import(ws, scopus_import)
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "sauropodomorph") == set()
    assert matching(ws, "bravoword") == {merged}             # the other studies are untouched

    restore_import(ws, scopus_import)
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "sauropodomorph") == sauropods


class WriterFailed(Exception):
    pass


def test_a_bulk_write_that_fails_leaves_the_trigger_working(workspace):
    ws = workspace
    with ws.transaction():
        first, second = ws.add_source_records([Record(title="Kestrel flight", database="test"),
                                               Record(title="Osprey diet", database="test")])
    with pytest.raises(WriterFailed), ws.transaction() as conn, deferred_search_index(conn):
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('t', ?, ?, 'merge')",
                     (second, _study(ws, first)))
        raise WriterFailed
    assert_index_is_a_rebuild(ws)                             # rolled back, the deferral with it
    # a caller that catches the error inside its transaction keeps what it wrote, indexed
    with ws.transaction() as conn:
        try:
            with deferred_search_index(conn):
                conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind)"
                             " VALUES ('t', ?, ?, 'merge')", (second, _study(ws, first)))
                raise WriterFailed
        except WriterFailed:
            pass
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "kestrel osprey") == {_study(ws, first)}
    # and the next single write is indexed by the trigger again
    with ws.transaction() as conn:
        new_study = conn.execute("INSERT INTO studies (created_at) VALUES ('t')").lastrowid
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('t', ?, ?, 'split')",
                     (second, new_study))
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "osprey") == {new_study}


def test_nested_bulk_writes_are_indexed_once_by_the_outer_one(workspace):
    ws = workspace
    with ws.transaction() as conn, deferred_search_index(conn):
        ws.add_source_records([Record(title="Heron nesting", database="test")])
        ws.add_source_records([Record(title="Heron migration", database="test")])
        assert conn.execute("SELECT count(*) FROM study_search").fetchone()[0] == 0     # not yet
    assert_index_is_a_rebuild(ws)
    assert len(matching(ws, "heron")) == 2


def test_a_bulk_write_outside_a_transaction_is_refused(workspace):
    with pytest.raises(RuntimeError, match="inside a transaction"), deferred_search_index(workspace.db):
        pass
