"""Signed-in browser sessions, so that signing out ends a session on the server too (issue 21:
a copied session cookie kept working for 14 days after sign-out). The cookie holds a random
session id; the server keeps its SHA-256 here. Opening and closing are rows (append-only): a
session is live while its newest row is 'open'."""

SQL = """
CREATE TABLE web_sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    session_hash TEXT NOT NULL,
    reviewer_id  INTEGER NOT NULL REFERENCES reviewers(id),
    kind         TEXT NOT NULL CHECK (kind IN ('open', 'close'))
);
CREATE INDEX web_sessions_by_hash ON web_sessions (session_hash, id);
"""
