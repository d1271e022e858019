"""A value typer refuses, said in one line in the project's words.

typer (0.29) checks each value with pydantic and reports its words inside click's usage block:
"Invalid value for '--role': Value error, 'arbitre' is not one of 'screener', ...", or "Input
should be a valid integer, unable to parse string as an integer". What went wrong is in the
pydantic error the BadParameter was raised from (its kind and the value typed), and what would
be right is in the parameter (its choices, its range): this module says both,
``--role 'arbitre': use one of screener, arbiter, owner, searcher (did you mean 'arbiter'?)``.
"""

from __future__ import annotations

import math
from typing import Any

from screener.output import did_you_mean

VOTE_WORDS = ("include", "exclude", "maybe", "retract")      # what `vote` and `resolve` take after STUDY
RANGE_ERRORS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")


def bad_value_line(exc: Any) -> str | None:
    """The one line for ``exc`` (a click BadParameter), or None when it is not a value typer's
    own check refused (then click's usage block says it as before)."""
    param = getattr(exc, "param", None)
    errors = getattr(exc.__cause__, "errors", None)
    if param is None or not callable(errors):
        return None
    found = errors()
    if not found:
        return None
    error = found[0]
    kind, typed = error.get("type", ""), error.get("input")
    # an argument as the usage line and the README name it (STUDY, ID), not the code's 'import_id'
    name = max(param.opts, key=len) if param.param_type_name == "option" else (param.metavar or param.name.upper())
    choices = _choices(param)
    if choices:
        return f"{name} {typed!r}: use one of {', '.join(choices)}{did_you_mean(typed, choices)}"
    number = _number_kind(param)
    if number is None:
        return None
    lowest, highest = _range(param)
    span = (f" from {_shown(lowest)} to {_shown(highest)}" if lowest is not None and highest is not None
            else f" of at least {_shown(lowest)}" if lowest is not None
            else f" of at most {_shown(highest)}" if highest is not None else "")
    wanted = f"{number}{span}"
    if kind in RANGE_ERRORS and not _not_finite(typed):
        return f"{name} {typed}: out of range; give {wanted}"
    if name == "STUDY" and str(typed).lower() in VOTE_WORDS:
        # `vote DIR include 145`: the two arguments swapped, which the bare 'give a whole number' did not say
        command = getattr(getattr(exc, "ctx", None), "command_path", "") or "screener vote"
        what = "decision" if command.endswith("resolve") else "vote"
        return (f"{name} {typed!r}: give {wanted}; the study number comes before the {what}: "
                f"`{command} DIR STUDY {str(typed).lower()} ...`")
    return f"{name} {typed!r}: give {wanted}"


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    values = descriptor.choices if descriptor is not None and descriptor.is_choice else None
    if values is None:
        values = getattr(getattr(param, "type", None), "choices", None)
    return [str(getattr(v, "value", v)) for v in values or ()]


def _number_kind(param: Any) -> str | None:
    """'a whole number' or 'a number' for a numeric parameter, else None."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        annotation = descriptor.annotation
        inner = getattr(annotation, "__args__", None) or (annotation,)
        kind = getattr(inner[0], "__name__", "")
    else:
        kind = {"integer": "int", "float": "float"}.get(getattr(getattr(param, "type", None), "name", ""), "")
    return {"int": "a whole number", "float": "a number"}.get(kind)


def _range(param: Any) -> tuple[Any, Any]:
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    if info is not None:
        return info.min, info.max
    kind = getattr(param, "type", None)
    return getattr(kind, "min", None), getattr(kind, "max", None)


def _shown(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _not_finite(typed: Any) -> bool:
    """'nan' and 'inf' parse as numbers and then fail a range check: they are no number to give."""
    try:
        return not math.isfinite(float(typed))
    except (TypeError, ValueError):
        return False
