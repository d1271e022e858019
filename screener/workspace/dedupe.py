"""Deduplicating a workspace: merging studies, queueing uncertain pairs, and people's decisions.

Nothing is deleted or updated. A merge is a ``study_links`` row of kind 'merge' for each source
record that moves into the surviving (oldest) study; a split is a row of kind 'split' moving
records into a new study. Pairs and decisions are rows in ``dedupe_pairs`` / ``pair_decisions``
(migration m003); the queue and every pair's status are derived by query.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from screener.dedup.cluster import cluster
from screener.dedup.engine import find_duplicates_normalized
from screener.dedup.normalize import Normalized, normalize_record, reads_tags
from screener.errors import LIST_PAIRS, NotFoundError, UsageError, WorkspaceError
from screener.progress import Progress
from screener.records.base import gc_paused
from screener.records.model import Record
from screener.version import __version__
from screener.workspace import db as dbmod
from screener.workspace.outcomes import STAGES
from screener.workspace.search_index import deferred_search_index
from screener.workspace.store import stored_record
from screener.workspace.studies import merged_into
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

log = logging.getLogger(__name__)
DECISIONS = ("same", "different")
RETRIES = 3         # runs compared on studies that changed before they could write, then refused


def _load_normalized(ws: Workspace, progress: Progress | None = None) -> tuple[list[int], list[Normalized], list[int]]:
    """Every source record in the review, normalised for matching as it is read: each ``Record``
    (with its tags) is dropped once normalised, so a million records are never all in memory at
    once, only their ``Normalized`` bundles."""
    total = ws.db.execute("SELECT count(*) FROM current_links").fetchone()[0]
    ids: list[int] = []
    norms: list[Normalized] = []
    studies: list[int] = []
    cursor = ws.db.execute(
        "SELECT s.id, s.record, s.raw, c.study_id FROM source_records s"
        " JOIN current_links c ON c.source_record_id = s.id ORDER BY s.id")
    for i, (rid, text, raw, study) in enumerate(cursor):
        if progress is not None and not i % 2000:
            progress("normalising", i, total)
        ids.append(rid)
        norms.append(normalize_record(stored_record(text, raw, tags_wanted=reads_tags), i))
        studies.append(study)
    if progress is not None:
        progress("normalising", len(ids), total)
    return ids, norms, studies


def _decided_pairs(ws: Workspace) -> list[tuple[int, int, str]]:
    return [(r[0], r[1], r[2]) for r in ws.db.execute(
        "SELECT p.record_a, p.record_b, d.decision FROM dedupe_pairs p"
        " JOIN current_pair_decisions d ON d.pair_id = p.id")]


class _StudiesChanged(Exception):
    """The studies a run compared were changed before it could write (another dedupe run, a pair
    decided, an import withdrawn): its merges were worked out on a state that is gone."""


def dedupe_workspace(ws: Workspace, actor: str = "owner", progress: Progress | None = None) -> dict[str, Any]:
    """Find duplicates among the workspace's source records: merge certain ones into one study
    (errata join their article's study), queue uncertain pairs, keep people's earlier decisions.

    Returns a report: records, studies before/after, merges, queued pairs, errata, run id.
    ``progress(step, done, total)`` hears of normalising, comparing and writing.

    The comparing is done outside the write lock (minutes for a large review, while screeners vote);
    when the studies compared changed meanwhile, it is done again on what is there now — two runs
    started together merged everything twice, the second reporting merges the first had made.
    """
    for _ in range(RETRIES - 1):
        try:
            return _dedupe_once(ws, actor, progress)
        except _StudiesChanged:
            log.info("the studies changed while dedupe was comparing them: comparing again")
    try:
        return _dedupe_once(ws, actor, progress)
    except _StudiesChanged:
        raise WorkspaceError(f"{ws.path}: the studies kept changing while dedupe compared them ({RETRIES} times: "
                             "other dedupe runs or pair decisions?); nothing was written: run it again once they "
                             "are done") from None


def _dedupe_once(ws: Workspace, actor: str, progress: Progress | None) -> dict[str, Any]:
    """One run (about 80 lines: read, decide, then one transaction — write links and pairs, log —
    and reads as that sequence)."""
    mark = ws.db.execute("SELECT coalesce(max(id), 0) FROM study_links").fetchone()[0]
    with gc_paused():      # millions of small acyclic objects: the cyclic collector would walk them again and again
        ids, norms, studies = _load_normalized(ws, progress)
    position = {rid: i for i, rid in enumerate(ids)}
    must: list[tuple[int, int]] = []
    cannot: list[tuple[int, int]] = []
    for a, b, decision in _decided_pairs(ws):
        if a in position and b in position:
            (must if decision == "same" else cannot).append((position[a], position[b]))
    # records already sharing a study stay together
    by_study: dict[int, list[int]] = defaultdict(list)
    for i, study in enumerate(studies):
        by_study[study].append(i)
    for members in by_study.values():
        must.extend((members[0], other) for other in members[1:])

    result = find_duplicates_normalized(norms, must_link=must, cannot_link=cannot, join_errata=True,
                                        progress=progress)
    del norms
    erratum_of = dict(result.errata)          # notice index → article index
    notices_of: dict[int, list[int]] = defaultdict(list)   # article index → its notices
    for notice, article in result.errata:
        notices_of[article].append(notice)

    now = dbmod.utcnow()
    moves: list[tuple[int, int, str]] = []          # (source record id, target study, reason)
    moved_from: set[int] = set()
    for group in result.groups:
        target = min(studies[i] for i in group)
        for i in group:
            if studies[i] != target:
                moved_from.add(studies[i])
                reason = "dedupe"
                if i in erratum_of:
                    reason = f"erratum of source record {ids[erratum_of[i]]}"
                elif notices_of.get(i):
                    # the notice's study was the older one, so the article moved to it: the link
                    # says so all the same
                    listed = ", ".join(str(ids[n]) for n in notices_of[i])
                    reason = f"article of erratum source record {listed}"
                moves.append((ids[i], target, reason))

    if progress is not None:
        progress("writing", 0, 1)
    with ws.transaction() as conn:
        # records imported meanwhile only get links of their own, of ids above those read: not a change
        if ids and conn.execute("SELECT 1 FROM study_links WHERE id > ? AND source_record_id <= ? LIMIT 1",
                                (mark, ids[-1])).fetchone():
            raise _StudiesChanged
        run_id = conn.execute(
            "INSERT INTO dedupe_runs (at, actor, records, candidate_pairs, merged_pairs, queued_pairs,"
            " links_written, tool_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now, actor, len(ids), result.candidate_pairs, len(result.merged_pairs), len(result.maybe_pairs),
             len(moves), __version__)).lastrowid
        new_pairs = 0
        for p, verdict in [(p, "same") for p in result.merged_pairs] + [(p, "maybe") for p in result.maybe_pairs]:
            a, b = sorted((ids[p.a], ids[p.b]))
            cursor = conn.execute(
                "INSERT OR IGNORE INTO dedupe_pairs (run_id, at, record_a, record_b, verdict, score, erratum,"
                " reasons, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, now, a, b, verdict, round(p.verdict.score, 2), int(p.verdict.erratum),
                 json.dumps(p.verdict.reasons), json.dumps(p.verdict.evidence)))
            new_pairs += cursor.rowcount
        with deferred_search_index(conn):
            for source_record_id, study_id, reason in moves:
                conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind, actor, reason)"
                             " VALUES (?, ?, ?, 'merge', ?, ?)", (now, source_record_id, study_id, actor, reason))
        report = {
            "run": run_id,
            "records": len(ids),
            "studies_before": len(set(studies)),
            "studies_after": len(set(studies)) - len({studies[i] for g in result.groups for i in g})
            + len(result.groups),
            "candidate_pairs": result.candidate_pairs,
            "merged_pairs": len(result.merged_pairs),
            "records_moved": len(moves),
            "errata_joined": [{"notice": ids[n], "article": ids[a]} for n, a in sorted(erratum_of.items())],
            "queued_pairs": pending_count(ws),
            "new_pairs_recorded": new_pairs,
        }
        ws.log_event("dedupe", actor, "review", {k: v for k, v in report.items() if k != "errata_joined"})
    if progress is not None:
        progress("writing", 1, 1)
    report["merged_away_with_votes"] = votes_left_behind(ws, moved_from)
    return report


def votes_left_behind(ws: Workspace, studies: set[int]) -> list[dict[str, Any]]:
    """Of these studies, those merged away (no record left in them) that carry votes. The votes stay
    on record (audit export, agreement) but no longer count: the study they were merged into is
    screened on its own votes. Said at once so the owner can check that study's outcome."""
    gone = sorted(s for s in studies if ws.db.execute(
        "SELECT 1 FROM current_links WHERE study_id = ? LIMIT 1", (s,)).fetchone() is None)
    if not gone:
        return []
    book = VoteBook(ws, None, gone)
    found = []
    for sid in gone:
        votes = {stage: len(book.votes(sid, stage)) for stage in STAGES if book.votes(sid, stage)}
        if votes:
            found.append({"study": sid, "merged_into": merged_into(ws, sid), "current_votes": votes})
    return found


def pending_count(ws: Workspace) -> int:
    """How many pairs ``list_pairs(ws, "pending")`` lists, counted in SQL: listing them reads both
    records of every pair back (650,237 uncertain pairs in the 10^6-record benchmark)."""
    return ws.db.execute(
        "SELECT count(*) FROM dedupe_pairs p LEFT JOIN current_pair_decisions d ON d.pair_id = p.id"
        " JOIN current_links ca ON ca.source_record_id = p.record_a"
        " JOIN current_links cb ON cb.source_record_id = p.record_b"
        " WHERE d.decision IS NULL AND p.verdict = 'maybe' AND ca.study_id != cb.study_id").fetchone()[0]


def list_pairs(ws: Workspace, status: str = "pending") -> list[dict[str, Any]]:
    """Recorded pairs with both records and the evidence. ``status``: 'pending' (the review queue:
    uncertain, undecided, still in two studies), 'decided', 'merged' (merged automatically), 'all'."""
    if status not in ("pending", "decided", "merged", "all"):
        raise UsageError(f"unknown pair status {status!r}; use pending, decided, merged or all")
    rows = ws.db.execute(
        "SELECT p.*, d.decision, d.actor AS decided_by, d.at AS decided_at,"
        " ca.study_id AS study_a, cb.study_id AS study_b FROM dedupe_pairs p"
        " LEFT JOIN current_pair_decisions d ON d.pair_id = p.id"
        " JOIN current_links ca ON ca.source_record_id = p.record_a"
        " JOIN current_links cb ON cb.source_record_id = p.record_b"
        " ORDER BY p.score DESC, p.id").fetchall()
    out = []
    for row in rows:
        if row["decision"]:
            state = row["decision"]
        elif row["study_a"] == row["study_b"]:
            state = "merged"
        elif row["verdict"] == "maybe":
            state = "pending"
        else:
            state = "kept apart"      # a certain pair a veto elsewhere kept in two studies
        if status == "pending" and state != "pending" or status == "decided" and not row["decision"] \
                or status == "merged" and state != "merged":
            continue
        out.append({
            "pair": row["id"], "status": state, "verdict": row["verdict"], "score": row["score"],
            "erratum": bool(row["erratum"]), "reasons": json.loads(row["reasons"]),
            "evidence": json.loads(row["evidence"]),
            "decided_by": row["decided_by"], "decided_at": row["decided_at"],
            "records": [_record_summary(ws, row["record_a"], row["study_a"]),
                        _record_summary(ws, row["record_b"], row["study_b"])],
        })
    return out


def _record_summary(ws: Workspace, source_record_id: int, study_id: int) -> dict[str, Any]:
    row = ws.db.execute("SELECT database, file, record_number, record FROM source_records WHERE id = ?",
                        (source_record_id,)).fetchone()
    r = Record.from_json(row["record"])
    return {"source_record": source_record_id, "study": study_id, "database": row["database"],
            "file": row["file"], "record_number": row["record_number"], "title": r.title,
            "authors": r.authors[:6], "year": r.year, "journal": r.journal or r.journal_abbrev,
            "volume": r.volume, "issue": r.issue, "pages": r.pages, "doi": r.doi, "pmid": r.pmid}


def decide_pair(ws: Workspace, pair_id: int, decision: str, actor: str = "owner", note: str = "") -> dict[str, Any]:
    """Record a person's decision on a pair. 'same' merges the two studies; 'different' on a pair
    already in one study splits that study so the two records end in different studies."""
    if decision not in DECISIONS:
        raise UsageError(f"decision must be 'same' or 'different', not {decision!r}")
    # a number beyond SQLite's integers is no pair (asking the database would raise OverflowError)
    pair = ws.db.execute("SELECT * FROM dedupe_pairs WHERE id = ?", (pair_id,)).fetchone() \
        if -dbmod.SQLITE_INTEGER_MAX - 1 <= pair_id <= dbmod.SQLITE_INTEGER_MAX else None
    if pair is None:
        raise NotFoundError(f"no pair {pair_id}", remedy=LIST_PAIRS, about={"review": str(ws.path)})
    now = dbmod.utcnow()
    with ws.transaction() as conn:
        latest = conn.execute("SELECT decision, note FROM pair_decisions WHERE pair_id = ? ORDER BY id DESC LIMIT 1",
                              (pair_id,)).fetchone()
        together = _study_of(ws, pair["record_a"]) == _study_of(ws, pair["record_b"])
        if latest is not None and (latest["decision"], latest["note"]) == (decision, note) \
                and together == (decision == "same"):
            # the same decision again (a repeated command), still in force, writes nothing, as a repeated
            # vote; one that later merges or splits undid is recorded and acted on again
            return {"pair": pair_id, "decision": decision, "actor": actor, "moved": [], "recorded": False,
                    "study_a": _study_of(ws, pair["record_a"]), "study_b": _study_of(ws, pair["record_b"]),
                    "merged_away_with_votes": []}
        conn.execute("INSERT INTO pair_decisions (at, pair_id, decision, actor, note) VALUES (?, ?, ?, ?, ?)",
                     (now, pair_id, decision, actor, note))
        study_a = _study_of(ws, pair["record_a"])
        study_b = _study_of(ws, pair["record_b"])
        moved: list[dict[str, int]] = []
        if decision == "same" and study_a != study_b:
            target, other = min(study_a, study_b), max(study_a, study_b)
            for (rid,) in conn.execute("SELECT source_record_id FROM current_links WHERE study_id = ?",
                                       (other,)).fetchall():
                conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind, actor, reason)"
                             " VALUES (?, ?, ?, 'merge', ?, ?)", (now, rid, target, actor, f"pair {pair_id}: same"))
                moved.append({"source_record": rid, "from": other, "to": target})
        elif decision == "different" and study_a == study_b:
            moved = _split(ws, study_a, now, actor, pair_id)
        result = {"pair": pair_id, "decision": decision, "actor": actor, "moved": moved,
                  "study_a": _study_of(ws, pair["record_a"]), "study_b": _study_of(ws, pair["record_b"])}
        ws.log_event("pair_decision", actor, f"pair:{pair_id}", result | {"note": note})
    result["merged_away_with_votes"] = votes_left_behind(ws, {m["from"] for m in moved}) if decision == "same" else []
    result["recorded"] = True
    return result


def _study_of(ws: Workspace, source_record_id: int) -> int:
    return ws.db.execute("SELECT study_id FROM current_links WHERE source_record_id = ?",
                         (source_record_id,)).fetchone()[0]


def _split(ws: Workspace, study_id: int, now: str, actor: str, pair_id: int) -> list[dict[str, int]]:
    """Rebuild a study from the pairs that joined it, without the pairs people called different."""
    members = [r[0] for r in ws.db.execute(
        "SELECT source_record_id FROM current_links WHERE study_id = ? ORDER BY source_record_id", (study_id,))]
    index = {rid: i for i, rid in enumerate(members)}
    rows = ws.db.execute(
        "SELECT p.record_a, p.record_b, p.verdict, p.score, d.decision FROM dedupe_pairs p"
        " LEFT JOIN current_pair_decisions d ON d.pair_id = p.id"
        f" WHERE p.record_a IN ({','.join('?' * len(members))}) AND p.record_b IN ({','.join('?' * len(members))})",
        members + members).fetchall()
    must, auto, cannot = [], [], set()
    for a, b, verdict, score, decision in rows:
        key = (index[a], index[b])
        if decision == "different":
            cannot.add(key)
        elif decision == "same":
            must.append(key)
        elif verdict == "same":
            auto.append((score, key))
    auto.sort(key=lambda s: -s[0])
    # people's "same" joins first, but never across a "different"
    groups, _ = cluster(len(members), must + [k for _, k in auto],
                        lambda x, y: (min(x, y), max(x, y)) in cannot)
    component = list(range(len(members)))
    for g in groups:
        for i in g:
            component[i] = g[0]
    keep = component[0]                      # the oldest record's part keeps the study id
    moved = []
    new_study: dict[int, int] = {}
    for i, rid in enumerate(members):
        if component[i] == keep:
            continue
        if component[i] not in new_study:
            new_study[component[i]] = int(ws.db.execute("INSERT INTO studies (created_at) VALUES (?)",
                                                        (now,)).lastrowid or 0)
        target = new_study[component[i]]
        ws.db.execute("INSERT INTO study_links (at, source_record_id, study_id, kind, actor, reason)"
                      " VALUES (?, ?, ?, 'split', ?, ?)", (now, rid, target, actor, f"pair {pair_id}: different"))
        moved.append({"source_record": rid, "from": study_id, "to": target})
    return moved


def last_run(ws: Workspace) -> sqlite3.Row | None:
    """The newest ``dedupe_runs`` row (what the last run found and merged), None before any run."""
    return ws.db.execute("SELECT * FROM dedupe_runs ORDER BY id DESC LIMIT 1").fetchone()


def current_record_count(ws: Workspace) -> int:
    """How many source records the review counts now (each linked to its current study)."""
    return int(ws.db.execute("SELECT count(*) FROM current_links").fetchone()[0])


def dedupe_due(ws: Workspace) -> dict[str, Any]:
    """What the pages say about deduplication: ``records`` (counted now), ``last_at`` (the last
    run, or None) and ``due`` (records were added or withdrawn since: the run has not compared
    these)."""
    last, records = last_run(ws), current_record_count(ws)
    return {"records": records, "last_at": last["at"] if last else None,
            "due": records > 0 and (last is None or last["records"] != records)}
