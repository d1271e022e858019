"""Saved search strategies (every save a new version, none overwritten), the PubMed search jobs the
web app runs in the background, and which saved version a search ran (PRISMA-S cites it).

A job's state is the newest row of ``search_job_events`` (queued → running → complete, failed or
cancelled; a server restarted mid-run adds ``running`` again when it resumes the job). Job ids are
random, so the id of another review's job names nothing here.
"""

SQL = """
CREATE TABLE strategies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
);

CREATE TABLE strategy_versions (        -- append-only: a save is a new row
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    strategy_id     INTEGER NOT NULL REFERENCES strategies(id),
    version         INTEGER NOT NULL,           -- 1, 2, … per strategy
    syntax          TEXT NOT NULL,              -- the reader: ovid, pubmed, …
    text            TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    saved_at        TEXT NOT NULL,
    saved_by        TEXT NOT NULL,
    UNIQUE (strategy_id, version)
);

CREATE TABLE search_jobs (
    id              TEXT PRIMARY KEY,           -- random hex
    kind            TEXT NOT NULL DEFAULT 'pubmed',
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    strategy_version_id INTEGER REFERENCES strategy_versions(id),
    query           TEXT NOT NULL DEFAULT '',   -- a PubMed query given as such
    eutils_url      TEXT NOT NULL,
    email           TEXT NOT NULL DEFAULT '',
    batch_size      INTEGER NOT NULL
);

CREATE TABLE search_job_events (        -- append-only: the newest row is the job's state
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id          TEXT NOT NULL REFERENCES search_jobs(id),
    at              TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'running', 'complete', 'failed', 'cancelled')),
    search_id       INTEGER REFERENCES searches(id),
    detail          TEXT NOT NULL DEFAULT '{}'  -- JSON: error, counts at the end
);
CREATE INDEX search_job_events_job ON search_job_events(job_id, id);

CREATE TABLE search_strategy_versions ( -- the saved version a search ran
    search_id       INTEGER PRIMARY KEY REFERENCES searches(id),
    strategy_version_id INTEGER NOT NULL REFERENCES strategy_versions(id)
);
"""
