"""Words left over on a command line, said in one line with the command to type instead.

click's "Got unexpected extra argument(s) (review)" under its usage block left the user to guess;
the word too many is almost always part of a value with spaces typed without quotes
(``--title Chronic pain QES``, ``reviewers add DIR Fiona Taylor``) or a second file after an option
that takes one (``query run S --records exports/*.ris``, the shell expanding the pattern)."""

from __future__ import annotations

from typing import Any

PREFIX = "Got unexpected extra argument(s) ("
FOLDERS = {"DIR", "ROOT"}


SHOWN = 2      # extra words shown; a shell pattern can leave thousands


def extra_arguments_line(exc: Any, argv: list[str]) -> str | None:
    """The one line for ``exc`` (click's UsageError) when it is about words too many, else None."""
    message = getattr(exc, "message", "")
    ctx = getattr(exc, "ctx", None)
    if ctx is None or not message.startswith(PREFIX) or not message.endswith(")"):
        return None
    joined = message[len(PREFIX):-1]
    where = _position(argv, joined)
    if where is None or where[0] == 0:
        return f"{ctx.command_path}: did not expect '{_short(joined)}'; see `{ctx.command_path} --help`"
    start, end = where
    extra = argv[start:end]
    head = f"{ctx.command_path}: did not expect '{' '.join(extra[:SHOWN])}'"
    if len(extra) > SHOWN:
        head += f" and {len(extra) - SHOWN:,} more"
    before = argv[start - 1]
    name = argv[start - 2] if start >= 2 else ""
    if before.startswith("--") and "=" in before:          # --records=a.ris b.ris
        name, before = before.split("=", 1)
    option = _option_taking(ctx.command, name)
    if option is not None:
        if option.multiple:
            kind = "folder" if option.metavar in FOLDERS else "file" if option.metavar == "FILE" else "value"
            values = [before, *extra]
            shown = values if len(values) <= SHOWN + 1 else values[:SHOWN]
            repeated = " ".join(f"{name} {value}" for value in shown)
            more = " …" if len(shown) < len(values) else ""
            return f"{head}; {name} takes one {kind} each time: repeat it ({repeated}{more})"
        return f"{head}; a value with spaces goes in quotes: {name} \"{_short(' '.join([before, *extra]))}\""
    if before.startswith("-") or before == ctx.info_name:     # an option or the command's own name
        return f"{head}; see `{ctx.command_path} --help`"
    return f"{head}; a value with spaces goes in quotes: \"{_short(' '.join([before, *extra]))}\""


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _position(argv: list[str], joined: str) -> tuple[int, int] | None:
    """Where the extra words are in ``argv``: the last run of words that click's message joins
    (most often the words at the end). Lengths are added up before any text is joined."""
    for end in range(len(argv), 0, -1):
        length = -1
        for start in range(end - 1, -1, -1):
            length += len(argv[start]) + 1
            if length > len(joined):
                break
            if length == len(joined) and " ".join(argv[start:end]) == joined:
                return start, end
    return None


def _option_taking(command: Any, word: str) -> Any:
    """The option of ``command`` that ``word`` names and that takes a value, or None."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "option" and word in param.opts and not (param.is_flag or param.count):
            return param
    return None
