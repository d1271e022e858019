"""The PRISMA-S table of searches: every database search run and every export imported."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

from screener.records.reader import FORMAT_NAMES

COLUMNS = ["database", "platform", "date", "strategy", "query_translation", "count", "new_records",
           "status", "warnings", "tool_version", "source", "strategy_file"]


def search_log(ws) -> list[dict]:
    rows = []
    for row in ws.db.execute("SELECT * FROM searches ORDER BY id"):
        rows.append({
            "database": row["database"], "platform": row["platform"],
            "date": row["finished_at"] or row["started_at"],
            "strategy": row["query_sent"] or row["strategy_text"],
            "strategy_file": row["strategy_file"],
            "query_translation": row["query_translation"], "count": row["count"],
            "new_records": row["new_records"], "status": row["status"],
            "warnings": json.loads(row["warnings"] or "[]"), "tool_version": row["tool_version"],
            "source": f"search {row['id']}",
        })
    stated = _stated_queries(ws)
    for row in ws.db.execute("SELECT * FROM imports WHERE search_id IS NULL ORDER BY id"):
        query = stated.get(row["id"], "")
        rows.append({
            "database": row["database"],
            "platform": f"export file ({FORMAT_NAMES.get(row['format'], row['format'])})",
            "date": row["at"],
            "strategy": (f"{query} (as stated in the export {row['path']})" if query else
                         f"(records imported from {row['path']}; strategy not recorded)"),
            "strategy_file": "", "query_translation": "", "count": row["records"],
            "new_records": row["records"], "status": "imported",
            "warnings": json.loads(row["warnings"] or "[]"), "tool_version": "",
            "source": f"import {row['id']}",
        })
    return rows


def _stated_queries(ws) -> dict[int, str]:
    """``{import id: query}`` for exports that state the search they came from (the import event
    keeps it)."""
    out: dict[int, str] = {}
    for subject, payload in ws.db.execute("SELECT subject, payload FROM events WHERE kind = 'import'"):
        query = json.loads(payload or "{}").get("search_query")
        if query and subject and subject.startswith("import:"):
            out[int(subject.split(":", 1)[1])] = query
    return out


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", "<br>")


def _when(stamp) -> str:
    """An ISO time as a reader writes it in a methods section: ``2026-11-26 10:28 UTC``."""
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp or "")
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.tzinfo is not None else "")


def render_markdown(rows: list[dict]) -> str:
    if not rows:
        return "No searches or imports recorded yet.\n"
    out = ["| Database | Platform | Date | Strategy as run | Records | Status |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        strategy = r["strategy"]
        if r.get("strategy_file"):
            strategy += f"<br>Strategy file: {r['strategy_file']}"
        if r["query_translation"]:
            strategy += f"<br>PubMed translation: {r['query_translation']}"
        if r["warnings"]:
            strategy += "<br>Warnings: " + "; ".join(
                w if isinstance(w, str) else w.get("message", str(w)) for w in r["warnings"])
        count = r["count"] if r["count"] is not None else "?"
        if r["new_records"] is not None and r["new_records"] != r["count"]:
            count = f"{count} ({r['new_records']} new)"
        out.append(f"| {_cell(r['database'])} | {_cell(r['platform'])} | {_cell(_when(r['date']))} | "
                   f"{_cell(strategy)} | {count} | {_cell(r['status'])} |")
    return "\n".join(out) + "\n"


def render_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "warnings": json.dumps(r["warnings"], ensure_ascii=False)})
    return buffer.getvalue()
