"""A record's tags read back from its verbatim text: the inverse of storing them only once.

A reader marks tags it read from a record's ``raw`` text alone as ``RawTags`` (an ordinary RIS
record, ``ris_lines.ordinary_tags``; a MEDLINE record read whole, ``medline.chunk_tags``). The
workspace keeps ``raw`` in a column of its own, so it leaves such tags out of the record's JSON and
``tags_of_raw`` reads them again from ``raw`` with the very function the reader used. Every other
record keeps its tags in the JSON. tests/records/test_raw_tags.py checks, on every fixture and
shared export, that each record marked so gets back exactly the tags it was read with.

The stored truth is ``raw`` and the fields as read at import; the tags are a view of ``raw``. Should
a later reader no longer read a stored text whole (a stricter check in ``ordinary_tags``), the text
is read by the format's full reader instead, so a stored record always loads.
"""

from __future__ import annotations

from screener.records.base import Collector
from screener.records.medline import chunk_tags, read_medline_text
from screener.records.ris import read_ris_text
from screener.records.ris_lines import ordinary_tags


class TagsNotReadBack(RuntimeError):
    """A record stored without its tags whose raw text does not give them back: a reader marked as
    RawTags tags it did not read from ``raw`` alone (a defect to report, not a user's error)."""


def tags_of_raw(fmt: str, raw: str) -> dict[str, list[str]]:
    """The tags the reader of ``fmt`` read from ``raw`` when it marked them RawTags (else, the tags
    its full reader reads from ``raw`` as a file of one record)."""
    tags: dict[str, list[str]] | None = None
    if fmt == "ris":
        tags = ordinary_tags(raw, raw.count("\n") + 1)
        read = read_ris_text
    elif fmt == "medline":
        tags = chunk_tags(raw)
        read = read_medline_text
    else:
        read = None
    if tags is None and read is not None:
        records = read(raw, Collector("a stored record"))
        if len(records) == 1:
            tags = records[0].tags
    if tags is None:
        raise TagsNotReadBack(f"a {fmt or 'record'} record's tags cannot be read back from its text "
                              f"({raw[:60]!r}…); please report this with the export file")
    return tags
