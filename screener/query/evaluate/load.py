"""Records to evaluate a strategy over: export files, or records a layer above loads.

``run_strategy`` and ``validate_strategy`` (``local.py``) take a ``RecordSource``: a list of export
files, or a loader (a function without arguments returning ``LoadedRecords``) called once the
strategy has been checked, so a strategy with errors is reported before any record is read. A
review's source records come through such a loader from the workspace
(``screener.workspace.strategy_records.review_records`` / ``records_to_search``): the query package
never opens a workspace or reads its tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from screener.errors import UsageError
from screener.records import read_file
from screener.records.model import Record


class LoadedRecords(NamedTuple):
    """Records to search and how output names them ("120 records from export.nbib")."""

    records: list[Record]
    source: str


#: a loader: returns the records (or None: "no records given", where that is allowed)
RecordsLoader = Callable[[], "LoadedRecords | None"]
#: export files to read, or a loader
RecordSource = Sequence[str | Path] | RecordsLoader

NO_RECORDS_GIVEN = ("give the records to search: --records FILE (any export) or "
                    "--review DIR (a workspace's source records), one of the two")


def load_records(files: Sequence[str | Path] = ()) -> LoadedRecords:
    """The records of export files (any format the importer reads) and a description for output."""
    if not files:
        raise UsageError(NO_RECORDS_GIVEN)
    records: list[Record] = []
    seen: dict[Path, str | Path] = {}
    for f in files:
        if Path(f).is_dir():
            raise UsageError(f"records file {f} is a directory: give the export files themselves "
                             f"(e.g. {f}/*.ris)")
        if not Path(f).is_file():
            raise UsageError(f"records file {f} not found")
        # read twice, every record would count twice in every line's hits
        if Path(f).resolve() in seen:
            raise UsageError(f"records file {f} is the same file as {seen[Path(f).resolve()]}; give each file once")
        seen[Path(f).resolve()] = f
        result = read_file(f)
        if not result.records and len(files) == 1:
            raise UsageError(f"{f}: no records in it (the file is empty); nothing to search")
        records.extend(result.records)
    if not records:
        raise UsageError(f"no records in {', '.join(str(f) for f in files)} (the files are empty); "
                         "nothing to search")
    return LoadedRecords(records, f"{len(records)} records from {', '.join(str(f) for f in files)}")


def records_from(source: RecordSource, *, required: bool = True) -> LoadedRecords | None:
    """Load a ``RecordSource``: call the loader, or read the files. No files gives None when
    ``required`` is false (validation then searches the known studies' own records)."""
    if callable(source):
        return source()
    if not source and not required:
        return None
    return load_records(source)
