"""Records to evaluate a strategy over, read from export files."""

from __future__ import annotations

from collections.abc import Sequence

from screener.records.model import Record


def load_records(files: Sequence[str] = (), review: str | None = None) -> tuple[list[Record], str]:
    """Records to evaluate over: export files (any format the importer reads) or a review
    workspace's source records; returns them and a description for output."""
    from pathlib import Path

    from screener.errors import UsageError
    if bool(files) == bool(review):
        raise UsageError("give the records to search: --records FILE (any export) or "
                         "--review DIR (a workspace's source records), one of the two")
    if review:
        from screener.workspace import Workspace
        with Workspace.open(review) as ws:
            rows = ws.db.execute("SELECT s.id, s.record, c.study_id FROM source_records s LEFT JOIN "
                                 "current_links c ON c.source_record_id = s.id ORDER BY s.id").fetchall()
        records = []
        for row in rows:
            record = Record.from_json(row["record"])
            record.extra = dict(record.extra, source_record_id=row["id"], study_id=row["study_id"])
            records.append(record)
        if not records:
            raise UsageError(f"{review}: the workspace has no source records yet "
                             "(`screener import` or `screener search pubmed` first)")
        return records, f"{len(records)} source records of the review {review}"
    from screener.records import read_file
    records = []
    for f in files:
        if Path(f).is_dir():
            raise UsageError(f"records file {f} is a directory: give the export files themselves "
                             f"(e.g. {f}/*.ris)")
        if not Path(f).is_file():
            raise UsageError(f"records file {f} not found")
        result = read_file(f)
        if not result.records and len(files) == 1:
            raise UsageError(f"{f}: no records in it (the file is empty); nothing to search")
        records.extend(result.records)
    if not records:
        raise UsageError(f"no records in {', '.join(str(f) for f in files)} (the files are empty); "
                         "nothing to search")
    return records, f"{len(records)} records from {', '.join(str(f) for f in files)}"
