"""Benchmark the ranker against ASReview LAB 3.0.8 on the five labelled sets in ../shared.

    .venv/bin/python benchmarks/rank.py [--presets default,elas-u4] [--seeds 1,2,3,4,5]
        [--time-asreview Nagtegaal_2019] [--live 10000] [--jsonl benchmarks/out/rank.jsonl]
        [--config LABEL='{"members": [...], "fusion": [...]}']   (a configuration that is no preset)

Protocol (REPORT-NOTES.md §4.3, "B"): for every set and seed 1–5, the two prior records ASReview
used (``first2`` in asreview-3.0.8_baseline_runs.jsonl, 0-based rows → our record_id) are given
to our ranker too; priors are not counted as screened. ASReview's WSS@95, recall@10% and ATD are
the recorded baseline runs (same machine, same protocol). ``--time-asreview SET`` re-times one
ASReview simulation (seed 1) and ours back to back on this machine. ``--live N`` measures the live
queue: a temporary workspace of N studies (texts from the five sets, reused cyclically; nothing is
written into the repository), then retrain + re-rank after each of 30 new votes.
Prints markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics as st
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SCREENER_SHARED", ROOT.parent / "shared")) / "benchmarks" / "screening"
ASREVIEW = ROOT / "benchmarks" / ".venv-asreview" / "bin" / "asreview"
SETS = ["Nagtegaal_2019", "Bannach-Brown_2019", "Cohen_2006_ADHD", "Cohen_2006_UrinaryIncontinence",
        "Kitchenham_2010"]


def baseline_runs() -> list[dict]:
    rows = [json.loads(line) for line in open(SHARED / "asreview-3.0.8_baseline_runs.jsonl")]
    return [r for r in rows if r.get("mode") == "prior11"]


def run_ours(presets: list[str], seeds: list[int], sets: list[str], jsonl: Path | None,
             configs: dict[str, tuple[str, dict]] | None = None) -> list[dict]:
    """``configs``: label → (preset, ranker overrides) for the labels in ``presets`` that are not
    presets (``--config``); their rows carry the label and the overrides."""
    from screener.rank.dataset import load_labelled_csv
    from screener.rank.simulate import simulate_labelled

    out = []
    runs = baseline_runs()
    for name in sets:
        data = load_labelled_csv(SHARED / f"{name}.csv")
        for run in runs:
            if run["dataset"] != name or run["seed"] not in seeds:
                continue
            prior_ids = [data.record_ids[row] for row, _ in run["first2"]]
            for preset in presets:
                base, overrides = (configs or {}).get(preset, (preset, None))
                result = simulate_labelled(data, preset=base, seed=run["seed"], prior_ids=prior_ids,
                                           overrides=overrides)
                row = {"dataset": name, "seed": run["seed"], "preset": preset,
                       "wss95": result.wss95, "recall_at_10": result.recall_at_10, "atd": result.atd,
                       "stop_recall": result.stop_recall, "stop_screened": result.stop_screened,
                       "stop_wss": result.stop_wss, "wall_s": result.wall_s, "retrains": result.retrains,
                       "records": result.records, "relevant": result.relevant,
                       "asreview_wss95": run["WSS95"], "asreview_recall_at_10": run["recall_at_10pct"],
                       "asreview_atd": run["ATD_pct"], "asreview_wall_s": run.get("wall_s")}
                if overrides:
                    row["overrides"] = overrides
                out.append(row)
                print(f"  {name} seed {run['seed']} {preset}: WSS@95 {result.wss95} "
                      f"(ASReview {run['WSS95']}), stop recall {result.stop_recall}, "
                      f"{result.wall_s}s", file=sys.stderr, flush=True)
                if jsonl:
                    with open(jsonl, "a") as handle:
                        handle.write(json.dumps(row) + "\n")
    return out


def table(rows: list[dict], presets: list[str], sets: list[str]) -> str:
    lines = []
    head = "| set | N | R | ASReview 3.0.8 WSS@95 | " + " | ".join(f"`{p}` WSS@95" for p in presets)
    head += " | recall@10% ASReview / " + " / ".join(f"`{p}`" for p in presets)
    head += " | ATD% ASReview / " + " / ".join(f"`{p}`" for p in presets)
    head += f" | stopper (`{presets[0]}`): true recall at first stop, min (mean) | screened at stop, mean % of N |"
    lines.append(head)
    lines.append("|" + "---|" * (head.count("|") - 1))
    deltas = {p: [] for p in presets}
    for name in sets:
        sub = {p: [r for r in rows if r["dataset"] == name and r["preset"] == p] for p in presets}
        first = sub[presets[0]]
        if not first:
            continue
        asr = st.mean(r["asreview_wss95"] for r in first)
        cells = [name, str(first[0]["records"]), str(first[0]["relevant"]), f"{asr:.1f}"]
        for p in presets:
            w = st.mean(r["wss95"] for r in sub[p])
            deltas[p].append(w - asr)
            sd = st.pstdev(r["wss95"] for r in sub[p])
            cells.append(f"{w:.1f} ({w - asr:+.1f}; sd {sd:.1f})")
        cells.append(" / ".join([f"{st.mean(r['asreview_recall_at_10'] for r in first):.1f}"]
                                + [f"{st.mean(r['recall_at_10'] for r in sub[p]):.1f}" for p in presets]))
        cells.append(" / ".join([f"{st.mean(r['asreview_atd'] for r in first):.1f}"]
                                + [f"{st.mean(r['atd'] for r in sub[p]):.1f}" for p in presets]))
        stops = [r["stop_recall"] for r in first if r["stop_recall"] is not None]
        cells.append(f"{min(stops):.1f} ({st.mean(stops):.1f})" if stops else "never stopped")
        screened = [100 * r["stop_screened"] / r["records"] for r in first if r["stop_screened"]]
        cells.append(f"{st.mean(screened):.1f}" if screened else "–")
        lines.append("| " + " | ".join(cells) + " |")
    mean_cells = ["mean Δ vs ASReview", "", "", ""] + [f"{st.mean(deltas[p]):+.2f}" for p in presets]
    lines.append("| " + " | ".join(mean_cells + ["", "", "", ""]) + " |")
    return "\n".join(lines)


def time_asreview(name: str) -> str:
    """ASReview's simulate and ours on the same set and priors (seed 1), back to back."""

    run = next(r for r in baseline_runs() if r["dataset"] == name and r["seed"] == 1)
    from screener.rank.dataset import load_labelled_csv

    data = load_labelled_csv(SHARED / f"{name}.csv")
    prior_ids = [data.record_ids[row] for row, _ in run["first2"]]
    import resource

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    with tempfile.TemporaryDirectory() as tmp:
        cpu0 = cpu()
        started = time.perf_counter()
        subprocess.run([str(ASREVIEW), "simulate", str(SHARED / f"{name}.csv"), "--n-prior-included", "1",
                        "--n-prior-excluded", "1", "--prior-seed", "1", "--seed", "1",
                        "-o", str(Path(tmp) / "run.asreview")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        asreview_s = time.perf_counter() - started
        asreview_cpu = cpu() - cpu0
    cpu0 = cpu()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "screener", "rank", "simulate", str(SHARED / f"{name}.csv"),
                    "--seed", "1", "--prior-ids", ",".join(prior_ids), "--json"], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    ours_s = time.perf_counter() - started
    ours_cpu = cpu() - cpu0
    return (f"| {name}, seed 1, whole process: CPU time (user + sys) | {asreview_cpu:.1f} s | "
            f"{ours_cpu:.1f} s | {asreview_cpu / ours_cpu:.1f}× |\n"
            f"| same runs, wall time (machine shared, see note) | {asreview_s:.1f} s | {ours_s:.1f} s | "
            f"{asreview_s / ours_s:.1f}× |")


def live_latency(n: int, votes: int = 30, preset: str = "default") -> str:
    """Retrain + re-rank latency of the live queue on a workspace of ``n`` studies. Each vote is
    two agreeing screeners' (blind mode, the default, lets the ranker learn from decided studies
    only)."""
    from screener import Workspace
    from screener.rank import live
    from screener.rank.dataset import load_labelled_csv
    from screener.records.model import Record
    from screener.workspace import ranking

    texts = []
    for name in SETS:
        data = load_labelled_csv(SHARED / f"{name}.csv")
        texts += [(d.title, d.abstract, y) for d, y in zip(data.docs, data.labels)]
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.init(Path(tmp) / "review")
        with ws.transaction():
            ws.add_source_records(Record(title=texts[i % len(texts)][0] + f" [{i}]",
                                         abstract=texts[i % len(texts)][1], database="bench", raw="")
                                  for i in range(n))
            ws.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('a', 'screener', 'now')")
            ws.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('b', 'screener', 'now')")
        ws.settings.ranker_preset = preset

        def vote(study: int, include: bool) -> None:
            for reviewer in (1, 2):
                ws.db.execute("INSERT INTO votes (at, reviewer_id, study_id, stage, vote) VALUES"
                              " ('now', ?, ?, 'title_abstract', ?)", (reviewer, study, "include" if include else "exclude"))

        truth = {i + 1: texts[i % len(texts)][2] for i in range(n)}
        ids = list(range(1, n + 1))
        labelled = [s for s in ids if truth[s]][:20] + [s for s in ids if not truth[s]][:180]
        for s in labelled:
            vote(s, truth[s])
        started = time.perf_counter()
        state = ranking.rank_studies(ws, "title_abstract", ids, background=False).state
        first = time.perf_counter() - started
        if state.get("ranker") == "cold-start":
            raise SystemExit("the live ranker answered with the cold-start shuffle: no decided labels")
        started = time.perf_counter()
        live._MODELS.clear()
        ranking.rank_studies(ws, "title_abstract", ids, background=False)
        cached = time.perf_counter() - started
        from screener.workspace.queue_state import queue_state

        def kept_labels():
            # as the screening queue keeps them: refreshed with the votes written since
            state = queue_state(ws)
            with state.lock:
                state.refresh(ws)
                return state.labels["title_abstract"].snapshot()

        timings, train_ms, cpu_ms = [], [], []
        done = set(labelled)
        for _ in range(votes):
            candidates = [s for s in ids if s not in done]
            order = ranking.rank_studies(ws, "title_abstract", candidates, background=False,
                                         labels=kept_labels()).order
            nxt = order[0]
            vote(nxt, truth[nxt])
            done.add(nxt)
            candidates.remove(nxt)
            started, cpu0 = time.perf_counter(), time.process_time()
            ranked = ranking.rank_studies(ws, "title_abstract", candidates, background=False,
                                          labels=kept_labels())   # retrain + re-rank
            timings.append((time.perf_counter() - started) * 1000)
            cpu_ms.append((time.process_time() - cpu0) * 1000)
            train_ms.append(ranked.state.get("train_ms") or 0.0)
        started = time.perf_counter()
        ranking.stopping_estimate(ws, "title_abstract")      # timed: its result is not the point here
        estimate_ms = (time.perf_counter() - started) * 1000
        ws.close()
    timings.sort()
    cpu_ms.sort()
    return (f"| {n:,} studies, {len(labelled) + votes} labels | {st.median(timings):.0f} ms "
            f"(training and scoring {st.median(train_ms):.0f} ms; CPU {st.median(cpu_ms):.0f} ms, "
            f"p90 {cpu_ms[int(0.9 * len(cpu_ms)) - 1]:.0f} ms) | "
            f"{timings[int(0.9 * len(timings)) - 1]:.0f} ms | {first:.1f} s | {cached:.1f} s | "
            f"{estimate_ms:.0f} ms | load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", default="default", help="comma-separated presets")
    parser.add_argument("--config", action="append", default=[], metavar="LABEL=JSON",
                        help="also run a configuration that is not a preset: ranker overrides as "
                             "JSON (members, fusion, balancer, querier, stopper, retrain; \"preset\" "
                             "picks the base, default `default`), reported under LABEL")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--time-asreview", default="", help="a set to re-time ASReview and ours on")
    parser.add_argument("--live", type=int, default=0, help="studies in the live-latency workspace")
    parser.add_argument("--jsonl", type=Path, default=None, help="append per-run rows here")
    parser.add_argument("--skip-sim", action="store_true", help="only the timing parts")
    parser.add_argument("--table-from", type=Path, default=None,
                        help="print the table of the rows stored in this JSONL (from --jsonl runs)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} not found: the benchmark needs the shared screening sets")
    presets = [p for p in args.presets.split(",") if p]
    configs: dict[str, tuple[str, dict]] = {}
    for item in args.config:
        label, _, text = item.partition("=")
        overrides = json.loads(text)
        configs[label] = (overrides.pop("preset", "default"), overrides)
        presets.append(label)
    sets = [s for s in args.sets.split(",") if s]
    if args.table_from:
        rows = [json.loads(line) for line in open(args.table_from)]
        seeds = sorted({r["seed"] for r in rows})
        print(table(rows, presets, sets))
        print(f"\n({len(rows)} runs from {args.table_from}; seeds {', '.join(map(str, seeds))})")
    elif not args.skip_sim:
        rows = run_ours(presets, [int(s) for s in args.seeds.split(",")], sets, args.jsonl, configs)
        print(table(rows, presets, sets))
        walls = {p: st.mean(r["wall_s"] for r in rows if r["preset"] == p) for p in presets}
        print("\nMean wall time per simulation (in-process, features included): "
              + ", ".join(f"`{p}` {w:.1f} s" for p, w in walls.items()))
    if args.time_asreview:
        print("\n| simulation | ASReview 3.0.8 | screener `default` | speed-up |\n|---|---|---|---|")
        print(time_asreview(args.time_asreview))
    if args.live:
        print("\n| live queue | retrain + re-rank, median | p90 | first order (features built) |"
              " first order (features from disk cache) | stopping estimate |\n|---|---|---|---|---|---|")
        for preset in presets:
            print(f"(`{preset}`) " + live_latency(args.live, preset=preset))


if __name__ == "__main__":
    main()
