"""Run a search on PubMed and import every record exactly once, resumably, with a PRISMA-S log row.

The steps of one run (``search_pubmed``):

1. compile the strategy with the query builder (or take the PubMed query as given);
2. ESearch it (``usehistory=y``). ErrorList entries reject the query — the message names the strategy
   line they came from — and WarningList entries are attached to their lines and kept in the log;
3. list every PMID: a result of up to 10,000 comes in that first answer; a larger one is cut by
   publication date (halving the range, down to a single day) and then by PMID range until every
   slice is under the cap, and the slices must add up to the count before anything is fetched;
4. stage the PMID list and mark the search ``incomplete`` (one transaction);
5. EPost the PMIDs still missing onto the history server and EFetch them in batches, staging each
   batch in its own transaction as it arrives;
6. import the staged records as source records of database "PubMed" and mark the search
   ``complete`` (one transaction).

A run that is killed or fails leaves an ``incomplete`` search; running the same query again resumes
it and fetches only what has no staged record. Running a completed query again is a living-review
update: a new search row whose count is PubMed's count today and whose new records are only the
PMIDs no earlier run of that query imported.

The steps' tables (``searches``, ``pubmed_*``) are read and written by
``screener.workspace.pubmed_searches`` (reached through ``Workspace.pubmed_searches()``, as this
package sits below the workspace): this module runs no SQL. Its functions are the six steps above
in the order they run, and resuming a killed run means reading them together.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from screener.errors import SearchError, StrategyParseError, UsageError
from screener.query import translate
from screener.search.eutils import (
    ESEARCH_CAP,
    ESearchResult,
    EutilsClient,
    HistoryExpired,
    Message,
    RetryPolicy,
    parse_efetch_pubmed,
)
from screener.search.ratelimit import RateLimiter
from screener.version import __version__

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

log = logging.getLogger(__name__)
DATABASE = "PubMed"
DEFAULT_BATCH = 500           # records per EFetch: ~2-5 MB of XML, the most held in memory at once
EPOST_CHUNK = 5_000           # PMIDs per EPost (one POST body of ~45 kB)
EARLIEST = dt.date(1700, 1, 1)
MAX_PMID = 999_999_999


@dataclass
class Slice:
    mindate: str = ""
    maxdate: str = ""
    pmid_low: int | None = None
    pmid_high: int | None = None
    count: int = 0
    ids: list[str] = field(default_factory=list, repr=False)

    def describe(self) -> str:
        what = f"{self.mindate}–{self.maxdate}" if self.mindate else "whole result"
        if self.pmid_low is not None:
            what += f", PMID {self.pmid_low}–{self.pmid_high}"
        return f"{what}: {self.count}"


@dataclass
class SearchReport:
    """What one run did; ``to_dict()`` is the CLI's ``--json``."""

    search_id: int | None
    status: str                      # "complete", "failed"
    run: str                         # "new", "resumed", "update" (a completed query run again)
    query: str
    query_translation: str = ""
    count: int = 0                   # PubMed's count for the query now
    new_records: int = 0             # source records this run imported
    previously_imported: int = 0     # PMIDs an earlier run of the same query had imported
    fetched: int = 0                 # records fetched by this process (a resumed run fetches less)
    already_staged: int = 0          # records a killed earlier attempt had staged
    missing: list[str] = field(default_factory=list)   # PMIDs ESearch listed but EFetch never returned
    slices: list[str] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    eutils_url: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CompiledQuery:
    query: str
    strategy_text: str = ""
    strategy_file: str = ""
    warnings: list[dict[str, Any]] = field(default_factory=list)
    translation: Any = None

    def line_for(self, fragment: str) -> int | None:
        """The strategy line a fragment of the compiled query came from, if it can be told."""
        if not self.strategy_text or not fragment:
            return None
        translation = self.translation
        finder = getattr(translation, "line_for", None)
        if callable(finder):
            try:
                line = finder(fragment)
            except Exception:  # the query builder's lookup is a courtesy, never a reason to fail
                line = None
            if line:
                return int(line)
        needle = fragment.strip('"').lower()
        for number, line_text in enumerate(self.strategy_text.splitlines(), start=1):
            if needle and needle in line_text.lower():
                return number
        return None

    def line_text(self, line: int | None) -> str:
        """The text of strategy line ``line`` (its number in the strategy, e.g. ``3.``)."""
        if not line:
            return ""
        strategy = getattr(self.translation, "strategy", None)
        for entry in getattr(strategy, "lines", None) or ():
            if getattr(entry, "number", None) == line:
                return str(getattr(entry, "text", "")).strip()
        lines = self.strategy_text.splitlines()
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def compile_query(query: str | None = None, strategy_text: str | None = None,
                  strategy_file: str = "") -> CompiledQuery:
    """The PubMed query to send: ``query`` as given, or the strategy compiled by the query builder.

    A strategy with errors raises ``StrategyParseError`` listing them (line and column each).
    """
    if (query is None) == (strategy_text is None):
        raise UsageError("give exactly one of --query TEXT or --strategy FILE")
    if query is not None:
        if not query.strip():
            raise UsageError("--query is empty; give the PubMed query to run")
        return CompiledQuery(query=query.strip())
    assert strategy_text is not None        # exactly one of the two, checked above
    if not strategy_text.strip():
        raise UsageError(f"{strategy_file or 'the strategy'}: empty; give a numbered Ovid strategy")
    translation = translate(strategy_text, read="ovid", write="pubmed")
    where = strategy_file or "strategy"
    errors = list(getattr(translation, "errors", []) or [])
    if errors:
        first = errors[0]
        detail = _problem_dict(first)
        position = f"line {detail.get('line')}" + (f", column {detail['col']}" if detail.get("col") else "")
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        # 'nothing was searched' first: an error's own words say how the reader took the slip
        # (UNKNOWN_FIELD: 'the term is searched in the default fields'), which read after them
        # contradicted the run that did not happen
        raise StrategyParseError(
            f"{where}: nothing was searched: the strategy has errors; {position}: "
            f"{detail.get('message', first)}{more} (fix it and search again)",
            problems=[_problem_dict(e) for e in errors])
    warnings = []
    for warning in getattr(translation, "warnings", []) or []:
        detail = _problem_dict(warning)
        detail["source"] = "query builder"
        warnings.append(detail)
    if not getattr(translation, "query", None):
        raise StrategyParseError(f"{where}: the query builder produced no PubMed query; check the strategy "
                                 f"with `screener query translate`", problems=[])
    return CompiledQuery(query=str(translation.query).strip(), strategy_text=strategy_text,
                         strategy_file=strategy_file, warnings=warnings, translation=translation)


def _problem_dict(problem: Any) -> dict[str, Any]:
    if hasattr(problem, "to_dict"):
        return dict(problem.to_dict())
    if isinstance(problem, dict):
        return dict(problem)
    return {"message": str(problem)}


# ---- the run ---------------------------------------------------------------------------------------

def search_pubmed(ws: Workspace, *, query: str | None = None, strategy_text: str | None = None,
                  strategy_file: str = "", email: str | None = None, api_key: str | None = None,
                  eutils_url: str | None = None, batch_size: int = DEFAULT_BATCH,
                  limiter: RateLimiter | None = None, retry: RetryPolicy | None = None,
                  timeout: tuple[float, float] | None = None, client: EutilsClient | None = None,
                  progress: Callable[[str], None] | None = None, actor: str = "owner") -> SearchReport:
    """Search PubMed and import every record; see the module docstring for the steps.

    ``limiter``, ``retry`` and ``timeout`` exist for tests (the defaults are NCBI's 3/s — 10/s with
    an API key — and backoff from 1 s to 60 s over 7 attempts).
    """
    started = time.monotonic()
    say = progress or (lambda message: None)
    if batch_size < 1 or batch_size > ESEARCH_CAP:
        raise UsageError(f"--batch-size {batch_size}: give a number from 1 to {ESEARCH_CAP}")
    compiled = compile_query(query, strategy_text, strategy_file)
    if client is None:
        options: dict[str, Any] = {"email": email, "api_key": api_key, "limiter": limiter, "retry": retry}
        if timeout is not None:
            options["timeout"] = timeout
        client = EutilsClient(eutils_url, **options)
        client.on_retry = progress
    report = SearchReport(search_id=None, status="running", run="new", query=compiled.query,
                          eutils_url=client.base_url)

    if not client.email:
        say("note: no --email given; NCBI asks every E-utilities user for one (or set $NCBI_EMAIL)")
    say(f"ESearch: {compiled.query[:100]}{'…' if len(compiled.query) > 100 else ''}")
    first = client.esearch(compiled.query, retmax=ESEARCH_CAP, usehistory=True)
    report.query_translation = first.query_translation
    warnings = compiled.warnings + _pubmed_warnings(first, compiled)
    report.warnings = warnings
    rejected = list(first.errors)  # PhraseNotFound, FieldNotFound, a top-level ERROR: all reject the query
    if rejected:
        _log_failed(ws, compiled, client, first, warnings, rejected, actor)
        raise SearchError(_rejection_message(rejected, compiled))

    platform = _platform(client)  # runs against another server (a stand-in) are another search
    resumable = _resumable_search(ws, compiled.query, platform)
    previous = _previously_imported(ws, compiled.query, platform, exclude=resumable)
    report.run = "resumed" if resumable else ("update" if previous else "new")

    # 3. the PMID list
    if first.count <= ESEARCH_CAP:
        slices = [Slice(count=first.count, ids=list(first.ids))]
    else:
        say(f"{first.count} records: more than ESearch lists at once ({ESEARCH_CAP}); slicing by date")
        slices = _slice_by_date(client, compiled.query, first.count, say)
    listing = _check_slices(slices, first.count)
    log.info("PubMed counts %d records (%d slice%s); %s run", first.count, len(slices), "" if len(slices) == 1 else "s",
             report.run)
    for piece in slices if len(slices) > 1 else []:
        log.debug("slice %s: %d records", piece.describe(), piece.count)
    report.count = first.count
    report.slices = [s.describe() for s in slices]

    # 4. stage the list; the search is incomplete from here until it completes
    search_id = _stage_listing(ws, resumable, compiled, client, first, warnings, slices, listing, actor)
    first.ids = []
    report.search_id = search_id
    listed = set(listing)
    previously = previous & listed
    report.previously_imported = len(previously)
    report.already_staged = ws.pubmed_searches().already_staged(search_id)
    del listed
    to_fetch = _unstaged(ws, search_id, previously)
    if to_fetch:
        say(f"fetching {len(to_fetch)} of {len(listing)} records"
            + (f" ({len(previously)} imported by an earlier run)" if previously else "")
            + (f" ({report.already_staged} staged by an interrupted run)" if report.already_staged else ""))

    # 5. fetch what is missing
    report.fetched = _fetch(ws, client, search_id, to_fetch, first.webenv, batch_size, say)
    del to_fetch, listing
    missing = _unstaged(ws, search_id, previously)
    if missing:  # one more pass for records a batch left out
        report.fetched += _fetch(ws, client, search_id, missing, "", batch_size, say)
        missing = _unstaged(ws, search_id, previously)
    report.missing = missing
    if missing:
        warnings = warnings + [{"code": "RecordsNotReturned", "source": "PubMed",
                                "message": f"EFetch returned no record for {len(missing)} PMID(s) ESearch "
                                           f"listed: {', '.join(missing[:20])}{' …' if len(missing) > 20 else ''}",
                                "pmids": missing}]
        report.warnings = warnings

    # 6. import
    report.new_records = _import(ws, search_id, client, warnings, report, actor)
    report.status = "complete"
    report.requests, report.retries = client.requests_made, client.retries
    report.seconds = round(time.monotonic() - started, 3)
    log.info("search %d complete: %d found, %d fetched, %d new, %d missing; %d requests (%d retried) in %.1f s",
             search_id, report.count, report.fetched, report.new_records, len(report.missing), report.requests,
             report.retries, report.seconds)
    say(f"search {search_id} complete: {report.count} found, {report.new_records} new records imported")
    return report


# ---- ESearch results ----------------------------------------------------------------------------------

def _pubmed_warnings(result: ESearchResult, compiled: CompiledQuery) -> list[dict[str, Any]]:
    warnings = []
    for message in result.warnings:
        if message.code == "OutputMessage" and message.text.lower().startswith("no items found"):
            continue  # a count of 0 says that already
        line = compiled.line_for(message.text)
        entry: dict[str, Any] = {"code": message.code, "source": "PubMed", "text": message.text,
                 "message": f"PubMed {message.code}: {message.text}"
                            + (f" (strategy line {line}: {compiled.line_text(line)})" if line else "")}
        if line:
            entry["line"] = line
        warnings.append(entry)
    return warnings


def _rejection_message(rejected: list[Message], compiled: CompiledQuery) -> str:
    parts = []
    for message in rejected:
        line = compiled.line_for(message.text)
        where = f" (strategy line {line}: {compiled.line_text(line)})" if line else ""
        parts.append(f"{message.code} {message.text!r}{where}")
    fix = "fix that line of the strategy" if compiled.strategy_text else "fix the query"
    return f"PubMed rejected the query: {'; '.join(parts)}; {fix} and run again (nothing was imported)"


# ---- slicing ------------------------------------------------------------------------------------------

def _date(value: dt.date) -> str:
    return value.strftime("%Y/%m/%d")


def _slice_by_date(client: EutilsClient, term: str, total: int, say: Callable[[str], None]) -> list[Slice]:
    """Halve the publication-date range until every slice is under the cap (a day, then PMID ranges).

    A half whose count is known by subtraction is not asked again unless its PMIDs are needed; the
    final check (slices add up to the count) catches PubMed changing under us.
    """
    latest = dt.date(dt.date.today().year + 5, 12, 31)
    leaves: list[Slice] = []

    def esearch(low: dt.date, high: dt.date) -> ESearchResult:
        return client.esearch(term, retmax=ESEARCH_CAP, usehistory=False, mindate=_date(low), maxdate=_date(high))

    def take(low: dt.date, high: dt.date, result: ESearchResult) -> None:
        if result.count == 0:
            return
        if result.count <= ESEARCH_CAP:
            leaves.append(Slice(_date(low), _date(high), count=result.count, ids=list(result.ids)))
        else:
            split(low, high, result.count)

    def split(low: dt.date, high: dt.date, count: int) -> None:
        if low == high:
            say(f"{_date(low)}: {count} records on one day; slicing by PMID range")
            leaves.extend(_slice_by_pmid(client, term, low, count))
            return
        middle = low + (high - low) // 2
        left = esearch(low, middle)
        take(low, middle, left)
        rest = count - left.count
        if rest > ESEARCH_CAP:
            split(middle + dt.timedelta(days=1), high, rest)
        elif rest > 0:
            take(middle + dt.timedelta(days=1), high, esearch(middle + dt.timedelta(days=1), high))

    split(EARLIEST, latest, total)
    return leaves


def _slice_by_pmid(client: EutilsClient, term: str, day: dt.date, total: int) -> list[Slice]:
    """One day with more than the cap: halve the PMID range (``lo:hi[uid]``) the same way."""
    leaves: list[Slice] = []

    def esearch(low: int, high: int) -> ESearchResult:
        return client.esearch(f"({term}) AND {low}:{high}[uid]", retmax=ESEARCH_CAP, usehistory=False,
                              mindate=_date(day), maxdate=_date(day))

    def take(low: int, high: int, result: ESearchResult) -> None:
        if result.count == 0:
            return
        if result.count <= ESEARCH_CAP:
            leaves.append(Slice(_date(day), _date(day), low, high, result.count, list(result.ids)))
        else:
            split(low, high, result.count)

    def split(low: int, high: int, count: int) -> None:
        if low == high:
            raise SearchError(f"PubMed counts {count} records for PMID {low} on {_date(day)}; cannot slice "
                              f"further")
        middle = (low + high) // 2
        left = esearch(low, middle)
        take(low, middle, left)
        rest = count - left.count
        if rest > ESEARCH_CAP:
            split(middle + 1, high, rest)
        elif rest > 0:
            take(middle + 1, high, esearch(middle + 1, high))

    split(1, MAX_PMID, total)
    return leaves


def _check_slices(slices: list[Slice], total: int) -> list[str]:
    """The PMIDs of all slices, in order — after checking they add up to PubMed's count."""
    summed = sum(s.count for s in slices)
    listing: list[str] = []
    seen: set[str] = set()
    for piece in slices:
        if len(piece.ids) != piece.count:
            raise SearchError(f"PubMed listed {len(piece.ids)} PMIDs for a slice it counts {piece.count} "
                              f"({piece.describe()}); run the same command again")
        for pmid in piece.ids:
            if pmid not in seen:
                seen.add(pmid)
                listing.append(pmid)
    if summed != total or len(listing) != total:
        raise SearchError(f"the slices add up to {summed} records ({len(listing)} distinct PMIDs) but PubMed "
                          f"counts {total} for the query (did PubMed change during the search?); nothing "
                          f"was imported — run the same command again")
    return listing


# ---- the workspace side (its tables are written by screener.workspace.pubmed_searches) -------------

def _resumable_search(ws: Workspace, query: str, platform: str) -> int | None:
    return ws.pubmed_searches().resumable(DATABASE, query, platform)


def _previously_imported(ws: Workspace, query: str, platform: str, exclude: int | None) -> set[str]:
    return ws.pubmed_searches().previously_imported(DATABASE, query, platform, exclude)


def _platform(client: EutilsClient) -> str:
    return f"NCBI E-utilities ({client.base_url})"


def _tool_version() -> str:
    return f"screener {__version__}"


def _log_failed(ws: Workspace, compiled: CompiledQuery, client: EutilsClient, result: ESearchResult,
                warnings: list[dict[str, Any]], rejected: list[Message], actor: str) -> None:
    problems = [{"code": m.code, "source": "PubMed", "text": m.text, "line": compiled.line_for(m.text),
                 "message": f"PubMed {m.code}: {m.text}"} for m in rejected]
    ws.pubmed_searches().log_failed(
        database=DATABASE, platform=_platform(client), strategy_text=compiled.strategy_text,
        strategy_file=compiled.strategy_file, query=compiled.query, query_translation=result.query_translation,
        count=result.count, warnings=problems + warnings, tool_version=_tool_version(), actor=actor,
        event={"database": DATABASE, "query": compiled.query, "errors": problems})


def _stage_listing(ws: Workspace, resumable: int | None, compiled: CompiledQuery, client: EutilsClient,
                   first: ESearchResult, warnings: list[dict[str, Any]], slices: list[Slice],
                   listing: list[str], actor: str) -> int:
    # _check_slices made sure the listing is the slices' PMIDs in order, each once
    return ws.pubmed_searches().stage_listing(
        resumable, database=DATABASE, platform=_platform(client), strategy_text=compiled.strategy_text,
        strategy_file=compiled.strategy_file, query=compiled.query, query_translation=first.query_translation,
        count=first.count, warnings=warnings, tool_version=_tool_version(), slices=slices, actor=actor,
        event={"database": DATABASE, "query": compiled.query, "count": first.count,
               "slices": len(slices), "eutils_url": client.base_url, "email": client.email,
               "api_key": bool(client.api_key), "strategy_file": compiled.strategy_file})


def _unstaged(ws: Workspace, search_id: int, skip: set[str]) -> list[str]:
    """PMIDs of the listing with no staged record (and not in ``skip``), in PubMed's order."""
    return ws.pubmed_searches().unstaged(search_id, skip)


def _fetch(ws: Workspace, client: EutilsClient, search_id: int, pmids: list[str], webenv: str, batch_size: int,
           say: Callable[[str], None]) -> int:
    """EPost ``pmids`` in chunks and EFetch them in batches, staging each batch as it arrives."""
    searches = ws.pubmed_searches()
    fetched = 0
    done = 0
    step = min(EPOST_CHUNK, ESEARCH_CAP)  # EFetch reads no further than the cap into a history entry
    position = 0
    renewals = 0
    while position < len(pmids):
        chunk = pmids[position:position + step]
        wanted = set(chunk)
        webenv, query_key = client.epost(chunk, webenv=webenv or None)
        offset = 0
        while offset < len(chunk):
            requested = len(chunk[offset:offset + batch_size])
            try:
                records = client.efetch(webenv=webenv, query_key=query_key, retstart=offset, retmax=batch_size,
                                        parse=parse_efetch_pubmed)
            except HistoryExpired as exc:
                log.info("history entry lost (%s): posting the remaining PMIDs again", exc)
                renewals += 1
                if renewals > 3:
                    raise SearchError(f"{exc} (the history server lost the PMIDs three times); run the same "
                                      f"command again to resume") from None
                say(f"  {exc}: posting the remaining PMIDs again")
                webenv = ""
                break
            renewals = 0
            fresh = [r for r in records if r.pmid in wanted]
            for record in fresh:
                record.file = client.base_url + "efetch.fcgi"
                record.line = None
                record.record_number = None
            staged = searches.stage_batch(search_id, requested, len(records), fresh)
            fetched += staged
            done += requested
            offset += batch_size
            say(f"  fetched {done}/{len(pmids)}")
            del records, fresh
        position += min(offset, len(chunk))
    return fetched


def _import(ws: Workspace, search_id: int, client: EutilsClient, warnings: list[dict[str, Any]], report: SearchReport,
            actor: str) -> int:
    return ws.pubmed_searches().import_staged(
        search_id, database=DATABASE, warnings=warnings, actor=actor,
        event=lambda new_records: {
            "database": DATABASE, "count": report.count, "new_records": new_records,
            "previously_imported": report.previously_imported, "missing": len(report.missing),
            "requests": client.requests_made, "retries": client.retries, "failures": client.failures[-20:]})


__all__ = ["search_pubmed", "compile_query", "SearchReport", "CompiledQuery", "Slice"]
