"""An empty value where a file or folder goes, said in one line before the command runs.

typer reads ``''`` as a path as ``Path('')``, the current folder: a shell variable left unset
(``--out "$OUT"``, ``screener serve --root "$ROOT"``) exported to '.', made the current folder a server
root, or served it. An empty argument (none of the commands' arguments can be empty) or an empty
value of an option that names a file or folder is refused instead; an option whose value is text
(``--notes ""``) may stay empty."""

from __future__ import annotations

from typing import Any

from screener.cli.common import value_kind

# options typed as text whose value is a file or folder all the same
PATH_OPTIONS = {"--out", "--groups-out", "--pairs-out", "--strategy", "--records", "--known", "--review", "--root"}


def empty_value_line(command: Any, args: list[str]) -> str | None:
    """The one line for the first empty file, folder or argument in ``args``, else None."""
    found = command_named(command, args)
    if found is None:
        return None
    leaf, rest, path = found
    takes_value = value_options(leaf)
    arguments = [p for p in leaf.params if p.param_type_name == "argument"]
    position, options_done, i = 0, False, 0
    while i < len(rest):
        word = rest[i]
        if not options_done and word == "--":
            options_done = True
        elif not options_done and word.startswith("--") and "=" in word:
            name, value = word.split("=", 1)
            if value == "" and name in takes_value and _names_a_path(takes_value[name]):
                return _line(name, takes_value[name])
        elif not options_done and word in takes_value:
            if i + 1 < len(rest) and rest[i + 1] == "" and _names_a_path(takes_value[word]):
                return _line(word, takes_value[word])
            i += 1                                   # (its value)
        elif options_done or word == "" or not word.startswith("-") or word == "-":
            argument = arguments[min(position, len(arguments) - 1)] if arguments else None
            if word == "" and argument is not None:
                return f"{path}: " + _line(argument.metavar or argument.name.upper(), argument)
            if argument is not None and argument.nargs == 1:
                position += 1
        i += 1
    return None


def command_named(command: Any, args: list[str]) -> tuple[Any, list[str], str] | None:
    """The command ``args`` run (a group's sub-command, followed down), the words after its name, and
    its name as typed ('screener query check')."""
    i, path = 0, ["screener"]
    while hasattr(command, "commands"):
        while i < len(args) and args[i].startswith("-") and args[i] != "-":
            i += 1                                   # the group's own flags (--debug, -v)
        if i >= len(args) or args[i] not in command.commands:
            return None
        command = command.commands[args[i]]
        path.append(args[i])
        i += 1
    return command, args[i:], " ".join(path)


def value_options(leaf: Any) -> dict[str, Any]:
    """The options of command ``leaf`` that take a value (not flags or counts), by each of their names."""
    return {opt: p for p in leaf.params if p.param_type_name == "option" and not (p.is_flag or p.count)
            for opt in p.opts}


def _names_a_path(param: Any) -> bool:
    return max(param.opts, key=len) in PATH_OPTIONS or value_kind(param) == "path"


def _line(name: str, param: Any) -> str:
    means = ", which would mean the current folder" if _is_path(param) else ""
    return f"{name} '': empty{means}; give the value (a shell variable left unset?)"


def _is_path(param: Any) -> bool:
    if param.param_type_name == "option":
        return _names_a_path(param)
    return value_kind(param) == "path"
