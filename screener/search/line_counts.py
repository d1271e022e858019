"""Every line's PubMed count, as Ovid's search history shows a count beside each line.

An information specialist reads the counts line by line to find the line that finds nothing (a
typo, a wrong field) or far too much. Each line is sent as the query builder compiles it for
PubMed — a line such as ``1 or 2`` expanded as the compiler expands it, the last line being the very
query ``search pubmed`` sends — to ESearch with ``retmax=0`` (a count, no PMIDs, no history), through
the same ``EutilsClient`` as a search: the process-wide rate limiter (3/s, 10/s with an API key),
the same retries, ``api_key`` never logged.

One line's failure is that line's: PubMed refusing it (ErrorList: PhraseNotFound, FieldNotFound)
or E-utilities failing after its retries marks the line and the others are still counted. A line
the strategy has an error on is not sent (the full search would refuse the strategy; the check
says why). Answers are kept per (the line's PubMed query, the day in UTC, the E-utilities URL) in a
``cache`` the caller gives (the workspace keeps them: ``screener.workspace.line_counts``), so
opening the same strategy again the same day asks PubMed nothing; a failure is not kept.

    plan_counts(text, read="ovid") -> list[LineCount]
    counts_client(eutils_url, email=..., api_key=...) -> EutilsClient
    kept_counts(text, cache, day, server) -> list[LineCount]   (what the cache holds; nothing asked)
    count_lines(lines, client, cache=None, day=None, progress=None) -> list[LineCount]
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from screener.errors import ScreenerError, SearchError, UsageError
from screener.query import translate
from screener.query.nodes import LineRef
from screener.search.eutils import EutilsClient, RetryPolicy

log = logging.getLogger(__name__)

# the retries of a count: fewer than a search's 7 (about a minute of backoff), since one line's
# failure is said on that line and counting it again is one click away
COUNT_ATTEMPTS = 3

COUNTED, REFUSED, FAILED, NOT_SENT = "counted", "refused", "failed", "not sent"


@dataclass
class LineCount:
    number: int                  # the line's number in the strategy (Ovid's search history number)
    text: str                    # the line as written
    query: str | None            # the line compiled for PubMed (references to other lines expanded)
    status: str = ""             # counted | refused (PubMed's ErrorList) | failed (E-utilities) | not sent
    count: int | None = None     # PubMed's count (a refused line may still have one: PubMed's own)
    message: str = ""            # why refused, failed or not sent; PubMed's warnings for a counted line
    cached: bool = False         # answered from an earlier count of the same query today
    final: bool = False          # the last line: the query a PubMed search of the strategy sends
    day: str = ""                # the day (UTC) the count is PubMed's count of
    warnings: list[str] = field(default_factory=list)

    @property
    def zero(self) -> bool:
        """Counted, and finds nothing (a refused line's 0 is PubMed refusing it: said as that)."""
        return self.count == 0 and self.status == COUNTED

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "zero": self.zero}


class CountCache(Protocol):
    """Where answers are kept: ``get`` → the answer kept for (query, day, server) or None."""

    def get(self, query: str, day: str, server: str) -> dict[str, Any] | None: ...

    def put(self, query: str, day: str, server: str, answer: dict[str, Any]) -> None: ...


#: why the last line of a strategy with an error elsewhere is not sent, as the Python API says it; a front end
#: names its own search and where the errors are listed (``plan_counts``' ``with_errors``)
REFUSED_WITH_ERRORS = "a search of PubMed refuses a strategy with errors; fix them first"


def plan_counts(text: str, read: str = "ovid", *, with_errors: str = REFUSED_WITH_ERRORS) -> list[LineCount]:
    """Every line of the strategy with its PubMed query; a line with an error of the strategy's on
    it is marked ``not sent`` with that error (line numbers as the strategy numbers them), and the
    last line of a strategy with errors with ``with_errors``."""
    if not isinstance(text, str) or not text.strip():
        raise UsageError("the strategy is empty: give a numbered Ovid MEDLINE (or PubMed) strategy")
    translation = translate(text, read=read, write="pubmed")
    strategy = translation.strategy
    errors: dict[int, str] = {}
    for problem in translation.errors:
        if problem.line is not None and problem.code != "NOTHING_TO_TRANSLATE":
            errors.setdefault(problem.line, problem.message)
    queries = dict(translation.lines)
    lines = list(getattr(strategy, "lines", None) or [])
    if not lines:
        raise UsageError("the strategy has no numbered line to count; write it as '1. exp Chronic Pain/'")
    out = []
    unsent: set[int] = set()         # lines not sent: a line holding one is not sent either
    for entry in lines:
        query = queries.get(entry.number)
        item = LineCount(number=entry.number, text=str(entry.text).strip(), query=query.strip() if query else None)
        # the error's own physical line: a statement's number and its line in the file can differ
        error = errors.get(entry.line) if entry.line is not None else None
        held = sorted(n for n in _held(entry.node) if n in unsent)
        if error is not None:
            item.status, item.message = NOT_SENT, f"not sent to PubMed: the strategy has an error here: {error}"
        elif held:
            # its translation reads the faulty line as the compiler guessed: a count of that guess misleads
            item.status, item.message = NOT_SENT, f"not sent to PubMed: it holds line {held[0]}, which is not sent"
        elif not item.query:
            item.status, item.message = NOT_SENT, "not sent to PubMed: the query builder could not compile this line"
        if item.status == NOT_SENT:
            unsent.add(entry.number)
        out.append(item)
    final = out[-1]
    final.final = True
    if translation.errors and final.status != NOT_SENT:
        # `search pubmed` refuses a strategy with errors: its last line finds nothing until they are fixed
        final.status, final.message = NOT_SENT, f"not sent to PubMed: {with_errors}"
    if translation.query and final.status != NOT_SENT:
        final.query = translation.query.strip()        # exactly what `search pubmed` sends
    return out


def _held(node) -> set[int]:
    """The line numbers a line refers to (``1 or 2``, ``or/1-5``)."""
    if node is None:
        return set()
    return {n.number for n in node.walk() if isinstance(n, LineRef)}


def counts_client(eutils_url: str | None = None, *, email: str | None = None, api_key: str | None = None,
                  **options: Any) -> EutilsClient:
    """The E-utilities client a count uses: a search's, retrying ``COUNT_ATTEMPTS`` times."""
    options.setdefault("retry", None)
    if options["retry"] is None:
        options["retry"] = RetryPolicy(attempts=COUNT_ATTEMPTS)
    return EutilsClient(eutils_url, email=email, api_key=api_key, **options)


def today_utc() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def count_lines(lines: list[LineCount], client: EutilsClient, *, cache: CountCache | None = None,
                day: str | None = None, progress: Callable[[int, int, LineCount], None] | None = None
                ) -> list[LineCount]:
    """Count each line not yet marked (in order); ``progress(done, total, line)`` after each line."""
    day = day or today_utc()
    total = len(lines)
    for done, item in enumerate(lines, start=1):
        if not item.status:
            count_one(item, client, cache=cache, day=day)
        if progress is not None:
            progress(done, total, item)
    return lines


def count_one(item: LineCount, client: EutilsClient, *, cache: CountCache | None = None, day: str | None = None) -> LineCount:
    """Count one line (from the cache when it holds today's answer for its query)."""
    day = day or today_utc()
    item.day = day
    if item.status == NOT_SENT or not item.query:
        return item
    server = client.base_url
    kept = cache.get(item.query, day, server) if cache is not None else None
    if kept is not None:
        _apply(item, kept)
        item.cached = True
        return item
    try:
        result = client.esearch(item.query, retmax=0, usehistory=False)
    except SearchError as exc:
        item.status, item.message = FAILED, f"E-utilities failed: {exc}"
        log.info("line %d not counted: %s", item.number, exc)
        return item
    answer: dict[str, Any] = {"count": result.count, "errors": [f"{e.code}: {e.text}" for e in result.errors],
                              "warnings": [f"{w.code}: {w.text}" for w in result.warnings
                                           if not (w.code == "OutputMessage" and w.text.lower().startswith("no items"))]}
    _apply(item, answer)
    if cache is not None:
        cache.put(item.query, day, server, answer)
    return item


def kept_counts(text: str, cache: CountCache, day: str, server: str, read: str = "ovid") -> list[LineCount]:
    """The strategy's lines with the answers ``cache`` kept for ``day`` and ``server`` (none asked
    now); [] when it kept none, or the strategy cannot be read."""
    try:
        lines = plan_counts(text, read)
    except ScreenerError:
        return []
    found = False
    for item in lines:
        kept = cache.get(item.query, day, server) if item.query and item.status != NOT_SENT else None
        if kept is not None:
            _apply(item, kept)
            item.cached, item.day, found = True, day, True
    return lines if found else []


def _apply(item: LineCount, answer: dict[str, Any]) -> None:
    item.count = answer.get("count")
    item.warnings = list(answer.get("warnings") or [])
    errors = list(answer.get("errors") or [])
    if errors:
        item.status = REFUSED
        item.message = "PubMed refused this line: " + "; ".join(errors)
    else:
        item.status = COUNTED
        item.message = "; ".join(item.warnings)
