"""The owner's corrections on the command line: ``screener imports`` (list, relabel, withdraw,
restore) and ``screener admin token`` (the owner of a server root of many reviews)."""

from __future__ import annotations

from pathlib import Path

import typer

from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, emit, one_strategy, open_workspace
from screener.cli.strategy_file import strategy_as_run
from screener.errors import UsageError
from screener.output import counted, shell_word
from screener.workspace.platforms import platform_as_database
from screener.workspace.pubmed_searches import searches_as_imports

imports_app = typer.Typer(help="List the imports with what was searched, and correct one: relabel its "
                               "database or metadata, withdraw it, restore it.", no_args_is_help=True)
admin_app = typer.Typer(help="The owner of a server root of many reviews (`screener serve --root`).",
                        no_args_is_help=True)

IMPORT_ID = typer.Argument(..., help="The import's number (as `screener imports list` shows it).",
                           show_default=False, metavar="ID")


def _line(item: dict, directory: Path, platform_only: bool) -> str:
    state = " [WITHDRAWN]" if item["withdrawn"] else ""
    searched = (f"searched {item['searched_on']}" if item["date_searched_given"]
                else f"imported {item['date_searched']}, date searched not given")
    said = ", ".join(p for p in (item["platform"], searched) if p)
    strategy = "strategy recorded" if item["strategy"] else "no strategy recorded"
    if item.get("strategy_version"):
        strategy = f"strategy: saved {item['strategy_version']['label']}"
    return (f"import {item['id']}{state}: {item['file']} — {counted(item['records'], 'record')} as {item['counted_as']}"
            + (f" ({said})" if said else "") + f"; {strategy}"
            + (f"; columns chosen: {item['columns']}" if item.get("columns") else "")
            # imported before the import asked for the database (EBSCOhost's CSV counted under its platform)
            + (f"\n  note: {item['counted_as']} is the platform, not a database, and PRISMA counts records per database: "
               f"name the database searched with `screener imports relabel {shell_word(str(directory))} {item['id']} "
               f"--database NAME" + ("" if item["platform"] else f" --platform {item['counted_as']}") + "`"
               if platform_only else ""))


def _search_line(item: dict) -> str:
    what = (f"strategy: {item['strategy_file']}" if item["strategy_file"]
            else "query: " + (item["query"] if len(item["query"]) <= 80 else item["query"][:79] + "…"))
    state = item["status"] if item["status"] == "complete" else f"{item['status']}: run it again to resume"
    return (f"search {item['search']}: {item['database']} — {counted(item['records'], 'record')} ({state}, "
            f"{str(item['at'] or '')[:16].replace('T', ' ')} UTC); {what}; `screener report searches` has its log")


@imports_app.command("list")
def imports_list(directory: Path = DIR_ARGUMENT, as_json: bool = JSON_OPTION) -> None:
    """Every import with its database, platform, date searched and whether it is withdrawn; then the
    PubMed searches run from screener (their records came in without an export file)."""
    # lazy: workspace.imports takes 0.11 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.imports import list_imports, platform_named

    with open_workspace(directory) as ws:
        items = list_imports(ws) + searches_as_imports(ws)
    emit(items, as_json, lambda d: "\n".join(
        _search_line(i) if "search" in i else _line(i, directory, bool(platform_named(i["counted_as"]))) for i in d)
         or "Nothing imported yet.")


@imports_app.command("relabel")
def imports_relabel(
    directory: Path = DIR_ARGUMENT,
    import_id: int = IMPORT_ID,
    database: str = typer.Option(None, "--database", help="The database that was searched (every record of "
                                 "the import counts under it)."),
    platform: str = typer.Option(None, "--platform", help="Platform or interface (Ovid, EBSCOhost, ...)."),
    searched_on: str = typer.Option(None, "--searched-on", help="Date searched, YYYY-MM-DD."),
    strategy: Path = typer.Option(None, "--strategy", help="A text file with the strategy as run.", metavar="FILE"),
    strategy_version: str = typer.Option(None, "--strategy-version", help="The strategy as run is this saved "
                                         "version (its id, or its label 'NAME vN').", metavar="ID"),
    coverage: str = typer.Option(None, "--coverage", help="Date coverage of the database."),
    limits: str = typer.Option(None, "--limits", help="Limits applied."),
    notes: str = typer.Option(None, "--notes", help="Notes."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct an import's database or PRISMA-S metadata (an event; the old values stay on record)."""
    # lazy: workspace.imports takes 0.11 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.imports import relabel_import

    one_strategy(strategy, strategy_version)
    if all(v is None for v in (database, platform, searched_on, strategy, strategy_version, coverage, limits, notes)):
        raise UsageError(f"nothing to change on import {import_id}; give one or more of --database, --platform, "
                         "--searched-on, --strategy, --strategy-version, --coverage, --limits, --notes")
    if database and (line := platform_as_database(database)):
        raise UsageError(line)
    changes = {"database": database, "platform": platform, "searched_on": searched_on, "coverage": coverage,
               "limits": limits, "notes": notes}
    if strategy is not None:
        changes["strategy"], changes["strategy_file"] = strategy_as_run(strategy)
    if strategy_version is not None:
        changes["strategy_version"] = strategy_version
    with open_workspace(directory) as ws:     # a refused field is named as its option (cli_line)
        result = relabel_import(ws, import_id, {k: v for k, v in changes.items() if v is not None})
    for hint in result.get("hints", []):
        typer.echo(f"note: {hint}", err=True)
    emit(result, as_json, lambda d: (f"Import {d['id']}: " + "; ".join(
        f"{_FIELD_WORDS.get(k, k)} {_shown(k, v['from'])} → {_shown(k, v['to'])}" for k, v in d["changed"].items())
        + ".") if d["changed"] else f"Import {d['id']}: nothing changed (it already says so).")


# the fields as the answer names them: in words, not as the database does ('searched_on')
_FIELD_WORDS = {"searched_on": "date searched", "strategy_file": "strategy file", "strategy_version": "strategy version"}


def _shown(field: str, value) -> str:
    """A changed value as the one-line answer shows it: a strategy by its length (the text itself
    is kept verbatim: `imports list --json`, the searches report), an empty value as (none)."""
    if not value:
        return "(none)"
    if field == "strategy":
        return counted(str(value).rstrip("\n").count("\n") + 1, "line")
    return repr(value)


@imports_app.command("withdraw")
def imports_withdraw(directory: Path = DIR_ARGUMENT, import_id: int = IMPORT_ID,
                     note: str = typer.Option("", "--note", help="Why (kept in the audit log)."),
                     as_json: bool = JSON_OPTION) -> None:
    """Take an import's records out of the review (PRISMA counts follow); `restore` undoes it."""
    # lazy: workspace.imports takes 0.11 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.imports import withdraw_import

    with open_workspace(directory) as ws:
        result = withdraw_import(ws, import_id, note=note)

    def text(d):
        out = (f"Import {d['id']} ({d['file']}) withdrawn: {counted(d['records_withdrawn'], 'record')} left the review's "
               f"studies; nothing was deleted (`screener imports restore {shell_word(directory)} {d['id']}` undoes it).")
        for left in d["votes_left_behind"]:
            votes = ", ".join(f"{n} at {stage}" for stage, n in left["current_votes"].items())
            out += (f"\nnote: study {left['study']} had votes ({votes}) and now holds no records; "
                    "its votes stay in the audit log")
        return out
    emit(result, as_json, text)


@imports_app.command("restore")
def imports_restore(directory: Path = DIR_ARGUMENT, import_id: int = IMPORT_ID, as_json: bool = JSON_OPTION) -> None:
    """Undo a withdrawal: the import's records go back into the studies they left."""
    # lazy: workspace.imports takes 0.11 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.imports import restore_import

    with open_workspace(directory) as ws:
        result = restore_import(ws, import_id)
    emit(result, as_json, lambda d: f"Import {d['id']} ({d['file']}) restored: "
                                    f"{counted(d['records_restored'], 'record')} back in the review's studies.")


@admin_app.command("token")
def admin_token(
    root: Path = typer.Argument(..., help="The folder `screener serve --root` serves (one review per "
                                "subfolder).", show_default=False, metavar="ROOT"),
    url: str = typer.Option("http://127.0.0.1:8000", "--url", help="The address the server is reached at."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Mint the root owner's token (earlier ones stop working) and print the sign-in link: the root
    owner creates reviews in the browser and opens any of them as its owner."""
    # lazy: the web app (flask) and workspace.root take 0.3 s to load; only commands using it load it (cli/__init__.py)
    from screener.web.links import link_base
    from screener.web.server import signin_url
    from screener.workspace.root import mint_root_token

    url = link_base(url)     # before minting: a new token would stop the owner's current link working
    token = mint_root_token(root)
    emit({"root": str(root), "token": token, "url": signin_url(url, token)}, as_json,
         lambda d: f"Root owner's sign-in link for {d['root']} (send it to no one; it works until the next "
                   f"`screener admin token`):\n{d['url']}")


def register(app: typer.Typer) -> None:
    app.add_typer(imports_app, name="imports")
    app.add_typer(admin_app, name="admin")
