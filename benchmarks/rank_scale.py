"""Live ranking at scale: retrain + re-rank after a vote on a review of 200,000 studies.

    nice -n 10 .venv/bin/python benchmarks/rank_scale.py [--studies 200000] [--votes 20]
        [--preset default] [--dir /tmp/screener-scale]

Builds (once; reused when ``--dir`` already holds it) a temporary workspace of N studies whose
titles and abstracts are the records of the nine shared labelled sets, replicated cyclically, each
copy made distinct by a number in its title; nothing is written into the repository. The
measurement then runs in a fresh child process: the first order (features built, then again from
the disk cache in another fresh process), 200 labels (20 includes), and ``--votes`` more votes,
each followed by ``rank_studies(..., background=False)`` — retraining on every label and
re-ranking every unscreened study before answering (the queue itself answers at once from a model
at most 3 votes old and retrains in the background, so this is the slow path). The labels come as
the screening queue keeps them (``queue_state``: refreshed with the votes written since, then a
snapshot), and that refresh is part of the timed step; ``--labels derive`` re-derives every label
from the votes at each step instead (what a caller without the queue's state pays). Peak memory is
the child's maximum resident set size (``ru_maxrss``), features included.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics as st
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SCREENER_SHARED", ROOT.parent / "shared")) / "benchmarks" / "screening"


def _texts():
    from screener.rank.dataset import load_labelled_csv

    texts = []
    for path in sorted(SHARED.glob("*.csv")):
        data = load_labelled_csv(path)
        texts += [(d.title, d.abstract, y) for d, y in zip(data.docs, data.labels)]
    return texts


def build(path: Path, n: int) -> None:
    from screener import Workspace
    from screener.records.model import Record

    texts = _texts()
    ws = Workspace.init(path)
    with ws.transaction():
        ws.add_source_records(Record(title=f"{texts[i % len(texts)][0]} [{i}]",
                                     abstract=texts[i % len(texts)][1], database="bench", raw="")
                              for i in range(n))
        ws.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('a', 'screener', 'now')")
        ws.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('b', 'screener', 'now')")
    ws.close()
    (path / "bench-truth.json").write_text(json.dumps([texts[i % len(texts)][2] for i in range(n)]))


def _vote(ws, study: int, include: bool) -> None:
    """Both screeners' votes (they agree): the study is decided, as blind mode (the default) needs
    before the ranker may learn from it."""
    for reviewer in _screeners(ws):
        ws.db.execute("INSERT INTO votes (at, reviewer_id, study_id, stage, vote) VALUES"
                      " ('now', ?, ?, 'title_abstract', ?)", (reviewer, study, "include" if include else "exclude"))


def _screeners(ws) -> list[int]:
    ids = [r for (r,) in ws.db.execute("SELECT id FROM reviewers WHERE role = 'screener' ORDER BY id")]
    while len(ids) < 2:          # a workspace built by an earlier version of this script had one
        ws.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES (?, 'screener', 'now')",
                      (f"bench{len(ids)}",))
        ids = [r for (r,) in ws.db.execute("SELECT id FROM reviewers WHERE role = 'screener' ORDER BY id")]
    return ids[:2]


def measure(path: Path, votes: int, first_only: bool, preset: str, labels_from: str = "queue") -> dict:
    import sklearn.feature_extraction.text  # noqa: F401,E401 (imports are not timed)

    from screener import Workspace
    from screener.workspace import ranking

    ws = Workspace.open(path)
    ws.settings.ranker_preset = preset      # as review.toml's [ranker] preset would
    truth = json.loads((path / "bench-truth.json").read_text())
    n = len(truth)
    ids = list(range(1, n + 1))
    with ws.transaction():
        a, b = _screeners(ws)
        # studies only one screener voted on (an earlier version voted once): the other's vote too
        ws.db.execute("INSERT INTO votes (at, reviewer_id, study_id, stage, vote) SELECT 'now', ?, study_id,"
                      " stage, vote FROM votes WHERE reviewer_id = ? AND study_id NOT IN"
                      " (SELECT study_id FROM votes WHERE reviewer_id = ?)", (b, a, b))
    labelled = set(ws.db.execute("SELECT DISTINCT study_id FROM votes").fetchall())
    labelled = {s for (s,) in labelled}
    if not labelled:
        with ws.transaction():
            seeds = [s for s in ids if truth[s - 1]][:20] + [s for s in ids if not truth[s - 1]][:180]
            for s in seeds:
                _vote(ws, s, truth[s - 1])
        labelled = set(seeds)
    out: dict = {"preset": preset, "studies": n, "labels_before": len(labelled), "labels_from": labels_from}

    def kept_labels():
        if labels_from != "queue":
            return None                  # rank_studies derives them from the votes
        from screener.workspace.queue_state import queue_state

        state = queue_state(ws)
        with state.lock:
            state.refresh(ws)
            return state.labels["title_abstract"].snapshot()

    started, cpu0 = time.perf_counter(), time.process_time()
    candidates = [s for s in ids if s not in labelled]
    order = ranking.rank_studies(ws, "title_abstract", candidates, background=False,
                                 labels=kept_labels()).order
    out["first_order_s"] = round(time.perf_counter() - started, 1)
    out["first_order_cpu_s"] = round(time.process_time() - cpu0, 1)
    if first_only:
        if not ranking.live_model(ws, "title_abstract").ranker.matrices:
            raise SystemExit("the first order was a cold start: no decided include and exclude")
        out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        out["load"] = round(os.getloadavg()[0], 1)
        ws.close()
        return out
    timings, cpu_ms = [], []
    for _ in range(votes):
        nxt = order[0]
        with ws.transaction():
            _vote(ws, nxt, truth[nxt - 1])
        candidates.remove(nxt)
        started, cpu0 = time.perf_counter(), time.process_time()
        order = ranking.rank_studies(ws, "title_abstract", candidates, background=False,
                                     labels=kept_labels()).order
        timings.append((time.perf_counter() - started) * 1000)
        cpu_ms.append((time.process_time() - cpu0) * 1000)
    model = ranking.live_model(ws, "title_abstract")
    if not model.ranker.matrices:
        raise SystemExit("the ranker never trained: no decided include and exclude (check the votes)")
    out.update({"votes": votes, "median_ms": round(st.median(timings)), "cpu_median_ms": round(st.median(cpu_ms)),
                "cpu_p90_ms": round(sorted(cpu_ms)[int(0.9 * len(cpu_ms)) - 1]), "load": round(os.getloadavg()[0], 1),
                "max_ms": round(max(timings)), "p90_ms": round(sorted(timings)[int(0.9 * len(timings)) - 1]),
                "train_ms_last": model.train_ms,
                "features_nnz": [int(m.nnz) for m in model.ranker.base_matrices().values()],
                "features_mb": round(sum(m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
                                         for m in model.ranker.base_matrices().values()) / 2**20),
                "features_dtype": str(model.ranker.matrices[0].dtype),
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
    ws.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=200_000)
    parser.add_argument("--votes", type=int, default=20)
    parser.add_argument("--preset", default="default")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/screener-scale"))
    parser.add_argument("--labels", choices=["queue", "derive"], default="queue",
                        help="labels as the screening queue keeps them (default), or re-derived from "
                             "every vote at each step")
    parser.add_argument("--child", choices=["first", "votes"], default=None)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.dir, args.votes, args.child == "first", args.preset, args.labels)))
        return
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} not found: the benchmark needs the shared screening sets")
    if not (args.dir / "bench-truth.json").exists():
        started = time.perf_counter()
        build(args.dir, args.studies)
        print(f"workspace of {args.studies:,} studies built in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    results = []
    for child in ("first", "votes"):
        proc = subprocess.run([sys.executable, __file__, "--child", child, "--dir", str(args.dir),
                               "--votes", str(args.votes), "--preset", args.preset, "--labels", args.labels],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode:
            sys.exit(proc.stderr)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    first, votes = results
    print("| live queue | studies | first order, features built: wall (CPU; peak RSS) | first order, features from"
          " disk cache: wall (CPU) | retrain + re-rank after a vote: median wall | p90 | max | median CPU | p90 CPU |"
          " peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| `{args.preset}`: {votes['votes']} votes after {votes['labels_before']} labels | {votes['studies']:,} | "
          f"{first['first_order_s']} s ({first['first_order_cpu_s']} s; {first['max_rss_mb']} MB) | "
          f"{votes['first_order_s']} s ({votes['first_order_cpu_s']} s) | "
          f"{votes['median_ms']} ms | {votes['p90_ms']} ms | {votes['max_ms']} ms | {votes['cpu_median_ms']} ms | "
          f"{votes['cpu_p90_ms']} ms | {votes['max_rss_mb']} MB |")
    print(f"(load average {first['load']} at the end of the first build, {votes['load']} at the end of the votes)")
    print(f"\nfeature matrices: {votes['features_nnz']} non-zeros, {votes['features_mb']} MB "
          f"({votes['features_dtype']}); labels: {votes['labels_from']}; last training "
          f"{votes['train_ms_last']} ms; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
