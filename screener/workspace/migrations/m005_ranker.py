"""The ranker configurations that ordered a queue.

Every order the ranker gives carries a ``model`` fingerprint in its state (stored with the vote or
lease); this table maps each fingerprint to the complete configuration (preset, components and
their parameters, seed), so the audit trail says exactly what ordered the queue even after the
preset definitions change. Rows are only ever added.
"""

SQL = """
CREATE TABLE ranker_configs (
    fingerprint     TEXT PRIMARY KEY,       -- the ``model`` value in ranker states
    preset          TEXT NOT NULL,
    config          TEXT NOT NULL,          -- JSON: Ranker.config()
    first_used_at   TEXT NOT NULL
);
"""
