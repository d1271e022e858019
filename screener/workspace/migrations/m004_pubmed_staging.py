"""PubMed search runs: how a result was sliced, the PMIDs it listed, and records staged as fetched.

A PubMed search (a row in ``searches``) is ``incomplete`` from the moment its PMID list is staged
until every record is fetched and imported in one transaction, when it becomes ``complete``. A run
killed at any moment leaves these rows behind, and the next run of the same query resumes from them,
fetching only the PMIDs that have no staged record. Staged records are removed once imported (they
then live in ``source_records``); ``pubmed_batches`` is an append-only log of every EFetch batch.
"""

SQL = """
CREATE TABLE pubmed_slices (            -- a result over 10,000 is cut by date, then PMID range
    search_id       INTEGER NOT NULL REFERENCES searches(id),
    slice_no        INTEGER NOT NULL,
    mindate         TEXT NOT NULL DEFAULT '',   -- YYYY/MM/DD, publication date (pdat)
    maxdate         TEXT NOT NULL DEFAULT '',
    pmid_low        INTEGER,
    pmid_high       INTEGER,
    count           INTEGER NOT NULL,
    PRIMARY KEY (search_id, slice_no)
);

CREATE TABLE pubmed_result_pmids (      -- the PMIDs a run found, in PubMed's order
    search_id       INTEGER NOT NULL REFERENCES searches(id),
    pmid            TEXT NOT NULL,
    position        INTEGER NOT NULL,           -- 1-based
    slice_no        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (search_id, pmid)
);
CREATE INDEX pubmed_result_pmids_position ON pubmed_result_pmids(search_id, position);

CREATE TABLE pubmed_staged_records (    -- fetched, waiting for the run to complete
    search_id       INTEGER NOT NULL REFERENCES searches(id),
    pmid            TEXT NOT NULL,
    batch_id        INTEGER NOT NULL,
    record          TEXT NOT NULL,              -- Record.to_json(), verbatim XML in "raw"
    PRIMARY KEY (search_id, pmid)
);

CREATE TABLE pubmed_batches (           -- one EFetch batch as it arrived
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    search_id       INTEGER NOT NULL REFERENCES searches(id),
    at              TEXT NOT NULL,
    requested       INTEGER NOT NULL,
    received        INTEGER NOT NULL,
    staged          INTEGER NOT NULL
);
CREATE INDEX pubmed_batches_search ON pubmed_batches(search_id);
"""
