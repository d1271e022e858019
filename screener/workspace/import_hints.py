"""What an import should say once read (records that name no database or only their platform, a
database given that the records contradict, files of several databases checked together, no
strategy recorded, an empty export), in the words of the front end that asked: the command line,
the Imports page and its preview, or the JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screener.output import did_you_mean, shell_word
from screener.records.base import KNOWN_DATABASES
from screener.workspace.imports import (
    STRATEGY_VERSION,
    platform_named,
    platform_refusal,
    same_database,
    searched_database,
)


def _relabel_fix(item, surface: str, directory: str, fix_db: str) -> str:
    if surface == "preview":
        return "correct it in 'Database searched' below"
    if surface != "cli":
        return fix_db
    return (f"`screener imports relabel {shell_word(directory)} {item.import_id} --database NAME`"
            if item.import_id else "give the name meant with --database")     # a dry run


def _mixed_databases(report, surface: str) -> list[str]:
    """Before an import (a dry run, the page's preview) of files that name different databases: the
    details given are recorded for every file of the import, so one database typed for an Embase and a
    PsycINFO export would count both under it. Said once, first."""
    if not report.dry_run:
        return []
    named = {platform_named(item.records_named or item.database) or searched_database(item.records_named or item.database)
             for item in report.files if item.status == "checked" and item.records}
    named -= {"", "unknown"}
    if len(named) < 2:
        return []
    how = {"cli": "what --database, --searched-on and --strategy say is recorded for every one of them, so import "
                  "each database's files with a command of their own",
           "preview": "what you give below is recorded for every one of them, so check each database's files on "
                      "their own (Cancel, then choose them)",
           "page": "what is given for the import is recorded for every one of them, so import each database's files "
                   "on their own",
           "api": "the fields sent are recorded for every one of them, so send each database's files in a request "
                  "of their own"}[surface]
    return [f"These files name different databases ({', '.join(sorted(named))}): {how}"]


def import_hints(report, metadata: dict[str, Any] | None = None, *, surface: str = "cli",
                 directory: str = "DIR", may_withdraw: bool = True) -> list[str]:
    """What every import should say, not only a dry run: records that name no database, records
    naming several databases, a database given that is a slip for a known one ('PsychInfo'), and
    a search with no strategy recorded — in the words of the ``surface`` that asked ('cli', 'page',
    'preview' (the Imports page's check before importing, its form right below) or 'api';
    ``directory`` is the workspace as the command line names it). ``may_withdraw``: false for a
    searcher, whose imports the owner withdraws."""
    metadata = metadata or {}
    fix_db, fix_strategy = {
        "cli": ("--database NAME, or relabel the import", "--strategy FILE, or relabel the import"),
        "page": ("'Correct database or search details' on the import",) * 2,
        # the Imports page's preview, whose form is right below its hints
        "preview": ("'Database searched' below", "'Strategy as run' below"),
        "api": ('POST /api/imports/ID {"database": ...}', 'POST /api/imports/ID {"strategy": ...}'),
    }[surface]
    give = f" in {fix_db}" if surface == "preview" else f" ({fix_db})"      # where the database is given
    hints = _mixed_databases(report, surface)
    without_strategy = []
    for item in report.files:
        name = Path(item.path).name
        if item.status in ("imported", "checked") and not item.records:
            # an empty export is read as a search that found nothing, and reported as one: a failed
            # download or the wrong file must be taken out by hand
            hints.append(_empty_hint(item, name, surface, directory, metadata.get("database") or item.database,
                                     may_withdraw))
            continue
        if item.status == "refused" or not item.records:
            continue
        if not metadata.get("database"):
            if platform := platform_named(item.records_named or item.database):
                hints.append(platform_refusal(name, platform, how=" with --database NAME" if surface == "cli"
                                              else give))
            elif item.database == "unknown":
                hints.append(f"{name}: the records do not say which database they came from; give the database "
                             f"searched{give} — PRISMA counts records per database")
            elif ", " in item.database and searched_database(item.database):
                hints.append(f"{name}: the records name {item.database}; they count under "
                             f"{searched_database(item.database)}, the database searched (its records cover the "
                             f"others), unless you give another{give}")
            elif ", " in item.database:
                hints.append(f"{name}: the records name several databases ({item.database}); each counts under "
                             f"its own unless you give the database that was searched{give}")
        elif (named := searched_database(item.records_named)) and not same_database(named, item.database):
            # a label typed over what every record says (PsycINFO records imported as AMED): counted
            # under the label, so a slip shows nowhere else
            hints.append(f"{name}: the records name {named}, not {item.database}; they count under "
                         f"{item.database}, as given: if that was a slip, {_relabel_fix(item, surface, directory, fix_db)}")
        elif item.database not in KNOWN_DATABASES and did_you_mean(item.database, KNOWN_DATABASES):
            # a new name in the PRISMA counts: say which known one it looks like
            relabel = _relabel_fix(item, surface, directory, fix_db)
            hints.append(f"{name}: {item.database!r} is not a database name screener knows"
                         f"{did_you_mean(item.database, KNOWN_DATABASES)}; records count under the name given: "
                         f"if it was a slip, {relabel}")
        if not metadata.get("strategy") and not metadata.get(STRATEGY_VERSION) and not item.search_query:
            without_strategy.append(name)
    if len(without_strategy) < 3:
        hints += [f"{name}: no strategy recorded; PRISMA-S asks for the strategy as run ({fix_strategy})"
                  for name in without_strategy]
    else:
        # one note for a whole search's exports: one a file (18 in a walk-through) buried the others
        shown = ", ".join(without_strategy[:3])
        more = len(without_strategy) - 3
        hints.append(f"{len(without_strategy)} files have no strategy recorded ({shown}{f' and {more} more' if more else ''}); "
                     f"PRISMA-S asks for the strategy as run ({fix_strategy.replace('the import', 'each import')})")
    return hints


def _empty_hint(item, name: str, surface: str, directory: str, database: str, may_withdraw: bool = True) -> str:
    if item.import_id is None:       # a dry run
        return f"{name}: no records, so importing it would record a search that found nothing; check the export"
    searched = f"a search of {database}" if database and database != "unknown" else "a search"
    withdraw = {"cli": f"take it out with `screener imports withdraw {shell_word(directory)} {item.import_id}`",
                "page": "withdraw the import", "preview": "withdraw the import",
                "api": f"POST /api/imports/{item.import_id} {{\"withdrawn\": true}}"}[surface]
    if not may_withdraw:
        withdraw = f"ask the review's owner to withdraw the import (import {item.import_id})"
    return f"{name}: no records, so it stands in the search report as {searched} that found nothing; " \
           f"if the export failed, {withdraw}"
