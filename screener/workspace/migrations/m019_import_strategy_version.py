"""An import's "strategy as run" chosen from the review's saved strategy versions (m015).

``import_metadata.strategy_version_id`` names the saved version a row's strategy is; the row keeps
the version's text verbatim in ``strategy`` as before, so the PRISMA-S report can cite the version
(its name and number) and show its text. Rows written before, and strategies pasted or read from a
file, leave it NULL. Like every ``import_metadata`` row, it is only ever added, never changed.
"""

SQL = """
ALTER TABLE import_metadata ADD COLUMN strategy_version_id INTEGER REFERENCES strategy_versions(id);
"""
