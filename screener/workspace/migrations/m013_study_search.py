"""Full-text search over studies: an FTS5 index of each study's titles, abstracts, authors and
keywords (over all its current source records), kept in step with study membership by a trigger.

Every import, PubMed search, dedupe merge or split writes a ``study_links`` row; the trigger
rewrites the index rows of the study the record joins and of the study it leaves, so no writer has
to remember the index. Existing workspaces are indexed when the migration runs.
"""

_ROWS = """
    SELECT c.study_id,
           group_concat(coalesce(json_extract(s.record, '$.title'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.abstract'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.authors'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.keywords'), ''), ' ')
    FROM current_links c JOIN source_records s ON s.id = c.source_record_id
"""

SQL = f"""
CREATE VIRTUAL TABLE study_search USING fts5(
    title, abstract, authors, keywords, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER study_search_links AFTER INSERT ON study_links BEGIN
    DELETE FROM study_search WHERE rowid = NEW.study_id;
    DELETE FROM study_search WHERE rowid = (
        SELECT p.study_id FROM study_links p WHERE p.source_record_id = NEW.source_record_id
        AND p.id < NEW.id ORDER BY p.id DESC LIMIT 1);
    INSERT INTO study_search (rowid, title, abstract, authors, keywords)
    {_ROWS}
    WHERE c.study_id IN (NEW.study_id, (
        SELECT p.study_id FROM study_links p WHERE p.source_record_id = NEW.source_record_id
        AND p.id < NEW.id ORDER BY p.id DESC LIMIT 1))
    GROUP BY c.study_id;
END;

INSERT INTO study_search (rowid, title, abstract, authors, keywords)
{_ROWS}
GROUP BY c.study_id;
"""
