"""Import export files into a workspace: every file is read (and refused) before anything is written,
then each file lands in one transaction — an ``imports`` row, its source records, an ``import`` event.
A command with a large RIS or MEDLINE file (``screener.records.stream``) is one transaction instead,
each file stored as it is read, so that the large file's records need not all be held at once.

``screener.records`` reads the files and returns records; this module (the workspace layer) decides
what to store and stores it (``screener.workspace.store``, in bulk). It moved here from
``screener.records.importer``, which wrote the workspace from the layer below it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.clock import utcnow
from screener.errors import AGAIN, AlreadyImported, RecordParseError, UsageError, Words, WorkspaceError
from screener.progress import Progress
from screener.records import stream
from screener.records.base import KNOWN_DATABASES, ReadResult, clean_space, gc_paused
from screener.records.reader import STDIN_NOT_READ, read_file
from screener.records.stream import StreamedFile
from screener.records.textio import file_sha256
from screener.workspace.cut_short import cut_short
from screener.workspace.import_runs import forget_interrupted, import_running, interrupted_imports
from screener.workspace.own_exports import own_export
from screener.workspace.repeats import counted_twice, earlier_import, repeat_words, same_search
from screener.workspace.review_files import REJECTED_DIR, review_file_given
from screener.workspace.strategy_given import strategy_instead

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class FileImport:
    """What happened to one file."""

    path: str
    sha256: str
    status: str                    # imported | checked (dry run) | refused (only with skip_bad) | already imported
    format: str = ""
    encoding: str = ""
    database: str = ""
    records_named: str = ""         # the database(s) the records name, whatever ``database`` was given
    records: int = 0
    import_id: int | None = None
    source_record_ids: list[int] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    error: str = ""
    search_query: str = ""          # the search the export states it came from (Embase.com CSV)
    platform: str = ""              # the platform searched, as recorded with the import (not known in a dry run)
    repeats: dict | None = None     # the earlier import whose records these are (a dry run; repeats.py)
    remedy: str | None = None       # what gets past ``error`` (errors.AGAIN), each front end in its words

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "status": self.status, "format": self.format,
                "encoding": self.encoding, "database": self.database, "records_named": self.records_named,
                "records": self.records,
                "import_id": self.import_id, "warnings": self.warnings, "rejected": self.rejected,
                "error": self.error, "remedy": self.remedy, "search_query": self.search_query,
                "repeats": self.repeats}


@dataclass
class ImportReport:
    files: list[FileImport]
    rejected_report: str = ""      # path of the --skip-bad report, if anything was rejected
    dry_run: bool = False
    interrupted: list[dict] = field(default_factory=list)   # earlier imports that were killed (import_runs)

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    @property
    def rejected_count(self) -> int:
        return sum(len(f.rejected) for f in self.files) + sum(f.status == "refused" for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"files": [f.to_dict() for f in self.files], "records": self.records,
                "warnings": sum(len(f.warnings) for f in self.files),
                "rejected": self.rejected_count, "rejected_report": self.rejected_report,
                "dry_run": self.dry_run}


def import_files(ws: Workspace, paths, database: str | None = None, skip_bad: bool = False, actor: str = "owner",
                 allow_reimport: bool = False, dry_run: bool = False, after_file=None,
                 before_write=None, progress: Progress | None = None,
                 columns: dict[str, str] | None = None) -> ImportReport:
    """``_import_files`` (below), marked as under way while it runs (``import_runs``) so that, killed,
    it is named afterwards; the report's ``interrupted`` names earlier imports that were (then forgotten)."""
    if dry_run:
        return _import_files(ws, paths, database, skip_bad, actor, allow_reimport, dry_run, after_file, before_write,
                             progress, columns)
    earlier = interrupted_imports(ws)
    with import_running(ws, [Path(p) for p in paths]):
        try:
            report = _import_files(ws, paths, database, skip_bad, actor, allow_reimport, dry_run, after_file,
                                   before_write, progress, columns)
        finally:
            forget_interrupted(ws, earlier)
    report.interrupted = earlier
    return report


def _import_files(ws: Workspace, paths, database: str | None, skip_bad: bool, actor: str, allow_reimport: bool,
                  dry_run: bool, after_file, before_write, progress: Progress | None,
                  columns: dict[str, str] | None = None) -> ImportReport:
    """Read every file, refuse the whole command if any file is refused (unless ``skip_bad``) — naming
    every refused file (``FilesRefused`` when there are several) —, then store each file's records
    all-or-nothing. Returns what was imported, file by file.

    A file whose bytes (sha256) were already imported into this workspace is refused unless
    ``allow_reimport`` — importing the same export twice would double its records in PRISMA counts.
    ``dry_run`` reads and checks everything and reports what would be imported, writing nothing.
    ``after_file(conn, item)`` runs inside each file's transaction once its records are stored (the
    workspace records the import's PRISMA-S metadata there, so both land or neither).
    ``before_write(files)`` sees every file as read, before anything is written, and may refuse.
    ``progress(step, done, total)`` hears how far reading (files) and storing (records) have got.
    ``columns`` says which column of a table (CSV/TSV) holds which field (``records.csv_columns``).

    A RIS or MEDLINE file of ``stream.STREAM_ABOVE`` bytes or more is read piece by piece
    (``screener.records.stream``), each record stored as it is read: then the whole command is one
    transaction (``_import_streaming``), so a refusal still leaves nothing written.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise UsageError("give at least one export file to import")
    if database is not None and not database.strip():
        raise UsageError("--database must not be empty")
    if database is not None:
        database = canonical_database_name(ws, database)
    reading = _Reading(ws, database, skip_bad, allow_reimport, dry_run, columns)
    if not columns and not dry_run and any(_size(path) >= stream.STREAM_ABOVE for path in paths):
        return _import_streaming(ws, paths, reading, actor=actor, after_file=after_file, before_write=before_write,
                                 progress=progress)
    planned: list[_Planned] = []
    refused: list[RecordParseError] = []
    for number, path in enumerate(paths):
        if progress is not None:
            progress("reading", number, len(paths))
        try:
            planned.append(reading.read(path))
        except RecordParseError as exc:      # (only without skip_bad) every file is read, every refusal said
            refused.append(exc)
    if progress is not None:
        progress("reading", len(paths), len(paths))
    if refused:
        raise _refusal(refused, len(paths))

    if reading.already and len(reading.already) == len(planned):
        raise reading.refusals[str(planned[0][0])]    # nothing new: as before
    files = [reading.item(entry) for entry in planned]
    report = ImportReport(files, dry_run=dry_run)
    if before_write is not None:
        before_write(files)
    if dry_run:
        return report
    if skip_bad and report.rejected_count:
        # written before any file is stored: a report that cannot be written leaves nothing half-done
        report.rejected_report = str(_write_rejected_report(ws, report))
    total = sum(len(result.records) for _, _, result, _ in planned if isinstance(result, ReadResult))
    stored = 0
    for entry, item in zip(planned, files):
        if entry[2] is None:
            continue
        done_before = stored

        def storing(n: int, done_before: int = done_before) -> None:
            if progress is not None:
                progress("storing", done_before + n, total)
        with gc_paused():
            _store(ws, entry, item, actor=actor, database=database, after_file=after_file, storing=storing,
                   recheck=not allow_reimport and not _is_blank(entry[0]))
        stored += item.records
    return report


class FilesRefused(RecordParseError):
    """Two or more files refused (without --skip-bad): ``refused`` holds each one's refusal, and the message
    says each on a line of its own (file, line, what to do), then how many; nothing was written. The path,
    line and record number are the first refusal's."""

    def __init__(self, refused: list[RecordParseError], files: int):
        self.refused, self.files = refused, files
        self.tally = f"{len(refused)} of {files} files refused; nothing was imported"
        first = refused[0]
        super().__init__("\n".join([*(str(exc) for exc in refused), self.tally]), path=first.path, line=first.line,
                         record_number=first.record_number)

    def worded(self, remedies: Mapping[str, Words], fields: Mapping[str, str] | None = None) -> str:
        return "\n".join([*(exc.worded(remedies, fields) for exc in self.refused), self.tally])


def _refusal(refused: list[RecordParseError], files: int) -> RecordParseError:
    """One refused file is said as it always was (its own error); several, each on a line."""
    return refused[0] if len(refused) == 1 else FilesRefused(refused, files)


# (path, sha256, what was read — records in hand, a file to stream, or None when refused —, why refused)
_Planned = tuple[Path, str, ReadResult | StreamedFile | None, str]


class _Reading:
    """Each file's checks before it is read (a readable file, not given twice, not imported before)
    and its reading; ``already`` names the files passed over as imported before."""

    def __init__(self, ws: Workspace, database: str | None, skip_bad: bool, allow_reimport: bool, dry_run: bool,
                 columns: dict[str, str] | None = None):
        self.ws, self.database, self.skip_bad, self.columns = ws, database, skip_bad, columns
        self.allow_reimport, self.dry_run = allow_reimport, dry_run
        self.seen: dict[str, Path] = {}
        self.already: dict[str, str] = {}     # path → why it is passed over (imported before)
        self.again: set[str] = set()          # paths passed over or refused that AGAIN would import
        self.refusals: dict[str, AlreadyImported] = {}    # path → the refusal when no file is new
        self.repeats: dict[str, dict] = {}    # path → the earlier import its records are (not its bytes)

    def read(self, path: Path) -> _Planned:
        """The file read (a large RIS or MEDLINE file: opened to be streamed, and in a dry run
        streamed through for its counts), or why it is refused; raises unless ``skip_bad``."""
        skip_bad = self.skip_bad
        if path.is_dir():
            raise UsageError(f"{path} is a directory: give the export files themselves (e.g. {path}/*.ris)")
        if mistaken := review_file_given(path, Path(self.ws.path)):
            raise UsageError(mistaken)
        if not path.is_file():
            raise RecordParseError(STDIN_NOT_READ if str(path) == "-" else f"{path}: no such file", path=str(path))
        try:
            sha = file_sha256(path)
        except OSError as exc:
            error = RecordParseError(f"{path}: cannot read the file: {exc.strerror or exc}", path=str(path))
            if not skip_bad:
                raise error from None
            return path, "", None, str(error)
        blank = _is_blank(path)     # an empty export (no hits) is not "the same file" as another
        if sha in self.seen and not blank:
            earlier = self.seen[sha]
            message = (f"{path} is named twice; give each export once" if earlier.resolve() == path.resolve() else
                       f"{path} has the same content as {earlier}; give each export once")
            if not skip_bad:
                raise UsageError(message)
            return path, sha, None, message
        self.seen[sha] = path
        if not self.allow_reimport and not blank:
            row = self.ws.db.execute("SELECT id, path, at, records FROM imports WHERE sha256 = ? ORDER BY id LIMIT 1",
                                     (sha,)).fetchone()
            if row is not None:
                # what gets past it (remedy AGAIN) each front end says in its own words
                message = (f"{path}: this file was already imported (import {row['id']} of {row['path']} "
                           f"at {row['at']}, {row['records']} records)")
                # named and passed over, so that a command killed between files can be run again
                # as it was; refused below only when no file is new (with --skip-bad: refused, as
                # any file that cannot come in)
                if not skip_bad:
                    self.refusals[str(path)] = AlreadyImported(
                        f"{path}: this file was already imported", remedy=AGAIN, earlier=row["id"],
                        about={"import": str(row["id"]), "file": row["path"], "at": row["at"],
                               "records": str(row["records"])})     # said by each front end (the page: no path)
                    self.already[str(path)] = (f"already imported (import {row['id']} at {row['at']}, "
                                               f"{row['records']} records)")
                    self.again.add(str(path))      # each front end says how (FileImport.remedy)
                    return path, sha, None, message
                # with skip_bad, refused in the report as the already-imported are passed over in it
                self.again.add(str(path))
                return path, sha, None, message
        try:
            # (a table is never streamed: with --columns read_file says a large RIS is no table)
            streamed = None if self.columns else stream.open_streamed(path, self.database, skip_bad)
            if streamed is not None and self.dry_run:
                with gc_paused():
                    for _ in streamed:      # counted, not kept
                        pass
            result = streamed if streamed is not None else \
                read_file(path, database=self.database, skip_bad=skip_bad, columns=self.columns)
        except RecordParseError as exc:
            exc = strategy_instead(path, exc) or exc
            if not skip_bad:
                raise exc from None
            return path, sha, None, str(exc)
        if isinstance(result, ReadResult) and (warning := cut_short(result)) is not None:
            result.warnings.append(warning)
        if isinstance(result, ReadResult) and not self.allow_reimport and not blank:
            # other bytes, the same records (saved again with Windows line ends): as the same bytes,
            # refused unless --again; a dry run says it. A streamed file's records are not held to compare.
            repeat = earlier_import(self.ws, result.records)
            # `screener export`'s file of this very review read back: its studies would count again in PRISMA
            own = own_export(self.ws, result.records, path) if repeat is None else None
            if repeat is None and own is None:      # the same search exported again, in another format
                repeat = same_search(self.ws, result.records)
            if repeat is not None:
                self.repeats[str(path)] = repeat
                if not self.dry_run:
                    message = (f"{path}: {repeat_words(repeat)}: importing {counted_twice(repeat)} again would count "
                               f"{counted_twice(repeat)} twice")
                    if not skip_bad:
                        raise AlreadyImported(message, remedy=AGAIN)
                    return path, sha, None, message
            if own is not None:
                self.repeats[str(path)] = own
                if not self.dry_run:
                    message = (f"{path}: {own['words']}; importing it would count these studies again among the "
                               f"records identified: import the databases' own exports instead")
                    if not skip_bad:
                        raise AlreadyImported(message, remedy=AGAIN)
                    return path, sha, None, message
        return path, sha, result, ""

    def item(self, entry: _Planned) -> FileImport:
        """What is known of a file once read (a streamed file: once its records have gone by)."""
        path, sha, result, error = entry
        remedy = AGAIN if str(path) in self.again else None
        if str(path) in self.already:
            return FileImport(str(path), sha, "already imported", error=self.already[str(path)], remedy=remedy)
        if result is None:
            return FileImport(str(path), sha, "refused", error=error, remedy=remedy)
        return FileImport(str(path), sha, "checked" if self.dry_run else "imported", **_read_fields(result),
                          repeats=self.repeats.get(str(path)))


def _import_streaming(ws: Workspace, paths: list[Path], reading: _Reading, *, actor: str, after_file, before_write,
                      progress: Progress | None) -> ImportReport:
    """``import_files`` when a file is streamed: its records cannot all be held until every file
    has been read, so each file is stored as soon as it is read, and the command is one
    transaction — a refusal (of any file, or by ``before_write``) rolls back everything, as when
    nothing had been written. With ``skip_bad`` a file refused part way through is rolled back
    alone (a savepoint). ``progress`` hears one step, "importing": megabytes read of all files."""
    megabytes = [_size(path) / 1e6 for path in paths]
    files: list[FileImport] = []
    refused: list[RecordParseError] = []
    with gc_paused(), ws.transaction() as conn:
        for number, path in enumerate(paths):
            done_before = sum(megabytes[:number])
            if progress is not None:
                progress("importing", int(done_before), int(sum(megabytes)))
            # once a file is refused (without skip_bad) the command will write nothing: the others are
            # only read through, as in a dry run, so that every refused file is named
            reading.dry_run = reading.dry_run or bool(refused)
            try:
                entry = reading.read(path)
            except RecordParseError as exc:
                refused.append(exc)
                continue
            item = reading.item(entry)
            result = entry[2]
            if result is not None and not refused:
                def storing(n: int, done_before: float = done_before, result=result) -> None:
                    if progress is not None and isinstance(result, StreamedFile):
                        progress("importing", int(done_before + result.bytes_read / 1e6), int(sum(megabytes)))
                conn.execute("SAVEPOINT import_file")
                try:
                    _store(ws, entry, item, actor=actor, database=reading.database, after_file=after_file,
                           storing=storing)
                except RecordParseError as exc:
                    conn.execute("ROLLBACK TO import_file")
                    if not reading.skip_bad:
                        refused.append(exc)
                    item = FileImport(str(path), entry[1], "refused", error=str(exc))
                conn.execute("RELEASE import_file")
            files.append(item)
        if progress is not None:
            progress("importing", int(sum(megabytes)), int(sum(megabytes)))
        if refused:
            raise _refusal(refused, len(paths))          # the transaction rolls back: nothing written
        if reading.already and len(reading.already) == len(files):
            raise reading.refusals[files[0].path]      # nothing new: as before
        report = ImportReport(files)
        if before_write is not None:
            before_write(files)
        if reading.skip_bad and report.rejected_count:
            report.rejected_report = str(_write_rejected_report(ws, report))
    return report


def _store(ws: Workspace, entry: _Planned, item: FileImport, *, actor: str, database: str | None, after_file,
           storing, recheck: bool = False) -> None:
    """One file's ``imports`` row, its records and its ``import`` event, in one transaction (or
    the command's). A streamed file's counts and warnings are known once its records are stored:
    ``item`` and the row get them then. ``recheck``: refuse the file if another command imported
    the same bytes since it was read (checked again under the write lock)."""
    path, sha, result, _ = entry
    assert result is not None
    streamed = isinstance(result, StreamedFile)
    with ws.transaction() as conn:
        if recheck:
            _refuse_imported_meanwhile(conn, path, sha)
        cursor = conn.execute(
            "INSERT INTO imports (at, path, sha256, format, database, records, warnings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (utcnow(), str(path.resolve()), sha, result.format, result.database, item.records,
             json.dumps(item.warnings, ensure_ascii=False)))
        item.import_id = cursor.lastrowid
        records = result if isinstance(result, StreamedFile) else result.records
        item.source_record_ids = ws.add_source_records(records, import_id=item.import_id, actor=actor,
                                                       progress=storing)
        if streamed:
            for name, value in _read_fields(result).items():
                setattr(item, name, value)
            conn.execute("UPDATE imports SET database = ?, records = ?, warnings = ? WHERE id = ?",
                         (item.database, item.records, json.dumps(item.warnings, ensure_ascii=False), item.import_id))
        ws.log_event("import", actor, f"import:{item.import_id}", {
            "path": str(path), "sha256": sha, "format": result.format, "encoding": result.encoding,
            "database": result.database, "records": item.records,
            # what the records name, whatever database was given: the imports row has the database they
            # count under, and showing it as what they said hid a wrong label ('the records say: AMED')
            "records_named": result.named_database,
            "warnings": len(result.warnings), "rejected": len(result.rejected),
            "database_option": database, "search_query": result.search_query})
        if after_file is not None:
            after_file(conn, item)
    log.info("import %d: %s as %s (%s, %s): %d records, %d warnings, %d rejected", item.import_id, path.name,
             result.database, result.format, result.encoding, item.records, len(result.warnings),
             len(result.rejected))


def _refuse_imported_meanwhile(conn, path: Path, sha: str) -> None:
    """Two commands importing one export at once (two team members, a command run twice) both find it
    new when they read it; the one that writes second is refused here, as it would have been had it
    started after the other finished, instead of counting its records twice."""
    row = conn.execute("SELECT id, at, records FROM imports WHERE sha256 = ? ORDER BY id LIMIT 1", (sha,)).fetchone()
    if row is not None:
        raise AlreadyImported(f"{path}: this file was already imported, by another command while this one was "
                              f"reading it (import {row['id']} at {row['at']}, {row['records']} records), so not again here",
                              remedy=AGAIN, earlier=row["id"])


def _read_fields(result: ReadResult | StreamedFile) -> dict[str, Any]:
    """FileImport's fields that say how a file was read (a streamed file: once it has been)."""
    return {"format": result.format, "encoding": result.encoding, "database": result.database,
            "records_named": result.named_database,
            "records": result.count if isinstance(result, StreamedFile) else len(result.records),
            "warnings": [w.to_dict() for w in result.warnings], "rejected": [r.to_dict() for r in result.rejected],
            "search_query": result.search_query}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def canonical_database_name(ws: Workspace, given: str) -> str:
    """``--database`` as given (spaces trimmed), but spelled as the canonical name it differs from
    only in case ('embase' → 'Embase', 'cinahl' → 'CINAHL') or as the workspace already spells it
    ('lilacs' → 'LILACS'): one database must not appear twice in the PRISMA diagram. A name that
    says more ('Embase (Ovid)') is kept as written."""
    name = clean_space(given)
    known = list(KNOWN_DATABASES)
    for (existing,) in ws.db.execute("SELECT DISTINCT database FROM source_records"):
        known.append(existing)
    for existing in known:
        if existing and existing.casefold() == name.casefold():
            return existing
    return name


def _is_blank(path: Path) -> bool:
    """A file with nothing but white space: it imports zero records, so importing it again (or
    another database's empty export, which has the same bytes) cannot double anything."""
    try:
        size = path.stat().st_size
        return size == 0 or (size <= 4096 and not path.read_bytes().strip())
    except OSError:
        return False




def _write_rejected_report(ws: Workspace, report: ImportReport) -> Path:
    folder = Path(ws.path) / REJECTED_DIR
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"import-{stamp}.txt"
    lines = [f"# Records and files refused by `screener import --skip-bad` at {stamp}", ""]
    for item in report.files:
        if item.status == "refused":
            lines += [f"## {item.path}: whole file refused", f"   {item.error}", ""]
        for rejected in item.rejected:
            lines += [f"## {item.path}:{rejected['line']} (record {rejected['record_number']})",
                      f"   {rejected['message']}", "", rejected["raw"], ""]
    try:
        folder.mkdir(exist_ok=True)
        target.write_text("\n".join(lines), encoding="utf-8")
    except OSError as exc:
        raise WorkspaceError(f"cannot write the report of rejected records in {folder} "
                             f"({exc.strerror or exc}); nothing was imported") from None
    return target
