"""Concurrency: threads and separate processes voting on the same workspace at the same time lose
no vote and duplicate none; the queue never gives a study to more reviewers than it needs."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from screener import Workspace
from screener.workspace.queue import next_study
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, stage_outcomes

TA = "title_abstract"
ROOT = Path(__file__).resolve().parents[2]

VOTE_WORKER = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from screener import Workspace
from screener.workspace.screening import cast_vote
path, name, plan_file, go = sys.argv[2:6]
plan = json.load(open(plan_file))
ws = Workspace.open(path)
while not os.path.exists(go):
    time.sleep(0.002)
recorded = 0
for study, vote in plan:
    for attempt in range(2):      # every vote sent twice, as a client retrying after a timeout would
        recorded += cast_vote(ws, name, study, "title_abstract", vote)["recorded"]
print(recorded)
"""

QUEUE_WORKER = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from screener import Workspace
from screener.workspace.queue import next_study
from screener.workspace.screening import cast_vote
path, name, go = sys.argv[2:5]
ws = Workspace.open(path)
while not os.path.exists(go):
    time.sleep(0.002)
done = 0
while (item := next_study(ws, name, "title_abstract")) is not None:
    cast_vote(ws, name, item["study"], "title_abstract", "include")
    done += 1
print(done)
"""


def _vote_plan(studies, reviewers):
    """Each study gets two reviewers (neighbours in a ring); the vote depends on the study."""
    plan = {name: [] for name in reviewers}
    expected = {}
    for i, study in enumerate(studies):
        for name in (reviewers[i % len(reviewers)], reviewers[(i + 1) % len(reviewers)]):
            vote = ("include", "exclude", "maybe")[(study + len(name)) % 3]
            plan[name].append((study, vote))
            expected[(name, study)] = vote
    return plan, expected


def _run_mixed(ws, tmp_path, thread_names, process_names, thread_target, worker, args_for):
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", worker, str(ROOT), str(ws.path), *args_for(name), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in process_names]
    results, errors = {}, []

    def run_thread(name):
        try:
            local = Workspace.open(ws.path)   # its own connections, as a web server thread would have
            while not go.exists():
                time.sleep(0.002)
            results[name] = thread_target(local, name)
            local.close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(f"{name}: {exc!r}")
    threads = [threading.Thread(target=run_thread, args=(name,)) for name in thread_names]
    for t in threads:
        t.start()
    time.sleep(0.3)          # let the processes import and open the workspace
    go.touch()
    for t in threads:
        t.join(timeout=600)
    for name, proc in zip(process_names, procs):
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, f"{name}: {err[-2000:]}"
        results[name] = int(out.strip())
    assert not errors, errors
    return results


def test_thousands_of_votes_from_threads_and_processes(workspace, make_studies, tmp_path):
    # each screener votes on the studies the plan gives them: blind mode off, so that the plan,
    # not the assignment of studies to screeners (test_blinding_assignment.py), says who votes where
    toml = workspace.path / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("blind = true", "blind = false"), encoding="utf-8")
    workspace.settings.blind = False
    threads, processes = ["t1", "t2", "t3"], ["p1", "p2", "p3"]
    reviewers = [name for pair in zip(threads, processes) for name in pair]   # ring alternates thread/process
    for name in reviewers:
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 1200)
    plan, expected = _vote_plan(studies, reviewers)
    for name in processes:
        (tmp_path / f"{name}.json").write_text(json.dumps(plan[name]))

    def vote_all(ws, name):
        recorded = 0
        for study, vote in plan[name]:
            for _ in range(2):
                recorded += cast_vote(ws, name, study, TA, vote)["recorded"]
        return recorded

    results = _run_mixed(workspace, tmp_path, threads, processes, vote_all, VOTE_WORKER,
                         lambda name: [name, str(tmp_path / f"{name}.json")])
    assert len(expected) == 2400
    assert results == {name: len(plan[name]) for name in reviewers}       # each vote recorded once
    rows = workspace.db.execute(
        "SELECT r.name, v.study_id, v.vote FROM votes v JOIN reviewers r ON r.id = v.reviewer_id").fetchall()
    assert len(rows) == 2400                                              # none lost, none duplicated
    assert {(name, study): vote for name, study, vote in rows} == expected
    assert workspace.db.execute("SELECT count(*) FROM events WHERE kind = 'vote'").fetchone()[0] == 2400
    outcomes = stage_outcomes(workspace, TA)
    for i, study in enumerate(studies):
        a = expected[(reviewers[i % 6], study)]
        b = expected[(reviewers[(i + 1) % 6], study)]
        said = {x in ("include", "maybe") for x in (a, b)}
        assert outcomes[study].status == ("include" if said == {True} else "exclude" if said == {False}
                                          else "conflict")


def test_queue_under_concurrency_gives_each_study_to_exactly_two(workspace, make_studies, tmp_path):
    threads, processes = ["t1", "t2", "t3"], ["p1", "p2"]
    for name in threads + processes:
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 100)

    def drain(ws, name):
        done = 0
        while (item := next_study(ws, name, TA)) is not None:
            cast_vote(ws, name, item["study"], TA, "include")
            done += 1
        return done

    results = _run_mixed(workspace, tmp_path, threads, processes, drain, QUEUE_WORKER, lambda name: [name])
    per_study = Counter(row[0] for row in workspace.db.execute("SELECT study_id FROM votes"))
    assert sum(results.values()) == 200
    assert per_study == {study: 2 for study in studies}
    pairs = Counter(tuple(row) for row in workspace.db.execute("SELECT reviewer_id, study_id FROM votes"))
    assert set(pairs.values()) == {1}
    assert all(o.status == "include" for o in stage_outcomes(workspace, TA).values())
