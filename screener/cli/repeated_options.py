"""An option that takes one value, given twice, said in one line before the command runs.

click keeps the last value of an option given twice: `screener rank simulate set.csv --seed 1
--seed 2` ran with seed 2 and said nothing, `export --out a.ris --out b.ris` wrote b.ris only. No
command takes a value option more than once (none is declared ``multiple``), so a second one is a
slip — which one was meant the command cannot know — and is refused with both values, exit 2, for
every command at once (one check here, not one per option). A flag given twice means the same as
once and is still taken."""

from __future__ import annotations

from typing import Any

from screener.cli.empty_values import command_named, value_options


def repeated_option_line(command: Any, args: list[str]) -> str | None:
    """The one line for the first one-value option given twice in ``args``, else None."""
    found = command_named(command, args)
    if found is None:
        return None
    leaf, rest, path = found
    takes_value = value_options(leaf)
    seen: dict[str, str] = {}           # a parameter's name: its first value
    i = 0
    while i < len(rest):
        word = rest[i]
        if word == "--":
            break
        name, value = word.split("=", 1) if word.startswith("--") and "=" in word else (word, None)
        param = takes_value.get(name)
        if param is not None:
            if value is None:
                i += 1                  # its value, whatever it looks like (click reads it so)
                value = rest[i] if i < len(rest) else ""
            if param.name in seen and not param.multiple:
                return (f"{path}: {max(param.opts, key=len)} given twice ({seen[param.name]}, then {value}); "
                        f"give it once")
            seen.setdefault(param.name, value)
        i += 1
    return None
