"""A repeated or own-export file of one record was said as 'its 1 records are the same as those of import 2
(…, 1 records)'; one record is now said as one."""

from __future__ import annotations

from screener.workspace.own_exports import own_export_words
from screener.workspace.repeats import repeat_words

EARLIER = {"import_id": 2, "file": "a.ris", "at": "2026-12-08T01:00:00"}


def test_one_record_said_as_one():
    assert repeat_words({**EARLIER, "records": 1, "matched": 1, "import_records": 1}) == (
        "its one record is the same as that of import 2 (a.ris, 2026-12-08 01:00 UTC, 1 record)")
    assert repeat_words({**EARLIER, "records": 1, "matched": 1, "import_records": 1, "same_database": "Scopus"}
                        ).startswith("its one record is that of import 2 (a.ris, 2026-12-08 01:00 UTC, 1 record) "
                                     "of the same database (Scopus)")
    assert own_export_words({"records": 1, "matched": 1, "sources": ["import 1"], "marked": True}) == (
        "its one record is one of the review's own studies, field for field (written by screener's export): "
        "the review's own export read back")


def test_many_records_said_as_before():
    assert repeat_words({**EARLIER, "records": 5, "matched": 4, "import_records": 5}) == (
        "4 of its 5 records are the same as those of import 2 (a.ris, 2026-12-08 01:00 UTC, 5 records)")
