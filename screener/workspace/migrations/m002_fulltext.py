"""Full-text retrieval events: a file or link attached to a study, or the report marked not retrieved."""

SQL = """
CREATE TABLE fulltexts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    kind            TEXT NOT NULL CHECK (kind IN ('file', 'url', 'not_retrieved')),
    location        TEXT NOT NULL DEFAULT '',   -- path inside the workspace, or the URL
    actor           TEXT NOT NULL DEFAULT 'owner',
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fulltexts_study ON fulltexts(study_id);
"""
