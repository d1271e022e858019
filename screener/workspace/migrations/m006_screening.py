"""Screening queue leases, and an index for the per-reviewer vote look-ups of the queue.

A lease row says "the queue gave this study to this reviewer at this stage until expires_at";
a release is a new row (kind 'release'), never an update. The newest row per reviewer, study and
stage is that reviewer's current claim.
"""

SQL = """
CREATE TABLE leases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    reviewer_id     INTEGER NOT NULL REFERENCES reviewers(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    stage           TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
    kind            TEXT NOT NULL DEFAULT 'lease' CHECK (kind IN ('lease', 'release')),
    expires_at      TEXT NOT NULL,
    ranker_state    TEXT NOT NULL DEFAULT '{}'   -- JSON: what ordered the queue when it was given
);
CREATE INDEX leases_study ON leases(study_id, stage);
CREATE INDEX leases_reviewer ON leases(reviewer_id, stage, study_id);
CREATE INDEX votes_reviewer_study ON votes(reviewer_id, study_id, stage);
"""
