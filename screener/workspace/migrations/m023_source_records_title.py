"""An index on source records' titles, for finding an earlier import a new file's records repeat
(``screener.workspace.repeats``: an export saved again with other bytes).

Without it each look-up of a file's titles read the whole table (a title stands after the record's
verbatim text and JSON in its row): a 10,500-record MEDLINE file checked against a review holding
one 51,000-record import took 1.96 s of CPU, and the time grew with the review. Empty titles are
left out: they say nothing about which import a record repeats.
"""

SQL = """
CREATE INDEX source_records_title ON source_records(title) WHERE title != '';
"""
