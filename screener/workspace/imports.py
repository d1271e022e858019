"""Imports as PRISMA-S records them, and correcting an import without deleting anything.

Each import (one export file) carries what PRISMA-S asks of a search: the database, the platform or
interface it was searched on, the date searched, the strategy exactly as run, date coverage, limits
and notes. They are rows of ``import_metadata`` (migration m007), newest per import wins, so a
relabel is a new row and the old description stays on record. The strategy as run can be one of the
review's saved strategy versions (``strategy_version``: its id or label, m019): the row then keeps
the version's text verbatim and names the version, and the PRISMA-S report cites it. Withdrawing an import takes its
records out of the review's studies (``study_links`` rows of kind 'withdraw'); restoring puts each
back where it was. Both are events in the audit log and can be undone.

The CLI (``screener import``, ``screener imports``) and the web app (``/api/imports``, the imports
page) call these functions and nothing else.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.errors import (
    DATABASE,
    LIST_IMPORTS,
    PLATFORM_GIVEN,
    DatabaseNotNamed,
    NotFoundError,
    RecordParseError,
    ScreeningError,
    UsageError,
)
from screener.output import did_you_mean
from screener.records.base import KNOWN_DATABASES, canonical_database
from screener.records.csv_columns import chosen_in
from screener.records.textio import file_sha256
from screener.workspace.date_searched import date_searched
from screener.workspace.db import utcnow
from screener.workspace.dedupe import votes_left_behind
from screener.workspace.importer import canonical_database_name, import_files
from screener.workspace.platforms import platform_given
from screener.workspace.search_index import deferred_search_index
from screener.workspace.strategies import find_version, get_version

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

# The PRISMA-S fields of an import, in the order pages and reports show them.
FIELDS = ("database", "platform", "searched_on", "strategy", "strategy_file", "coverage", "limits", "notes")
FIELD_LABELS = {
    "database": "Database", "platform": "Platform / interface", "searched_on": "Date searched",
    "strategy": "Strategy as run", "strategy_file": "Strategy file", "coverage": "Date coverage",
    "limits": "Limits", "notes": "Notes",
}
STRATEGY_VERSION = "strategy_version"    # not a text field: a saved version's id or label, given instead of the text
_MAX_LENGTH = {"strategy": 200_000, "notes": 20_000}
_DEFAULT_MAX = 2_000
EXPORTS_DIR = "exports"          # uploaded export files are kept here, verbatim


def check_metadata(fields: dict[str, Any], *, partial: bool = False) -> dict[str, str]:
    """The metadata fields checked and cleaned (UsageError names the field and what to write).
    Unknown fields are refused; ``partial`` (a relabel) keeps only the fields given."""
    out: dict[str, str] = {}
    for key, value in fields.items():
        if key not in FIELDS:
            raise UsageError(f"unknown import field {key!r}; the fields are: {', '.join(FIELDS)}")
        if value is None:
            if partial:
                continue
            value = ""
        if not isinstance(value, str):
            raise UsageError(f"'{key}' must be text, not {value!r}", field=key)
        # the strategy is kept verbatim (line ends normalised only); other fields are one line
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if key != "strategy":
            value = " ".join(value.split()) if key != "notes" else value.strip()
        limit = _MAX_LENGTH.get(key, _DEFAULT_MAX)
        if len(value) > limit:
            raise UsageError(f"'{key}' is {len(value):,} characters long; at most {limit:,} are kept", field=key)
        if key == "database" and (named := platform_given(value)):
            databases = named["databases"]
            instead = (f"the database is {databases}" if "," not in databases else
                       f"the database is the one searched on it ({databases})")
            raise UsageError(f"database {value!r} is the platform searched, not a database: {instead}, the platform "
                             f"{named['platform']}", remedy=PLATFORM_GIVEN, about={**named, "given": value})
        if key == "searched_on" and value:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise UsageError(f"searched_on {value!r}: write the date searched as YYYY-MM-DD, e.g. 2026-11-30",
                                 field="searched_on")
            try:
                day = date.fromisoformat(value)
            except ValueError:
                raise UsageError(f"searched_on {value!r} is not a date of the calendar; write YYYY-MM-DD",
                                 field="searched_on") from None
            if day > date.today():
                raise UsageError(f"searched_on {value} is in the future; give the day the search was run",
                                 field="searched_on")
        out[key] = value
    return out


# Platforms whose exports name, record by record, a database the platform's own database covers: the
# search ran on the first; the others are its records' sources (Embase.com tags MEDLINE-covered
# records 'MEDLINE'). Such a file counts under the database searched unless the owner says otherwise.
SEARCHED_WITHIN = {frozenset({"Embase", "MEDLINE"}): "Embase"}
# Names an export's records may give that are the platform searched, not a database (EBSCOhost's CSV has no
# database column): PRISMA-S counts records per database, so the web page asks for the database.
PLATFORMS_NOT_DATABASES = frozenset({"EBSCOhost", "Ovid", "ProQuest"})


def searched_database(names: str) -> str:
    """The database that was searched, for a file whose records name ``names`` ('Embase, MEDLINE'),
    or '' when the records do not tell."""
    found = frozenset(n.strip() for n in names.split(",") if n.strip())
    if len(found) == 1 and "unknown" not in found:
        return next(iter(found))
    return SEARCHED_WITHIN.get(found, "")


def platform_named(names: str) -> str:
    """The platform a file's records name in place of a database ('EBSCOhost': its CSV has no
    database column), or '' when they name a database. Such records are not counted under the
    platform: the import needs the database searched on it (every surface asks, by this rule)."""
    named = searched_database(names)
    return named if named in PLATFORMS_NOT_DATABASES else ""


def platform_refusal(name: str, platform: str, how: str = "") -> str:
    """What is said of a file whose records name only ``platform`` when no database was given;
    ``how`` says where the database is given (a front end's words for DATABASE: ' with --database NAME')."""
    return (f"{name}: the records name {platform}, the platform they were exported from, not the database searched "
            f"on it (PRISMA counts records per database): give the database searched on {platform} (CINAHL, "
            f"APA PsycInfo, …){how}")


def _database_spelling(ws: Workspace, name: str) -> str:
    return canonical_database_name(ws, name) if name else ""


# ---- reading ------------------------------------------------------------------------------------

def _current_rows(ws: Workspace) -> dict[int, Any]:
    rows = ws.db.execute(
        "SELECT m.* FROM import_metadata m WHERE m.id = (SELECT max(id) FROM import_metadata n"
        " WHERE n.import_id = m.import_id)").fetchall()
    return {row["import_id"]: row for row in rows}


def _version_label(ws: Workspace, version_id: int | None) -> dict[str, Any] | None:
    """The saved version an import's strategy is, without its text (the import keeps the text)."""
    if version_id is None:
        return None
    return {k: v for k, v in get_version(ws, version_id).items() if k != "text"}


def _records_named(ws: Workspace, import_id: int | None = None) -> dict[int, str]:
    """``{import id: the database(s) its records name}``, from the import events that say (imports
    before that have only the database the records count under)."""
    where, args = ("AND subject = ?", (f"import:{import_id}",)) if import_id is not None else ("", ())
    rows = ws.db.execute("SELECT subject, json_extract(payload, '$.records_named') FROM events WHERE kind = 'import'"
                         f" AND json_extract(payload, '$.records_named') IS NOT NULL {where}", args)
    return {int(subject.split(":", 1)[1]): named for subject, named in rows if subject and ":" in subject}


def _describe(ws: Workspace, row, meta, named: dict[int, str]) -> dict[str, Any]:
    warnings = json.loads(row["warnings"] or "[]")
    # a table read with the user's column choice says so in the list: whoever comes back to the
    # review can tell a title was read from a column named 'Heading' without reading the warnings
    data = {"id": row["id"], "at": row["at"], "file": Path(row["path"]).name, "path": row["path"],
            "sha256": row["sha256"], "format": row["format"], "records": row["records"],
            "records_database": named.get(row["id"], row["database"]), "warnings": len(warnings),
            "columns": chosen_in(warnings), "withdrawn": bool(meta["withdrawn"]) if meta is not None else False}
    for key in FIELDS:
        data[key] = meta[key] if meta is not None else ""
    data[STRATEGY_VERSION] = _version_label(ws, meta["strategy_version_id"] if meta is not None else None)
    # what PRISMA counts the records under: the database the owner gave, else what the records say
    data["counted_as"] = data["database"] or row["database"]
    # the records name another database than they count under (PsycINFO records labelled AMED); an
    # Embase export's MEDLINE-covered records ('Embase, MEDLINE') under Embase are no such case
    said = searched_database(data["records_database"])
    data["records_say_otherwise"] = bool(said) and not same_database(said, data["counted_as"])
    data.update(date_searched(data["searched_on"], row["at"]))
    return data


def list_imports(ws: Workspace) -> list[dict[str, Any]]:
    """Every import, oldest first, with its current metadata and whether it is withdrawn."""
    current = _current_rows(ws)
    named = _records_named(ws)
    return [_describe(ws, row, current.get(row["id"]), named) for row in
            ws.db.execute("SELECT * FROM imports WHERE search_id IS NULL ORDER BY id")]


def imported_paths(ws: Workspace) -> dict[Path, int]:
    """The file each import was read from (as resolved when imported), with the import's id; PubMed
    searches run from screener have no file. Withdrawn imports too: the file is still the evidence."""
    return {Path(path): import_id for import_id, path in
            ws.db.execute("SELECT id, path FROM imports WHERE search_id IS NULL ORDER BY id")}


def get_import(ws: Workspace, import_id: int) -> dict[str, Any]:
    if not isinstance(import_id, int) or isinstance(import_id, bool) or not 0 < import_id < 2 ** 62:
        raise NotFoundError(f"no import {import_id!r}", remedy=LIST_IMPORTS)
    row = ws.db.execute("SELECT * FROM imports WHERE id = ? AND search_id IS NULL", (import_id,)).fetchone()
    if row is None:
        known = [str(r[0]) for r in ws.db.execute("SELECT id FROM imports WHERE search_id IS NULL ORDER BY id")]
        hint = f"the imports are {', '.join(known)}" if known else "nothing was imported yet"
        raise NotFoundError(f"no import {import_id} in this review ({hint})")
    meta = ws.db.execute("SELECT * FROM import_metadata WHERE import_id = ? ORDER BY id DESC LIMIT 1",
                         (import_id,)).fetchone()
    return _describe(ws, row, meta, _records_named(ws, import_id))


def import_history(ws: Workspace, import_id: int) -> list[dict[str, Any]]:
    """Every description the import had, oldest first (who changed what, when)."""
    get_import(ws, import_id)
    return [{"at": r["at"], "actor": r["actor"], "change": r["change"], "withdrawn": bool(r["withdrawn"]),
             **{k: r[k] for k in FIELDS}, "strategy_version_id": r["strategy_version_id"]}
            for r in ws.db.execute("SELECT * FROM import_metadata WHERE import_id = ? ORDER BY id", (import_id,))]


def database_of_imports(ws: Workspace) -> dict[int, str]:
    """``{import id: database}`` for imports whose owner named the database searched."""
    return {iid: row["database"] for iid, row in _current_rows(ws).items() if row["database"]}


def record_databases(ws: Workspace) -> dict[int, str]:
    """``{source record id: database}`` for the records of imports whose owner named the database
    searched (a relabel counts); other records keep the database they name."""
    out: dict[int, str] = {}
    for import_id, database in database_of_imports(ws).items():
        for (record_id,) in ws.db.execute("SELECT id FROM source_records WHERE import_id = ?", (import_id,)):
            out[record_id] = database
    return out


def import_of_record(ws: Workspace, source_record_id: int) -> int | None:
    """The import a source record came from (None for a record a search imported, or no such record)."""
    row = ws.db.execute("SELECT import_id FROM source_records WHERE id = ?", (source_record_id,)).fetchone()
    return row[0] if row is not None else None


def import_warnings(ws: Workspace, import_id: int) -> list:
    """The warnings reading the import's files gave (``[]`` for an import that does not exist)."""
    row = ws.db.execute("SELECT warnings FROM imports WHERE id = ?", (import_id,)).fetchone()
    return json.loads(row[0] or "[]") if row else []


def stated_queries(ws: Workspace) -> dict[int, str]:
    """``{import id: query}`` for exports that state the search they came from (the import event
    keeps it)."""
    out: dict[int, str] = {}
    for subject, payload in ws.db.execute("SELECT subject, payload FROM events WHERE kind = 'import'"):
        query = json.loads(payload or "{}").get("search_query")
        if query and subject and subject.startswith("import:"):
            out[int(subject.split(":", 1)[1])] = query
    return out


def records_per_database(ws: Workspace) -> dict[str, int]:
    """Records identified per database, as PRISMA counts them: every source record still in the
    review (withdrawn imports left out), under its import's database as the owner gave it (a relabel
    counts), else under the database the record names."""
    relabel = database_of_imports(ws)
    counts: dict[str, int] = {}
    for import_id, database, n in ws.db.execute(
            "SELECT s.import_id, s.database, count(*) FROM source_records s"
            " JOIN current_links c ON c.source_record_id = s.id GROUP BY s.import_id, s.database"):
        name = relabel.get(import_id, database) if import_id is not None else database
        counts[name] = counts.get(name, 0) + n
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


# ---- writing ------------------------------------------------------------------------------------

def _insert(ws: Workspace, import_id: int, actor: str, change: str, fields: dict[str, str], withdrawn: bool,
            version_id: int | None = None) -> None:
    ws.db.execute(
        "INSERT INTO import_metadata (import_id, at, actor, change, database, platform, searched_on, strategy,"
        " strategy_file, coverage, limits, notes, withdrawn, strategy_version_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (import_id, utcnow(), actor, change, *(fields.get(k, "") for k in FIELDS), int(withdrawn), version_id))


def _chosen_version(ws: Workspace, fields: dict[str, Any], *, current: str | None = None) -> dict[str, Any] | None:
    """Take ``strategy_version`` out of ``fields`` (the metadata as given) and, when it names a saved
    version, put that version's text in as the strategy. A strategy text given too must be that text
    (or, in a correction, the import's ``current`` strategy, left as it was): two different strategies
    for one search is refused rather than one silently winning."""
    ref = fields.pop(STRATEGY_VERSION, None)
    if ref is None or (isinstance(ref, str) and not ref.strip()):
        return None
    version = find_version(ws, ref)
    given = fields.get("strategy")
    if isinstance(given, str):
        given = given.replace("\r\n", "\n").replace("\r", "\n")
        if given.strip() and given.strip() != version["text"].strip() and given != current:
            raise UsageError(f"both a strategy text and the saved version {version['label']} were given, and they "
                             f"differ; give one of them (the saved version's text is kept verbatim)")
    fields["strategy"] = version["text"]
    fields["strategy_file"] = ""
    return version


def import_exports(ws: Workspace, paths, *, metadata: dict[str, Any] | None = None, actor: str = "owner",
                   skip_bad: bool = False, allow_reimport: bool = False, dry_run: bool = False,
                   allow_empty: bool = True, progress=None, columns: dict[str, str] | None = None):
    """Import export files with their PRISMA-S metadata (the same for every file of the call).

    The metadata is checked before any file is read; each file lands in one transaction with its
    ``import_metadata`` row. ``allow_empty=False`` refuses a file with no records (the web app:
    an empty upload is far more often a wrong file than a search that found nothing).
    Returns the importer's report; ``import_hints`` says what to add. ``progress``: as
    ``import_files`` takes it (the CLI's progress bar). ``columns``: which column of a table holds
    which field (``screener.records.csv_columns``), for every table among the files.
    """
    fields = dict(metadata or {})
    version = _chosen_version(ws, fields)
    fields = check_metadata(fields)
    version_id = version["id"] if version else None
    database = fields.get("database") or None
    if database:
        fields["database"] = database = _database_spelling(ws, database)

    def record_metadata(conn, item) -> None:
        given = dict(fields)
        if not given.get("database") and ", " in item.database:
            # an Embase.com export: its MEDLINE-covered records count under Embase, the database searched
            given["database"] = searched_database(item.database)
        if not given.get("platform") and (platform := platform_named(item.records_named)):
            # the records name the platform searched (EBSCOhost's CSV): PRISMA-S asks for it, so keep it,
            # as the web page fills it in
            given["platform"] = platform
        item.platform = given.get("platform", "")
        _insert(ws, item.import_id, actor, "import", given, False, version_id)

    def refuse_before_writing(files) -> None:
        """Every file is read before this runs and nothing is written yet."""
        for item in files:
            if not allow_empty and item.status not in ("refused", "already imported") and item.records == 0:
                raise RecordParseError(f"{Path(item.path).name}: no records in this file (an empty export or not "
                                       "an export at all); check that you chose the right file. Nothing was imported",
                                       path=item.path)
        if dry_run or database:
            return                # a dry run says it among its hints (import_hints), as the page's preview does
        for item in files:
            if item.status not in ("refused", "already imported") and item.records and \
                    (platform := platform_named(item.records_named)):
                others = f" from the {len(files)} files (import it on its own)" if len(files) > 1 else ""
                raise DatabaseNotNamed(platform_refusal(Path(item.path).name, platform), remedy=DATABASE,
                                       after=f"; nothing was imported{others}")

    report = import_files(ws, paths, database=database, skip_bad=skip_bad, actor=actor,
                          allow_reimport=allow_reimport, dry_run=dry_run, after_file=record_metadata,
                          before_write=refuse_before_writing, progress=progress, columns=columns)
    if dry_run:      # the importer logs each file it stores; a dry run stores none, so it is said here
        for item in report.files:
            if item.status == "checked":
                log.info("dry run: %s as %s (%s, %s): %d records, %d warnings, %d rejected; nothing written",
                         Path(item.path).name, database or item.database, item.format, item.encoding, item.records,
                         len(item.warnings), len(item.rejected))
            else:
                log.info("dry run: %s %s: %s", Path(item.path).name, item.status, item.error)
    return report


# names of one database as records and people write them: PubMed's exports are MEDLINE searched
SAME_DATABASE = (frozenset({"MEDLINE", "PubMed"}),)


def same_database(named: str, given: str) -> bool:
    # records naming only their platform (EBSCOhost) name no database the one given could contradict;
    # a name given as people write it in full ('APA PsycInfo', 'Web of Science Core Collection') is the
    # database the records name as the readers spell it (records.base.canonical_database)
    given = canonical_database(given) or given
    return (named == given or "unknown" in (named, given) or named in PLATFORMS_NOT_DATABASES
            or frozenset({named, given}) in SAME_DATABASE)


def relabel_import(ws: Workspace, import_id: int, changes: dict[str, Any], *, actor: str = "owner") -> dict[str, Any]:
    """Change an import's database or metadata: a new metadata row and an ``import_relabel`` event
    naming what changed from what. Changing nothing is refused (nothing to record)."""
    before = get_import(ws, import_id)
    fields = dict(changes)
    version = _chosen_version(ws, fields, current=before["strategy"])
    fields = check_metadata(fields, partial=True)
    if not fields:
        raise UsageError(f"nothing to change on import {import_id}; give one of: {', '.join(FIELDS)}, "
                         f"{STRATEGY_VERSION}")
    if fields.get("database"):
        fields["database"] = _database_spelling(ws, fields["database"])
    after = {k: before[k] for k in FIELDS}
    after.update(fields)
    old_version = before[STRATEGY_VERSION]
    if version is not None:
        new_version: dict[str, Any] | None = version
    else:   # the link stays while the text is the version's; an edited text is no saved version
        new_version = old_version if after["strategy"] == before["strategy"] else None
    changed = {k: {"from": before[k], "to": after[k]} for k in FIELDS if before[k] != after[k]}
    if (old_version or {}).get("id") != (new_version or {}).get("id"):
        changed[STRATEGY_VERSION] = {"from": old_version["label"] if old_version else "",
                                     "to": new_version["label"] if new_version else ""}
    if not changed:
        return {**before, "changed": {}, "recorded": False, "hints": []}
    with ws.transaction():
        _insert(ws, import_id, actor, "relabel", after, before["withdrawn"], new_version["id"] if new_version else None)
        ws.log_event("import_relabel", actor, f"import:{import_id}", {"changed": changed})
    now = get_import(ws, import_id)
    return {**now, "changed": changed, "recorded": True,
            "hints": _relabel_hints(now) if "database" in changed else []}


def _relabel_hints(item: dict[str, Any]) -> list[str]:
    """What a correction's new database name should be told, as an import's is: a slip for a known
    name ('PsychInfo'), or a name the records do not say (taken silently before: a new row in the
    PRISMA counts)."""
    given, named = item["database"], searched_database(item["records_database"])
    if given not in KNOWN_DATABASES and (mean := did_you_mean(given, KNOWN_DATABASES)):
        return [f"{given!r} is not a database name screener knows{mean}; the records count under the name given: "
                f"if it was a slip, correct it again"]
    if named and not same_database(named, given):
        return [f"the records name {named}, not {given}; they count under {given}, as given"]
    return []


def withdraw_import(ws: Workspace, import_id: int, *, actor: str = "owner", note: str = "") -> dict[str, Any]:
    """Take an import's records out of the review's studies (PRISMA counts follow). Nothing is
    deleted: each record gets a 'withdraw' membership row, and ``restore_import`` undoes it."""
    with ws.transaction() as conn:
        before = get_import(ws, import_id)
        if before["withdrawn"]:
            raise ScreeningError(f"import {import_id} ({before['file']}) is already withdrawn; restore it to "
                                 f"bring its records back")
        now = utcnow()
        links = conn.execute("SELECT c.source_record_id, c.study_id FROM source_records s JOIN current_links c"
                             " ON c.source_record_id = s.id WHERE s.import_id = ? ORDER BY s.id", (import_id,)).fetchall()
        with deferred_search_index(conn):
            conn.executemany("INSERT INTO study_links (at, source_record_id, study_id, kind, actor, reason)"
                             " VALUES (?, ?, ?, 'withdraw', ?, ?)",
                             [(now, rid, sid, actor, f"import {import_id} withdrawn") for rid, sid in links])
        moved = [sid for _, sid in links]
        _insert(ws, import_id, actor, "withdraw", {k: before[k] for k in FIELDS}, True,
                (before[STRATEGY_VERSION] or {}).get("id"))
        ws.log_event("import_withdraw", actor, f"import:{import_id}",
                     {"records": len(moved), "studies": len(set(moved)), "note": note})
        left = votes_left_behind(ws, set(moved))
    return {**get_import(ws, import_id), "records_withdrawn": len(moved), "votes_left_behind": left}


def restore_import(ws: Workspace, import_id: int, *, actor: str = "owner", note: str = "") -> dict[str, Any]:
    """Undo a withdrawal: every record goes back into the study it left."""
    with ws.transaction() as conn:
        before = get_import(ws, import_id)
        if not before["withdrawn"]:
            raise ScreeningError(f"import {import_id} ({before['file']}) is not withdrawn; nothing to restore")
        now = utcnow()
        # each record's newest membership row: a 'withdraw' row names the study the record left
        left = conn.execute(
            "SELECT l.source_record_id, l.study_id FROM source_records s JOIN study_links l ON l.source_record_id = s.id"
            " WHERE s.import_id = ? AND l.kind = 'withdraw' AND l.id = (SELECT max(id) FROM study_links m"
            " WHERE m.source_record_id = s.id) ORDER BY s.id", (import_id,)).fetchall()
        with deferred_search_index(conn):
            conn.executemany("INSERT INTO study_links (at, source_record_id, study_id, kind, actor, reason)"
                             " VALUES (?, ?, ?, 'restore', ?, ?)",
                             [(now, rid, sid, actor, f"import {import_id} restored") for rid, sid in left])
        restored = len(left)
        _insert(ws, import_id, actor, "restore", {k: before[k] for k in FIELDS}, False,
                (before[STRATEGY_VERSION] or {}).get("id"))
        ws.log_event("import_restore", actor, f"import:{import_id}", {"records": restored, "note": note})
    return {**get_import(ws, import_id), "records_restored": restored}


def change_import(ws: Workspace, import_id: int, changes: dict[str, Any], *, actor: str = "owner") -> dict[str, Any]:
    """One entry point for the web's ``POST /api/imports/ID``: ``withdrawn`` true/false withdraws or
    restores; any metadata field relabels. Everything is checked before anything is written."""
    changes = dict(changes)
    withdrawn = changes.pop("withdrawn", None)
    if withdrawn is not None and not isinstance(withdrawn, bool):
        raise UsageError(f"'withdrawn' must be true or false, not {withdrawn!r}")
    if withdrawn is None and not changes:
        raise UsageError(f"nothing to change on import {import_id}; give one of: {', '.join(FIELDS)}, "
                         f"{STRATEGY_VERSION}, withdrawn")
    check_metadata({k: v for k, v in changes.items() if k != STRATEGY_VERSION}, partial=True)
    if changes.get(STRATEGY_VERSION) not in (None, ""):
        find_version(ws, changes[STRATEGY_VERSION])      # an unknown version refuses before anything is written
    current = get_import(ws, import_id)
    result: dict[str, Any] = current
    with ws.transaction():
        if changes:
            result = relabel_import(ws, import_id, changes, actor=actor)
        if withdrawn is True and not current["withdrawn"]:
            result = {**result, **withdraw_import(ws, import_id, actor=actor)}
        elif withdrawn is False and current["withdrawn"]:
            result = {**result, **restore_import(ws, import_id, actor=actor)}
        elif withdrawn is not None and not changes:
            state = "withdrawn" if current["withdrawn"] else "not withdrawn"
            raise ScreeningError(f"import {import_id} is already {state}; nothing changed")
    return result


def keep_upload(ws: Workspace, source: Path, name: str) -> Path:
    """Copy an uploaded export into ``DIR/exports/`` (kept verbatim as evidence), named as the owner's
    file was; a different file of the same name gets its digest's start added."""
    folder = ws.path / EXPORTS_DIR
    folder.mkdir(exist_ok=True)
    safe = re.sub(r"[^\w.\-]+", "_", Path(name).name).strip("._") or "export"
    target = folder / safe[:120]
    if target.exists() and file_sha256(target) != file_sha256(source):
        target = folder / f"{target.stem}-{file_sha256(source)[:8]}{target.suffix}"
    if not target.exists():
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(source, partial)
        partial.replace(target)
    return target
