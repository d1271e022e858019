"""`screener query run` and `screener query validate`: test a strategy on records before running it."""

from __future__ import annotations

import typer

from screener.cli.common import JSON_OPTION, emit
from screener.cli.query import FILE_ARGUMENT, FROM_OPTION, query_app
from screener.cli.strategy_file import read_strategy
from screener.output import counted

RECORDS_OPTION = typer.Option(None, "--records", help="Records to search: any export the importer "
                              "reads (RIS, nbib, PubMed XML, CSV, …); repeat for several files.")
REVIEW_OPTION = typer.Option(None, "--review", help="Search the source records of this review "
                             "workspace instead of files.")


def _history(lines: list[dict]) -> list[str]:
    out = [f"{'#':>4}  {'Searches':<60} {'Results':>8} {'Undetermined':>13}"]
    for ln in lines:
        text = " ".join(ln["text"].split())
        text = text if len(text) <= 60 else text[:59] + "…"
        out.append(f"{ln['line']:>4}  {text:<60} {ln['hits']:>8} {ln['undetermined']:>13}")
    return out


def _warnings(warnings: list[dict]) -> list[str]:
    return [f"  {w['code']}" + (f" (line {w['line']})" if w.get("line") else "") +
            f": {w['message']}" for w in warnings]


def run_cmd(
    file: str = FILE_ARGUMENT,
    records: list[str] = RECORDS_OPTION,
    review: str = REVIEW_OPTION,
    read: str = FROM_OPTION,
    line: int = typer.Option(None, "--line", help="List the records of this line (default: the "
                             "final line)."),
    limit: int = typer.Option(20, "--limit", min=0, help="How many matching records the text output "
                              "lists (JSON lists all)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Run the strategy over records you have: every line's hits, and the records found.

    The hit count of every line, like Ovid's search history, and the records the final line (or
    --line N) finds. Records that cannot answer a line (no MeSH headings for a heading line, no
    abstracts) are counted as undetermined."""
    # lazy: query.evaluate and workspace.strategy_records take 0.04 s to load; only commands using it load it (cli/__init__.py)
    from screener.query.evaluate.local import run_strategy
    from screener.workspace.strategy_records import records_to_search

    text, name = read_strategy(file)
    data = run_strategy(text, records=records_to_search(records or (), review), line=line, read=read, name=name)

    def text_fn(d: dict) -> str:
        out = [f"{d['strategy']} over {d['records_source']}", ""] + _history(d["lines"])
        if d["warnings"]:
            out += ["", "Warnings:"] + _warnings(d["warnings"])
        out += ["", f"Line {d['line']}: {counted(len(d['matching']), 'record')} found, "
                    f"{len(d['undetermined'])} undetermined"]
        width = max([24] + [len(r["label"]) for r in d["matching"][:limit]])
        for r in d["matching"][:limit]:
            out.append(f"  {r['label']:<{width}} {r['year'] or '':<5} {(r['title'] or '')[:90]}")
        if len(d["matching"]) > limit:
            out.append(f"  … {len(d['matching']) - limit} more (--limit, or --json for all)")
        return "\n".join(out)

    emit(data, as_json, text_fn)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def validate_text(d: dict) -> str:
    out = [f"Known studies: {d['known']} from {d['known_file']}"
           + (" where " + ", ".join(f"{k} = {v}" for k, v in d["where"].items()) if d["where"] else "")
           + (f" ({counted(d['skipped_without_identifier'], 'row')} without PMID, DOI or title skipped)"
              if d["skipped_without_identifier"] else "")]
    out.append(f"Searched: {d['records']}")
    cov = d["coverage"]
    if not cov["records"]:
        which = (("The known study is not", "it") if d["known"] == 1
                 else (f"None of the {d['known']} known studies is", "the known studies"))
        out.append(f"{which[0]} among the records searched (matched by PMID, DOI, then title), so recall "
                   f"cannot be measured: search the records {which[1]} should be in (--records, --review)")
        out += _absent_lines(d["studies"])
        return "\n".join(out)
    if d["titles_only"]:
        known = ("the known record has a title but no abstract" if cov["records"] == 1
                 else f"the {cov['records']} known records have titles but no abstracts")
        out.append(f"Titles only: {known}, "
                   "MeSH headings or keywords, so heading lines and abstract words cannot be "
                   "checked: a study its title alone does not find is undetermined, not missed.")
    else:
        out.append(f"Known records with an abstract: {cov['abstract']}/{cov['records']}, with MeSH "
                   f"headings: {cov['mesh']}/{cov['records']}, with keywords: "
                   f"{cov['keywords']}/{cov['records']}")
    assessed = d["found"] + d["undetermined"] + d["missed"]
    out.append(f"Recall (line {d['final_line']}): {d['found']}/{assessed} found = "
               f"{_pct(d['recall'])}; {d['undetermined']} undetermined, {d['missed']} missed"
               + (f"; {d['not_in_records']} not in the records" if d["not_in_records"] else ""))
    if d["undetermined"]:
        out.append(f"  at most {_pct(d['recall_if_undetermined_found'])} if every undetermined "
                   "study is found by what the records lack")
    if d["blocks"]:
        out += ["", "Concept blocks of the final line (known studies found / undetermined / "
                    "missed by each):"]
        for b in d["blocks"]:
            label = b["label"] if len(b["label"]) <= 70 else b["label"][:69] + "…"
            out.append(f"  {label:<70} {b['hit']:>5} {b['undetermined']:>5} {b['miss']:>5}")
    shown = [s for s in d["studies"] if s["status"] in ("miss", "undetermined")]
    if shown:
        out += ["", "Not found:"]
    for s in shown:
        out.append(f"  [{'missed' if s['status'] == 'miss' else 'undetermined'}] {s['study']}: "
                   f"{(s['title'] or '')[:100]}")
        parts = [f"{b['label'] if len(b['label']) < 50 else b['label'][:49] + '…'}: {b['status']}"
                 for b in s["blocks"]]
        if parts:
            out.append("      blocks: " + "; ".join(parts))
        if s["missing_data"] and s["status"] == "undetermined":
            out.append("      record lacks: " + ", ".join(s["missing_data"]))
        if s["nearest"]:
            n = s["nearest"]
            text = n["text"] if len(n["text"]) <= 70 else n["text"][:69] + "…"
            out.append(f"      nearest: line {n['line']} {text} — {n['detail']}")
    out += _absent_lines(d["studies"])
    return "\n".join(out)


ABSENT_SHOWN = 10


def _absent_lines(studies: list[dict]) -> list[str]:
    """The known studies not among the records searched, by their titles, the first 10 (the seed
    review's 184 known studies against the wrong records were 184 lines of 'ref N')."""
    absent = [s for s in studies if s["status"] == "absent"]
    if not absent:
        return []
    lines = ["", "Not in the records searched (cannot be assessed):"]
    lines += [f"  {s['study']}: {s['title'][:100]}" if s.get("title") else f"  {s['study']}"
              for s in absent[:ABSENT_SHOWN]]
    if len(absent) > ABSENT_SHOWN:
        lines.append(f"  … and {len(absent) - ABSENT_SHOWN} more (--json lists every one)")
    return lines


def validate_cmd(
    file: str = FILE_ARGUMENT,
    known: str = typer.Option(..., "--known", help="The known relevant studies: any export the "
                              "importer reads, or a list of PMIDs/DOIs one per line."),
    where: list[str] = typer.Option(None, "--where", help="Keep known rows whose COLUMN equals "
                                    "VALUE (COLUMN=VALUE; repeatable), e.g. "
                                    "fulltext_decision=include."),
    records: list[str] = RECORDS_OPTION,
    review: str = REVIEW_OPTION,
    read: str = FROM_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Recall of the strategy on known relevant studies, and why it misses any.

    For each known study it does not find: which concept block failed and the nearest line that
    almost matched. Without --records or --review the known studies' own records are searched."""
    # lazy: query.evaluate and workspace.strategy_records take 0.04 s to load; only commands using it load it (cli/__init__.py)
    from screener.query.evaluate.local import parse_where, validate_strategy
    from screener.workspace.strategy_records import records_to_search

    conditions = parse_where(where)
    text, name = read_strategy(file)
    data = validate_strategy(text, known, where=conditions, records=records_to_search(records or (), review, required=False),
                             read=read, name=name)
    emit(data, as_json, validate_text)


def register(app: typer.Typer) -> None:
    """Add `run` and `validate` to the `query` sub-app (the main app registers that sub-app)."""
    registered = {c.name for c in query_app.registered_commands}
    if "run" not in registered:
        query_app.command("run")(run_cmd)
    if "validate" not in registered:
        query_app.command("validate")(validate_cmd)
