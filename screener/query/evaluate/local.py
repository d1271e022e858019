"""Test a strategy on records you already have: what ``screener query run`` and ``screener query
validate`` do, as Python calls (the CLI only reads the strategy file and prints the result).

    read_strategy_file(file) -> (text, name)
        the text of a strategy file (``"-"`` reads standard input; UTF-8, UTF-16 or Windows-1252, as
        the importers read an export) and the name output uses; ``UsageError`` naming the file when
        it is missing, unreadable, a Word document or PDF, or in no encoding it reads.

    checked_strategy(text, name="<strategy>", read="ovid") -> Strategy
        the parsed strategy, or ``StrategyParseError`` listing its first three errors with line and
        column (``.problems``: all of them) — nothing is run on a strategy with errors.

    parse_where(items) -> dict
        ``["COLUMN=VALUE", …]`` (``--where``) as ``{COLUMN: VALUE}``; ``UsageError`` for an item
        without ``=`` or without a column.

    run_strategy(text, *, records=(), line=None, read="ovid", name="<strategy>") -> dict
        every line's hit and undetermined counts over ``records`` — export files, or a loader
        (``load.RecordSource``; a review's source records:
        ``screener.workspace.strategy_records.records_to_search(review=DIR)``) — and the records line
        ``line`` (default: the final line) finds. Keys: strategy, records_source, records, lines,
        warnings, line, matching, undetermined — the JSON of ``screener query run``.

    validate_strategy(text, known, *, where=None, records=(), read="ovid", name="<strategy>") -> dict
        recall on the known studies of the file ``known`` (rows kept where every ``where``
        column equals its value; or a ``KnownSet`` already loaded), searched in ``records`` or,
        with none, in the known file's own records — ``Validation.to_dict()`` plus "strategy",
        the JSON of ``screener query validate``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from screener.errors import CHECK_STRATEGY, StrategyParseError, UsageError
from screener.output import counted, shell_word
from screener.query import parse, strategy_file
from screener.query.evaluate.evaluator import evaluate
from screener.query.evaluate.known import KnownSet, load_known, validate
from screener.query.evaluate.load import NO_RECORDS_GIVEN, RecordSource, records_from
from screener.query.evaluate.results import number_ranges, record_summary
from screener.query.nodes import Strategy

if TYPE_CHECKING:
    from screener.query.evaluate.known import KnownSet

log = logging.getLogger(__name__)


def read_strategy_file(file: str | Path, label: str = "strategy file") -> tuple[str, str]:
    """The strategy text of ``file`` (``-``: standard input) and the name to show for it, read as
    the commands read it (``screener.query.strategy_file``: UTF-8, UTF-16 or Windows-1252; a file
    read as Windows-1252 is logged as a warning). Errors (``UsageError``) start with ``label`` and
    the file, e.g. ``--strategy`` for an option."""
    read = strategy_file.read_strategy(file, label)
    for note in read.notes:
        log.warning("%s", note)
    return read.text, read.name


def checked_strategy(text: str | Strategy, name: str = "<strategy>", read: str = "ovid") -> Strategy:
    """The parsed strategy, or one clear error (the first problems listed) before anything runs."""
    strategy = text if isinstance(text, Strategy) else parse(text, read)
    errors = strategy.errors
    if errors:
        listing = "; ".join((f"line {p.line}, column {p.col}: " if p.line is not None else "")
                            + f"{p.code}: {p.message}" for p in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        shown = "-" if name == "<stdin>" else shell_word(name)
        raise StrategyParseError(f"{name}: the strategy has {counted(len(errors), 'error')}, nothing was "
                                 f"run: {listing}{more}", strategy.problems, remedy=CHECK_STRATEGY,
                                 about={"name": shown})
    return strategy


def parse_where(items: Iterable[str] | None) -> dict[str, str]:
    """``COLUMN=VALUE`` conditions as a dict (the last one wins for a repeated column)."""
    conditions: dict[str, str] = {}
    for item in items or ():
        column, sep, value = item.partition("=")
        if not sep or not column.strip():
            raise UsageError(f"--where {item!r}: write COLUMN=VALUE")
        conditions[column.strip()] = value.strip()
    return conditions


def run_strategy(text: str | Strategy, *, records: RecordSource = (), line: int | None = None,
                 read: str = "ovid", name: str = "<strategy>") -> dict:
    """Run the strategy over records locally (see the module docstring)."""
    strategy = checked_strategy(text, name, read)
    loaded = records_from(records)
    if loaded is None:                  # a loader that allows none (validate's) given to run
        raise UsageError(NO_RECORDS_GIVEN)
    recs, source = loaded
    ev = evaluate(strategy, recs)
    if not ev.lines:
        raise UsageError(f"{name}: no line to run")
    chosen = ev.final
    if line is not None:
        try:
            chosen = ev.line(line)
        except KeyError:
            raise UsageError(f"{name}: there is no line {line} (the strategy's lines are "
                             f"{number_ranges([r.number for r in ev.lines])})") from None
    return {"strategy": name, "records_source": source, "records": len(recs),
            "lines": [r.to_dict() for r in ev.lines],
            "warnings": [w.to_dict() for w in ev.warnings],
            "line": chosen.number,
            "matching": [record_summary(recs[i], i) for i in sorted(chosen.hits)],
            "undetermined": [record_summary(recs[i], i) for i in sorted(chosen.undetermined)]}


def validate_strategy(text: str | Strategy, known: str | Path | KnownSet, *,
                      where: Mapping[str, str] | None = None, records: RecordSource = (),
                      read: str = "ovid", name: str = "<strategy>") -> dict:
    """Recall of the strategy on the known studies (see the module docstring)."""
    strategy = checked_strategy(text, name, read)
    known_set = known if isinstance(known, KnownSet) else load_known(known, dict(where or {}))
    loaded = records_from(records, required=False)
    recs, source = (None, "") if loaded is None else loaded
    data = validate(strategy, known_set, recs, source).to_dict()
    data["strategy"] = name
    return data
