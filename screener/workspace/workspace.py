"""The review workspace: one directory, one settings file, one SQLite database.

Every capability reaches its state through a ``Workspace``. Writes happen inside
``transaction()`` (BEGIN IMMEDIATE, so concurrent writers queue instead of failing; within one
process they queue on a lock first), and every
state change is logged in ``events`` by ``log_event``.

``status`` imports the modules it counts with when called (each import says what it costs): every
command starts by opening a workspace, and importing them (and what they import) at the top
doubled the command line's start-up (0.13 -> 0.28 s of CPU, measured).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from screener.errors import WorkspaceError
from screener.output import shell_word
from screener.records.model import Record
from screener.workspace import db as dbmod
from screener.workspace.import_runs import interrupted_imports
from screener.workspace.pubmed_searches import PubMedSearches
from screener.workspace.settings import STAGES, Settings, load_settings, render_toml
from screener.workspace.store import store_source_records, stored_record

SETTINGS_FILE = "review.toml"
DATABASE_FILE = "review.db"


# Writers in one process queue on a Python lock per database before SQLite's write lock: SQLite's
# busy handler waits by sleeping in steps of up to 100 ms, which put the web app's 95th-percentile
# vote at 250 ms with three screeners; a lock hands over at once. Other processes still queue in
# SQLite (busy timeout). Reentrant, so a nested transaction on another connection of the same
# thread fails on SQLite's timeout as before instead of deadlocking here.
_WRITE_LOCKS: dict[str, threading.RLock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def _write_lock(key: str) -> threading.RLock:
    with _WRITE_LOCKS_GUARD:
        lock = _WRITE_LOCKS.get(key)
        if lock is None:
            lock = _WRITE_LOCKS[key] = threading.RLock()
        return lock


def _with_raw(row) -> Record:
    """A stored record: its JSON plus the verbatim text kept in the ``raw`` column."""
    return stored_record(row["record"], row["raw"])


def _not_a_workspace_hint(path: Path) -> str:
    """What to do with a folder that is not a review: the review inside it when there is one (the
    folder above it was named: `status demo-output`), `init` only where init would work (an empty folder)."""
    try:
        inside = sorted(p.parent for p in path.glob(f"*/{DATABASE_FILE}"))
        empty = not any(path.iterdir())
    except OSError:             # a folder this user may not list: say what to give, as for any other
        inside, empty = [], False
    if len(inside) == 1:
        return f"the review in it is {inside[0]}: give that"
    if inside:
        return f"the reviews in it are {', '.join(str(p) for p in inside[:5])}: give one of them"
    if empty:
        return f"create one here with `screener init {shell_word(path)}`"
    return ("give the review's folder (the one holding review.db and review.toml), or make a new review in an "
            "empty folder with `screener init NEWDIR`")


def _refuse_empty(db_path: Path) -> None:
    """A review.db of 0 bytes with no write-ahead log beside it holds nothing (a copy onto a full
    disk, a file emptied by a tool): SQLite would take it for a new database and the migrations
    would make a fresh, empty review in it, hiding the loss. ``init`` never leaves one: it closes
    its connection, which writes the database into the file."""
    try:
        empty = db_path.stat().st_size == 0
        wal = Path(f"{db_path}-wal")
        logged = wal.exists() and wal.stat().st_size > 0
    except OSError:         # not readable: SQLite says so when it opens the file
        return
    if empty and not logged:
        raise WorkspaceError(f"{db_path}: empty (0 bytes): the review's records and votes are not in it; "
                             "restore it from a backup (nothing was written to it)")


def _unfinished_init(db_path: Path) -> bool:
    """Whether review.db is what an init stopped before writing review.toml leaves: nothing in it
    but the migrations and the init event (or not even all of those)."""
    if not db_path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"file:{quote(str(db_path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "events" not in tables:
            return True
        return conn.execute("SELECT count(*) FROM events WHERE kind != 'init'").fetchone()[0] == 0
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _refuse_without_settings(path: Path) -> None:
    """review.db without review.toml: what to do depends on whether review.db holds a review."""
    if _unfinished_init(path / DATABASE_FILE):
        raise WorkspaceError(f"{path}: `screener init` did not finish here (review.db holds nothing yet and review.toml "
                             f"was never written); run `screener init {shell_word(path)}` again")
    raise WorkspaceError(f"{path / SETTINGS_FILE}: missing, but review.db beside it holds the review (its records, "
                         "votes and decisions): restore review.toml from a backup, or copy the review.toml of a new "
                         "`screener init` folder here and set its title, exclusion reasons and votes needed again")


class Workspace:
    """An open review. Create with ``Workspace.init(path)``, open with ``Workspace.open(path)``."""

    def __init__(self, path: Path, settings: Settings):
        self.path = Path(path)
        self.settings = settings
        self._local = threading.local()
        # The workspace's identity for per-process caches (the queue's state, the live ranker):
        # resolved once, not on every request.
        self.key = str(self.path.resolve())
        self._created_at: str | None = None

    # ---- creating and opening -------------------------------------------------------------

    @classmethod
    def init(cls, path: str | Path, title: str | None = None) -> Workspace:
        path = Path(path)
        # an init stopped before it wrote review.toml is finished by running it again
        unfinished = not (path / SETTINGS_FILE).exists() and _unfinished_init(path / DATABASE_FILE)
        if not unfinished and ((path / SETTINGS_FILE).exists() or (path / DATABASE_FILE).exists()):
            raise WorkspaceError(f"{path} is already a workspace; nothing was changed (`screener status {shell_word(path)}` "
                                 f"shows what it holds)")
        if path.exists() and not path.is_dir():
            raise WorkspaceError(f"{path}: exists and is not a directory; choose a new directory")
        leftovers = {DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm", SETTINGS_FILE + ".tmp"}
        if path.exists() and any(not (unfinished and p.name in leftovers) for p in path.iterdir()):
            raise WorkspaceError(f"{path}: directory is not empty; choose a new or empty directory")
        settings = Settings(title=title or path.name or "Untitled review")
        created_dir = not path.exists()
        try:
            path.mkdir(parents=True, exist_ok=True)
            conn = dbmod.connect(path / DATABASE_FILE)
            dbmod.migrate(conn)
            conn.execute("INSERT INTO events (at, actor, kind, subject, payload) VALUES (?, ?, ?, ?, ?)",
                         (dbmod.utcnow(), "owner", "init", "review",
                          json.dumps({"title": settings.title} | ({"finishing": "an init stopped before review.toml"}
                                                                  if unfinished else {}))))
            conn.close()
            # Settings last and atomically: a directory with review.toml is a finished workspace.
            tmp = path / (SETTINGS_FILE + ".tmp")
            tmp.write_text(render_toml(settings), encoding="utf-8")
            tmp.replace(path / SETTINGS_FILE)
        except BaseException as exc:
            for leftover in (DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm", SETTINGS_FILE + ".tmp"):
                try:
                    (path / leftover).unlink(missing_ok=True)
                except OSError:    # the path under a file, or not writable: nothing was made there
                    pass
            if created_dir:
                try:
                    path.rmdir()
                except OSError:
                    pass
            if isinstance(exc, OSError):   # a path under a file, no permission, a full disk: one line
                raise WorkspaceError(f"{path}: cannot create the workspace ({exc.strerror or exc}); "
                                     "choose a directory you can write to") from None
            raise
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path) -> Workspace:
        path = Path(path)
        if not path.exists():
            raise WorkspaceError(f"{path}: no such directory; create a workspace with `screener init {shell_word(path)}`")
        if not path.is_dir():
            # review.db or review.toml named (a shell completes them): the folder holding it is the workspace
            inside = f", the folder holding it: {path.parent}" if path.name in (DATABASE_FILE, SETTINGS_FILE) else ""
            raise WorkspaceError(f"{path}: not a directory; give the workspace directory{inside}")
        db_path = path / DATABASE_FILE
        if not db_path.exists():
            raise WorkspaceError(f"{path}: not a workspace (no {DATABASE_FILE}); {_not_a_workspace_hint(path)}")
        # review.db is never opened here but through SQLite (which tells a file that is not a
        # database, in dbmod.connect): closing any descriptor of it would drop every lock this
        # process's open connections hold, and another process could then delete the WAL under them.
        _refuse_empty(db_path)
        if not (path / SETTINGS_FILE).exists():
            _refuse_without_settings(path)
        settings = load_settings(path / SETTINGS_FILE)
        workspace = cls(path, settings)
        dbmod.migrate(workspace.db)
        return workspace

    # ---- database access -----------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections must not be shared across threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = dbmod.connect(self.path / DATABASE_FILE)
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested use joins the outer one."""
        conn = self.db
        if conn.in_transaction:
            yield conn
            return
        with _write_lock(self.key):
            try:
                dbmod.begin_write(conn, self.path)
            except sqlite3.OperationalError as exc:
                raise dbmod.storage_error(self.path, exc) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:      # SQLite rolls back by itself on a full disk
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise dbmod.storage_error(self.path, exc) from None
                raise

    @property
    def created_at(self) -> str:
        """When the workspace was made (its first event): with ``key``, what tells a workspace from
        one made again at the same path. Read once; per-process caches ask on every request."""
        if self._created_at is None:
            row = self.db.execute("SELECT at FROM events ORDER BY id LIMIT 1").fetchone()
            self._created_at = row[0] if row else ""
        return self._created_at

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def log_event(self, kind: str, actor: str = "owner", subject: str | None = None,
                  payload: dict[str, Any] | None = None) -> int:
        cursor = self.db.execute(
            "INSERT INTO events (at, actor, kind, subject, payload) VALUES (?, ?, ?, ?, ?)",
            (dbmod.utcnow(), actor, kind, subject, json.dumps(payload or {}, ensure_ascii=False)))
        return int(cursor.lastrowid or 0)      # set by every INSERT

    def last_event_id(self) -> int:
        """The newest event's id (0 before any): every change logs an event, so it tells whether
        anything changed since it was last read."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])

    def reload_settings(self) -> Settings:
        self.settings = load_settings(self.path / SETTINGS_FILE)
        return self.settings

    # ---- source records and studies ------------------------------------------------------

    def add_source_records(self, records: Iterable[Record], *, import_id: int | None = None,
                           search_id: int | None = None, actor: str = "owner",
                           progress: Callable[[int], None] | None = None) -> list[int]:
        """Store records verbatim, each as a new study of its own (dedupe merges them later), in
        bulk (``screener.workspace.store``); ``progress(n)`` hears how many are stored so far.

        The verbatim text goes in the ``raw`` column only (not again inside the ``record`` JSON, nor
        the tags a reader read from it alone); ``source_record`` and ``study_records`` put both back.

        Call inside ``transaction()`` so that a file's records land all together or not at all.
        """
        if not self.db.in_transaction:
            raise RuntimeError("add_source_records must run inside Workspace.transaction()")
        return store_source_records(self.db, records, import_id=import_id, search_id=search_id, actor=actor,
                                    progress=progress)

    def pubmed_searches(self) -> PubMedSearches:
        """The PubMed search's tables, for ``screener.search.pubmed`` (which sits below the workspace
        and so is handed them here rather than importing them)."""
        return PubMedSearches(self)

    def source_record(self, source_record_id: int) -> Record:
        row = self.db.execute("SELECT record, raw FROM source_records WHERE id = ?", (source_record_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"no source record {source_record_id}")
        return _with_raw(row)

    def study_records(self, study_id: int) -> list[tuple[int, Record]]:
        """The source records currently in a study, oldest first."""
        rows = self.db.execute(
            "SELECT s.id, s.record, s.raw FROM current_links c JOIN source_records s ON s.id = c.source_record_id"
            " WHERE c.study_id = ? ORDER BY s.id", (study_id,)).fetchall()
        return [(row["id"], _with_raw(row)) for row in rows]

    def source_records_with_studies(self) -> list[tuple[int, int | None, Record]]:
        """Every source record, oldest first, with the study it is in now (None when it is in none:
        its import was withdrawn), with their tags (a search may name a tag) and their raw text."""
        rows = self.db.execute("SELECT s.id, s.record, s.raw, c.study_id FROM source_records s LEFT JOIN "
                               "current_links c ON c.source_record_id = s.id ORDER BY s.id").fetchall()
        return [(row["id"], row["study_id"], _with_raw(row)) for row in rows]

    # ---- status ---------------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        q = self.db.execute
        searches = q("SELECT count(*) FROM searches").fetchone()[0]
        source_records = q("SELECT count(*) FROM source_records").fetchone()[0]
        studies = q("SELECT count(DISTINCT study_id) FROM current_links").fetchone()[0]
        # as the PRISMA diagram counts them: a relabel counts, a withdrawn import's records do not
        # lazy: imports.py brings 80 modules (the importer, dedup, rapidfuzz), 0.12 s for every command
        from screener.workspace.imports import records_per_database
        per_database = dict(sorted(records_per_database(self).items()))
        in_review = q("SELECT count(DISTINCT s.id) FROM source_records s"
                      " JOIN current_links c ON c.source_record_id = s.id").fetchone()[0]
        votes = self._current_vote_counts()
        reviewers = q("SELECT count(*) FROM reviewers").fetchone()[0]
        return {
            "workspace": str(self.path),
            "title": self.settings.title,
            "searches": searches,
            "unfinished_searches": self._unfinished_searches(),
            # when each started and its files: each front end words it (cli.common.interrupted_line)
            "interrupted_imports": [{"started_at": run["started_at"], "files": run["files"]}
                                    for run in interrupted_imports(self)],
            "imports": q("SELECT count(*) FROM imports").fetchone()[0],
            "source_records": source_records,
            "source_records_per_database": per_database,
            "withdrawn_records": source_records - in_review,
            "studies": studies,
            "duplicates_merged": in_review - studies,
            "reviewers": reviewers,
            "votes": votes,
            "decisions": self._decision_counts(),
            "schema_version": max(dbmod.applied_versions(self.db)),
        }

    def _unfinished_searches(self) -> list[dict[str, Any]]:
        """PubMed searches not finished: running now, or stopped part-way (a kill, a closed terminal),
        their fetched records staged and none imported until the same search is run again."""
        rows = self.db.execute(
            "SELECT q.id, q.count, q.started_at, (SELECT count(*) FROM pubmed_staged_records r WHERE r.search_id = q.id)"
            " FROM searches q WHERE q.status IN ('running', 'incomplete') ORDER BY q.id").fetchall()
        return [{"search": r[0], "count": r[1], "fetched": r[3], "started_at": r[2]} for r in rows]

    def _current_vote_counts(self) -> dict[str, int]:
        """Current votes per stage: each reviewer's latest vote per study, retractions and the
        votes a change superseded left out (they stay on record, in the audit export)."""
        # lazy: the screening rules bring 24 modules, 0.05 s for every command; only status counts votes
        from screener.workspace.screening import VoteBook  # the one reader of votes

        book = VoteBook(self)
        return {stage: sum(len(book.votes(sid, stage)) for sid in book.voted_studies()) for stage in STAGES}

    def _decision_counts(self) -> dict[str, dict[str, int]]:
        """Decided outcomes per stage; the screening rules own the derivation."""
        # lazy: the screening rules bring 24 modules, 0.05 s for every command; only status counts votes
        from screener.workspace import screening
        return screening.decision_counts(self)
