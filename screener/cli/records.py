"""`screener import`: export files → source records in a workspace."""

from __future__ import annotations

from pathlib import Path

import typer

from screener.cli.common import (
    DIR_ARGUMENT,
    JSON_OPTION,
    dedupe_next,
    emit,
    files_to_read,
    interrupted_line,
    one_strategy,
    open_workspace,
)
from screener.cli.progress import ProgressBars
from screener.cli.remedies import cli_line
from screener.cli.strategy_file import strategy_as_run
from screener.errors import RecordParseError, UsageError, WorkspaceError
from screener.output import shell_word
from screener.records.csv_columns import FIELDS, parse_columns
from screener.records.reader import FORMATS_READ, STDIN_NOT_READ
from screener.workspace.platforms import platform_as_database


def _workspace_first(directory: Path, files: list[Path]) -> None:
    """`screener import FILE DIR` (the order of cp): name the order, before anything is read."""
    if directory.is_file():
        workspaces = [f for f in files if (f / "review.toml").is_file()]
        if workspaces:
            others = " ".join(shell_word(f) for f in [directory, *files] if f != workspaces[0])
            raise UsageError(f"{directory}: not a directory; the workspace comes first: "
                             f"`screener import {shell_word(workspaces[0])} {others}`")


def _named_twice(files: list[Path]) -> None:
    """One file named twice (`*.ris ./a.ris`): said before anything is read. Found later, by its
    content, it came after the whole first file had been read and read as two files alike."""
    first: dict[Path, Path] = {}
    for file in files:
        where = file.resolve()
        if where in first:
            said = first[where]
            how = "" if str(said) == str(file) else f" (as {said} and {file})"
            raise UsageError(f"{said} is named twice{how}; give each export once (nothing was imported)")
        first[where] = file


def _refused_among(exc: RecordParseError, files: int) -> RecordParseError:
    """One file of several refused refuses the command: say that none came in (the owner could not
    tell whether the other files had), and how to import the others. Several refused: each is on its
    line already, and the last line says how many."""
    # lazy: workspace.importer takes 0.01 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.importer import FilesRefused

    if isinstance(exc, FilesRefused):
        if len(exc.refused) == exc.files:
            return exc
        return RecordParseError(cli_line(exc) + " (--skip-bad imports the others)", path=exc.path, line=exc.line,
                                record_number=exc.record_number)
    if files < 2:
        return exc
    text = cli_line(exc) + f"; nothing was imported from the {files} files"
    if "--skip-bad" not in text:
        text += " (--skip-bad imports the others)"
    return RecordParseError(text, path=exc.path, line=exc.line, record_number=exc.record_number)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("import")
    def import_(
        directory: Path = DIR_ARGUMENT,
        files: list[Path] = typer.Argument(..., help=f"Export files ({FORMATS_READ}); the format is "
                                           "detected from the content.", show_default=False),
        database: str = typer.Option(None, "--database", help="The database these files were exported "
                                     "from, for every record (default: what the records say, else "
                                     "'unknown'); needed when the records name only the platform, as "
                                     "EBSCOhost's CSV does (--database CINAHL)."),
        skip_bad: bool = typer.Option(False, "--skip-bad", help="Import the good records and files and "
                                      "write a report of the rejected ones, instead of refusing the "
                                      "whole command."),
        again: bool = typer.Option(False, "--again", help="Import a file even though the same file "
                                   "(same bytes) was imported before."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Read and check the files and report what "
                                     "would be imported, without writing anything."),
        columns: list[str] = typer.Option(None, "--columns", help="For a table (CSV, TSV) whose columns are "
                                          "not ones screener knows, or to correct one it read: which column "
                                          "holds which field, FIELD=COLUMN pairs separated by commas, e.g. "
                                          f"'title=Heading,authors=Writers,year=Yr'. Fields: {', '.join(FIELDS)}.",
                                          ),
        platform: str = typer.Option("", "--platform", help="PRISMA-S: the platform or interface searched "
                                     "(Ovid, EBSCOhost, Embase.com, ...)."),
        searched_on: str = typer.Option("", "--searched-on", help="PRISMA-S: the date the search was run, "
                                        "YYYY-MM-DD (default: none given; reports show the import date, "
                                        "marked as such)."),
        strategy: Path = typer.Option(None, "--strategy", help="PRISMA-S: a text file holding the strategy "
                                      "exactly as run (kept verbatim).", metavar="FILE"),
        strategy_version: str = typer.Option(None, "--strategy-version", help="PRISMA-S: the strategy as run is "
                                             "this saved version (its id, or its label 'NAME vN' as the "
                                             "workbench lists it); the report cites it.", metavar="ID"),
        coverage: str = typer.Option("", "--coverage", help="PRISMA-S: the database's date coverage "
                                     "(e.g. '1946 to November Week 3 2026')."),
        limits: str = typer.Option("", "--limits", help="PRISMA-S: limits applied (dates, languages, ...)."),
        notes: str = typer.Option("", "--notes", help="Anything else about this search."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Import database exports as source records, the format detected from the content.

        Each file is all-or-nothing, and nothing is written if any file is refused, unless
        --skip-bad. Exit 1 when a file is refused (with --skip-bad: when every file is); exit 2,
        before anything is read, when a file named is not there."""
        # lazy: workspace.importer and workspace.imports (cli.import_text's words need them) take 0.11 s to load;
        # only commands using them load them (cli/__init__.py)
        from screener.cli.import_text import describe, hint_line
        from screener.workspace.import_hints import import_hints
        from screener.workspace.imports import import_exports

        one_strategy(strategy, strategy_version)
        if database and (line := platform_as_database(database)):
            raise UsageError(line)
        chosen = parse_columns(columns) if columns else None
        _workspace_first(directory, files)
        files_to_read(files, "nothing was imported", STDIN_NOT_READ)
        _named_twice(files)
        metadata = {"database": database, "platform": platform, "searched_on": searched_on,
                    "coverage": coverage, "limits": limits, "notes": notes}
        if strategy is not None:
            metadata["strategy"], metadata["strategy_file"] = strategy_as_run(strategy)
        if strategy_version is not None:
            metadata["strategy_version"] = strategy_version

        # progress bars on a terminal only (a refused field is named as its option: cli_line)
        with open_workspace(directory) as ws, ProgressBars() as bars:
            try:
                report = import_exports(ws, files, metadata=metadata, skip_bad=skip_bad,
                                        allow_reimport=again, dry_run=dry_run, progress=bars, columns=chosen)
            except RecordParseError as exc:
                raise _refused_among(exc, len(files)) from None
            for run in report.interrupted:
                typer.echo(f"note: {interrupted_line(run)}", err=True)
            due = "" if dry_run else dedupe_next(ws, directory)
        hints = [hint_line(hint, str(directory)) for hint in import_hints(report, metadata)]
        data = {**report.to_dict(), "hints": hints}

        def text(_):
            out = describe(report, directory=str(directory))
            # the database hint is describe's own note; the others are said once each
            extra = [h for h in hints if "do not say which database" not in h]
            out += "".join(f"\nnote: {h}" for h in extra)
            return out + (f"\n{due}" if due else "")
        emit(data, as_json, text)
        if all(f.status in ("refused", "already imported") for f in report.files):
            # --skip-bad refused every file: nothing came in, so the command did not do its job
            where = f"; the report is {report.rejected_report}" if report.rejected_report else ""
            verb = "would be imported" if dry_run else "was imported"
            raise WorkspaceError(f"nothing {verb}: every file was refused (see above{where})")
