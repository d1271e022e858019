"""Screening commands: reviewers, next, vote, conflicts, resolve, progress, fulltext.

Each command is one call into ``screener.workspace.screening`` / ``queue`` / ``reviewers`` /
``fulltext``; the rules (and the blinding) live there.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, emit, open_workspace
from screener.errors import NotFoundError, UsageError
from screener.output import counted, shell_word

STAGE_OPTION = typer.Option(..., "--stage", help="The stage: title_abstract or full_text.", show_default=False)


class Role(str, Enum):
    screener = "screener"
    arbiter = "arbiter"
    owner = "owner"
    searcher = "searcher"


class VoteChoice(str, Enum):
    include = "include"
    exclude = "exclude"
    maybe = "maybe"
    retract = "retract"


class Decision(str, Enum):
    include = "include"
    exclude = "exclude"


reviewers_app = typer.Typer(help="Add reviewers, list them, and mint their tokens and sign-in links.",
                            no_args_is_help=True)


@reviewers_app.command("add")
def reviewers_add(
    directory: Path = DIR_ARGUMENT,
    name: str = typer.Argument(..., help="The reviewer's name, as used with --as.", show_default=False),
    role: Role = typer.Option(Role.screener, "--role", case_sensitive=False,
                              help="screener (votes), arbiter (resolves conflicts), "
                                   "owner (both, and not blind) or searcher (writes and runs search strategies)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a reviewer and print their sign-in token once (only its hash is stored)."""
    # lazy: workspace.reviewers takes 0.01 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.reviewers import add_reviewer

    with open_workspace(directory) as ws:
        reviewer, token = add_reviewer(ws, name, role.value)
    emit({"name": reviewer.name, "role": reviewer.role, "token": token}, as_json, lambda d: (
        f"Added {d['role']} {d['name']}.\n"
        f"Token (shown only now; keep it secret): {d['token']}\n"
        f"A lost token cannot be recovered: mint a new one with `screener reviewers token`."))


@reviewers_app.command("token")
def reviewers_token(
    directory: Path = DIR_ARGUMENT,
    name: str = typer.Argument(..., help="The reviewer's name.", show_default=False),
    as_json: bool = JSON_OPTION,
) -> None:
    """Mint a new token for a reviewer; their earlier tokens stop working."""
    # lazy: workspace.reviewers takes 0.01 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.reviewers import get_reviewer, mint_token

    with open_workspace(directory) as ws:
        token = mint_token(ws, name)
        reviewer = get_reviewer(ws, name)
    emit({"name": reviewer.name, "role": reviewer.role, "token": token}, as_json,
         lambda d: f"New token for {d['name']} (shown only now): {d['token']}")


@reviewers_app.command("list")
def reviewers_list(directory: Path = DIR_ARGUMENT, as_json: bool = JSON_OPTION) -> None:
    """List reviewers with their roles (tokens are never shown again)."""
    # lazy: workspace.reviewers takes 0.01 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.reviewers import list_reviewers

    with open_workspace(directory) as ws:
        data = [{"name": r.name, "role": r.role, "created_at": r.created_at} for r in list_reviewers(ws)]
    emit(data, as_json, lambda rows: "\n".join(f"{r['name']}\t{r['role']}\tadded {r['created_at'][:19]}Z"
                                               for r in rows) or "No reviewers yet; add one with "
                                                                  "`screener reviewers add`.")




def _study_text(d: dict, directory: Path | str = "DIR") -> str:
    lines = [f"Study {d['study']} ({d['stage']}; {d['remaining']} left for you, lease until {d['lease_expires'][:19]}Z)",
             f"Title: {d['title'] or '(no title)'}"]
    if d.get("authors"):
        lines.append("Authors: " + "; ".join(d["authors"][:6]) + (" et al." if len(d["authors"]) > 6 else ""))
    source = ", ".join(str(x) for x in (d.get("journal"), d.get("year")) if x)
    if source:
        lines.append(f"Source: {source}")
    if d.get("doi"):
        lines.append(f"DOI: {d['doi']}")
    if d.get("fulltext"):
        f = d["fulltext"]
        where = Path(directory) / f["location"] if f["kind"] == "file" else f["location"]
        lines.append(f"Full text: {f['kind'].replace('_', ' ')} {where}".rstrip())
    lines += ["", d["abstract"] or "(no abstract)", "",
              f"Vote: screener vote {shell_word(directory)} {d['study']} include|exclude|maybe "
              f"--as {shell_word(d['reviewer'])} --stage {d['stage']}"]
    return "\n".join(lines)


def cmd_next(
    directory: Path = DIR_ARGUMENT,
    as_: str = typer.Option(..., "--as", help="Your reviewer name.", show_default=False),
    stage: str = STAGE_OPTION,
    lease_minutes: float = typer.Option(30, "--lease-minutes", help="How long the study stays reserved for you "
                                       "(0 to 10080 minutes, a week)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Give the next study to screen (reserved for you for a while); when nothing is left, why (null with --json)."""
    # lazy: workspace.queue and workspace.screening take 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.queue import next_study
    from screener.workspace.screening import progress

    with open_workspace(directory) as ws:
        data = next_study(ws, as_, stage, lease_minutes=lease_minutes)
        # nothing to give: why, as the screening page says it (the stage is valid: next_study checked it)
        why = None if data is not None or as_json else progress(ws, as_)["stages"][stage]
    emit(data, as_json, lambda d: _study_text(d, directory) if d is not None else _nothing_left(why, stage, as_,
                                                                                               directory))


def _nothing_left(stage_progress: dict | None, stage: str, name: str, directory: Path | str) -> str:
    """Why ``next`` has nothing for ``name``: 'Nothing left to screen at this stage' read as the work
    being done when no study had reached full text yet, or the rest waited for another screener."""
    if stage_progress is None:
        return "Nothing left to screen at this stage for you."
    if stage_progress["studies"] == 0 and stage == "full_text":
        return ("Nothing to screen at full_text yet: no study has reached full text (a study comes here once it "
                "is included at title_abstract).")
    if stage_progress["studies"] == 0:
        return ("Nothing to screen yet: the review has no studies; they come once the records of its searches are "
                f"imported (`screener import {shell_word(directory)} FILE...`).")
    mine = next((r for r in stage_progress["reviewers"] if r["name"] == name), None)
    waiting = (mine["remaining"] + mine["awaiting_decision"]) if mine else 0
    return (f"Nothing left for you at {stage}: every study has your vote or the votes it needs"
            + (f"; {counted(waiting, 'study', 'studies')} {'awaits' if waiting == 1 else 'await'} the other "
               "screeners or the arbiter." if waiting else "."))


def cmd_vote(
    directory: Path = DIR_ARGUMENT,
    study: int = typer.Argument(..., help="The study number (from `screener next`).", show_default=False),
    vote: VoteChoice = typer.Argument(..., help="include, exclude, maybe, or retract (withdraw your vote).",
                                      show_default=False, case_sensitive=False),
    as_: str = typer.Option(..., "--as", help="Your reviewer name.", show_default=False),
    stage: str = STAGE_OPTION,
    reason: str = typer.Option("", "--reason", help="Exclusion reason, one of exclusion_reasons in review.toml "
                               "(required at full text)."),
    note: str = typer.Option("", "--note", help="A free-text note kept with the vote."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Vote on a study; change or retract your vote until every vote the stage needs is in.

    After that only the arbiter can change the outcome, or ask you for a re-vote: under blind mode
    a change or retraction is then a change request to the arbiter (your views show the vote you
    asked for; the outcome keeps the votes cast), without blind mode it is refused."""
    # lazy: workspace.screening takes 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.screening import cast_vote, check_study_number

    with open_workspace(directory) as ws:
        check_study_number(ws, study)
        data = cast_vote(ws, as_, study, stage, vote.value, reason=reason, note=note)

    def text(d):
        v = d["vote"]
        said = "retracted" if v is None else v["vote"] + (f" ({v['reason']})" if v["reason"] else "")
        head = f"Study {d['study']} at {d['stage']}: {d['reviewer']} {said}"
        if not d["recorded"]:
            head += " (unchanged)"
        o = d["outcome"]
        state = {"undecided": "awaiting the other votes or the arbiter"}.get(o["status"], o["status"])
        return f"{head}; outcome: {state}"
    emit(data, as_json, text)


def _votes_text(votes: list[dict]) -> str:
    return "; ".join(f"{v['reviewer']} {v['vote']}" + (f" ({v['reason']})" if v["reason"] else "")
                     + (f" — {v['note']}" if v["note"] else "") for v in votes)


def _short(title: str, width: int = 70) -> str:
    """A title cut at a word with '…', so an arbiter can tell it goes on (`--json` has it whole)."""
    if len(title) <= width:
        return title
    return title[:width].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def cmd_conflicts(
    directory: Path = DIR_ARGUMENT,
    stage: str = typer.Option(None, "--stage", help="Only this stage (default: both)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List open conflicts with every vote (the arbiter's and owner's view)."""
    # lazy: workspace.screening takes 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.screening import list_conflicts

    with open_workspace(directory) as ws:
        data = list_conflicts(ws, None, stage)
    emit(data, as_json, lambda rows: "\n".join(
        f"study {c['study']} [{c['stage']}, over the {c['conflict']}] {_short(c['title'])}\n    {_votes_text(c['votes'])}"
        for c in rows) or "No open conflicts.")


def cmd_resolve(
    directory: Path = DIR_ARGUMENT,
    study: int = typer.Argument(..., help="The study number.", show_default=False),
    decision: Decision = typer.Argument(..., help="include or exclude.", show_default=False, case_sensitive=False),
    as_: str = typer.Option(..., "--as", help="The arbiter's (or owner's) reviewer name.", show_default=False),
    stage: str = STAGE_OPTION,
    reason: str = typer.Option("", "--reason", help="Exclusion reason (required for an exclusion at full text, "
                               "and to decide a conflict over the reason)."),
    note: str = typer.Option("", "--note", help="A note kept with the decision."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Decide a conflict (or change a decided outcome) as the arbiter; all votes stay on record."""
    # lazy: workspace.screening takes 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.screening import check_study_number, resolve

    with open_workspace(directory) as ws:
        check_study_number(ws, study)
        data = resolve(ws, as_, study, stage, decision.value, reason=reason, note=note)
    emit(data, as_json, lambda d: (
        f"Study {d['study']} at {d['stage']}: {d['outcome']['status']}"
        + (f" ({d['outcome']['reason']})" if d['outcome']['reason'] else "")
        + f" by {d['resolutions'][-1]['arbiter']}" + ("" if d["recorded"] else " (unchanged)")
        + f"; votes: {_votes_text(d['votes'])}"
        + (f"\nwarning: {d['warning']}" if d.get("warning") else "")))


def cmd_revote(
    directory: Path = DIR_ARGUMENT,
    study: int = typer.Argument(..., help="The study number.", show_default=False),
    reviewer: str = typer.Argument(..., help="The screener asked to vote again.", show_default=False),
    as_: str = typer.Option(..., "--as", help="The arbiter's (or owner's) reviewer name.", show_default=False),
    stage: str = STAGE_OPTION,
    note: str = typer.Option("", "--note", help="Why (kept with the request)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Ask a screener to vote again on a study that has all its votes (their vote is frozen
    otherwise); the request is an event, and the screener may then change their vote once."""
    # lazy: workspace.screening takes 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.screening import check_study_number, request_revote

    with open_workspace(directory) as ws:
        check_study_number(ws, study)
        data = request_revote(ws, as_, study, stage, reviewer, note=note)
    emit(data, as_json, lambda d: f"Study {d['study']} at {d['stage']}: {reviewer} may vote again "
                                  f"(now {d['outcome']['status']}; votes: {_votes_text(d['votes'])})")


def _progress_text(d: dict) -> str:
    lines = []
    for stage, s in d["stages"].items():
        counts = ", ".join(f"{k.replace('_', ' ')} {s[k]}" for k in ("include", "exclude", "conflict", "pending", "unscreened",
                                                   "undecided", "not_retrieved") if k in s)
        lines.append(f"{stage}: {counted(s['studies'], 'study', 'studies')} ({s['votes_needed']} votes each) — {counts}")
        for r in s["reviewers"]:
            extra = f", {r['conflicts']} in conflict" if "conflicts" in r else ""
            lines.append(f"  {r['name']} ({r['role']}): voted {r['voted']}, remaining {r['remaining']}, "
                         f"awaiting decision {r['awaiting_decision']}{extra}")
    for gone in d.get("merged_away_with_votes", []):
        into = ", ".join(str(s) for s in gone["merged_into"]) or "?"
        lines.append(f"note: study {gone['study']} has votes but was merged into study {into} by deduplication")
    return "\n".join(lines)


def cmd_progress(
    directory: Path = DIR_ARGUMENT,
    as_: str = typer.Option(None, "--as", help="Show what this reviewer may see (a screener's own, blinded view)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Per stage and reviewer: voted, remaining, awaiting decision, conflicts open."""
    # lazy: workspace.screening takes 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.screening import progress

    with open_workspace(directory) as ws:
        data = progress(ws, as_)
    emit(data, as_json, _progress_text)


def cmd_fulltext(
    directory: Path = DIR_ARGUMENT,
    study: int = typer.Argument(..., help="The study number.", show_default=False),
    source: str = typer.Argument(None, help="A file to copy into the workspace, or an http, https or ftp URL. "
                                 "Omit to show what is recorded.", show_default=False),
    not_retrieved: bool = typer.Option(False, "--not-retrieved", help="Record that the report could not be "
                                       "obtained (counted in PRISMA)."),
    note: str = typer.Option("", "--note", help="A note kept with the record."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Attach a full text (file or link) to a study, or record the report as not retrieved."""
    # lazy: workspace.fulltext and workspace.screening take 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.fulltext import fulltext_command
    from screener.workspace.screening import check_study_number

    with open_workspace(directory) as ws:
        check_study_number(ws, study)
        try:
            data = fulltext_command(ws, study, source, not_retrieved=not_retrieved, note=note)
        except NotFoundError as exc:
            # the file named is not there: a usage error (exit 2) as every missing input file is
            # (common.files_to_read), in the full-text module's words (a PDF path or a URL); an
            # unknown study stays exit 1
            if source and str(exc).startswith(f"{source.strip()}: no such file"):
                raise UsageError(str(exc)) from None
            raise

    def text(d):
        f = d["fulltext"]
        if f is None:
            return f"Study {d['study']}: no full text recorded."
        if f["kind"] == "not_retrieved":
            return f"Study {d['study']}: report not retrieved."
        where = Path(directory) / f["location"] if f["kind"] == "file" else f["location"]
        again = " (already attached)" if d.get("recorded") is False else ""
        warning = f"\nNote: {d['warning']}." if d.get("warning") else ""
        return f"Study {d['study']}: full text {f['kind']} {where}{again}{warning}"
    emit(data, as_json, text)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(reviewers_app, name="reviewers")
    app.command("next")(cmd_next)
    app.command("vote")(cmd_vote)
    app.command("conflicts")(cmd_conflicts)
    app.command("resolve")(cmd_resolve)
    app.command("revote")(cmd_revote)
    app.command("progress")(cmd_progress)
    app.command("fulltext")(cmd_fulltext)
