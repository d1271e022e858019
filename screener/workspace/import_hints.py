"""What an import should say once read (records that name no database or only their platform, a
database given that the records contradict, files of several databases checked together, no
strategy recorded, an empty export): each a ``Hint`` whose ``fix`` names what to do, which each
front end words itself (the command line its options and commands, the Imports page its buttons and
fields, the JSON API its calls) — as an error's ``remedy`` is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.output import did_you_mean
from screener.records.base import KNOWN_DATABASES
from screener.workspace.imports import (
    STRATEGY_VERSION,
    platform_named,
    platform_refusal,
    same_database,
    searched_database,
)

# What to do about a hint, named (a front end's words for each may use {import_id}).
GIVE_DATABASE = "give_database"          # name the database searched, for this import
PLATFORM_DATABASE = "platform_database"  # the same, for records naming only the platform searched
GIVE_STRATEGY = "give_strategy"          # record the strategy as run, for this import
GIVE_STRATEGIES = "give_strategies"      # the same, for each of several imports
RELABEL = "relabel"                      # correct an imported file's database (a slip)
RENAME = "rename"                        # give the database meant (a dry run: nothing imported yet)
SEPARATE = "separate"                    # import each database's files on their own
WITHDRAW = "withdraw"                    # take an import out of the review
FIXES = (GIVE_DATABASE, PLATFORM_DATABASE, GIVE_STRATEGY, GIVE_STRATEGIES, RELABEL, RENAME, SEPARATE, WITHDRAW)


@dataclass(frozen=True)
class Hint:
    """One thing an import says: ``text`` up to where the front end says what to do (``fix``, one of
    FIXES, or None), then ``after``. ``import_id``: the import it is about (None: a dry run, or the
    import's files as a whole). ``str()`` is the hint without the front end's words."""

    text: str
    fix: str | None = None
    after: str = ""
    import_id: int | None = None

    def __str__(self) -> str:
        return self.text + self.after

    def worded(self, fixes: Mapping[str, str], **names: str) -> str:
        """The hint with its fix in a front end's words (``fixes``: fix → words, which may name
        {import_id} and any of ``names``)."""
        words = fixes.get(self.fix, "") if self.fix else ""
        return self.text + words.format(import_id=self.import_id if self.import_id is not None else "ID",
                                        **names) + self.after


def _mixed_databases(report) -> list[Hint]:
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
    return [Hint(f"These files name different databases ({', '.join(sorted(named))}): ", SEPARATE)]


def import_hints(report, metadata: dict[str, Any] | None = None, *, may_withdraw: bool = True) -> list[Hint]:
    """What every import should say, not only a dry run: records that name no database, records
    naming several databases, a database given that is a slip for a known one ('PsychInfo'), and
    a search with no strategy recorded. ``may_withdraw``: false for a searcher, whose imports the
    owner withdraws."""
    metadata = metadata or {}
    hints = _mixed_databases(report)
    without_strategy = []
    for item in report.files:
        name = Path(item.path).name
        if item.status in ("imported", "checked") and not item.records:
            # an empty export is read as a search that found nothing, and reported as one: a failed
            # download or the wrong file must be taken out by hand
            hints.append(_empty_hint(item, name, metadata.get("database") or item.database, may_withdraw))
            continue
        if item.status == "refused" or not item.records:
            continue
        number = item.import_id
        if not metadata.get("database"):
            if platform := platform_named(item.records_named or item.database):
                hints.append(Hint(platform_refusal(name, platform), PLATFORM_DATABASE, import_id=number))
            elif item.database == "unknown":
                hints.append(Hint(f"{name}: the records do not say which database they came from; give the database "
                                  f"searched", GIVE_DATABASE, " — PRISMA counts records per database", number))
            elif ", " in item.database and searched_database(item.database):
                hints.append(Hint(f"{name}: the records name {item.database}; they count under "
                                  f"{searched_database(item.database)}, the database searched (its records cover the "
                                  f"others), unless you give another", GIVE_DATABASE, import_id=number))
            elif ", " in item.database:
                hints.append(Hint(f"{name}: the records name several databases ({item.database}); each counts under "
                                  f"its own unless you give the database that was searched", GIVE_DATABASE,
                                  import_id=number))
        elif (named := searched_database(item.records_named)) and not same_database(named, item.database):
            # a label typed over what every record says (PsycINFO records imported as AMED): counted
            # under the label, so a slip shows nowhere else
            hints.append(Hint(f"{name}: the records name {named}, not {item.database}; they count under "
                              f"{item.database}, as given: if that was a slip, ", RELABEL if number else RENAME,
                              import_id=number))
        elif item.database not in KNOWN_DATABASES and did_you_mean(item.database, KNOWN_DATABASES):
            # a new name in the PRISMA counts: say which known one it looks like
            hints.append(Hint(f"{name}: {item.database!r} is not a database name screener knows"
                              f"{did_you_mean(item.database, KNOWN_DATABASES)}; records count under the name given: "
                              f"if it was a slip, ", RELABEL if number else RENAME, import_id=number))
        if not metadata.get("strategy") and not metadata.get(STRATEGY_VERSION) and not item.search_query:
            without_strategy.append((name, number))
    if len(without_strategy) < 3:
        hints += [Hint(f"{name}: no strategy recorded; PRISMA-S asks for the strategy as run", GIVE_STRATEGY,
                       import_id=number) for name, number in without_strategy]
    else:
        # one note for a whole search's exports: one a file (18 in a walk-through) buried the others
        shown = ", ".join(name for name, _ in without_strategy[:3])
        more = len(without_strategy) - 3
        hints.append(Hint(f"{len(without_strategy)} files have no strategy recorded ({shown}"
                          f"{f' and {more} more' if more else ''}); PRISMA-S asks for the strategy as run",
                          GIVE_STRATEGIES))
    return hints


def _empty_hint(item, name: str, database: str, may_withdraw: bool = True) -> Hint:
    if item.import_id is None:       # a dry run
        return Hint(f"{name}: no records, so importing it would record a search that found nothing; check the export")
    searched = f"a search of {database}" if database and database != "unknown" else "a search"
    said = f"{name}: no records, so it stands in the search report as {searched} that found nothing; if the export failed, "
    if not may_withdraw:
        # the same in every front end: the owner withdraws, wherever they do it
        return Hint(said + f"ask the review's owner to withdraw the import (import {item.import_id})")
    return Hint(said, WITHDRAW, import_id=item.import_id)
