"""Helpers shared by the command modules: opening a workspace, printing text or JSON."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer

from screener.cli.terminal import printable
from screener.errors import ScreenerError, UsageError
from screener.workspace import Workspace

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON instead of text.")
DIR_ARGUMENT = typer.Argument(..., help="The review workspace directory.", show_default=False, metavar="DIR")


def one_strategy(strategy, strategy_version) -> None:
    """``--strategy FILE`` and ``--strategy-version ID`` both say what the strategy as run was: one
    of them, never both (checked before anything is read or looked up)."""
    if strategy is not None and strategy_version is not None:
        raise UsageError("give --strategy FILE or --strategy-version ID, not both (the strategy as run is one "
                         "text: a file, or a version saved in the workbench)")


def open_workspace(path: Path) -> Workspace:
    return Workspace.open(path)


def files_to_read(paths: Sequence[Path], then: str, stdin_line: str) -> None:
    """Files the command line names to be read: ``-`` (standard input, which these commands do not read:
    ``stdin_line`` says so) or a file that is not there is a usage error — exit 2, as the strategy
    commands' file, every ``--strategy`` and click's own check of a path —, said before anything is read
    or written; every missing file named in one line (a typo is fixed at once, not after a long read).
    ``then`` ends the line: what was (not) done."""
    if any(str(p) == "-" for p in paths):
        raise UsageError(stdin_line)
    missing = list(dict.fromkeys(str(p) for p in paths if not Path(p).exists()))
    if missing:
        which = "its name" if len(missing) == 1 else "their names"
        raise UsageError(f"{', '.join(missing)}: no such file{'s' if len(missing) > 1 else ''}; check {which} "
                         f"({then})")


def write_stdout(text: str) -> None:
    """``text`` on standard output, flushed; one error line when it cannot take it (a full disk
    behind ``> audit.csv``, /dev/full, a device error: a traceback before). A reader that went away
    (``| head``) is left to Python's quiet exit, as before."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _drop_stdout()
        raise ScreenerError(f"standard output: cannot write ({exc.strerror or exc}); what reached it is "
                            "incomplete: free some space (or write to another place) and run the command "
                            "again") from None


def _drop_stdout() -> None:
    """Standard output from here on goes nowhere: the text still buffered would fail again when
    Python flushes it at exit, after the error line, with an 'Exception ignored' traceback."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):    # (a stream with no file behind it: nothing to flush later)
        pass


def emit(data: Any, as_json: bool, text: Callable[[Any], str] | str | None = None) -> None:
    """Print ``data`` as JSON, or as text made by ``text(data)``."""
    if as_json:
        write_stdout(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    elif callable(text):
        out = printable(text(data))
        if out:
            write_stdout(out if out.endswith("\n") else out + "\n")
    elif text is not None:
        write_stdout(printable(text) + "\n")


# ---- what help calls each value -----------------------------------------------------------------

# typer (0.27 and later) prints a value's Python type in help ('--stage <str>', 'study <int>'),
# which says nothing of what to give; every option and argument is named here instead
# ('--stage STAGE', 'STUDY'), unless its command named it (metavar=...) or it is a choice (its
# choices are shown). A name not in these tables falls back on its kind (TEXT, N, NUMBER, FILE).
OPTION_VALUES = {
    "--actor": "NAME", "--as": "NAME", "--api-key": "KEY", "--batch-size": "N", "--coverage": "TEXT",
    "--database": "NAME", "--decision": "DECISION", "--email": "ADDRESS", "--eutils-url": "URL",
    "--format": "FORMAT", "--from": "SYNTAX", "--groups-out": "FILE", "--host": "HOST", "--known": "FILE",
    "--lease-minutes": "MINUTES", "--limit": "N", "--limits": "TEXT", "--line": "N", "--note": "TEXT",
    "--notes": "TEXT", "--out": "FILE", "--pairs-out": "FILE", "--platform": "NAME", "--port": "PORT",
    "--prior-ids": "IDS", "--query": "QUERY", "--reason": "REASON", "--records": "FILE", "--review": "DIR",
    "--searched-on": "YYYY-MM-DD", "--seed": "N", "--stage": "STAGE", "--status": "STATUS", "--strategy": "FILE",
    "--threads": "N", "--title": "TEXT", "--to": "TARGET", "--url": "URL", "--where": "COLUMN=VALUE",
    # the ranker's components, by their registered names
    "--columns": "FIELD=COLUMN",
    "--balancer": "NAME", "--classifier": "NAME", "--features": "NAME", "--fusion": "NAME", "--preset": "NAME",
    "--querier": "NAME", "--stopper": "NAME",
}
ARGUMENT_VALUES = {
    "dataset": "FILE", "decision": "DECISION", "directory": "DIR", "file": "FILE", "files": "FILE",
    "name": "NAME", "pair": "PAIR", "paths": "PATH", "reviewer": "NAME", "source": "FILE|URL",
    "studies": "STUDY", "study": "STUDY",      # the usage line adds '...' after one that repeats
}


def name_values(command: Any) -> Any:
    """Name every value in ``command``'s help (the click command typer built), sub-commands included;
    returns the command."""
    for sub in getattr(command, "commands", {}).values():
        name_values(sub)
    for param in getattr(command, "params", []):
        if value_kind(param) == "choice":
            if param.param_type_name == "argument" and param.metavar is None:
                # the usage line read '{DIR} {STUDY} {vote}'; its choices stay shown in the help
                param.metavar = ARGUMENT_VALUES.get(param.name) or param.name.upper()
            if param.param_type_name == "argument":
                param.get_usage_pieces = lambda ctx, param=param: [_usage_name(param)]    # (as below)
            continue
        if hasattr(param, "_get_number_range_help_str") and not getattr(param, "count", False):
            # typer writes a range as '0<=x<=65535', an inequality on an x the help never names
            param._get_number_range_help_str = lambda param=param: _range_words(param)
        if param.param_type_name == "option" and param.metavar is None and not (param.is_flag or param.count):
            param.metavar = OPTION_VALUES.get(max(param.opts, key=len)) or _fallback(param)
        elif param.param_type_name == "argument":
            if param.metavar is None:
                param.metavar = ARGUMENT_VALUES.get(param.name) or param.name.upper()
            # typer >= 0.27 prints the type after an argument's name ('DIR <path>'): the name says it
            param.display_type = lambda ctx: ""
            # typer 0.29 braces a required argument in the usage line ('{DIR} {FILE}...'), which
            # reads as something to type (or argparse's '{a,b}' choice): the name as the README writes
            # it, brackets for an optional one, as click writes them
            param.get_usage_pieces = lambda ctx, param=param: [_usage_name(param)]
    return command


def _range_words(param: Any) -> str | None:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"from {low} to {high}"
    if low is not None:
        return f"{low} or more"
    return f"at most {high}" if high is not None else None


def _usage_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    if not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


def value_kind(param: Any) -> str:
    """'choice', 'int', 'float', 'path' or 'str', across typer versions (0.26 keeps click's types,
    later ones a type descriptor)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        if descriptor.is_choice:
            return "choice"
        annotation = descriptor.annotation
        inner = getattr(annotation, "__args__", None) or (annotation,)
        name = getattr(inner[0], "__name__", str(inner[0]))
        return {"int": "int", "float": "float", "Path": "path"}.get(name, "str")
    kind = getattr(param, "type", None)
    if getattr(kind, "choices", None):
        return "choice"
    return {"integer": "int", "float": "float", "path": "path"}.get(getattr(kind, "name", ""), "str")


def _fallback(param: Any) -> str:
    return {"int": "N", "float": "NUMBER", "path": "FILE"}.get(value_kind(param), "TEXT")


def dedupe_next(ws: Workspace, directory: Path) -> str:
    """The line that says to deduplicate next, after records came in (`import`, `search pubmed`), or ''
    when dedupe has compared every record (as `init` and `dedupe` say what comes next, and the web
    Imports page 'Next: find duplicates')."""
    # lazy: the dedupe package is loaded by the commands that bring records in, not by every command's start
    from screener.output import counted, shell_word
    from screener.workspace.dedupe import dedupe_due

    due = dedupe_due(ws)
    if not due["due"]:
        return ""
    waiting = (f"{counted(due['records'], 'record')} not compared yet" if due["last_at"] is None
               else "records were added since it last ran")
    return (f"Next: `screener dedupe {shell_word(directory)}` finds the records of one study exported from several "
            f"databases ({waiting})")


def interrupted_line(run: dict[str, Any]) -> str:
    """An import that was killed (import_runs.interrupted_imports), as `import` and `status` say it."""
    files = ", ".join(run["files"][:3]) + (f" and {len(run['files']) - 3} more" if len(run["files"]) > 3 else "")
    return (f"an import of {files} started at {run['started_at'][:16].replace('T', ' ')} UTC did not finish (it was "
            "stopped: killed, the terminal closed or the computer stopped); nothing of a file it had not finished was "
            "kept (each file comes in whole or not at all; `screener imports list` shows what came in): run it again")
