"""The free-text index (FTS5, one row per source record, migration m021) is always exactly what a
rebuild from the stored records gives, whichever way records come in (the bulk store, one at a
time, an import) and however study membership changes (dedupe runs, merges and splits by a person,
withdrawals and restores, which leave it alone); and a search finds the studies whose current
records hold every word, as when the index was per study."""

from __future__ import annotations

import pytest

from screener.records.model import Record
from screener.workspace.dedupe import decide_pair, dedupe_workspace, list_pairs
from screener.workspace.imports import import_exports, restore_import, withdraw_import
from screener.workspace.search_index import deferred_search_index
from screener.workspace.study_search import matching

SCOPUS = "records/ris/citation-file-formatting___baseline_scopus.ris"


def _instances(conn, vocab: str) -> list[tuple]:
    return conn.execute(f"SELECT term, doc, col, offset FROM {vocab} ORDER BY term, doc, col, offset").fetchall()


def assert_index_is_a_rebuild(ws) -> None:
    """Every token of every stored record, at its position, and nothing else: the index compared,
    entry by entry, with one FTS5 builds from the records in a transaction that is rolled back."""
    conn = ws.db
    conn.execute("BEGIN")
    try:
        conn.execute("CREATE VIRTUAL TABLE rebuilt USING fts5(title, abstract, authors, keywords,"
                     " content = 'record_search_text', content_rowid = 'id',"
                     " tokenize = 'unicode61 remove_diacritics 2')")
        conn.execute("INSERT INTO rebuilt (rebuilt) VALUES ('rebuild')")
        conn.execute("CREATE VIRTUAL TABLE rebuilt_v USING fts5vocab(rebuilt, instance)")
        conn.execute("CREATE VIRTUAL TABLE index_v USING fts5vocab(record_search, instance)")
        expected, actual = _instances(conn, "rebuilt_v"), _instances(conn, "index_v")
        indexed = conn.execute("SELECT count(*) FROM record_search_docsize").fetchone()[0]
    finally:
        conn.execute("ROLLBACK")
    assert actual == expected
    assert indexed == conn.execute("SELECT count(*) FROM source_records").fetchone()[0]


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


def test_membership_changes_leave_the_index_alone(workspace):
    ws = workspace
    with ws.transaction():
        first, second = ws.add_source_records([Record(title="Kestrel flight", database="test"),
                                               Record(title="Osprey diet", database="test")])
    before = ws.db.execute("SELECT id, block FROM record_search_data ORDER BY id").fetchall()
    with ws.transaction() as conn, deferred_search_index(conn):
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('t', ?, ?, 'merge')",
                     (second, _study(ws, first)))
    assert ws.db.execute("SELECT id, block FROM record_search_data ORDER BY id").fetchall() == before
    assert matching(ws, "kestrel osprey") == {_study(ws, first)}
    with ws.transaction() as conn:                                 # a split, written as any writer would
        new_study = conn.execute("INSERT INTO studies (created_at) VALUES ('t')").lastrowid
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('t', ?, ?, 'split')",
                     (second, new_study))
    assert_index_is_a_rebuild(ws)
    assert matching(ws, "osprey") == {new_study}
    assert matching(ws, "kestrel osprey") == set()


def test_phrases_prefixes_and_words_spread_over_a_studys_records(workspace):
    ws = workspace
    with ws.transaction():
        a, b, c = ws.add_source_records([
            Record(title="Gambling harms in young adults", authors=["Müller, J."], database="test"),
            Record(title="Harms of gambling", abstract="A survey of youth", keywords=["online betting"], database="test"),
            Record(title="Young adults and sport", database="test")])
    sa, sb, sc = (_study(ws, r) for r in (a, b, c))
    assert matching(ws, '"gambling harms"') == {sa}                 # a phrase: in that order
    assert matching(ws, "gambl*") == {sa, sb}
    assert matching(ws, "muller") == {sa}                           # diacritics removed, as before
    assert matching(ws, "betting youth") == {sb}                    # keywords and abstract of one record
    assert matching(ws, "betting sport") == set()
    with ws.transaction() as conn:                                  # b and c become one study
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('t', ?, ?, 'merge')",
                     (c, sb))
    assert matching(ws, "betting sport") == {sb}                    # each word in one of its records
    assert matching(ws, '"youth sport"') == set()                   # a phrase stays within one record
    assert matching(ws, "") == matching(ws, '"" * - ()') == set()


def test_a_bulk_write_outside_a_transaction_is_refused(workspace):
    with pytest.raises(RuntimeError, match="inside a transaction"), deferred_search_index(workspace.db):
        pass


def test_an_import_larger_than_fts5s_default_buffer_is_indexed_whole(workspace, fixtures_dir, tmp_path):
    """m022 lets the index hold 16 MB of new terms before writing a segment (FTS5's default is 1 MB):
    an import of about 3 MB of text, which with the default was written out in several segments
    and merged, must still index every token of every record."""
    assert workspace.db.execute(
        "SELECT v FROM record_search_config WHERE k = 'hashsize'").fetchone()[0] == 16 * 1024 * 1024
    text = (fixtures_dir / SCOPUS).read_text(encoding="utf-8")
    big = tmp_path / "scopus_many.ris"
    copies = 3_000_000 // len(text) + 1
    big.write_text(text * copies, encoding="utf-8")
    import_exports(workspace, [big])
    assert_index_is_a_rebuild(workspace)
    # each copy of the one record with "sauropodomorph" in its title is a study of its own
    assert len(matching(workspace, "sauropodomorph air sac")) == copies
