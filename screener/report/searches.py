"""The PRISMA-S table of searches: every database search run and every export imported."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from screener.records.csv_safety import GuardedDictWriter
from screener.records.reader import FORMAT_NAMES
from screener.search.line_counts import kept_counts
from screener.workspace.imports import import_warnings, list_imports, stated_queries
from screener.workspace.line_counts import LineCountCache
from screener.workspace.pubmed_searches import all_searches, cited_file_name
from screener.workspace.strategies import search_version

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

COLUMNS = ["database", "platform", "date", "strategy", "query_translation", "count", "new_records",
           "status", "warnings", "tool_version", "source", "strategy_file", "coverage", "limits", "notes"]


def _line_counts(ws: Workspace, row) -> list[dict]:
    """A search's strategy lines with their PubMed counts of the day it ran, when screener counted
    them that day on the same E-utilities (`search pubmed --counts`, the workbench's line counts)."""
    server = re.fullmatch(r"NCBI E-utilities \((.+)\)", row["platform"] or "")
    day = str(row["finished_at"] or row["started_at"] or "")[:10]
    if not row["strategy_text"] or not server or not day:
        return []
    kept = kept_counts(row["strategy_text"], LineCountCache(ws), day, server.group(1))
    return [{"number": ln.number, "text": ln.text, "count": ln.count, "status": ln.status, "zero": ln.zero,
             "message": ln.message, "day": day} for ln in kept]


def search_log(ws: Workspace) -> list[dict]:
    rows = []
    for row in all_searches(ws):
        version = None if row["strategy_file"] else search_version(ws, row["id"])   # a saved version it ran
        rows.append({
            "database": row["database"], "platform": row["platform"],
            "date": row["finished_at"] or row["started_at"],
            "strategy": row["query_sent"] or row["strategy_text"],
            "strategy_file": cited_file_name(row["strategy_file"]) or (f"saved strategy {version['label']}" if version else ""),
            "query_translation": row["query_translation"], "count": row["count"],
            "new_records": row["new_records"], "status": row["status"],
            "warnings": json.loads(row["warnings"] or "[]"), "tool_version": row["tool_version"],
            "source": f"search {row['id']}", "line_counts": _line_counts(ws, row),
        })
    stated = _stated_queries(ws)

    for item in list_imports(ws):
        if item["withdrawn"]:          # corrected away: the table shows what the review counts
            continue
        query = stated.get(item["id"], "")
        fmt = FORMAT_NAMES.get(item["format"], item["format"])
        if item["strategy"].strip():
            strategy = item["strategy"].rstrip("\n")
        elif query:
            strategy = f"{query} (as stated in the export {item['file']})"
        else:
            strategy = f"(records imported from {item['file']}; strategy not recorded)"
        rows.append({
            "database": item["counted_as"],
            "platform": item["platform"] or f"export file ({fmt})",
            # the date searched, else the import's date said to be that (never its time, passed off as a search's)
            "date": item["date_searched_words"],
            "strategy": strategy, "query_translation": "",
            # a strategy chosen from the saved versions is cited as the search's is: name and version
            "strategy_file": item["strategy_file"] or (f"saved strategy {item['strategy_version']['label']}"
                                                       if item["strategy_version"] else ""),
            "count": item["records"], "new_records": item["records"], "status": "imported",
            "warnings": _warnings_of(ws, item["id"]), "tool_version": "",
            "source": f"import {item['id']}",
            "coverage": item["coverage"], "limits": item["limits"], "notes": item["notes"],
            "searched_on": item["searched_on"],
        })
    return rows


def _warnings_of(ws: Workspace, import_id: int) -> list:
    return import_warnings(ws, import_id)


def _stated_queries(ws: Workspace) -> dict[int, str]:
    """``{import id: query}`` for exports that state the search they came from."""
    return stated_queries(ws)


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", "<br>")


def _when(stamp) -> str:
    """An ISO time as a reader writes it in a methods section: ``2026-11-26 10:28 UTC``."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", str(stamp or "")):    # a date searched, or the import's date said so
        return str(stamp or "")
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp or "")
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.tzinfo is not None else "")


def _warning_text(warning) -> str:
    """One warning as the appendix prints it: the query builder's with its strategy line (its message
    says '(2 places on this line)', and PubMed's own name their line already)."""
    if isinstance(warning, str):
        return warning
    message = warning.get("message", str(warning))
    if warning.get("source") == "query builder" and warning.get("line"):
        return f"strategy line {warning['line']}: {message}"
    return message


def render_markdown(rows: list[dict]) -> str:
    if not rows:
        return "No searches or imports recorded yet.\n"
    out = ["| Database | Platform | Date | Strategy as run | Records | Status |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        strategy = r["strategy"]
        if r.get("strategy_file"):
            strategy += f"<br>Strategy file: {r['strategy_file']}"
        for key, label in (("coverage", "Coverage"), ("limits", "Limits"), ("notes", "Notes")):
            if r.get(key):
                strategy += f"<br>{label}: {r[key]}"
        if r["query_translation"]:
            strategy += f"<br>PubMed translation: {r['query_translation']}"
        if r["warnings"]:
            strategy += "<br>Warnings: " + "; ".join(_warning_text(w) for w in r["warnings"])
        count = r["count"] if r["count"] is not None else "?"
        if r["new_records"] is not None and r["new_records"] != r["count"]:
            count = f"{count} ({r['new_records']} new)"
        when = _when(r["date"])
        out.append(f"| {_cell(r['database'])} | {_cell(r['platform'])} | {_cell(when)} | "
                   f"{_cell(strategy)} | {count} | {_cell(r['status'])} |")
    for r in rows:       # each search's lines with their counts, as Ovid's history goes in an appendix
        if r.get("line_counts"):
            out += ["", f"Counts per line of {r['source']} ({r['database']}, {r['line_counts'][0]['day']}, as counted "
                        "by screener that day):", "", "| # | Searches | Results |", "|---|---|---|"]
            for ln in r["line_counts"]:
                said = "not counted" if ln["count"] is None else f"{ln['count']:,}"
                if ln["zero"]:
                    said += " (finds nothing)"
                elif ln["status"] == "refused":
                    said += f" ({ln['message']})"
                out.append(f"| {ln['number']} | {_cell(ln['text'])} | {_cell(said)} |")
    return "\n".join(out) + "\n"


def render_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = GuardedDictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "warnings": json.dumps(r["warnings"], ensure_ascii=False)})
    return buffer.getvalue()
