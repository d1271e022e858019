"""Screening speed: one vote, one `next`, and many concurrent voters on one workspace.

    .venv/bin/python benchmarks/screening.py [--sizes 1000,5000,10000]

For each size: a fresh workspace with that many one-record studies and two screeners; alice votes
on half of them directly (votes timed), then bob asks `next` and votes 50 times (each `next` timed:
it reads the rows written since the last call into the queue's kept state, takes the ranker's
order and leases the study). Last, six workers (three threads, three processes) cast 2,400 votes
at once on a 1,200-study workspace. `--only reads` times the owner's read paths (progress,
outcomes, agreement, conflicts) on 10,000 studies. Prints a Markdown table: medians of the timed
calls, wall-clock and CPU time of this process (the CPU time is what a shared, busy machine
distorts least), and the whole loop's CPU per vote including the ranker's background retraining.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener import Record, Workspace  # noqa: E402
from screener.workspace.queue import next_study  # noqa: E402
from screener.workspace.reviewers import add_reviewer  # noqa: E402
from screener.workspace.screening import cast_vote  # noqa: E402

TA = "title_abstract"


def make_workspace(base: Path, n: int, reviewers: list[str]) -> Workspace:
    ws = Workspace.init(base / f"ws-{n}-{len(reviewers)}")
    with ws.transaction():
        ws.add_source_records([Record(title=f"Study {i} of chronic pain", abstract="Qualitative interviews. " * 40,
                                      database="bench") for i in range(n)])
    for name in reviewers:
        add_reviewer(ws, name)
    return ws


def single(base: Path, n: int) -> dict:
    ws = make_workspace(base, n, ["alice", "bob"])
    studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    vote_ms, vote_cpu = [], []
    for study in studies[: n // 2]:
        started, cpu = time.perf_counter(), time.process_time()
        cast_vote(ws, "alice", study, TA, "include" if study % 7 else "exclude")
        vote_ms.append((time.perf_counter() - started) * 1000)
        vote_cpu.append((time.process_time() - cpu) * 1000)
    from screener.workspace.ranking import rank_studies
    rank_studies(ws, TA, studies, background=False)   # features computed and cached once, as in a live review
    next_study(ws, "bob", TA)                          # the queue's kept state read once
    next_ms, next_cpu = [], []
    loop_cpu = time.process_time()
    for _ in range(50):
        started, cpu = time.perf_counter(), time.process_time()
        item = next_study(ws, "bob", TA)
        next_ms.append((time.perf_counter() - started) * 1000)
        next_cpu.append((time.process_time() - cpu) * 1000)
        cast_vote(ws, "bob", item["study"], TA, "include")
    from screener.workspace.ranking import live_model
    live_model(ws, TA).wait()                          # the retraining the 50 votes started
    return {"studies": n, "vote_ms": statistics.median(vote_ms), "vote_cpu": statistics.median(vote_cpu),
            "next_ms": statistics.median(next_ms), "next_cpu": statistics.median(next_cpu),
            "rank_cpu": (time.process_time() - loop_cpu) * 1000 / 50}


WORKER = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from screener import Workspace
from screener.workspace.screening import cast_vote
path, name, plan_file, go = sys.argv[2:6]
plan = json.load(open(plan_file))
ws = Workspace.open(path)
while not os.path.exists(go):
    time.sleep(0.002)
for study, vote in plan:
    cast_vote(ws, name, study, "title_abstract", vote)
"""


def concurrent(base: Path) -> dict:
    names = ["t1", "p1", "t2", "p2", "t3", "p3"]
    ws = make_workspace(base, 1200, names)
    # a ring plan says who votes where: blind off, or six blinded screeners would each be given
    # only the studies assigned to them (issue 21)
    toml = ws.path / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("blind = true", "blind = false"), encoding="utf-8")
    ws.reload_settings()
    studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    plan = {name: [] for name in names}
    for i, study in enumerate(studies):
        for name in (names[i % 6], names[(i + 1) % 6]):
            plan[name].append((study, "include" if study % 3 else "exclude"))
    go = base / "go"
    procs = []
    for name in names[1::2]:
        (base / f"{name}.json").write_text(json.dumps(plan[name]))
        procs.append(subprocess.Popen([sys.executable, "-c", WORKER, str(ROOT), str(ws.path), name,
                                       str(base / f"{name}.json"), str(go)]))

    def run(name):
        local = Workspace.open(ws.path)
        while not go.exists():
            time.sleep(0.002)
        for study, vote in plan[name]:
            cast_vote(local, name, study, TA, vote)
    threads = [threading.Thread(target=run, args=(name,)) for name in names[0::2]]
    for t in threads:
        t.start()
    time.sleep(1.0)
    started = time.perf_counter()
    go.touch()
    for t in threads:
        t.join()
    for p in procs:
        p.wait()
    elapsed = time.perf_counter() - started
    votes = ws.db.execute("SELECT count(*) FROM votes").fetchone()[0]
    return {"votes": votes, "seconds": elapsed, "per_second": votes / elapsed}


def reads(base: Path, n: int = 10000) -> dict:
    """The owner's read paths on n studies with 1.5 votes each (votes inserted in bulk)."""
    from screener.report.agreement import agreement_report
    from screener.workspace.screening import list_conflicts, progress, stage_outcomes

    (base / "reads").mkdir(exist_ok=True)
    ws = make_workspace(base / "reads", n, ["alice", "bob"])
    with ws.transaction() as conn:
        for s in range(1, n + 1):
            conn.execute("INSERT INTO votes (at, reviewer_id, study_id, stage, vote) VALUES ('2026', 1, ?, ?, ?)",
                         (s, TA, "include" if s % 5 else "exclude"))
            if s % 2:
                conn.execute("INSERT INTO votes (at, reviewer_id, study_id, stage, vote) VALUES ('2026', 2, ?, ?, ?)",
                             (s, TA, "include" if s % 7 else "exclude"))
    timings = {}
    def one_more_vote():
        from screener.workspace.screening import cast_vote
        cast_vote(ws, "bob", 2, TA, "exclude")

    # progress reads the queue's kept state: the first call in a process (the CLI) builds it, later
    # calls (the web app, after every vote) read only the new rows
    for name, call in (("progress, first call in a process", lambda: progress(ws)),
                       ("(one more vote)", one_more_vote),
                       ("progress, after one more vote", lambda: progress(ws)),
                       ("progress --as alice, after it", lambda: progress(ws, "alice")),
                       ("stage_outcomes", lambda: stage_outcomes(ws, TA)),
                       ("agreement_report", lambda: agreement_report(ws)),
                       ("list_conflicts", lambda: len(list_conflicts(ws)))):
        cpu = time.process_time()
        result = call()
        timings[name] = ((time.process_time() - cpu) * 1000, result if name == "list_conflicts" else None)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--only", choices=["reads"], help="run only the owner's read paths")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if args.only != "reads":
            run_writes(base, args.sizes)
        print("\nowner reads on 10,000 studies, 15,000 votes (CPU ms):")
        for name, (ms, extra) in reads(base).items():
            print(f"  {name}: {ms:.0f}" + (f" ({extra} conflicts)" if extra is not None else ""))


def run_writes(base: Path, sizes: str) -> None:
    print("| studies | vote: wall / CPU ms | next: wall / CPU ms | next + vote with background retraining, CPU ms |")
    print("|---:|---:|---:|---:|")
    for n in (int(s) for s in sizes.split(",")):
        r = single(base, n)
        print(f"| {r['studies']:,} | {r['vote_ms']:.1f} / {r['vote_cpu']:.1f} | {r['next_ms']:.0f} / "
              f"{r['next_cpu']:.0f} | {r['rank_cpu']:.0f} |", flush=True)
    c = concurrent(base)
    print(f"\nconcurrent: {c['votes']:,} votes from 3 threads + 3 processes in {c['seconds']:.1f} s "
          f"({c['per_second']:.0f} votes/s)")


if __name__ == "__main__":
    main()
