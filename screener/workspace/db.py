"""Opening review.db: WAL, foreign keys, busy timeout, and the migration runner."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from screener.clock import utcnow  # noqa: F401 (the workspace's modules take it from here)
from screener.errors import FREE_SPACE, RETRY, WRITABLE, WorkspaceError
from screener.version import __version__
from screener.workspace.migrations import Migration, all_migrations

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 30_000
BUSY_NOTICE_MS = 500          # a writer waiting longer than this says so (a silent 30 s looks hung)
SQLITE_INTEGER_MAX = 2 ** 63 - 1     # a larger number in a query raises OverflowError
# An import is one transaction, so its whole size passes through the write-ahead log (about 7 GB for
# 10^6 records); without a limit the log file keeps that size for as long as any connection is
# open (the web app's are), after the checkpoint has copied it into review.db. With one, the next
# write after the checkpoint cuts it back to this.
WAL_SIZE_LIMIT = 64 * 1024 * 1024
# The page size of a new review.db (SQLite's default is 4,096 bytes). A source record is stored with
# its verbatim text and its JSON, about 5 KB together for a Scopus RIS record, so on 4 KB pages nearly
# every record spilled onto an overflow page, and every page goes through the write-ahead log and the
# checkpoint one write call at a time (for the RIS benchmark case of 10,200 records: 70 MB, ~17,000
# pages, each written twice). On 32 KB pages storing that case took 0.85-0.93 s of CPU instead of
# 1.17-1.43 s (three runs each, side by side, load ~1), its system CPU halved; a vote, which writes a
# few pages, took 0.3 ms instead of 0.2 ms (benchmarks/screening.py); an empty workspace is 2.6 MB, not
# 0.35 MB (one page a table or index at least). It counts only when the file is
# created: an existing workspace keeps the page size it was made with.
PAGE_SIZE = 32768
# The page cache of a connection storing records in bulk (KiB; SQLite's default is 2,000, 64 of our
# 32 KB pages). A new record goes in at a random place of the free-text, title and identifier
# indexes; with the default cache, once those indexes outgrow it, each chunk read their pages back
# from the write-ahead log and wrote them out again. Importing 100,000 records (the scale benchmark's
# CSV) into a workspace of 200,000 took 12.8-14.5 s of CPU, 3.1-3.3 s of it system time; with 64 MB
# 10.1-10.8 s, 1.3-1.4 s system (three runs each, alternated, load 8-11). Only for that write: a web
# app's connections keep the default.
BULK_CACHE_KIB = 64 * 1024
# SQLite copies the write-ahead log into review.db after a commit leaves it this long (its default is
# 1,000 pages, which was 4 MB on 4 KB pages); counted in pages, so set from the file's own page size
CHECKPOINT_BYTES = 4 * 1024 * 1024
# Less free room than this where review.db lies is a full disk: opening needs the write-ahead log's
# index (32 KB) and a page or two of log
DISK_FULL_BYTES = 256 * 1024


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode; writers use ``transaction()`` (BEGIN IMMEDIATE)."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")    # before WAL mode writes the first page
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute(f"PRAGMA wal_autocheckpoint = {max(1, CHECKPOINT_BYTES // page_size)}")
    except sqlite3.DatabaseError as exc:
        if _read_only(path, exc):
            log.info("%s cannot be written (%s): opened read-only", path, exc)
            return _connect_read_only(path)
        if _disk_full(path):
            raise WorkspaceError(f"{path}: the disk holding it is full, so SQLite cannot open it (it needs room for "
                                 f"its write-ahead log beside it); free some space and run the command again — "
                                 "the review was not changed") from None
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise WorkspaceError(f"{path}: not an SQLite database; restore it from a backup") from None
        raise WorkspaceError(f"{path}: not a usable SQLite database ({exc}); "
                             f"restore it from a backup or start a new workspace") from None
    if mode.lower() != "wal":
        raise WorkspaceError(f"{path}: could not switch to WAL mode (got {mode}); "
                             f"is the file on a network drive?")
    return conn


def _disk_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has no room for the write-ahead log's files (SQLite says
    only 'disk I/O error' when it cannot make them)."""
    try:
        return shutil.disk_usage(path.parent).free < DISK_FULL_BYTES
    except OSError:
        return False


def can_write(path: Path) -> bool:
    """Whether this user may write review.db at ``path`` and make the log files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only(path: Path, exc: sqlite3.DatabaseError) -> bool:
    """Whether opening failed because the file or its folder cannot be written (an intact
    workspace on a read-only disk, a backup copy, another user's files)."""
    text = str(exc)
    return ("readonly" in text or "unable to open" in text or "read-only" in text) and not can_write(path)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection: SQLite's read-only mode, or, when the WAL's shared-memory file
    cannot be made beside it, the file taken as unchanging (nobody can write it anyway). Writes
    through it fail with 'readonly', which ``storage_error`` turns into one line."""
    uri = "file:" + quote(str(path.resolve()))
    last: Exception | None = None
    for options in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(uri + options, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError as exc:
            last = exc
    raise WorkspaceError(f"{path}: cannot be read ({last}); check the file's permissions") from None


def storage_error(path: Path, exc: sqlite3.OperationalError) -> Exception:
    """A write the storage refused, as one line (WorkspaceError: exit 1, HTTP 503) whose remedy each
    front end words (errors.RETRY, FREE_SPACE, WRITABLE); any other OperationalError is returned
    unchanged (a bug, shown as one)."""
    text = str(exc)
    if "disk is full" in text or "disk I/O error" in text:
        return WorkspaceError(f"{path}: the disk is full (or failing): nothing of this change was written",
                              remedy=FREE_SPACE)
    if "readonly" in text or "read-only" in text:
        return WorkspaceError(f"{path}: the workspace is read-only: this change was not written", remedy=WRITABLE)
    if "database is locked" in text:
        # SQLite waited BUSY_TIMEOUT_MS for another process's write (a long import in another
        # terminal, the web app) and gave up: a traceback before
        return WorkspaceError(f"{path}: another process is writing to this review (an import, dedupe or the web "
                              f"app?) and did not finish within {BUSY_TIMEOUT_MS / 1000:g} s; nothing was "
                              "changed", remedy=RETRY)
    return exc


def begin_write(conn: sqlite3.Connection, path: Path) -> None:
    """BEGIN IMMEDIATE, waiting up to BUSY_TIMEOUT_MS for another process's write; past
    BUSY_NOTICE_MS a warning says what it waits for (stderr on the command line, the server's log
    on the web). Raises sqlite3.OperationalError as BEGIN does."""
    if BUSY_NOTICE_MS >= BUSY_TIMEOUT_MS:
        conn.execute("BEGIN IMMEDIATE")
        return
    conn.execute(f"PRAGMA busy_timeout = {BUSY_NOTICE_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as exc:
        if "database is locked" not in str(exc):
            raise
        log.warning("%s: another process is writing to this review (an import, dedupe or the web app?); waiting "
                    "up to %g s for it to finish …", path, BUSY_TIMEOUT_MS / 1000)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS - BUSY_NOTICE_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def _recorded_versions(conn: sqlite3.Connection) -> set[int]:
    """The migrations recorded as applied, read without the write lock (none on a new file)."""
    try:
        return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return set()
        raise


def _database_path(conn: sqlite3.Connection) -> Path:
    return Path(conn.execute("PRAGMA database_list").fetchone()[2])


def damage_error(path: Path, exc: sqlite3.DatabaseError) -> WorkspaceError | None:
    """The database file damaged inside (a failing disk, a copy cut short): one line saying so,
    or None when SQLite's own check finds the file whole (the error was something else)."""
    if "malformed" in str(exc) or "not a database" in str(exc):
        return WorkspaceError(f"{path}: damaged ({exc}); restore it from a backup")
    return _checked_damage(path)


def _checked_damage(path: Path) -> WorkspaceError | None:
    """SQLite's own check of the file (on the paths where something already looks wrong: it reads
    every page)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            found = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as checking:
        found = str(checking)
    if found == "ok":
        return None
    first = found.replace("*** in database main ***", "").strip().splitlines()[0]
    return WorkspaceError(f"{path}: damaged (SQLite's check: {first}); restore it from a backup")


def _refuse_newer(conn: sqlite3.Connection, migrations: list[Migration], recorded: set[int]) -> None:
    """A database a newer screener has migrated: this one does not know its layout, and writing to it
    could break what the newer one relies on, so nothing is done."""
    newest = max(m.version for m in migrations)
    unknown = sorted(v for v in recorded if v > newest)
    if not unknown:
        return
    names = {row[0]: row[1] for row in conn.execute(
        f"SELECT version, name FROM schema_migrations WHERE version > {newest} ORDER BY version")}
    listed = ", ".join(f"m{v:03d}_{names.get(v, '?')}" for v in unknown)
    # garbage read as migration numbers is a damaged file, not a newer screener's
    damaged = _checked_damage(_database_path(conn))
    if damaged is not None:
        raise damaged
    raise WorkspaceError(f"{_database_path(conn)}: made by a newer screener (its database has {listed}, which "
                         f"screener {__version__} does not know); upgrade screener (pip install --upgrade "
                         "screener) to open it; nothing was changed")


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every missing migration, each in its own transaction. Returns the names applied.

    A database damaged inside, or one that makes a write fail (a full disk), is one line
    (WorkspaceError), never SQLite's own error: the migrations are the first thing every command
    does with review.db."""
    try:
        return _migrate(conn)
    except sqlite3.DatabaseError as exc:
        path = _database_path(conn)
        if isinstance(exc, sqlite3.OperationalError):
            refused = storage_error(path.parent, exc)
            if refused is not exc:
                raise refused from None
        raise (damage_error(path, exc) or exc) from None


def _migrate(conn: sqlite3.Connection) -> list[str]:
    applied = []
    # Only a missing migration takes the write lock: every command opens the workspace through
    # here, and one that only reads (status, an export) waited behind another process's write.
    recorded = _recorded_versions(conn)
    migrations = all_migrations()
    _refuse_newer(conn, migrations, recorded)
    for migration in migrations:
        if migration.version in recorded:
            continue
        # Re-read inside the write lock: another process may be migrating the same file.
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise storage_error(_database_path(conn).parent, exc) from None
        try:
            if migration.version in applied_versions(conn):
                conn.execute("ROLLBACK")
                continue
            try:
                for statement in _statements(migration.sql):
                    conn.execute(statement)
            except sqlite3.OperationalError as exc:
                if "readonly" in str(exc):
                    raise WorkspaceError(f"the workspace is read-only and its database needs upgrading "
                                         f"(m{migration.version:03d}_{migration.name}): open it once where "
                                         "it can be written") from None
                raise
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                         (migration.version, migration.name, utcnow()))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:      # SQLite rolls back by itself on a full disk
                conn.execute("ROLLBACK")
            raise
        applied.append(f"m{migration.version:03d}_{migration.name}")
        log.info("applied migration %s", applied[-1])
    return applied


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit our transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]}")
    return statements


@contextmanager
def bulk_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """``conn``'s page cache raised to ``BULK_CACHE_KIB`` for a bulk write, then put back as it was
    (SQLite frees the pages above the smaller size)."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {before}")
