"""Words left over on a command line, said in one line with the command to type instead.

click's "Got unexpected extra argument(s) (review)" under its usage block left the user to guess;
the word too many is almost always part of a value with spaces typed without quotes
(``--title Chronic pain QES``, ``reviewers add DIR Fiona Taylor``) or a second file after an option
that takes one (``query run S --records exports/*.ris``, the shell expanding the pattern)."""

from __future__ import annotations

from typing import Any

PREFIX = "Got unexpected extra argument(s) ("
FOLDERS = {"DIR", "ROOT"}


def extra_arguments_line(exc: Any, argv: list[str]) -> str | None:
    """The one line for ``exc`` (click's UsageError) when it is about words too many, else None."""
    message = getattr(exc, "message", "")
    ctx = getattr(exc, "ctx", None)
    if ctx is None or not message.startswith(PREFIX) or not message.endswith(")"):
        return None
    shown = message[len(PREFIX):-1]
    where = _position(argv, shown)
    head = f"{ctx.command_path}: did not expect '{shown}'"
    if where is None or where[0] == 0:
        return f"{head}; see `{ctx.command_path} --help`"
    start, end = where
    extra = argv[start:end]
    before = argv[start - 1]
    name = argv[start - 2] if start >= 2 else ""
    if before.startswith("--") and "=" in before:          # --records=a.ris b.ris
        name, before = before.split("=", 1)
    option = _option_taking(ctx.command, name)
    if option is not None:
        if option.multiple:
            kind = "folder" if option.metavar in FOLDERS else "file" if option.metavar == "FILE" else "value"
            repeated = " ".join(f"{name} {value}" for value in [before, *extra])
            return f"{head}; {name} takes one {kind} each time: repeat it ({repeated})"
        return f"{head}; a value with spaces goes in quotes: {name} \"{' '.join([before, *extra])}\""
    if before.startswith("-") or before == ctx.info_name:     # an option or the command's own name
        return f"{head}; see `{ctx.command_path} --help`"
    return f"{head}; a value with spaces goes in quotes: \"{' '.join([before, *extra])}\""


def _position(argv: list[str], shown: str) -> tuple[int, int] | None:
    """Where the extra words are in ``argv`` (the last run of words that click's message joins)."""
    for start in range(len(argv) - 1, -1, -1):
        for end in range(start + 1, len(argv) + 1):
            joined = " ".join(argv[start:end])
            if joined == shown:
                return start, end
            if len(joined) > len(shown):
                break
    return None


def _option_taking(command: Any, word: str) -> Any:
    """The option of ``command`` that ``word`` names and that takes a value, or None."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "option" and word in param.opts and not (param.is_flag or param.count):
            return param
    return None
