"""click's own usage errors said in one line, as every other error is.

click printed four lines and more for a missing argument or option, or one that does not exist:
'Usage: screener vote [OPTIONS] DIR STUDY VOTE', 'Try ...', a blank line, then 'Error: Missing argument
'VOTE'. Choose from:' with one line per choice. The one line keeps what they said — what is missing
or wrong, the values it takes, the usage line — and names the command it is about."""

from __future__ import annotations

import re
from typing import Any

from screener.output import did_you_mean, shell_word

NO_SUCH_COMMAND = "No such command "


def usage_error_line(exc: Any, args: list[str] | None = None) -> str | None:
    """The one line for click's usage error ``exc`` (``args``: the command line typed), or None when
    it has no command to name (then click's own words are shown)."""
    ctx = getattr(exc, "ctx", None)
    message = str(getattr(exc, "message", "") or "")
    if ctx is None:             # (click's parser, before a command is known: 'Option '--to' requires an argument.')
        text = _sentence(exc.format_message())
        return f"{text}; see --help" if text else None
    param = getattr(exc, "param", None)
    if message.startswith(NO_SUCH_COMMAND):
        return _no_such_command(ctx, message)
    if getattr(exc, "param_type", None) is not None or (param is not None and type(exc).__name__ == "MissingParameter"):
        what = _named(param) if param is not None else str(exc.param_hint or "a value")
        choices = _choices(param, ctx) if param is not None else []
        listed = f" ({_or(choices)})" if choices else ""
        return f"{ctx.command_path}: {what} is missing{listed}; {_usage(ctx)}"
    option = getattr(exc, "option_name", None)
    if option is not None and message.startswith("No such option"):
        moved = _global_options_first(ctx, args or [])
        if moved is not None:          # `screener status DIR --debug`: the README's --debug and -v
            verb = "go" if " " in moved[0] else "goes"
            return f"{ctx.command_path}: {moved[0]} {verb} before the command: `{moved[1]}`"
        options = [o for p in ctx.command.params for o in getattr(p, "opts", []) if o.startswith("--")]
        options.append("--help")
        return f"{ctx.command_path}: no such option {option}{did_you_mean(option, options)}; {_usage(ctx)}"
    return f"{ctx.command_path}: {_sentence(exc.format_message())}; {_usage(ctx)}"


def _sentence(text: str) -> str:
    """click's message on one line, as the middle of ours: 'Option '--to' requires an argument.' →
    'option '--to' requires an argument'."""
    text = " ".join(text.split()).rstrip(".")
    return text[:1].lower() + text[1:]


def _no_such_command(ctx: Any, message: str) -> str:
    # "No such command 'improt'." (typer may add its own "Did you mean ...?", said here as elsewhere)
    quoted = re.match(r"No such command '(.*?)'(?:\.|$| )", message)
    typed = quoted.group(1) if quoted else message[len(NO_SUCH_COMMAND):].rstrip(".")
    commands = list(getattr(ctx.command, "commands", {}))
    where = "" if ctx.parent is None else f"{ctx.command_path}: "
    return f"{where}no such command '{typed}'{did_you_mean(typed, commands)}; see `{ctx.command_path} --help`"


def _global_options_first(ctx: Any, args: list[str]) -> tuple[str, str] | None:
    """(the screener-wide options typed after the command, the command line with them first), or None."""
    root = ctx.find_root().command
    names = {o for p in root.params for o in getattr(p, "opts", [])}
    shorts = {o[1] for o in names if len(o) == 2 and o[0] == "-"}

    def is_global(word: str) -> bool:
        return word in names or (word[:1] == "-" and word[1:2] != "-" and len(word) > 1 and set(word[1:]) <= shorts)

    first_command = next((i for i, w in enumerate(args) if not w.startswith("-")), len(args))
    late = [w for w in args[first_command:] if is_global(w)]
    if not late:
        return None
    rest = [w for i, w in enumerate(args) if i < first_command or not is_global(w)]
    words = rest[:first_command] + late + rest[first_command:]
    return " ".join(late), "screener " + " ".join(shell_word(w) for w in words)


def _named(param: Any) -> str:
    if param.param_type_name == "option":
        name = max(param.opts, key=len)
        return f"{name} {param.metavar}" if param.metavar and not param.is_flag else name
    return param.metavar or param.name.upper()


def _choices(param: Any, ctx: Any) -> list[str]:
    """The values a choice takes, as typer lists them ('Choose from:' then one a line) or click."""
    listing = param.get_missing_message(ctx=ctx) if hasattr(param, "get_missing_message") else ""
    if listing and listing.startswith("Choose from:"):
        return [line.strip().rstrip(",") for line in listing.splitlines()[1:] if line.strip()]
    return [str(c) for c in getattr(getattr(param, "type", None), "choices", None) or []]


def _or(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def _usage(ctx: Any) -> str:
    pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
    return f"usage: {ctx.command_path} {pieces} (see `{ctx.command_path} --help`)"
