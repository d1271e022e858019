"""The free-text index keeps up to 16 MB of new terms in memory before it writes them out (FTS5's
``hashsize``, 1 MB by default).

An import writes the index rows of all its records in one transaction. With 1 MB, FTS5 flushed a
small segment to disk every few hundred records and merged the segments again as they piled up; with
16 MB it flushes a tenth as often, in larger segments that need fewer merges. Measured on the RIS
benchmark case (10,200 Scopus records, the index rows alone, best of four): 0.94 s of CPU with 1 MB,
0.66–0.70 s with 16 MB or 64 MB (4 MB: 0.78 s). The memory is held only while a write transaction is
open. The setting is stored in the index's own ``record_search_config`` table, so every connection
uses it; the index's contents are unchanged.
"""

SQL = """
INSERT INTO record_search (record_search, rank) VALUES ('hashsize', 16777216);
"""
