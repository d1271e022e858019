"""PubMed's count of each strategy line, as asked of E-utilities (``screener.workspace.line_counts``).

One row per answer, kept per (the line's PubMed query, the day in UTC it was asked, the E-utilities
URL): opening a strategy again the same day shows its counts without asking PubMed again; the next
day asks afresh (PubMed adds records daily). Rows are only added; the newest answer for a key wins.
``query_sha256`` keys the look-up (a line compiled with the lines it refers to runs to kilobytes).
"""

SQL = """
CREATE TABLE pubmed_line_counts (
    id            INTEGER PRIMARY KEY,
    query_sha256  TEXT NOT NULL,
    query         TEXT NOT NULL,
    day           TEXT NOT NULL,               -- YYYY-MM-DD, UTC
    server        TEXT NOT NULL,               -- the E-utilities base URL asked
    count         INTEGER,
    answer        TEXT NOT NULL,               -- JSON: count, PubMed's errors and warnings
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pubmed_line_counts_key ON pubmed_line_counts(query_sha256, day, server);
"""
