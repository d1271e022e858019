"""The first schema: searches, imports, source records, studies, reviewers, votes, resolutions, audit log.

Append-only by design: votes, resolutions, study membership and token minting are rows that are
never updated or deleted; current state is derived by query.
"""

SQL = """
CREATE TABLE events (               -- the audit log: every state change, who and when
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,      -- reviewer name, 'owner' for CLI use, or 'system'
    kind        TEXT NOT NULL,      -- 'init', 'import', 'search', 'vote', 'merge', ...
    subject     TEXT,               -- what it is about, e.g. 'study:12'
    payload     TEXT NOT NULL DEFAULT '{}'   -- JSON
);

CREATE TABLE searches (             -- one run of a strategy on one database (PRISMA-S)
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    database        TEXT NOT NULL,
    platform        TEXT NOT NULL DEFAULT '',
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    strategy_text   TEXT NOT NULL DEFAULT '',
    strategy_file   TEXT NOT NULL DEFAULT '',
    query_sent      TEXT NOT NULL DEFAULT '',
    query_translation TEXT NOT NULL DEFAULT '',
    count           INTEGER,
    new_records     INTEGER,
    warnings        TEXT NOT NULL DEFAULT '[]',  -- JSON list
    tool_version    TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'incomplete', 'complete', 'failed'))
);

CREATE TABLE imports (              -- one imported export file
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    path            TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    format          TEXT NOT NULL,
    database        TEXT NOT NULL,
    records         INTEGER NOT NULL,
    warnings        TEXT NOT NULL DEFAULT '[]',
    search_id       INTEGER REFERENCES searches(id)
);

CREATE TABLE source_records (       -- one record as one database exported it, verbatim + normalized
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    database        TEXT NOT NULL,
    format          TEXT NOT NULL,
    file            TEXT NOT NULL DEFAULT '',
    record_number   INTEGER,
    line            INTEGER,
    raw             TEXT NOT NULL,
    record          TEXT NOT NULL,   -- Record.to_json()
    title           TEXT NOT NULL DEFAULT '',
    year            INTEGER,
    doi             TEXT NOT NULL DEFAULT '',
    pmid            TEXT NOT NULL DEFAULT '',
    import_id       INTEGER REFERENCES imports(id),
    search_id       INTEGER REFERENCES searches(id),
    added_at        TEXT NOT NULL
);
CREATE INDEX source_records_pmid ON source_records(pmid) WHERE pmid != '';
CREATE INDEX source_records_doi ON source_records(doi) WHERE doi != '';
CREATE INDEX source_records_search ON source_records(search_id);

CREATE TABLE studies (              -- a cluster of source records; screening works on studies
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at      TEXT NOT NULL
);

CREATE TABLE study_links (          -- membership events: the latest row per source record wins
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    source_record_id INTEGER NOT NULL REFERENCES source_records(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    kind            TEXT NOT NULL CHECK (kind IN ('new', 'merge', 'split')),
    actor           TEXT NOT NULL DEFAULT 'system',
    reason          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX study_links_record ON study_links(source_record_id, id);
CREATE INDEX study_links_study ON study_links(study_id);

CREATE VIEW current_links AS        -- where each source record is now
    SELECT l.source_record_id, l.study_id
    FROM study_links l
    WHERE l.id = (SELECT max(id) FROM study_links m WHERE m.source_record_id = l.source_record_id);

CREATE TABLE reviewers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('screener', 'arbiter', 'owner')),
    created_at      TEXT NOT NULL
);

CREATE TABLE reviewer_tokens (      -- minting a token is an event; the newest one is valid
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    reviewer_id     INTEGER NOT NULL REFERENCES reviewers(id),
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL
);

CREATE TABLE votes (                -- append-only; 'retract' withdraws the reviewer's earlier vote
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    reviewer_id     INTEGER NOT NULL REFERENCES reviewers(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    stage           TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
    vote            TEXT NOT NULL CHECK (vote IN ('include', 'exclude', 'maybe', 'retract')),
    reason          TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    ranker_state    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX votes_study ON votes(study_id, stage);
CREATE INDEX votes_reviewer ON votes(reviewer_id, stage);

CREATE TABLE resolutions (          -- the arbiter's decisions; the latest per study and stage wins
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    arbiter_id      INTEGER NOT NULL REFERENCES reviewers(id),
    study_id        INTEGER NOT NULL REFERENCES studies(id),
    stage           TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
    decision        TEXT NOT NULL CHECK (decision IN ('include', 'exclude')),
    reason          TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX resolutions_study ON resolutions(study_id, stage);
"""
