"""Deduplication: runs, candidate pairs with their evidence, and people's decisions on pairs.

Append-only like the rest: a pair is written once (the first run that found it), a decision is a
new row (the latest per pair wins), and study membership changes are ``study_links`` rows of kind
'merge' or 'split'. The review queue is derived by query (``pending_pairs``).
"""

SQL = """
CREATE TABLE dedupe_runs (          -- one `screener dedupe` on a workspace
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    records         INTEGER NOT NULL,
    candidate_pairs INTEGER NOT NULL,
    merged_pairs    INTEGER NOT NULL,
    queued_pairs    INTEGER NOT NULL,
    links_written   INTEGER NOT NULL,
    tool_version    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE dedupe_pairs (         -- a pair of source records the matcher found worth recording
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id          INTEGER NOT NULL REFERENCES dedupe_runs(id),
    at              TEXT NOT NULL,
    record_a        INTEGER NOT NULL REFERENCES source_records(id),
    record_b        INTEGER NOT NULL REFERENCES source_records(id),
    verdict         TEXT NOT NULL CHECK (verdict IN ('same', 'maybe')),
    score           REAL NOT NULL,
    erratum         INTEGER NOT NULL DEFAULT 0,   -- one record is an erratum notice of the other
    reasons         TEXT NOT NULL DEFAULT '[]',   -- JSON list
    evidence        TEXT NOT NULL DEFAULT '{}',   -- JSON: field similarities and conflicts
    CHECK (record_a < record_b),
    UNIQUE (record_a, record_b)
);
CREATE INDEX dedupe_pairs_b ON dedupe_pairs(record_b);

CREATE TABLE pair_decisions (       -- a person's word on a pair; the latest per pair wins
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    pair_id         INTEGER NOT NULL REFERENCES dedupe_pairs(id),
    decision        TEXT NOT NULL CHECK (decision IN ('same', 'different')),
    actor           TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pair_decisions_pair ON pair_decisions(pair_id, id);

CREATE VIEW current_pair_decisions AS
    SELECT d.pair_id, d.decision, d.actor, d.at
    FROM pair_decisions d
    WHERE d.id = (SELECT max(id) FROM pair_decisions e WHERE e.pair_id = d.pair_id);
"""
