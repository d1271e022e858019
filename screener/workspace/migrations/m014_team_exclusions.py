"""Studies the review team (an owner) excluded before screening, each with the filter that chose it.

Not votes: the owner's recorded decision that a study is out before anyone screens it (e.g. every
record published before 1990). The decision itself is an owner's row in ``resolutions`` (so the
outcome rules, the queue and the exports treat it as a decision, as they treat every other); this
table says which resolutions were such team exclusions and keeps the filter (JSON) that chose each
study, so PRISMA can count them apart ("excluded by the review team before screening").
"""

SQL = """
CREATE TABLE team_exclusions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    reviewer_id     INTEGER NOT NULL REFERENCES reviewers(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    resolution_id   INTEGER NOT NULL UNIQUE REFERENCES resolutions(id),
    reason          TEXT NOT NULL DEFAULT '',
    filter          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX team_exclusions_study ON team_exclusions(study_id, id);
"""
