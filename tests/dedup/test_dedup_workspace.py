"""Workspace mode: merges and splits are study_links events, nothing is deleted, decisions persist."""

import json

import pytest

from screener.cli.main import run
from screener.errors import NotFoundError, UsageError
from screener.records.model import Record
from screener.workspace.dedupe import decide_pair, dedupe_workspace, list_pairs


def _records():
    base = dict(authors=["Zhai, Q. J.", "Yue, X. Y."], year=2010, journal="Chinese Journal of Cerebrovascular Diseases",
                volume="7", issue="2", pages="73-76")
    return [
        Record(title="Efficacy observation of batroxobin for vascular cognitive impairment. [Chinese]",
               database="Embase", **base),
        Record(title="Efficacy observation of batroxobin for vascular cognitive impairment", database="MEDLINE",
               **base),
        Record(title="Efficacy observation of batroxobin for vascular cognitive impairment.", database="CINAHL",
               **base),
        # uncertain: same title, four years apart
        Record(title="Treatment for POEMS syndrome", authors=["Kuwabara, S."], year=2008,
               journal="Cochrane Database Syst Rev", pages="CD006828", database="MEDLINE"),
        Record(title="Treatment for POEMS syndrome", authors=["Kuwabara, S."], year=2012,
               journal="Cochrane Database Syst Rev", pages="CD006828", database="Embase"),
        # an unrelated record
        Record(title="Robot-assisted gait training in chronic stroke", authors=["Hidler, J."], year=2009,
               journal="Neurorehabil Neural Repair", volume="23", pages="5-13", database="MEDLINE"),
    ]


@pytest.fixture()
def loaded(workspace):
    with workspace.transaction():
        ids = workspace.add_source_records(_records())
    return workspace, ids


def _study(ws, rid):
    return ws.db.execute("SELECT study_id FROM current_links WHERE source_record_id = ?", (rid,)).fetchone()[0]


def test_dedupe_merges_certain_duplicates_and_queues_uncertain(loaded):
    ws, ids = loaded
    report = dedupe_workspace(ws, actor="librarian")
    assert report["records"] == 6
    assert report["studies_before"] == 6
    assert report["studies_after"] == 4
    assert report["records_moved"] == 2
    assert report["queued_pairs"] == 1
    assert {_study(ws, ids[0]), _study(ws, ids[1]), _study(ws, ids[2])} == {_study(ws, ids[0])}
    assert _study(ws, ids[0]) == min(_study(ws, i) for i in ids[:3])   # the oldest study survives
    # nothing deleted: every source record is still there, with its 'new' link and a 'merge' link
    assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 6
    kinds = [r[0] for r in ws.db.execute("SELECT kind FROM study_links ORDER BY id")]
    assert kinds == ["new"] * 6 + ["merge"] * 2
    assert ws.db.execute("SELECT actor FROM study_links WHERE kind = 'merge'").fetchall()[0][0] == "librarian"
    assert ws.status()["studies"] == 4
    event = ws.db.execute("SELECT actor, payload FROM events WHERE kind = 'dedupe'").fetchone()
    assert event["actor"] == "librarian" and json.loads(event["payload"])["records_moved"] == 2

    pending = list_pairs(ws)
    assert len(pending) == 1
    assert pending[0]["status"] == "pending"
    assert pending[0]["reasons"] == ["years differ by 4"]
    assert [r["source_record"] for r in pending[0]["records"]] == [ids[3], ids[4]]
    assert [r["database"] for r in pending[0]["records"]] == ["MEDLINE", "Embase"]


def test_rerun_is_idempotent(loaded):
    ws, _ = loaded
    dedupe_workspace(ws)
    links = ws.db.execute("SELECT count(*) FROM study_links").fetchone()[0]
    pairs = ws.db.execute("SELECT count(*) FROM dedupe_pairs").fetchone()[0]
    again = dedupe_workspace(ws)
    assert again["records_moved"] == 0
    assert again["studies_before"] == again["studies_after"] == 4
    assert ws.db.execute("SELECT count(*) FROM study_links").fetchone()[0] == links
    assert ws.db.execute("SELECT count(*) FROM dedupe_pairs").fetchone()[0] == pairs


def test_decide_same_merges_and_different_splits_again(loaded):
    ws, ids = loaded
    dedupe_workspace(ws)
    pair = list_pairs(ws)[0]["pair"]
    result = decide_pair(ws, pair, "same", actor="arbiter")
    assert result["study_a"] == result["study_b"]
    assert result["moved"] == [{"source_record": ids[4], "from": _study_before(ws, ids[4]), "to": result["study_a"]}]
    assert list_pairs(ws) == []
    assert ws.status()["studies"] == 3

    result = decide_pair(ws, pair, "different", actor="arbiter", note="two versions of the review")
    assert result["study_a"] != result["study_b"]
    assert ws.status()["studies"] == 4
    kinds = [r[0] for r in ws.db.execute("SELECT kind FROM study_links ORDER BY id")]
    assert kinds == ["new"] * 6 + ["merge"] * 2 + ["merge", "split"]
    decisions = [tuple(r) for r in ws.db.execute("SELECT decision, actor FROM pair_decisions ORDER BY id")]
    assert decisions == [("same", "arbiter"), ("different", "arbiter")]
    assert [p["status"] for p in list_pairs(ws, status="decided")] == ["different"]
    # a later run keeps the person's "different"
    dedupe_workspace(ws)
    assert _study(ws, ids[3]) != _study(ws, ids[4])


def _study_before(ws, rid):
    return ws.db.execute("SELECT study_id FROM study_links WHERE source_record_id = ? ORDER BY id DESC LIMIT 1 OFFSET 1",
                         (rid,)).fetchone()[0]


def test_deciding_different_on_an_automatic_merge_splits_only_that_record(loaded):
    ws, ids = loaded
    dedupe_workspace(ws)
    merged = list_pairs(ws, status="merged")
    assert len(merged) == 3                      # the three copies pair up three ways
    target = next(p for p in merged if {r["source_record"] for r in p["records"]} == {ids[0], ids[2]})
    result = decide_pair(ws, target["pair"], "different")
    assert result["study_a"] != result["study_b"]
    # ids[1] stays with one of them; the study count grows by one
    assert ws.status()["studies"] == 5
    assert _study(ws, ids[0]) != _study(ws, ids[2])
    assert _study(ws, ids[1]) in {_study(ws, ids[0]), _study(ws, ids[2])}
    assert [r[0] for r in ws.db.execute("SELECT kind FROM study_links WHERE kind = 'split'")] == ["split"]


def _erratum_pair() -> tuple[Record, Record]:
    """An article and its erratum notice, WoS style (the notice cites the article's volume and page)."""
    article = Record(title="Long-term effect of eculizumab on kidney function in PNH", authors=["Hillmen, P.", "Kelly, R."],
                     year=2010, journal="American Journal of Hematology", volume="85", issue="8", pages="553-559")
    notice = Record(title="Long-term effect of eculizumab on kidney function in PNH (vol 85, pg 553, 2010)",
                    authors=["Hillmen,"], year=2010, journal="American Journal of Hematology", volume="85",
                    issue="11", pages="911")
    return article, notice


def test_errata_join_their_article_flagged(workspace):
    article, notice = _erratum_pair()
    with workspace.transaction():
        ids = workspace.add_source_records([article, notice])
    report = dedupe_workspace(workspace)
    assert report["errata_joined"] == [{"notice": ids[1], "article": ids[0]}]
    reason = workspace.db.execute("SELECT reason FROM study_links WHERE kind = 'merge'").fetchone()[0]
    assert reason == f"erratum of source record {ids[0]}"
    assert list_pairs(workspace, status="merged")[0]["erratum"] is True


def test_errors(loaded):
    ws, _ = loaded
    dedupe_workspace(ws)
    with pytest.raises(NotFoundError, match="no pair 999"):
        decide_pair(ws, 999, "same")
    with pytest.raises(UsageError, match="decision must be 'same' or 'different'"):
        decide_pair(ws, 1, "maybe")


def test_cli_workspace_and_pairs(loaded, capsys):
    ws, ids = loaded
    assert run(["dedupe", str(ws.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["studies_after"] == 4
    assert run(["pairs", "list", str(ws.path), "--json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert len(pairs) == 1
    assert run(["pairs", "decide", str(ws.path), str(pairs[0]["pair"]), "same"]) == 0
    assert "pair" in capsys.readouterr().out
    assert run(["pairs", "list", str(ws.path)]) == 0
    assert capsys.readouterr().out.strip() == "No pairs."
    assert run(["pairs", "decide", str(ws.path), "77", "same"]) == 1
    assert "error: no pair 77" in capsys.readouterr().err
    huge = str(10 ** 23)                 # beyond SQLite's integers: one line, not a traceback
    assert run(["pairs", "decide", str(ws.path), huge, "same"]) == 1
    assert capsys.readouterr().err == f"error: no pair {huge}; list pairs with `screener pairs list {ws.path} --all`\n"


def test_cli_standalone_groups_out(fixtures_dir, tmp_path, capsys):
    out = tmp_path / "groups.csv"
    pairs = tmp_path / "pairs.csv"
    code = run(["dedupe", str(fixtures_dir / "dedup" / "special_cases.csv"), "--groups-out", str(out),
                "--pairs-out", str(pairs), "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["records"] == 12
    assert out.read_text().splitlines() == ['"merged_ids"', '"id_0000001;id_0000002"', '"id_0000005;id_0000006"',
                                            '"id_0000007;id_0000011"']
    assert pairs.read_text().splitlines()[0] == "id_a,id_b,score,erratum,reasons"


def test_cli_standalone_needs_groups_out(fixtures_dir, capsys):
    assert run(["dedupe", str(fixtures_dir / "dedup" / "special_cases.csv")]) == 2   # a usage error
    assert "need --groups-out" in capsys.readouterr().err


def test_migration_m003_tables_and_constraints(workspace):
    import sqlite3

    names = {r[0] for r in workspace.db.execute("SELECT name FROM sqlite_master")}
    assert {"dedupe_runs", "dedupe_pairs", "pair_decisions", "current_pair_decisions"} <= names
    assert 3 in {r[0] for r in workspace.db.execute("SELECT version FROM schema_migrations")}
    with workspace.transaction():
        ids = workspace.add_source_records([Record(title="a"), Record(title="b")])
    with pytest.raises(sqlite3.IntegrityError):      # pairs are stored in one order only
        with workspace.transaction() as conn:
            conn.execute("INSERT INTO dedupe_runs (at, actor, records, candidate_pairs, merged_pairs, queued_pairs,"
                         " links_written) VALUES ('t', 'x', 0, 0, 0, 0, 0)")
            conn.execute("INSERT INTO dedupe_pairs (run_id, at, record_a, record_b, verdict, score)"
                         " VALUES (1, 't', ?, ?, 'maybe', 1)", (ids[1], ids[0]))


def test_migration_m003_on_an_older_workspace(tmp_path):
    """A workspace made before m003 (simulated by removing its objects) gains it on open, data intact."""
    from screener import Workspace

    ws = Workspace.init(tmp_path / "old")
    with ws.transaction():
        ws.add_source_records(_records())
    with ws.transaction() as conn:
        conn.execute("DROP VIEW current_pair_decisions")
        for table in ("pair_decisions", "dedupe_pairs", "dedupe_runs"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM schema_migrations WHERE version = 3")
    ws.close()
    ws = Workspace.open(tmp_path / "old")
    try:
        assert 3 in {r[0] for r in ws.db.execute("SELECT version FROM schema_migrations")}
        assert dedupe_workspace(ws)["studies_after"] == 4
        assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 6
    finally:
        ws.close()


def test_an_erratum_imported_before_its_article_is_flagged_too(workspace):
    """The older study survives a merge: when the notice came first, the article moves to it, and
    the membership event still says it is the notice's article."""
    article, notice = _erratum_pair()
    with workspace.transaction():
        ids = workspace.add_source_records([notice, article])
    report = dedupe_workspace(workspace)
    assert report["errata_joined"] == [{"notice": ids[0], "article": ids[1]}]
    moved, reason = workspace.db.execute(
        "SELECT source_record_id, reason FROM study_links WHERE kind = 'merge'").fetchone()
    assert (moved, reason) == (ids[1], f"article of erratum source record {ids[0]}")


def test_a_merge_that_leaves_votes_behind_says_so(workspace, fixtures_dir, capsys):
    """Screening began before dedupe: the votes of a study merged away stay on record but no longer
    count, and the owner is told at once (run and pair decision), with where the study went."""
    from screener.cli.main import run
    from screener.workspace.importer import import_files
    from screener.workspace.reviewers import add_reviewer
    from screener.workspace.screening import cast_vote

    path = fixtures_dir / "records/ris/asreview__embase.ris"
    import_files(workspace, [path])
    import_files(workspace, [path], allow_reimport=True)          # the same 6 records again: studies 7-12
    add_reviewer(workspace, "alice", "screener")
    cast_vote(workspace, "alice", 8, "title_abstract", "include")
    assert run(["dedupe", str(workspace.path)]) == 0
    out = capsys.readouterr().out
    assert ("note: study 8 had votes (1 at title_abstract) and was merged into study 2, which is screened "
            "on its own votes; those votes stay in the audit export and the agreement figures") in out
    assert run(["dedupe", str(workspace.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["merged_away_with_votes"] == []     # nothing new this time


def test_deciding_same_on_a_screened_study_says_its_votes_no_longer_count(loaded, capsys):
    from screener.workspace.reviewers import add_reviewer
    from screener.workspace.screening import cast_vote

    ws, ids = loaded
    dedupe_workspace(ws)
    pair = list_pairs(ws, "pending")[0]
    a, b = sorted(record["study"] for record in pair["records"])   # b, the newer, is merged into a
    add_reviewer(ws, "alice", "screener")
    cast_vote(ws, "alice", b, "title_abstract", "exclude")
    result = decide_pair(ws, pair["pair"], "same")
    assert result["merged_away_with_votes"] == [
        {"study": b, "merged_into": [a], "current_votes": {"title_abstract": 1}}]
