"""The records ``screener query run`` / ``query validate`` search in a review: its source records,
read through the workspace that owns them and handed to ``screener.query.evaluate.local`` as a
loader (the query package never opens a workspace).

    review_records(ws, name=None) -> LoadedRecords
        the review's source records, each named by the study it is in now.
    records_to_search(files=(), review=None, *, required=True) -> loader
        what ``--records FILE…`` / ``--review DIR`` name, as the loader ``run_strategy`` and
        ``validate_strategy`` call once the strategy is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from screener.errors import NO_RECORDS, UsageError
from screener.query.evaluate.load import NO_RECORDS_GIVEN, LoadedRecords, RecordsLoader, load_records
from screener.workspace.workspace import Workspace


def review_records(ws: Workspace, name: str | None = None) -> LoadedRecords:
    """Every source record of the review but those of withdrawn imports (a study found in two
    databases counts twice, as in each database's own history), carrying ``source_record_id`` and
    ``study_id`` in ``extra`` so output names the study; ``name``: how output names the review
    (default: its path). UsageError when the review has no source records."""
    review = str(ws.path) if name is None else name
    records = []
    withdrawn = 0
    for record_id, study_id, record in ws.source_records_with_studies():
        if study_id is None:       # its import was withdrawn: out of the review, as in every count
            withdrawn += 1
            continue
        record.extra = dict(record.extra, source_record_id=record_id, study_id=study_id)
        records.append(record)
    if not records:
        raise UsageError(f"{review}: the workspace has no source records yet", remedy=NO_RECORDS,
                         after=f"; the {withdrawn} it has are in withdrawn imports" if withdrawn else "")
    left_out = f" ({withdrawn} of withdrawn imports left out)" if withdrawn else ""
    return LoadedRecords(records, f"{len(records)} source records of the review {review}{left_out}")


def records_to_search(files: Sequence[str | Path] = (), review: str | None = None, *,
                      required: bool = True) -> RecordsLoader:
    """The records ``--records FILE…`` or ``--review DIR`` name (one of the two; neither, when not
    ``required``: None, and validation searches the known studies' own records), as a loader: the
    files are read, or the review opened, only when it is called."""
    def load() -> LoadedRecords | None:
        if files and review or required and not (files or review):
            raise UsageError(NO_RECORDS_GIVEN)
        if review:
            with Workspace.open(review) as ws:
                return review_records(ws, review)
        return load_records(files) if files else None
    return load
