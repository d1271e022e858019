"""``reads_tags`` says when ``normalize_record`` looks at a record's tags; the workspace's dedupe
reads tags back from the raw text only then (screener.workspace.dedupe._load_normalized). Checked on
every record of the fixtures: where it says no, the record normalises the same without its tags."""

from __future__ import annotations

import dataclasses

from screener.dedup.normalize import normalize_record, reads_tags
from screener.errors import RecordParseError
from screener.records import read_file
from screener.records.model import Record


def test_records_whose_tags_are_not_read_normalise_the_same_without_them(fixtures_dir):
    skipped = read = 0
    for path in sorted(p for p in (fixtures_dir / "records").rglob("*") if p.is_file() and p.suffix != ".md"):
        try:
            records = read_file(path).records
        except RecordParseError:
            continue
        for record in records:
            if reads_tags(record):
                read += 1
                continue
            skipped += 1
            bare = dataclasses.replace(record, tags={})
            assert normalize_record(bare) == normalize_record(record), (path.name, record.record_number)
    assert skipped > 500 and read > 100, (skipped, read)


def test_an_article_number_or_a_book_title_needs_the_tags():
    with_pages = Record(title="T", journal="J", pages="12-19", tags={"C7": ["e123"]})
    article_number = Record(title="T", journal="J", tags={"C7": ["e123"]})
    book_chapter = Record(title="T", pages="12-19", tags={"BT": ["A book"]})
    assert [reads_tags(r) for r in (with_pages, article_number, book_chapter)] == [False, True, True]
    assert normalize_record(article_number).first_page and normalize_record(book_chapter).venues
