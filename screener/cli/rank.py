"""``screener rank``: simulate the ranker on a labelled set, list presets and components, and show
a review's stopping estimate."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, emit, files_to_read, open_workspace
from screener.cli.terminal import printable
from screener.errors import NotFoundError, RankerError, UsageError
from screener.rank.presets import describe, overrides_from_names

rank_app = typer.Typer(help="The active-learning ranker: simulate it on a labelled set, list its "
                            "presets and components, show a review's stopping estimate.",
                       no_args_is_help=True)


def _simulation_text(d: dict) -> str:
    stop = ("never (screened everything)" if d["stop_screened"] is None else
            f"after {d['stop_screened']} records ({d['stop_wss']}% left unscreened), "
            f"true recall then {d['stop_recall']}%")
    return "\n".join([
        f"{d['dataset']}: preset {d['preset']}, seed {d['seed']}, priors {', '.join(d['prior_ids']) or 'none'}",
        f"  records {d['records']}, relevant {d['relevant']} (priors excluded)",
        f"  WSS@95            {d['wss95']:.2f}%  (95% recall after {d['screened_for_95']} records)",
        f"  recall@10%        {d['recall_at_10']:.2f}%",
        f"  ATD               {d['atd']:.2f}%  (average time to discovery)",
        f"  last relevant at  {d['screened_for_all']}",
        f"  stopper ({d['config']['stopper'][0]}) said stop {stop}",
        f"  wall time         {d['wall_s']:.2f} s ({d['retrains']} retrains)",
    ])


@rank_app.command("simulate")
def simulate_command(
    dataset: Path = typer.Argument(..., help="CSV (comma-, semicolon- or tab-separated) with title, "
                                             "abstract, the label (1/0, yes/no, y/n, true/false or "
                                             "include/exclude) and optionally record_id; the "
                                             "columns under the names ASReview reads (label_included, "
                                             "included, label, …; primary_title; notes_abstract); or ASReview LAB's "
                                             "labelled RIS export (labels in its N1 notes).",
                                   show_default=False),
    seed: int = typer.Option(0, "--seed", help="Seed of the cold-start shuffle and any exploration."),
    prior_ids: str = typer.Option("", "--prior-ids", help="Comma-separated record_id values known "
                                  "before screening (not counted as screened)."),
    preset: str = typer.Option("default", "--preset", help="Ranker preset (see `screener rank presets`)."),
    features: str = typer.Option(None, "--features", help="Override the preset's feature extractor(s); "
                                 "several, comma-separated, are fused."),
    classifier: str = typer.Option(None, "--classifier", help="Override the preset's classifier."),
    balancer: str = typer.Option(None, "--balancer", help="Override the preset's balancer."),
    querier: str = typer.Option(None, "--querier", help="Override the preset's querier."),
    stopper: str = typer.Option(None, "--stopper", help="Override the preset's stopper."),
    fusion: str = typer.Option(None, "--fusion", help="Override how several members are fused."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Replay a labelled set through the ranker and report how early it found the relevant records.

    Reports WSS@95, recall@10%, ATD (average time to discovery), the stopper's recall when it
    first says stop, and wall time."""
    # lazy: rank.simulate (numpy) takes 0.1 s to load; only commands using it load it (cli/__init__.py)
    from screener.rank.simulate import simulate

    files_to_read([dataset], "nothing was simulated", "-: the labelled set is read from a file, not from standard "
                  "input; save it to a file (CSV) and give its name")
    if dataset.is_dir():
        raise UsageError(f"{dataset}: is a directory; give the CSV file")
    try:
        overrides = overrides_from_names(preset, features=features, classifier=classifier,
                                         balancer=balancer, querier=querier, stopper=stopper, fusion=fusion)
    except RankerError as exc:
        # it only checks the names given: one not among them is a value not allowed, a usage error
        # (exit 2) as `--stage ta` is; the ranker's own words list the valid names
        raise UsageError(str(exc)) from None
    ids = [p.strip() for p in prior_ids.split(",") if p.strip()]
    result = simulate(dataset, preset=preset, seed=seed, prior_ids=ids, overrides=overrides)
    for note in result.notes:       # as import and the strategy commands show theirs
        sys.stderr.write(printable(f"note: {note}") + "\n")
    emit(result.to_json(), as_json, _simulation_text)


def _presets_text(d: dict) -> str:
    lines = ["Presets:"]
    width = max(len(name) for name in [*d["presets"], *d["components"]])   # 'ensemble-lite' is 13
    for name, description in d["presets"].items():
        lines.append(f"  {name:{width}s} {description}")
    lines.append("Components:")
    for kind, names in d["components"].items():
        lines.append(f"  {kind:{width}s} {', '.join(names)}")
    return "\n".join(lines)


@rank_app.command("presets")
def presets_command(as_json: bool = JSON_OPTION) -> None:
    """List the ranker presets and the registered components of each kind."""
    emit(describe(), as_json, _presets_text)


def _estimate_text(d: dict | None) -> str:
    if d is None:
        return "No estimate yet: the ranker needs at least one included and one excluded study."
    lines = [f"{d['stage']}: {_count(d['screened'], 'study', 'studies')} screened, {d['relevant_found']} relevant found",
             f"  recall estimate {d['recall_estimate']}; at least {d['recall_lower_bound']} with "
             f"{100 * (1 - d['alpha']):.0f}% confidence ({d['method']})",
             f"  applies to {_count(d['remaining'], 'study', 'studies')} without any vote"]
    if d["stop"]:
        lines.append(f"  recall ≥ {d['recall_target']} reached: the unvoted studies may be set aside "
                     f"(studies with one vote still get their second)")
    if d.get("caution"):
        lines.append(f"  caution: {d['caution']}")
    waiting = d["awaiting_second_vote"]
    lines.append(f"  {_count(waiting, 'study', 'studies')} still {'awaits' if waiting == 1 else 'await'} a second vote")
    return "\n".join(lines)


@rank_app.command("estimate")
def estimate_command(
    directory: Path = DIR_ARGUMENT,
    stage: str = typer.Option("title_abstract", "--stage", help="title_abstract or full_text."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The stopping estimate of a review: recall so far with a confidence bound."""
    # lazy: workspace.ranking takes 0.03 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.ranking import stopping_estimate

    with open_workspace(directory) as ws:
        emit(stopping_estimate(ws, stage), as_json, _estimate_text)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@rank_app.command("prior")
def prior_command(
    directory: Path = DIR_ARGUMENT,
    studies: list[int] = typer.Argument(None, help="Study ids (see `screener export`). None: list the "
                                        "priors in force.", show_default=False),
    stage: str = typer.Option("title_abstract", "--stage", help="title_abstract or full_text."),
    irrelevant: bool = typer.Option(False, "--irrelevant", help="Known irrelevant instead of relevant."),
    withdraw: bool = typer.Option(False, "--withdraw", help="Take earlier priors on these studies back."),
    note: str = typer.Option("", "--note", help="Why (e.g. 'seed reference from the protocol')."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Tell the ranker which studies are known to be relevant before anyone screens them.

    For example the protocol's seed references (or, with --irrelevant, known irrelevant ones).
    They are still screened like every other study. Without study ids: list the priors in force."""
    # lazy: workspace.labels and workspace.screening take 0.06 s to load; only commands using it load it (cli/__init__.py)
    from screener.workspace.labels import add_priors, current_priors
    from screener.workspace.screening import check_stage, check_study_number, current_studies, merged_into

    if irrelevant and withdraw:
        raise UsageError("give --irrelevant or --withdraw, not both")
    check_stage(stage, "--stage")
    ids = list(dict.fromkeys(studies or []))
    if not ids and (irrelevant or withdraw or note):
        raise UsageError("name the studies: `screener rank prior DIR STUDY... [--irrelevant|--withdraw]`")
    prior = "withdrawn" if withdraw else ("irrelevant" if irrelevant else "relevant")
    with open_workspace(directory) as ws:
        if not ids:
            in_force = current_priors(ws, stage)
            listing = {"stage": stage, "priors": [{"study": sid, "prior": kind}
                                                  for sid, kind in sorted(in_force.items())]}
            emit(listing, as_json, lambda d: "\n".join(
                [f"Priors at {d['stage']}:"] + [f"  study {p['study']}: {p['prior']}" for p in d["priors"]])
                if d["priors"] else f"No priors at {d['stage']}; add some with `screener rank prior DIR STUDY...`.")
            return
        current = current_studies(ws)
        for sid in ids:
            check_study_number(ws, sid)
            if sid not in current:
                into = merged_into(ws, sid)
                if into:
                    where = ", ".join(f"study {s}" for s in into)
                    raise NotFoundError(f"study {sid} was merged into {where} by deduplication; give {where} instead")
        if withdraw:
            in_force = current_priors(ws, stage)
            missing = [sid for sid in ids if sid not in in_force]
            if missing:
                raise NotFoundError(f"study {', '.join(map(str, missing))} has no prior at {stage} to withdraw "
                                 f"(priors in force: {', '.join(map(str, sorted(in_force))) or 'none'})")
        result = add_priors(ws, ids, stage=stage, prior=prior, note=note)
    said = "withdrawn as a prior" if prior == "withdrawn" else f"marked {prior}"
    emit(result, as_json, lambda d: f"{_count(len(d['studies']), 'study', 'studies')} {said} at {d['stage']}; "
                                    f"{_count(d['priors'], 'prior', 'priors')} in force")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(rank_app, name="rank")
