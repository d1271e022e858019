"""Studies the review team (an owner) excluded before screening, each with the filter that chose it.

Not votes and not an arbiter's resolution: the owner's recorded decision that a study is out
before anyone screens it (e.g. every record published before 1990). PRISMA counts them apart
("excluded by the review team before screening"). 'withdraw' takes one back; the latest row per
study holds.
"""

SQL = """
CREATE TABLE team_exclusions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    reviewer_id     INTEGER NOT NULL REFERENCES reviewers(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    action          TEXT NOT NULL DEFAULT 'exclude' CHECK (action IN ('exclude', 'withdraw')),
    reason          TEXT NOT NULL DEFAULT '',
    filter          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX team_exclusions_study ON team_exclusions(study_id, id);
"""
