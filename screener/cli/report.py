"""`screener report prisma|searches|agreement` and `screener export`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, emit, open_workspace, write_stdout
from screener.cli.remedies import relabel_imports
from screener.cli.terminal import for_stream, printable
from screener.errors import UsageError
from screener.output import shell_word

report_app = typer.Typer(help="Reports derived from the workspace: PRISMA flow, PRISMA-S searches, agreement.",
                         no_args_is_help=True)


def _prisma_text(d: dict) -> str:
    lines = [f"Wrote {d['out']}" + (f" and {d['png']}" if d.get("png") else "")]
    per_database = ", ".join(f"{k} {v}" for k, v in d["records_per_database"].items())
    lines.append(f"  identified {d['records_identified']}" + (f" ({per_database})" if per_database else ""))
    lines.append(f"  duplicates removed {d['duplicates_removed']}; screened {d['records_screened']}; "
                 f"excluded {d['records_excluded']}")
    lines.append(f"  reports sought {d['reports_sought']}; not retrieved {d['reports_not_retrieved']}; "
                 f"assessed {d['reports_assessed']}; excluded {d['reports_excluded_total']}")
    for reason, n in d["reports_excluded"].items():
        lines.append(f"    {reason}: {n}")
    lines.append(f"  studies included {d['studies_included']}")
    lines += [f"  note: {n}" for n in d["notes"]]
    return "\n".join(lines)


@report_app.command("prisma")
def prisma(
    directory: Path = DIR_ARGUMENT,
    out: Path = typer.Option(..., "--out", help="The SVG file to write (e.g. prisma.svg); a file already "
                                                "there is kept unless --force."),
    png: bool = typer.Option(False, "--png", help="Also write a PNG beside the SVG (needs Chromium)."),
    force: bool = typer.Option(False, "--force", help="Replace the SVG (and the PNG) if there; never the "
                               "review's own files (its database, full texts, the exports it was imported from)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The PRISMA 2020 flow diagram as SVG; every count derived from the workspace's events."""
    # lazy: report.prisma takes 0.14 s to load; only commands using it load it (cli/__init__.py)
    from screener.report.prisma import write_prisma

    with open_workspace(directory) as ws:
        counts = write_prisma(ws, out, png=png, overwrite=force, relabel=relabel_imports)
    data = {**counts.to_dict(), "out": str(out), "png": str(out.with_suffix(".png")) if png else None}
    emit(data, as_json, _prisma_text)


@report_app.command("searches")
def searches(
    directory: Path = DIR_ARGUMENT,
    fmt: str = typer.Option("md", "--format", help="md (a Markdown table) or csv (every column, "
                            "exact times)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The PRISMA-S table of searches and imports.

    Database, platform, date, strategy as run, count and status of every search and import."""
    # lazy: report.searches takes 0.11 s to load; only commands using it load it (cli/__init__.py)
    from screener.report.searches import render_csv, render_markdown, search_log

    fmt = fmt.strip().lower()
    if fmt not in ("md", "csv"):
        raise UsageError(f"--format {fmt}: unknown format; use md or csv")
    if as_json and fmt != "md":
        raise UsageError(f"give --json and --format {fmt} one at a time")
    with open_workspace(directory) as ws:
        rows = search_log(ws)
    if as_json:
        emit(rows, True)
        return
    # a table of what was searched (strategy text, notes) for a reader: escaped; the CSV to a
    # file or pipe is data and stays exact
    write_stdout(for_stream(render_markdown(rows), sys.stdout) if fmt == "md"
                 else for_stream(render_csv(rows), sys.stdout, data=True))


@report_app.command("agreement")
def agreement(directory: Path = DIR_ARGUMENT, as_json: bool = JSON_OPTION) -> None:
    """Agreement per stage and pair of screeners: kappa, AC1, PABAK.

    Observed agreement, Cohen's kappa, Gwet's AC1 and PABAK, with the 2×2 counts behind them."""
    # lazy: report.agreement takes 0.05 s to load; only commands using it load it (cli/__init__.py)
    from screener.report.agreement import agreement_report, format_agreement_text

    with open_workspace(directory) as ws:
        emit(agreement_report(ws), as_json, format_agreement_text)


def export(
    directory: Path = DIR_ARGUMENT,
    fmt: str = typer.Option(..., "--format", help="ris (EndNote/Zotero), bib (BibTeX), endnote-xml, csv (audit: "
                                                  "all votes and decisions) or asreview (ASReview's dataset CSV)."),
    stage: str = typer.Option(None, "--stage", help="title_abstract or full_text (with --decision)."),
    decision: str = typer.Option(None, "--decision", help="include or exclude: only studies with this outcome."),
    out: Path = typer.Option(None, "--out", help="Write to this file (default, or -: standard output); a file "
                                                 "already there is kept unless --force."),
    force: bool = typer.Option(False, "--force", help="Replace the --out file if it is there; never the "
                               "review's own files (its database, full texts, the exports it was imported from)."),
) -> None:
    """Export studies as RIS, BibTeX, EndNote XML, the audit CSV, or ASReview's CSV."""
    # lazy: report.exports takes 0.17 s to load; only commands using it load it (cli/__init__.py)
    from screener.report.exports import export_studies

    target = None if out is None or str(out) == "-" else out     # '-': the usual name for standard output
    if target is not None and not target.name:      # '.' (or '/'): a traceback naming its temporary file
        raise UsageError(f"--out {out}: is a folder; give a file name (or - for standard output)")
    with open_workspace(directory) as ws:
        text, n = export_studies(ws, fmt, stage=stage, decision=decision, out=target, overwrite=force)
    if target is None:
        write_stdout(for_stream(text, sys.stdout, data=True))   # escaped on a terminal only
    else:
        sys.stderr.write(printable(f"Wrote {n} {'study' if n == 1 else 'studies'} to {target}") + "\n")
    if n == 0 and decision is not None:
        # an empty included.ris was sent on as the review's included studies
        sys.stderr.write(printable(f"note: no study is decided {decision.strip().lower()} at {stage} yet; "
                                   f"`screener progress {shell_word(directory)}` shows what is left") + "\n")


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
    app.command("export")(export)
