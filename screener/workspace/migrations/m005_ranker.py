"""The ranker's own records: the configurations that ordered a queue, and prior knowledge.

Every order the ranker gives carries a ``model`` fingerprint in its state (stored with the vote or
lease); this table maps each fingerprint to the complete configuration (preset, components and
their parameters, seed), so the audit trail says exactly what ordered the queue even after the
preset definitions change. ``ranker_priors`` holds studies known to be relevant (or not) before
screening, e.g. the protocol's seed references: the ranker learns from them until screeners
decide them; they are still screened like every other study. Rows are only ever added; the
latest row per study and stage counts ('withdrawn' takes a prior back).
"""

SQL = """
CREATE TABLE ranker_configs (
    fingerprint     TEXT PRIMARY KEY,       -- the ``model`` value in ranker states
    preset          TEXT NOT NULL,
    config          TEXT NOT NULL,          -- JSON: Ranker.config()
    first_used_at   TEXT NOT NULL
);

CREATE TABLE ranker_priors (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    stage           TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
    prior           TEXT NOT NULL CHECK (prior IN ('relevant', 'irrelevant', 'withdrawn')),
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ranker_priors_study ON ranker_priors(study_id, stage);
"""
