"""The ``screener`` command: a typer app assembled from one module per area."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import typer

# typer >= 0.26 vendors click as typer._click (0.25 has no such module); its exception types are
# only reachable here.
from typer._click import exceptions as click_exceptions

from screener.cli import dedup, owner, query, query_eval, rank, records, report, screening, search, web
from screener.cli.bad_values import bad_value_line
from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, emit, interrupted_line, name_values
from screener.cli.empty_values import empty_value_line
from screener.cli.extra_arguments import extra_arguments_line
from screener.cli.remedies import cli_line
from screener.cli.repeated_options import repeated_option_line
from screener.cli.terminal import printable
from screener.cli.usage_errors import usage_error_line
from screener.errors import ScreenerError
from screener.logs import configure
from screener.output import counted, shell_word
from screener.version import __version__
from screener.workspace import Workspace

app = typer.Typer(
    name="screener",
    help="Search and screening for systematic reviews: translate strategies, search PubMed, "
         "import and deduplicate exports, screen in pairs with an arbiter, report PRISMA.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"screener {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when a command fails."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, show_default=False,
                                help="Log what happens on stderr (-v: steps and summaries, -vv: every request); "
                                     "or set SCREENER_LOG=info|debug."),
) -> None:
    """Search and screening for systematic reviews."""
    configure(verbose)


@app.command()
def init(
    directory: Path = typer.Argument(..., help="The new workspace directory (must not exist or be empty)."),
    title: str = typer.Option(None, "--title", help="The review's title (default: the directory name)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Create a review workspace: DIR/review.toml (settings) and DIR/review.db (SQLite)."""
    ws = Workspace.init(directory, title=title)
    data = {"workspace": str(ws.path), "settings": str(ws.path / "review.toml"),
            "database": str(ws.path / "review.db"), "title": ws.settings.title}
    emit(data, as_json, lambda d: (
        f"Created workspace {d['workspace']}\n"
        f"  settings: {d['settings']} (edit title, criteria, exclusion reasons, highlight terms)\n"
        f"  database: {d['database']}\n"
        f"Next: `screener import {shell_word(d['workspace'])} FILE...` or "
        f"`screener search pubmed {shell_word(d['workspace'])} ...`"))


def _status_text(d: dict) -> str:
    unfinished = d.get("unfinished_searches") or []
    said = ""
    if unfinished:
        said = (f" ({len(unfinished)} not finished: "
                + ", ".join(f"search {u['search']}, {u['fetched']} of {u['count']} records fetched" for u in unfinished)
                + ", none imported yet; running now, or stopped: run the same `screener search pubmed` again to "
                  "resume)")
    lines = [f"{d['title']} ({d['workspace']})",
             f"  searches:        {d['searches']}{said}",
             f"  imports:         {d['imports']}",
             f"  source records:  {d['source_records']}"]
    for database, n in d["source_records_per_database"].items():
        lines.append(f"    {database}: {n}")
    lines += [f"  note: {interrupted_line(run)}" for run in d.get("interrupted_imports", [])]
    if d.get("withdrawn_records"):
        lines.append(f"    withdrawn (imports taken out of the review): {d['withdrawn_records']}")
    lines += [f"  studies:         {d['studies']} ({d['duplicates_merged']} duplicates merged)",
              f"  reviewers:       {d['reviewers']}"]
    for stage, n in d["votes"].items():
        decided = d["decisions"].get(stage, {})
        lines.append(f"  {stage}: {counted(n, 'vote')}; outcomes "
                     + ", ".join(f"{k} {v}" for k, v in decided.items()))
    return "\n".join(lines)


@app.command()
def status(directory: Path = DIR_ARGUMENT, as_json: bool = JSON_OPTION) -> None:
    """Counts of searches, source records, studies, votes and decisions per stage."""
    with Workspace.open(directory) as ws:
        emit(ws.status(), as_json, _status_text)


for _area in (query, query_eval, search, records, dedup, screening, rank, report, web, owner):
    _area.register(app)


def run(argv: list[str] | None = None) -> int:
    """Entry point: one clear line and exit 1 for user errors, 2 for usage errors; no traceback
    unless --debug."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            # Python hands undecodable bytes over as surrogates; stored in the workspace they
            # gave a traceback (issue 21)
            shown = printable(arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
            sys.stderr.write(f"error: the argument {shown!r} holds bytes that are not UTF-8 text; rename "
                             "the file or folder (or retype the text) in UTF-8\n")
            return _exit(2, argv)
    command = name_values(typer.main.get_command(app))
    # '' read as a path would be the current folder; a value option given twice, the last one taken
    refused = empty_value_line(command, args) or repeated_option_line(command, args)
    if refused is not None:
        sys.stderr.write(f"error: {printable(refused)}\n")
        return _exit(2, argv)
    try:
        # Without standalone mode click *returns* typer.Exit's code instead of raising it.
        code = command.main(args=args, prog_name="screener", standalone_mode=False)
    except typer.Exit as exc:
        return _exit(exc.exit_code, argv)
    except click_exceptions.NoArgsIsHelpError as exc:
        exc.show()
        return _exit(0 if not args else 2, argv)
    except click_exceptions.MissingParameter as exc:    # (a kind of BadParameter: first)
        return _usage_error(exc, file_for_folder_line(exc) or usage_error_line(exc), argv)
    except click_exceptions.BadParameter as exc:
        # a value typer refused: one line, naming what to give
        return _usage_error(exc, bad_value_line(exc) or usage_error_line(exc), argv)
    except click_exceptions.ClickException as exc:  # usage errors: wrong option, missing argument
        # a word too many: a value with spaces, unquoted?
        return _usage_error(exc, extra_arguments_line(exc, args) or usage_error_line(exc, args), argv)
    except typer.Abort:
        sys.stderr.write("Aborted.\n")
        return _exit(1, argv)
    except ScreenerError as exc:
        if debug:
            raise
        sys.stderr.write(f"error: {printable(cli_line(exc))}\n")
        return _exit(exc.exit_code, argv)
    except sqlite3.DatabaseError as exc:
        line = damaged_database_line(exc, args)
        if debug or line is None:
            raise
        sys.stderr.write(f"error: {printable(line)}\n")
        return _exit(1, argv)
    except KeyboardInterrupt:
        return _interrupted(argv, args)
    if code == 130:
        # Ctrl-C: typer turns KeyboardInterrupt into Exit(130), which click returns here without a
        # word, before the handler above could say it (no command returns a number itself)
        return _interrupted(argv, args)
    return _exit(code if isinstance(code, int) else 0, argv)


def damaged_database_line(exc: sqlite3.DatabaseError, args: list[str]) -> str | None:
    """A review.db damaged where opening it did not look (a table's pages, a record's text), met in
    the middle of a command: one line naming the file, or None for any other database error (a bug,
    shown as one). Opening catches the rest (``screener.workspace.db``)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if not any(sign in text for sign in ("malformed", "Could not decode to UTF-8", "not a database")):
        return None
    if "Could not decode" in text:
        text = text.split(" with text ", 1)[0] + ": its text is not UTF-8"
    found = [Path(a) / "review.db" for a in args if not a.startswith("-") and (Path(a) / "review.db").is_file()]
    where = str(found[0]) if found else "the review's database (review.db)"
    return f"{where}: damaged ({text}); restore it from a backup"


def file_for_folder_line(exc: click_exceptions.MissingParameter) -> str | None:
    """A command's review folder (its DIR argument) given a file, and then an argument missing: a
    person inside the folder typed ``screener import export.ris``. What to type instead, or None."""
    ctx = exc.ctx
    given = ctx.params.get("directory") if ctx is not None else None
    if ctx is None or given is None or not Path(given).is_file() or exc.param is None:
        return None
    rest = " ".join(str(v) for v in ctx.args)
    return (f"{ctx.command_path}: {str(given)!r} is a file, not a review folder; give the review's folder "
            f"first (inside it: {ctx.command_path} . {given}{' ' + rest if rest else ''})")


def _usage_error(exc: click_exceptions.ClickException, line: str | None, argv: list[str] | None) -> int:
    """click's usage error as one line (click's own words when there is no command to name)."""
    if line is None:
        exc.show()
    else:
        sys.stderr.write(f"error: {printable(line)}\n")
    return _exit(exc.exit_code, argv)


def _interrupted(argv: list[str] | None, args: list[str]) -> int:
    words = [a for a in args if not a.startswith("-")]
    # a PubMed search keeps what it fetched (staged) and the same command resumes it
    after = (": the records fetched so far are kept; run the same command again to resume the search"
             if words[:2] == ["search", "pubmed"] and "--counts" not in args else "")
    sys.stderr.write(f"Interrupted; nothing half-written (each step commits as a whole){after}.\n")
    return _exit(130, argv)


def _exit(code: int, argv: list[str] | None) -> int:
    if argv is None:  # called as the console script
        sys.exit(code)
    return code
