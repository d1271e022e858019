"""Labels on studies and the discussion of a conflict, both as events.

``study_labels``: a reviewer adding or removing a free-text label on a study; the latest row per
reviewer, study and label (case-folded by the writer) says whether the label is on. A label an
owner applied to every study a filter selected keeps that filter (JSON) in ``bulk_filter``.
``study_comments``: a comment on a study in conflict at a stage (kind 'comment'), or an arbiter's
request that the study's screeners vote again (kind 'revote_request'). Rows are only ever added.
"""

SQL = """
CREATE TABLE study_labels (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    reviewer_id     INTEGER NOT NULL REFERENCES reviewers(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    label           TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    bulk_filter     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX study_labels_study ON study_labels(study_id, reviewer_id);
CREATE INDEX study_labels_reviewer ON study_labels(reviewer_id, id);

CREATE TABLE study_comments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    reviewer_id     INTEGER NOT NULL REFERENCES reviewers(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    stage           TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
    kind            TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'revote_request')),
    text            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX study_comments_study ON study_comments(study_id, stage);
"""
