"""CLI for deduplication: `screener dedupe` and the pair review queue `screener pairs ...`."""

from __future__ import annotations

from pathlib import Path

import typer

from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, emit, files_to_read, open_workspace
from screener.cli.progress import ProgressBars
from screener.errors import UsageError
from screener.output import counted, shell_word
from screener.records.reader import STDIN_NOT_READ

pairs_app = typer.Typer(help="Review the pairs dedupe was unsure about: list them, decide same or different.",
                        no_args_is_help=True)


def _dedupe_text(d: dict, directory: object = "DIR") -> str:
    if d["records_moved"] or d["errata_joined"] or d.get("new_pairs_recorded", 1):
        lines = [f"{counted(d['records'], 'source record')}: {counted(d['studies_before'], 'study', 'studies')} "
                 f"before, {d['studies_after']} after",
                 f"  merged pairs: {d['merged_pairs']}{_errata_among(len(d['errata_joined']))} "
                 f"({counted(d['records_moved'], 'record')} joined another study)"]
    else:
        # a run that found nothing (the usual second run) said 'merged pairs: 0 ... errata joined: 0',
        # which read as if the first run's merges were gone
        records = "the 1 source record" if d["records"] == 1 else f"the {d['records']} source records"
        studies = counted(d["studies_after"], "study", "studies")
        lines = [f"No new duplicates among {records}: still {studies}; nothing changed." if d.get("run", 1) > 1
                 else f"No duplicates among {records}: {studies}; nothing changed."]
    lines.append(f"  pairs waiting for a decision: {d['queued_pairs']}")
    lines += _left_behind_text(d.get("merged_away_with_votes", []))
    if d["queued_pairs"]:
        lines.append(f"Next: `screener pairs list {shell_word(directory)}` then "
                     f"`screener pairs decide {shell_word(directory)} PAIR same|different`")
    return "\n".join(lines)


def _errata_among(errata: int) -> str:
    """The erratum notices joined to their article, as part of the merged pairs they are (a line of
    their own beside them read as more joins)."""
    if not errata:
        return ""
    return (", 1 of them an erratum notice with its article" if errata == 1
            else f", {errata} of them erratum notices with their article")


def _left_behind_text(found: list) -> list[str]:
    lines = []
    for item in found:
        votes = ", ".join(f"{n} at {stage}" for stage, n in item["current_votes"].items())
        into = ", ".join(f"study {s}" for s in item["merged_into"])
        lines.append(f"note: study {item['study']} had votes ({votes}) and was merged into {into}, which is "
                     f"screened on its own votes; those votes stay in the audit export and the agreement figures")
    return lines


def _files_text(d: dict) -> str:
    return (f"{counted(d['records'], 'record')} from {counted(len(d['files']), 'file')}: "
            f"{counted(d['groups'], 'duplicate group')} ({counted(d['removable'], 'removable record')}), "
            f"{counted(d['uncertain_pairs'], 'uncertain pair')}\n"
            f"  groups written to {d['groups_out']}" + (f"\n  uncertain pairs written to {d['pairs_out']}"
                                                        if d["pairs_out"] else ""))


def _pairs_text(pairs: list) -> str:
    if not pairs:
        return "No pairs."
    lines = []
    for p in pairs:
        lines.append(f"pair {p['pair']}  [{p['status']}]  score {p['score']:.0f}  "
                     f"{'(erratum) ' if p['erratum'] else ''}{'; '.join(p['reasons'])}")
        for r in p["records"]:
            lines.append(f"  #{r['source_record']} study {r['study']} ({r['database']}): {r['title'][:100]}")
            lines.append(f"      {_citation(r)}")
    return "\n".join(lines)


def _citation(r: dict) -> str:
    """``authors | year | journal volume(issue):pages | doi`` with only the parts the record has."""
    parts = []
    if r["authors"]:
        parts.append("; ".join(r["authors"][:3]) + (" et al." if len(r["authors"]) > 3 else ""))
    if r["year"]:
        parts.append(str(r["year"]))
    source = (r["journal"] or "")[:50]
    if r["volume"]:
        source += f" {r['volume']}"
    if r["issue"]:
        source += f"({r['issue']})"
    if r["pages"]:
        source += f":{r['pages']}"
    if source.strip():
        parts.append(source.strip())
    if r["doi"]:
        parts.append(f"doi {r['doi']}")
    if not parts:        # a lone '?' said nothing
        return "(no authors, year, journal or DOI in the record)"
    if not (r["authors"] or r["year"]):
        parts.insert(0, "?")
    return " | ".join(parts)


def register(app: typer.Typer) -> None:
    """Add `dedupe` and the `pairs` group to the main app."""

    @app.command()
    def dedupe(
        paths: list[Path] = typer.Argument(..., help="A workspace directory, or record files (any format "
                                                     "`screener import` reads) for the standalone mode.",
                                           show_default=False),
        groups_out: Path = typer.Option(None, "--groups-out", help="Standalone mode: write duplicate groups "
                                        "here, one row per group of ';'-separated record IDs."),
        pairs_out: Path = typer.Option(None, "--pairs-out", help="Standalone mode: also write the uncertain "
                                       "pairs (id_a, id_b, score, reasons) to this CSV."),
        join_errata: bool = typer.Option(False, "--join-errata", help="Standalone mode: put erratum notices "
                                         "in their article's group (a workspace always joins them, flagged)."),
        database: str = typer.Option(None, "--database", help="Standalone mode: the database name for every "
                                     "record read."),
        force: bool = typer.Option(False, "--force", help="Standalone mode: replace --groups-out/--pairs-out "
                                   "files already there (kept otherwise)."),
        actor: str = typer.Option("owner", "--actor", help="Who runs the deduplication (for the audit log)."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Find duplicate records: merge certain ones into one study, queue uncertain pairs.

        With a workspace DIR nothing is deleted: merges are recorded events, undone by deciding a pair `different`.

        With record files and --groups-out (no workspace), write the duplicate groups for scripting and benchmarking.
        """
        # one path and no --groups-out, not there: a workspace DIR mistyped ('no such directory'), not a file
        if len(paths) == 1 and (paths[0].is_dir() or groups_out is None and not paths[0].exists()):
            if groups_out or pairs_out or force:
                raise UsageError("--groups-out/--pairs-out/--force are for record files; a workspace keeps its "
                                 "groups as studies (see `screener pairs list DIR --all`)")
            # lazy: workspace.dedupe takes 0.06 s to load; only commands using it load it (cli/__init__.py)
            from screener.workspace.dedupe import dedupe_workspace
            with open_workspace(paths[0]) as ws:
                with ProgressBars() as bars:          # bars on a terminal only
                    result = dedupe_workspace(ws, actor=actor, progress=bars)
                emit(result, as_json, lambda d: _dedupe_text(d, paths[0]))
            return
        files_to_read(paths, "nothing was written", STDIN_NOT_READ)
        seen: dict[Path, Path] = {}
        for path in paths:
            if path.is_dir():
                raise UsageError(f"{path} is a directory: give one workspace directory, or record files "
                                 "with --groups-out")
            # read twice, each record would be its own duplicate ('a.ris:1;a.ris:1')
            if path.resolve() in seen:
                raise UsageError(f"{path} is the same file as {seen[path.resolve()]}; give each record file once")
            seen[path.resolve()] = path
        if groups_out is None:
            raise UsageError("record files need --groups-out GROUPS.csv (or give one workspace directory)")
        if pairs_out is not None and pairs_out.resolve() == groups_out.resolve():
            raise UsageError(f"--pairs-out {pairs_out}: the same file as --groups-out; the pairs would replace "
                             "the groups; give another name")
        # lazy: report.out_files takes 0.11 s to load; only commands using it load it (cli/__init__.py)
        from screener.report.out_files import is_stream, refuse_any_reviews_files, refuse_to_replace
        for option, out in (("--groups-out", groups_out), ("--pairs-out", pairs_out)):
            if out is None:
                continue
            if out.resolve() in seen:        # --force or not: the records read would be lost
                raise UsageError(f"{option} {out}: that is one of the record files being read; give another "
                                 f"{option} name")
            if out.is_dir():
                raise UsageError(f"{option} {out}: is a directory; give a file name")
            if is_stream(out):       # renamed over, a device or pipe (as root: /dev/null) becomes a file
                raise UsageError(f"{option} {out}: a pipe or device, not a file; give a file name (the "
                                 "summary is printed either way)")
            if not out.parent.is_dir():
                raise UsageError(f"{option} {out}: directory {out.parent} does not exist")
            refuse_any_reviews_files(out, "groups" if option == "--groups-out" else "pairs", option)
            if not force:          # as export and report prisma keep their --out
                refuse_to_replace(out, option)
        # lazy: dedup.files takes 0.04 s to load; only commands using it load it (cli/__init__.py)
        from screener.dedup.files import dedupe_files
        try:
            result = dedupe_files(paths, groups_out, pairs_out=pairs_out, join_errata=join_errata,
                                  database=database)
        except OSError as exc:        # e.g. no permission to write --groups-out
            raise UsageError(f"{exc.filename or groups_out}: cannot write it ({exc.strerror or exc})") from None
        emit(result, as_json, _files_text)

    @pairs_app.command("list")
    def pairs_list(
        directory: Path = DIR_ARGUMENT,
        status: str = typer.Option("pending", "--status", help="pending (the queue), decided, merged, or all."),
        show_all: bool = typer.Option(False, "--all", help="Same as --status all."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """List pairs of records with the evidence for and against their being the same study."""
        # lazy: workspace.dedupe takes 0.06 s to load; only commands using it load it (cli/__init__.py)
        from screener.workspace.dedupe import list_pairs
        with open_workspace(directory) as ws:
            emit(list_pairs(ws, status="all" if show_all else status), as_json, _pairs_text)

    @pairs_app.command("decide")
    def pairs_decide(
        directory: Path = DIR_ARGUMENT,
        pair: int = typer.Argument(..., help="The pair number from `screener pairs list`.", show_default=False),
        decision: str = typer.Argument(..., help="same (merge the two studies) or different (keep or split "
                                                 "them apart).", show_default=False),
        actor: str = typer.Option("owner", "--actor", help="Who decides (for the audit log)."),
        note: str = typer.Option("", "--note", help="Why, for the record."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Decide a pair: `same` merges their studies, `different` splits a merged study again."""
        # lazy: workspace.dedupe takes 0.06 s to load; only commands using it load it (cli/__init__.py)
        from screener.workspace.dedupe import decide_pair
        with open_workspace(directory) as ws:
            result = decide_pair(ws, pair, decision.lower(), actor=actor, note=note)
        emit(result, as_json, lambda d: "\n".join([
            f"pair {d['pair']}: {d['decision']} — "
            + (f"both records in study {d['study_a']}" if d["study_a"] == d["study_b"]
               else f"records in studies {d['study_a']} and {d['study_b']}")
            + (f"; {counted(len(d['moved']), 'record')} moved" if d["moved"] else "")
            + ("" if d["recorded"] else " (unchanged)")]
            + _left_behind_text(d.get("merged_away_with_votes", []))))

    app.add_typer(pairs_app, name="pairs")
