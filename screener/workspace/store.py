"""Storing source records in bulk: each record verbatim, each in a new study of its own.

One ``executemany`` per table and chunk instead of three statements per record: inside the
caller's write transaction the next ids of ``source_records``, ``studies`` and ``study_links`` are
known (their largest id ever, kept by AUTOINCREMENT in ``sqlite_sequence``, plus one), so the rows
carry their ids and the links can name them without a round trip per record. The free-text index
(one row per record, m021) gets its rows from the records in hand instead of re-reading the stored
JSON. Records come from an iterable and are stored ``CHUNK`` at a time, so a PubMed search
streaming its staged records never holds them all.

The ``record`` JSON is written by orjson (keys in the record's field order and each record's tags
in its file's order, as ``Record.to_json`` writes them, without the spaces after separators;
``json.loads`` reads back the same dict): for the 10,200 records of
the RIS benchmark case ``Record.to_json`` took 0.36 s of CPU, orjson 0.14 s. A record orjson
cannot write (an integer past 64 bits in ``extra``) is written by ``Record.to_json``.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable

try:
    import orjson
except ImportError:     # an environment installed before orjson was required: the standard library's
    orjson = None       # type: ignore[assignment]

from screener.records.model import RawTags, Record
from screener.records.raw_tags import tags_of_raw
from screener.workspace.db import bulk_cache, utcnow
from screener.workspace.search_index import index_new_records

CHUNK = 2000

_INSERT_RECORD = (
    "INSERT INTO source_records (id, database, format, file, record_number, line, raw, record, title, year, doi,"
    " pmid, import_id, search_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?)")
_INSERT_STUDY = "INSERT INTO studies (id, created_at) VALUES (?, ?)"
_INSERT_LINK = ("INSERT INTO study_links (id, at, source_record_id, study_id, kind, actor)"
                " VALUES (?, ?, ?, ?, 'new', ?)")


_OPTIONS = orjson.OPT_NON_STR_KEYS if orjson is not None else 0


_FIELDS = frozenset(f.name for f in dataclasses.fields(Record))


def record_json(record: Record) -> bytes | str:
    """The ``record`` column: every field but ``raw`` (kept in its own column), as JSON: UTF-8
    bytes from orjson, which the INSERT casts to TEXT (the same bytes, without decoding 50 MB in
    Python per 10,000 records). The fields are ``Record.to_dict``'s, taken from the instance's
    ``__dict__`` (a copy of one dict instead of 30 attribute reads) when it holds just the fields.
    Tags a reader read from ``raw`` alone (RawTags) are left out: ``stored_record`` reads them back
    from ``raw``, so the verbatim text is not stored twice (for the RIS benchmark case the tags were
    2.5 KB of each record's 4.9 KB of JSON)."""
    if orjson is None:
        return record.to_json(include_raw=False)
    data = dict(record.__dict__)
    if data.keys() != _FIELDS:
        data = record.to_dict()
    del data["raw"]
    if type(record.tags) is RawTags:
        del data["tags"]
    if record.mesh:
        data["mesh"] = [m.to_dict() for m in record.mesh]
    try:
        return orjson.dumps(data, option=_OPTIONS)
    except TypeError:            # orjson.JSONEncodeError: what the standard library still writes
        return record.to_json(include_raw=False)


def _json_list(values: list[str]) -> str:
    """Authors or keywords for the index (which reads them through json(): spacing is immaterial)."""
    if orjson is not None:
        try:
            return orjson.dumps(values).decode()
        except TypeError:
            pass
    return json.dumps(values, ensure_ascii=False)


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id SQLite would give the next row of ``table`` (AUTOINCREMENT: one past the largest ever)."""
    row = conn.execute("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),"
                       f" coalesce((SELECT max(id) FROM {table}), 0))", (table,)).fetchone()
    return int(row[0]) + 1


def store_source_records(conn: sqlite3.Connection, records: Iterable[Record], *, import_id: int | None = None,
                         search_id: int | None = None, actor: str = "owner",
                         progress: Callable[[int], None] | None = None) -> list[int]:
    """Store ``records`` (inside the caller's transaction), each as a new study of its own; returns
    their source record ids in order. ``progress(n)`` is called after each chunk with the number
    stored so far."""
    if not conn.in_transaction:
        raise RuntimeError("store_source_records must run inside a write transaction")
    now = utcnow()
    ids: list[int] = []
    it = iter(records)
    with bulk_cache(conn):
        while True:
            chunk = list(itertools.islice(it, CHUNK))
            if not chunk:
                break
            record_id, study_id, link_id = (_next_id(conn, t) for t in ("source_records", "studies", "study_links"))
            n = len(chunk)
            record_ids = range(record_id, record_id + n)
            study_ids = range(study_id, study_id + n)
            conn.executemany(_INSERT_RECORD, [
                (rid, r.database, r.format, r.file, r.record_number, r.line, r.raw, record_json(r),
                 r.title, r.year, r.doi, r.pmid, import_id, search_id, now)
                for rid, r in zip(record_ids, chunk)])
            conn.executemany(_INSERT_STUDY, [(sid, now) for sid in study_ids])
            conn.executemany(_INSERT_LINK, [(link_id + i, now, rid, sid, actor)
                                            for i, (rid, sid) in enumerate(zip(record_ids, study_ids))])
            index_new_records(conn, [(rid, r.title, r.abstract, _json_list(r.authors), _json_list(r.keywords))
                                     for rid, r in zip(record_ids, chunk)])
            ids.extend(record_ids)
            if progress is not None:
                progress(len(ids))
    return ids


def stored_record(record_json: str | bytes, raw: str,
                  tags_wanted: Callable[[Record], bool] | None = None) -> Record:
    """A stored source record read back: its JSON, its verbatim text from the ``raw`` column, and
    its tags read from that text when ``record_json`` left them out (``record_json``) — unless
    ``tags_wanted(record)`` says the caller will not look at them (then they are left empty)."""
    data = orjson.loads(record_json) if orjson is not None else json.loads(record_json)
    record = Record.from_dict(data)
    record.raw = raw
    if "tags" not in data and (tags_wanted is None or tags_wanted(record)):
        record.tags = tags_of_raw(record.format, raw)
    return record
