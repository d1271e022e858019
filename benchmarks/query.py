"""Query builder speed: the seed's Table 1 compiled for every target (TARGETS), and the CLEF TAR corpus.

    .venv/bin/python benchmarks/query.py [--repeat N]

Table 1 (queries/toye2017/medline.ovid, 50 lines): `translate(text, write=target)` for each
target (each call parses and compiles, as the CLI does); the wall time of the whole set,
repeated N times (median and best reported).
CLEF corpus (../shared/benchmarks/query/clef_tar, 124 distinct strategies: 111 Ovid, 13 PubMed):
(a) `translate(text, read, "pubmed")` for every strategy; (b) parse once, compile for every
target (`translate_strategy`). Wall time of the whole corpus, median and best of N.
Wall time and this process's CPU time are both reported: on a shared machine the wall time
includes waiting for a core (the load average is printed). Prints a Markdown table (the
README's Performance section) and exits 1 if a goal is missed by the best run (Table 1 → every
target ≥ 100 ms, or the corpus → PubMed ≥ 3 s).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.query import TARGETS, parse, translate, translate_strategy  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks" / "query" / "clef_tar" / "clef_tar_2017_2019_queries.json"


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """(median wall time, best wall time, median CPU time of this process) in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - w0)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="repetitions per measurement (default 5)")
    args = ap.parse_args()

    table1 = (ROOT / "queries" / "toye2017" / "medline.ovid").read_text(encoding="utf-8")
    translate(table1)  # warm up imports

    def table1_all():
        for target in TARGETS:
            assert translate(table1, write=target).query

    def table1_parse_once():
        strategy = parse(table1)
        for target in TARGETS:
            assert translate_strategy(strategy, target).query

    rows = []
    n = len(TARGETS)
    rows.append((f"Table 1 (50 lines) → {n} targets", f"{n} × `translate` ({n} parses)",
                 *timed(table1_all, args.repeat * 4), 0.100))
    rows.append((f"Table 1 (50 lines) → {n} targets", f"1 parse, {n} compilations",
                 *timed(table1_parse_once, args.repeat * 4), 0.100))

    if SHARED.is_file():
        topics = json.loads(SHARED.read_text(encoding="utf-8"))["topics"]
        distinct = {(t["syntax_guess"], t["query"]) for t in topics}
        items = [("pubmed" if s == "pubmed" else "ovid", q) for s, q in sorted(distinct)]

        def corpus_pubmed():
            for read, q in items:
                translate(q, read, "pubmed")

        def corpus_all():
            for read, q in items:
                strategy = parse(q, read)
                for target in TARGETS:
                    translate_strategy(strategy, target)

        rows.append((f"CLEF corpus ({len(items)} strategies) → PubMed", f"{len(items)} × `translate`",
                     *timed(corpus_pubmed, args.repeat), 3.0))
        rows.append((f"CLEF corpus ({len(items)} strategies) → {n} targets",
                     f"{len(items)} parses, {n * len(items)} compilations",
                     *timed(corpus_all, args.repeat), None))
    else:
        print(f"note: {SHARED} not found; corpus rows skipped", file=sys.stderr)

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {load}; median and best of {args.repeat} runs (Table 1: {args.repeat * 4})\n")
    print("| workload | work | wall, median | wall, best | CPU, median | goal |")
    print("|---|---|---|---|---|---|")
    missed = False
    for name, work, med, best, cpu, goal in rows:
        goal_text = "—" if goal is None else f"< {goal * 1000:.0f} ms" if goal < 1 else f"< {goal:.0f} s"
        ok = goal is None or best < goal
        missed |= not ok
        fmt = (lambda s: f"{s * 1000:.1f} ms") if med < 1 else (lambda s: f"{s:.2f} s")
        print(f"| {name} | {work} | {fmt(med)} | {fmt(best)} | {fmt(cpu)} | "
              f"{goal_text}{'' if ok else ' (missed)'} |")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
