"""The ``searcher`` role: the information specialist, who writes and runs search strategies.

SQLite cannot alter a CHECK constraint, and rebuilding ``reviewers`` would trip the foreign keys of
every table that names a reviewer, so the table's declaration is edited in place (SQLite's documented
procedure for changes that leave stored rows valid: every existing role stays allowed). The guard
table fails the migration if the edit did not take; creating and dropping it also bumps the schema
version so every open connection re-reads the declaration, and ``RESET`` makes this one do so.
"""

SQL = """
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '''arbiter'', ''owner'')', '''arbiter'', ''owner'', ''searcher'')')
    WHERE type = 'table' AND name = 'reviewers' AND instr(sql, '''searcher''') = 0;
PRAGMA writable_schema = RESET;
CREATE TABLE m016_guard (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO m016_guard SELECT instr(sql, '''searcher''') > 0 FROM sqlite_master
    WHERE type = 'table' AND name = 'reviewers';
DROP TABLE m016_guard;
"""
