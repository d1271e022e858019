"""Does the time a blinded screener's request takes tell them about another screener's vote?

    nice -n 10 .venv/bin/python benchmarks/blinding_timing.py [--studies 2000] [--reps 200]

Two workspaces alike in everything but the others' undecided votes: three screeners (alice, bob,
dave; two votes per study, so studies are assigned in advance). In world A bob and dave voted on
every study they share (half of them in conflict) and on half of the studies each shares with
alice; in world B nobody voted. alice's requests are timed, alternating A and B so that drift in
the machine's load falls on both alike: ``next`` (her lease renewed), her ``progress``, the study
page of one of her studies another voted on (in A), and the answer to repeating her vote there.
Prints per request the median and 90th percentile in each world and the difference of medians
with a bootstrap 95% interval (an interval holding 0: no difference beyond the noise). Bounded:
the workspaces live in a temporary folder removed at the end.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener import Record, Workspace  # noqa: E402
from screener.workspace.assignment import assignment  # noqa: E402
from screener.workspace.queue import next_study, prepare_queue  # noqa: E402
from screener.workspace.reviewers import add_reviewer  # noqa: E402
from screener.workspace.screening import cast_vote, progress, study_view  # noqa: E402
from screener.workspace.votebook import VoteBook  # noqa: E402

TA = "title_abstract"


def build(path: Path, n: int, others_vote: bool):
    ws = Workspace.init(path, title="Blinding timing")
    ids = {name: add_reviewer(ws, name)[0].id for name in ("alice", "bob", "dave")}
    with ws.transaction():
        ws.add_source_records([Record(title=f"Study {i} of pain and sleep", abstract=f"Abstract {i} " * 20,
                                      database="test", year=2000 + i % 20) for i in range(n)])
    studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    plan, book = assignment(ws, TA), VoteBook(ws)
    holders = {sid: plan.of(sid, book.voters_on(sid, TA)) for sid in studies}
    alices = [sid for sid in studies if ids["alice"] in holders[sid]]
    rng = random.Random(1)
    if others_vote:
        for sid in studies:
            who = holders[sid]
            if ids["alice"] not in who:                      # bob and dave's: both vote, half in conflict
                cast_vote(ws, "bob", sid, TA, "include")
                cast_vote(ws, "dave", sid, TA, rng.choice(["include", "exclude"]))
            elif rng.random() < 0.5:                         # one of alice's: the other voted, undecided
                other = "bob" if ids["bob"] in who else "dave"
                cast_vote(ws, other, sid, TA, rng.choice(["include", "exclude"]))
    # alice's study to look at: one of hers that the other voted on in world A; she votes on it
    target = alices[0]
    if others_vote:
        other = "bob" if ids["bob"] in holders[target] else "dave"
        if book.voters_on(target, TA) == set() and VoteBook(ws).voters_on(target, TA) == set():
            cast_vote(ws, other, target, TA, "exclude")
    prepare_queue(ws)
    next_study(ws, "alice", TA)
    return ws, target


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def bootstrap_diff(a: list[float], b: list[float], rounds: int = 2000) -> tuple[float, float, float]:
    rng = random.Random(7)
    diffs = sorted(statistics.median(rng.choices(a, k=len(a))) - statistics.median(rng.choices(b, k=len(b)))
                   for _ in range(rounds))
    return statistics.median(a) - statistics.median(b), diffs[int(0.025 * rounds)], diffs[int(0.975 * rounds)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--studies", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        worlds = {"A (others voted)": build(Path(tmp) / "a", args.studies, True),
                  "B (nobody voted)": build(Path(tmp) / "b", args.studies, False)}
        requests = {
            "next": lambda ws, sid: next_study(ws, "alice", TA),
            "progress": lambda ws, sid: progress(ws, "alice"),
            "study page": lambda ws, sid: study_view(ws, "alice", sid, TA),
        }
        for ws, sid in worlds.values():      # alice's vote on the target, then its repetition is timed
            cast_vote(ws, "alice", sid, TA, "include")
        requests["vote again (same vote)"] = lambda ws, sid: cast_vote(ws, "alice", sid, TA, "include")
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.reps):
            for request, fn in requests.items():
                for name, (ws, sid) in worlds.items():
                    times.setdefault((request, name), []).append(timed(fn, ws, sid))
        print(f"{args.studies} studies, 3 screeners, 2 votes per study, {args.reps} requests each, alternating\n")
        print("| request | A median / p90 (ms) | B median / p90 (ms) | A − B median (95% CI) |")
        print("|---|---|---|---|")
        for request in requests:
            a, b = times[(request, "A (others voted)")], times[(request, "B (nobody voted)")]
            diff, low, high = bootstrap_diff(a, b)
            p90 = lambda xs: sorted(xs)[int(0.9 * len(xs))]  # noqa: E731
            print(f"| {request} | {statistics.median(a):.2f} / {p90(a):.2f} | {statistics.median(b):.2f} / "
                  f"{p90(b):.2f} | {diff:+.3f} ({low:+.3f} to {high:+.3f}) |")
        for ws, _ in worlds.values():
            ws.close()


if __name__ == "__main__":
    main()
