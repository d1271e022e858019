"""The free-text index per source record, over the records' own text (FTS5 external content),
instead of per study with its own copy (m013, m018).

m013 indexed each study's titles, abstracts, authors and keywords concatenated, in an FTS5 table
that kept a second copy of all that text, and every membership change (a merge, a split, a
withdrawal) had to re-index the studies it touched (a trigger, or the deferred re-index of m018).
Source records never change once stored, so an index of records never needs re-indexing: merges,
splits and withdrawals leave it alone, and a search maps the records it finds to their current
studies (``screener.workspace.study_search``: a study matches when every word of the search is in
one of its records, as before). The index reads its text from ``record_search_text``, a view of
``source_records``, so it keeps no copy (``content=``); an import writes each record's index row
once, with the text it also stores. The index is rebuilt here from every stored record (existing
workspaces lose nothing: the view gives the same text m013's index was built from). The old index,
its trigger and m018's deferral table are derived data and go; the records are untouched.
"""

SQL = """
CREATE VIEW record_search_text AS
    SELECT id,
           coalesce(json_extract(record, '$.title'), '') AS title,
           coalesce(json_extract(record, '$.abstract'), '') AS abstract,
           coalesce(json_extract(record, '$.authors'), '') AS authors,
           coalesce(json_extract(record, '$.keywords'), '') AS keywords
    FROM source_records;

CREATE VIRTUAL TABLE record_search USING fts5(
    title, abstract, authors, keywords, content = 'record_search_text', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO record_search (record_search) VALUES ('rebuild');

DROP TRIGGER study_search_links;
DROP TABLE study_search;
DROP TABLE study_search_deferred;
"""
