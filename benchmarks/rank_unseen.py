"""The shipped ranker on labelled reviews that played no part in choosing it, against ASReview 3.0.8.

    .venv/bin/python benchmarks/rank_unseen.py run [--sets A,B] [--seeds 1,2,3] [--jobs 2]
    .venv/bin/python benchmarks/rank_unseen.py report

The sets are CSVs kept OUTSIDE the repository (publishers' abstracts), in ``SCREENER_UNSEEN_DATA``
(default ``ranker-unseen/sets`` beside the checkout, or beside the folder of its worktree), read as they were committed upstream
(provenance in benchmarks/rank_unseen.md). None is among the nine sets in ../shared that chose the
default.

For every set and seed S (1–3), in one worker, back to back:

1. ASReview 3.0.8 (``benchmarks/.venv-asreview``, its own virtual environment) with its defaults
   (ELAS u4) and protocol "B" of the shared REPORT-NOTES.md: ``asreview simulate FILE
   --n-prior-included 1 --n-prior-excluded 1 --prior-seed S --seed S``. Its screening order is
   read from the project's ``results.db``; its first two records are the priors.
2. Ours: ``screener rank simulate FILE --seed S --prior-ids <those two> --json`` with the shipped
   default preset (``ensemble``), nothing tuned.

Both as whole processes (start-up and reading the file included), timed with ``os.wait4``: wall
time and CPU time (user + system of the process and its children). Both scored by
``screener.rank.simulate.metrics`` from the positions of the relevant records, the priors not
counted as screened (the asreview-insights convention, as in the README's tables). Each ASReview
record's label is checked against our reader's label for the same row, so the two tools are known
to have read the same records in the same order. Results are cached per (set, seed) as JSON in
``SCREENER_UNSEEN_OUT`` (default ``benchmarks/out/unseen/``, gitignored); ``report`` prints the
markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics as st
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(os.environ.get("SCREENER_UNSEEN_DATA") or next(
    (d for d in (ROOT.parent / "ranker-unseen" / "sets", ROOT.parent.parent / "ranker-unseen" / "sets")
     if d.is_dir()), ROOT.parent / "ranker-unseen" / "sets"))      # beside the checkout or its worktree folder
OUT = Path(os.environ.get("SCREENER_UNSEEN_OUT", ROOT / "benchmarks" / "out" / "unseen"))
ASREVIEW = ROOT / "benchmarks" / ".venv-asreview" / "bin" / "asreview"
SEEDS = (1, 2, 3)


def _timed(argv: list[str], **kwargs) -> tuple[float, float, bytes]:
    """Run ``argv``; return (wall s, CPU s of the process and its children, stdout). Its output goes
    to temporary files, not pipes: ASReview's progress bars fill a pipe that is not being read."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, **kwargs)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:3])}… exited {proc.returncode}: {err.read().decode()[-2000:]}")
        return wall, usage.ru_utime + usage.ru_stime, out.read()


def _asreview_order(project: Path) -> list[tuple[int, int]]:
    """(row, label) of every labelled record in screening order, from an .asreview project."""
    with zipfile.ZipFile(project) as z, tempfile.TemporaryDirectory() as tmp:
        name = next(n for n in z.namelist() if n.endswith("results.db"))
        z.extract(name, tmp)
        con = sqlite3.connect(Path(tmp) / name)
        rows = con.execute("SELECT record_id, label FROM results WHERE label IS NOT NULL "
                           "ORDER BY rowid").fetchall()
        con.close()
    return [(int(r), int(y)) for r, y in rows]


def run_one(name: str, seed: int) -> dict | None:
    """One set and seed, both tools; None when the result is cached or another runner has claimed
    it (a ``.claim`` file: several runners may share the cache; remove a stale claim by hand)."""
    target = OUT / f"{name}_s{seed}.json"
    if target.is_file():
        return None
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(target.with_suffix(".claim"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return None
    try:
        return _run_one(name, seed, target)
    finally:
        target.with_suffix(".claim").unlink(missing_ok=True)


def _run_one(name: str, seed: int, target: Path) -> dict:
    from screener.rank.dataset import load_labelled_csv
    from screener.rank.simulate import metrics

    path = DATA / f"{name}.csv"
    data = load_labelled_csv(path)
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "run.asreview"
        a_wall, a_cpu, _ = _timed([str(ASREVIEW), "simulate", str(path), "--n-prior-included", "1",
                                      "--n-prior-excluded", "1", "--prior-seed", str(seed), "--seed", str(seed),
                                      "-o", str(project)])
        order = _asreview_order(project)
    for row, label in order:
        if data.labels[row] != label:
            raise RuntimeError(f"{name} seed {seed}: ASReview's label of row {row} is {label}, ours "
                               f"{data.labels[row]}: the two tools read different records")
    first2 = order[:2]
    if sorted(y for _, y in first2) != [0, 1]:
        raise RuntimeError(f"{name} seed {seed}: ASReview's first two records are not one include and one "
                           f"exclude: {first2}")
    n = len(data.labels) - 2
    r = sum(data.labels) - 1
    positions = [i for i, (_, y) in enumerate(order[2:], start=1) if y]
    if len(positions) < r:
        raise RuntimeError(f"{name} seed {seed}: ASReview stopped before finding every relevant record "
                           f"({len(positions)} of {r})")
    a_metrics = metrics(positions, n, r)
    prior_ids = [data.record_ids[row] for row, _ in first2]
    o_wall, o_cpu, out = _timed([sys.executable, "-m", "screener", "rank", "simulate", str(path),
                                    "--seed", str(seed), "--prior-ids", ",".join(prior_ids), "--json"],
                                   cwd=ROOT)
    ours = json.loads(out)
    row = {"dataset": name, "seed": seed, "records": n, "relevant": r, "first2": first2,
           "prior_ids": prior_ids, "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2),
           "asreview": {**a_metrics, "wall_s": round(a_wall, 2), "cpu_s": round(a_cpu, 2),
                        "screened": len(order) - 2},
           "ours": {k: ours[k] for k in ("preset", "wss95", "recall_at_10", "atd", "screened_for_95",
                                         "screened_for_all", "stop_screened", "stop_recall", "retrains",
                                         "records", "relevant", "order_digest")}
           | {"wall_s": round(o_wall, 2), "cpu_s": round(o_cpu, 2), "in_process_wall_s": ours["wall_s"]}}
    if (row["ours"]["records"], row["ours"]["relevant"]) != (n, r):
        raise RuntimeError(f"{name} seed {seed}: N, R differ: ours {row['ours']['records']}, "
                           f"{row['ours']['relevant']}; ASReview's {n}, {r}")
    tmp_path = target.with_suffix(".tmp")
    tmp_path.write_text(json.dumps(row))
    tmp_path.replace(target)
    return row


def sets_available() -> list[str]:
    return sorted(p.stem for p in DATA.glob("*.csv"))


def run(sets: list[str], seeds: list[int], jobs: int, reverse: bool = False) -> None:
    todo = [(s, seed) for seed in seeds for s in sets if not (OUT / f"{s}_s{seed}.json").is_file()]
    if reverse:
        todo.reverse()
    print(f"{len(todo)} runs to do", file=sys.stderr)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_one, s, seed): (s, seed) for s, seed in todo}
        for future in as_completed(futures):
            s, seed = futures[future]
            try:
                row = future.result()
            except Exception as exc:      # one set's failure must not lose the others' runs
                print(f"  {s} seed {seed}: FAILED {exc}", file=sys.stderr, flush=True)
                continue
            if row is None:
                continue
            print(f"  {s} seed {seed}: WSS@95 ours {row['ours']['wss95']} ASReview {row['asreview']['wss95']}; "
                  f"CPU ours {row['ours']['cpu_s']} s ASReview {row['asreview']['cpu_s']} s; "
                  f"load {row['load_before']}", file=sys.stderr, flush=True)


def report(sets: list[str], seeds: list[int]) -> str:
    rows = {}
    for s in sets:
        got = [json.loads((OUT / f"{s}_s{seed}.json").read_text()) for seed in seeds
               if (OUT / f"{s}_s{seed}.json").is_file()]
        if got:
            rows[s] = got
    lines = ["| set | N | R | runs | ASReview WSS@95 (sd) | ours WSS@95 (Δ; sd) | ASReview recall@10% | "
             "ours recall@10% (Δ) | ASReview ATD % / ours | stopper: true recall at first stop, min | "
             "CPU s per run ASReview / ours (ratio) | wall s per run ASReview / ours (ratio) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    deltas, rdeltas, a_w, o_w, a_r, o_r = {}, {}, [], [], [], []
    cpu_a = cpu_o = wall_a = wall_o = 0.0
    loads = []
    for s, got in rows.items():
        aw = [g["asreview"]["wss95"] for g in got]
        ow = [g["ours"]["wss95"] for g in got]
        ar = [g["asreview"]["recall_at_10"] for g in got]
        orr = [g["ours"]["recall_at_10"] for g in got]
        deltas[s] = st.mean(ow) - st.mean(aw)
        rdeltas[s] = st.mean(orr) - st.mean(ar)
        a_w.append(st.mean(aw))
        o_w.append(st.mean(ow))
        a_r.append(st.mean(ar))
        o_r.append(st.mean(orr))
        ca = st.mean(g["asreview"]["cpu_s"] for g in got)
        co = st.mean(g["ours"]["cpu_s"] for g in got)
        wa = st.mean(g["asreview"]["wall_s"] for g in got)
        wo = st.mean(g["ours"]["wall_s"] for g in got)
        cpu_a += sum(g["asreview"]["cpu_s"] for g in got)
        cpu_o += sum(g["ours"]["cpu_s"] for g in got)
        wall_a += sum(g["asreview"]["wall_s"] for g in got)
        wall_o += sum(g["ours"]["wall_s"] for g in got)
        loads += [g["load_before"] for g in got] + [g["load_after"] for g in got]
        stops = [g["ours"]["stop_recall"] for g in got if g["ours"]["stop_recall"] is not None]
        lines.append(
            f"| {s} | {got[0]['records']} | {got[0]['relevant']} | {len(got)} | "
            f"{st.mean(aw):.1f} ({st.pstdev(aw):.1f}) | {st.mean(ow):.1f} ({deltas[s]:+.1f}; {st.pstdev(ow):.1f}) | "
            f"{st.mean(ar):.1f} | {st.mean(orr):.1f} ({rdeltas[s]:+.1f}) | "
            f"{st.mean(g['asreview']['atd'] for g in got):.1f} / {st.mean(g['ours']['atd'] for g in got):.1f} | "
            f"{min(stops):.1f} | {ca:.1f} / {co:.1f} ({ca / co:.1f}×) | {wa:.1f} / {wo:.1f} ({wa / wo:.1f}×) |")
    if not rows:
        return "no results"
    worst = min(deltas, key=deltas.get)
    rworst = min(rdeltas, key=rdeltas.get)
    lines.append(f"| **mean over {len(rows)} sets** | | | | {st.mean(a_w):.1f} | {st.mean(o_w):.1f} "
                 f"({st.mean(deltas.values()):+.2f}) | {st.mean(a_r):.1f} | {st.mean(o_r):.1f} "
                 f"({st.mean(rdeltas.values()):+.2f}) | | | {cpu_a:.0f} / {cpu_o:.0f} s in all "
                 f"({cpu_a / cpu_o:.1f}×) | {wall_a:.0f} / {wall_o:.0f} s in all ({wall_a / wall_o:.1f}×) |")
    lines.append(f"| **worst set** | | | | | {worst}: {deltas[worst]:+.1f} | | {rworst}: {rdeltas[rworst]:+.1f} "
                 f"| | | | |")
    better = sum(d > 0 for d in deltas.values())
    lines.append("")
    lines.append(f"Ours above ASReview in WSS@95 on {better} of {len(rows)} sets; load average during the "
                 f"runs {min(loads):.1f}–{max(loads):.1f} (sampled at each run's start and end).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["run", "report"])
    parser.add_argument("--sets", default="", help="comma-separated set names (file stems); default all")
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--reverse", action="store_true",
                        help="take the runs in reverse order (a second runner sharing the cache)")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA}: not found; set SCREENER_UNSEEN_DATA to the folder of labelled CSVs")
    sets = [s for s in args.sets.split(",") if s] or sets_available()
    seeds = [int(s) for s in args.seeds.split(",") if s]
    if args.command == "run":
        if not ASREVIEW.is_file():
            sys.exit(f"{ASREVIEW}: not found; python3 -m venv benchmarks/.venv-asreview && "
                     f"benchmarks/.venv-asreview/bin/pip install asreview==3.0.8")
        run(sets, seeds, args.jobs, args.reverse)
    print(report(sets, seeds))


if __name__ == "__main__":
    main()
