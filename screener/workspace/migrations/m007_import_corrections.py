"""What was searched, per import (PRISMA-S), and corrections of an import as events.

``import_metadata`` rows are only added: the newest row per import is its current description
(database, platform/interface, date searched, the strategy as run, coverage, limits, notes) and
whether it is withdrawn. Withdrawing an import is a membership event like a merge: one
``study_links`` row of kind 'withdraw' per source record (its records leave the review's studies;
nothing is deleted), and restoring it is a row of kind 'restore' putting each record back in the
study it was in. ``study_links`` is rebuilt once to allow the two kinds; ``current_links`` leaves
withdrawn records out, so every count that reads it (PRISMA, the queue, dedupe) follows.
"""

SQL = """
CREATE TABLE import_metadata (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id       INTEGER NOT NULL REFERENCES imports(id),
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    change          TEXT NOT NULL CHECK (change IN ('import', 'relabel', 'withdraw', 'restore')),
    database        TEXT NOT NULL DEFAULT '',   -- '' = each record's own database
    platform        TEXT NOT NULL DEFAULT '',
    searched_on     TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    strategy        TEXT NOT NULL DEFAULT '',   -- verbatim, as run
    strategy_file   TEXT NOT NULL DEFAULT '',
    coverage        TEXT NOT NULL DEFAULT '',
    limits          TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    withdrawn       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_metadata_import ON import_metadata(import_id, id);
CREATE INDEX source_records_import ON source_records(import_id);

DROP VIEW current_links;
CREATE TABLE study_links_m007 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    source_record_id INTEGER NOT NULL REFERENCES source_records(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    kind            TEXT NOT NULL CHECK (kind IN ('new', 'merge', 'split', 'withdraw', 'restore')),
    actor           TEXT NOT NULL DEFAULT 'system',
    reason          TEXT NOT NULL DEFAULT ''
);
INSERT INTO study_links_m007 (id, at, source_record_id, study_id, kind, actor, reason)
    SELECT id, at, source_record_id, study_id, kind, actor, reason FROM study_links ORDER BY id;
DROP TABLE study_links;
ALTER TABLE study_links_m007 RENAME TO study_links;
CREATE INDEX study_links_record ON study_links(source_record_id, id);
CREATE INDEX study_links_study ON study_links(study_id);

CREATE VIEW current_links AS        -- where each source record is now (withdrawn records: nowhere)
    SELECT l.source_record_id, l.study_id
    FROM study_links l
    WHERE l.id = (SELECT max(id) FROM study_links m WHERE m.source_record_id = l.source_record_id)
      AND l.kind != 'withdraw';
"""
