"""`screener search pubmed`: run a strategy or query on PubMed and import every record."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, dedupe_next, emit
from screener.cli.progress import ProgressBars
from screener.cli.strategy_file import read_strategy
from screener.cli.terminal import printable
from screener.errors import SearchError, UsageError
from screener.output import counted
from screener.workspace import Workspace
from screener.workspace.line_counts import LineCountCache

search_app = typer.Typer(help="Run searches on bibliographic databases and import the results.",
                         no_args_is_help=True)


def _text(d: dict) -> str:
    lines = []
    verb = {"new": "Searched", "resumed": "Resumed and completed", "update": "Updated"}.get(d["run"], "Searched")
    lines.append(f"{verb} PubMed (search {d['search_id']}): {counted(d['count'], 'record')} found, "
                 f"{d['new_records']} imported as new source records")
    if d["previously_imported"]:
        lines.append(f"  {d['previously_imported']} were imported by an earlier run of this query")
    if d["already_staged"]:
        lines.append(f"  {d['already_staged']} had been fetched by the interrupted run; "
                     f"{d['fetched']} fetched now")
    if len(d["slices"]) > 1:
        lines.append(f"  result sliced into {len(d['slices'])} parts by publication date / PMID")
    lines.append(f"  query sent: {d['query']}")
    if d["query_translation"]:
        lines.append(f"  PubMed translation: {d['query_translation']}")
    for warning in d["warnings"]:
        if not isinstance(warning, dict) or warning.get("source") != "query builder":
            lines.append(f"  warning: {warning.get('message', warning) if isinstance(warning, dict) else warning}")
            continue
        # the translation's warnings say where in the strategy, as `screener query translate` does
        where = f"line {warning['line']}:{warning.get('col') or 1} " if warning.get("line") else ""
        lines.append(f"  warning: {where}{warning.get('code', '')}: {warning.get('message', '')}")
    lines.append(f"  {d['requests']} requests ({d['retries']} retried) in {d['seconds']:.1f} s")
    return "\n".join(lines)


@search_app.command("pubmed")
def pubmed(
    directory: Path = DIR_ARGUMENT,
    strategy: Path = typer.Option(None, "--strategy", help="A numbered Ovid MEDLINE strategy file to compile "
                                  "for PubMed and run.", exists=False, dir_okay=False),
    query: str = typer.Option(None, "--query", help="A PubMed query to run as is."),
    email: str = typer.Option(None, "--email", help="Your email, sent to NCBI with every request "
                              "(default: $NCBI_EMAIL)."),
    api_key: str = typer.Option(None, "--api-key", help="NCBI API key: 10 requests/s instead of 3 "
                                "(default: $NCBI_API_KEY). Never logged."),
    eutils_url: str = typer.Option(None, "--eutils-url", help="E-utilities base URL (default: "
                                   "$SCREENER_EUTILS_URL or NCBI's)."),
    batch_size: int = typer.Option(500, "--batch-size", help="Records per EFetch request."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress lines on stderr."),
    counts: bool = typer.Option(False, "--counts", help="Count what each line of the strategy finds on PubMed "
                                "today, as Ovid's search history does, and import nothing."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Search PubMed, fetch every record (resuming an interrupted run) and import the new ones."""
    # lazy: screener.search takes 0.04 s to load; only commands using it load it (cli/__init__.py)
    from screener.search import search_pubmed

    if (strategy is None) == (query is None):
        raise UsageError("give exactly one of --strategy FILE or --query TEXT")
    strategy_text = None
    if strategy is not None:
        strategy_text, _ = read_strategy(strategy, label="--strategy")
    if counts:
        _counts(directory, strategy_text if strategy_text is not None else f"1. {query}",
                "pubmed" if strategy_text is None else "ovid", email=email or os.environ.get("NCBI_EMAIL"),
                api_key=api_key, eutils_url=eutils_url, quiet=quiet or as_json, as_json=as_json)
        return
    progress = None if quiet or as_json else _to_stderr
    with Workspace.open(directory) as ws:
        report = search_pubmed(ws, query=query, strategy_text=strategy_text,
                               strategy_file=strategy.name if strategy else "",   # the name: a path is private
                               email=email or os.environ.get("NCBI_EMAIL"), api_key=api_key,
                               eutils_url=eutils_url, batch_size=batch_size, progress=progress)
        after = dedupe_next(ws, directory)
    emit(report.to_dict(), as_json, lambda d: _text(d) + (f"\n{after}" if after else ""))


def _counts(directory: Path, text: str, read: str, *, email: str | None, api_key: str | None,
            eutils_url: str | None, quiet: bool, as_json: bool) -> None:
    """`--counts`: every line's PubMed count, kept in the review for the day (asked once a day)."""
    # lazy: screener.search takes 0.04 s to load; only commands using it load it (cli/__init__.py)
    from screener.search.line_counts import FAILED, count_lines, counts_client, plan_counts, today_utc

    lines = plan_counts(text, read, with_errors="`search pubmed` refuses a strategy with errors; fix them first "
                                                "(`screener query check` lists them)")
    client = counts_client(eutils_url, email=email, api_key=api_key)
    day = today_utc()
    with Workspace.open(directory) as ws, ProgressBars(enabled=False if quiet else None) as bars:
        count_lines(lines, client, cache=LineCountCache(ws, actor="cli"), day=day,
                    progress=lambda done, total, _line: bars("counting", done, total))
    data = {"day": day, "eutils_url": client.base_url, "requests": client.requests_made,
            "lines": [line.to_dict() for line in lines]}
    emit(data, as_json, _counts_text)
    failed = [line.number for line in lines if line.status == FAILED]
    if failed:
        which = f"line{'s' if len(failed) > 1 else ''} {', '.join(map(str, failed))}"
        raise SearchError(f"{counted(len(failed), 'line')} not counted ({which}): E-utilities kept failing; "
                          f"run the same command again to count them (the counts above are kept for today)")


def _counts_text(d: dict) -> str:
    """The counts as Ovid's search history lays them out: number, results, the line."""
    rows = [f"PubMed counts per line on {d['day']} (UTC), from {d['eutils_url']}:", "     #    Results  Searches"]
    for line in d["lines"]:
        if line["count"] is None:
            result = "—"
        else:
            result = f"{line['count']:,}"
        flag = ""
        if line["status"] in ("refused", "failed", "not sent"):
            flag = f"   <- {line['message']}"
            # a line refused for what an earlier line it holds was refused for ('1 and 2' after line 2)
            first = next((o for o in d["lines"] if o["number"] < line["number"] and o["status"] == "refused"
                          and o["message"] == line["message"]), None) if line["status"] == "refused" else None
            if first is not None:
                flag += f" (from line {first['number']}, which it holds)"
        elif line["zero"]:
            flag = "   <- finds nothing: check the line for a typo or a wrong field"
        elif line["message"]:
            flag = f"   ({line['message']})"
        rows.append(f"{line['number']:>6}  {result:>9}  {line['text']}{flag}")
    final = d["lines"][-1]
    zero = sum(1 for line in d["lines"] if line["zero"])
    cached = sum(1 for line in d["lines"] if line["cached"])
    if final["status"] == "not sent":
        rows.append(f"Line {final['number']} is the last line: `search pubmed` refuses the strategy until the errors "
                    f"above are fixed.")
    else:
        rows.append(f"Line {final['number']} is the query `search pubmed` sends"
                    + (f": {counted(final['count'], 'record')}." if final["count"] is not None else "."))
    said = [f"{zero} find{'s' if zero == 1 else ''} nothing"]
    for status, words in (("refused", "refused by PubMed"), ("failed", "not counted (E-utilities failed)"),
                          ("not sent", "not sent (errors in the strategy)")):
        if n := sum(1 for line in d["lines"] if line["status"] == status):
            said.append(f"{n} {words}")
    rows.append(f"{counted(len(d['lines']), 'line')}: {', '.join(said)}; {cached} answered from today's earlier "
                f"counts, {counted(d['requests'], 'request')} to E-utilities.")
    return "\n".join(rows)


def register(app: typer.Typer) -> None:
    """Add `screener search ...` to the main app."""
    app.add_typer(search_app, name="search")


def _to_stderr(message: str) -> None:
    sys.stderr.write(printable(message) + "\n")
