"""Which studies exist now: current studies, where a merged-away study went, the checks on a
study number and a stage, and the bibliographic summary screeners see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screener.errors import STUDY_NUMBERS, NotFoundError, UsageError
from screener.titles import is_erratum_title
from screener.workspace.db import SQLITE_INTEGER_MAX
from screener.workspace.stages import check_stage  # noqa: F401 (re-exported: the one stage check)

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def current_studies(ws: Workspace) -> set[int]:
    """Studies that still hold source records (dedupe may merge a study away while screening runs)."""
    return {row[0] for row in ws.db.execute("SELECT DISTINCT study_id FROM current_links")}


def merged_into(ws: Workspace, study_id: int) -> list[int]:
    """Where the records of a merged-away study are now."""
    return [row[0] for row in ws.db.execute(
        "SELECT DISTINCT c.study_id FROM study_links l JOIN current_links c"
        " ON c.source_record_id = l.source_record_id WHERE l.study_id = ? ORDER BY c.study_id", (study_id,))]


def _no_study(ws: Workspace, study_id: int) -> str:
    return f"no study {study_id} in {ws.path}"


def check_study_number(ws: Workspace, study_id: int) -> None:
    """NotFoundError for a number no study can have: beyond SQLite's integers (asking the database
    about it raises OverflowError)."""
    if not -SQLITE_INTEGER_MAX - 1 <= study_id <= SQLITE_INTEGER_MAX:
        raise NotFoundError(_no_study(ws, study_id), remedy=STUDY_NUMBERS)


def require_current_study(ws: Workspace, study_id: int) -> None:
    """NotFoundError for an unknown study or one dedupe merged away (naming where it went)."""
    if not isinstance(study_id, int) or isinstance(study_id, bool):
        raise UsageError(f"study must be a number, not {study_id!r}")
    check_study_number(ws, study_id)
    if ws.db.execute("SELECT 1 FROM current_links WHERE study_id = ? LIMIT 1", (study_id,)).fetchone():
        return
    if ws.db.execute("SELECT 1 FROM studies WHERE id = ?", (study_id,)).fetchone():
        into = merged_into(ws, study_id)
        where = ", ".join(f"study {s}" for s in into) or "another study"
        raise NotFoundError(f"study {study_id} was merged into {where} by deduplication; screen {where} instead")
    raise NotFoundError(_no_study(ws, study_id), remedy=STUDY_NUMBERS)


def is_notice(record) -> bool:
    """Whether a source record is an erratum or correction notice (dedupe joins one to its
    article's study): the study is the article, so its fields come from the article's record."""
    flags = [f.lower() for f in record.flags or []]
    return ("erratum" in flags or "correction" in flags or is_erratum_title(record.title or "")
            or any("erratum" in (t or "").lower() for t in record.publication_types or []))


def article_first(records: list) -> list:
    """``(id, Record)`` pairs with erratum notices last, each group oldest first."""
    return sorted(records, key=lambda item: is_notice(item[1]))


def study_summary(ws: Workspace, study_id: int, *, hide_authors: bool | None = None) -> dict[str, Any]:
    """The bibliographic fields screeners see, gathered over the study's source records (an
    erratum notice's last: its title and DOI are the notice's, not the study's)."""
    records = article_first(ws.study_records(study_id))
    hide = ws.settings.hide_authors if hide_authors is None else hide_authors

    def first(attr):
        for _, record in records:
            value = getattr(record, attr)
            if value:
                return value
        return type(getattr(records[0][1], attr))() if records else ""

    abstract = max((r.abstract for _, r in records), key=len, default="")
    keywords: list[str] = []
    for _, record in records:
        keywords += [k for k in record.keywords if k not in keywords]
    return {
        "study": study_id,
        "title": first("title"),
        "abstract": abstract,
        "authors": [] if hide else list(first("authors") or []),
        "year": next((r.year for _, r in records if r.year), None),
        "journal": "" if hide else first("journal"),
        "doi": first("doi"),
        "pmid": first("pmid"),
        "keywords": keywords,
        "source_records": sorted(record_id for record_id, _ in records),
        "databases": sorted({r.database for _, r in records}),
    }
