"""The study search index (m013) re-indexed once per bulk write instead of once per membership row.

m013's trigger rewrote a study's index rows for every ``study_links`` row: importing 10,200 records
paid 10,200 grouped re-indexes (3.1 of the import's 5.1 s of CPU). The trigger now does nothing
while ``study_search_deferred`` has a row. A bulk writer (import, PubMed search, dedupe run, import
withdrawal and restore; see screener/workspace/search_index.py) writes that row inside its own
transaction, writes its links, re-indexes every study they touched in one set-based statement and
removes the row before committing: other connections never see it, a rollback takes it back with
everything else, and every other writer of ``study_links`` is indexed by the trigger as before.
"""

SQL = """
CREATE TABLE study_search_deferred (since INTEGER NOT NULL);   -- the newest study_links id before

DROP TRIGGER study_search_links;
CREATE TRIGGER study_search_links AFTER INSERT ON study_links
WHEN NOT EXISTS (SELECT 1 FROM study_search_deferred) BEGIN
    DELETE FROM study_search WHERE rowid = NEW.study_id;
    DELETE FROM study_search WHERE rowid = (
        SELECT p.study_id FROM study_links p WHERE p.source_record_id = NEW.source_record_id
        AND p.id < NEW.id ORDER BY p.id DESC LIMIT 1);
    INSERT INTO study_search (rowid, title, abstract, authors, keywords)
    SELECT c.study_id,
           group_concat(coalesce(json_extract(s.record, '$.title'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.abstract'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.authors'), ''), ' '),
           group_concat(coalesce(json_extract(s.record, '$.keywords'), ''), ' ')
    FROM current_links c JOIN source_records s ON s.id = c.source_record_id
    WHERE c.study_id IN (NEW.study_id, (
        SELECT p.study_id FROM study_links p WHERE p.source_record_id = NEW.source_record_id
        AND p.id < NEW.id ORDER BY p.id DESC LIMIT 1))
    GROUP BY c.study_id;
END;
"""
