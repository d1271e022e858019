"""Simulation: replay a labelled set through the same Ranker the live queue uses, and score it.

Conventions (asreview-insights, so numbers compare with ASReview's): the prior records are known
before screening starts and are not counted as screened, and N and R exclude them.
WSS@95 = (N − n95)/N − 0.05 with n95 the number screened to reach 95% of the R relevant records
(rounded up to whole records); recall@10% = share of relevant records among the first round(0.1·N)
screened; ATD (average time to discovery) = mean position of the relevant records / N.
The stopper is asked every ``max(1, N // 200)`` records (0.5% of N).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from screener.errors import RankerError, UsageError
from screener.rank.dataset import LabelledSet, load_labelled_csv
from screener.rank.ranker import Ranker


@dataclass
class SimulationResult:
    dataset: str
    preset: str
    seed: int
    prior_ids: list[str]
    records: int                 # N: records in the file minus the priors
    relevant: int                # R: relevant records minus the relevant priors
    wss95: float                 # percent
    recall_at_10: float          # percent
    atd: float                   # percent of N
    screened_for_95: int
    screened_for_all: int
    stop_screened: int | None    # records screened when the stopper first said stop
    stop_recall: float | None    # true recall (percent) at that point
    stop_wss: float | None       # work saved (percent of N) by stopping there
    retrains: int
    wall_s: float
    config: dict[str, Any] = field(default_factory=dict)
    relevant_positions: list[int] = field(default_factory=list)
    order_digest: str = ""       # sha256 of the screened records' row numbers, in order (first 16 hex)
    notes: list[str] = field(default_factory=list)    # how the file was read (e.g. as Windows-1252)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def metrics(positions: list[int], n: int, r: int) -> dict[str, Any]:
    """WSS@95, recall@10% and ATD (percent) from the 1-based screening positions of the relevant
    records; ``n`` and ``r`` exclude the priors."""
    positions = sorted(positions)
    n95 = positions[math.ceil(0.95 * r - 1e-9) - 1]
    cutoff = round(0.10 * n)
    return {
        "wss95": round(100 * ((n - n95) / n - 0.05), 2),
        "recall_at_10": round(100 * sum(p <= cutoff for p in positions) / r, 2),
        "atd": round(100 * sum(positions) / len(positions) / n, 2),
        "screened_for_95": n95,
        "screened_for_all": positions[-1],
    }


def simulate_labelled(data: LabelledSet, preset: str = "default", seed: int = 0,
                      prior_ids: list[str] | None = None, ranker: Ranker | None = None,
                      overrides: dict | None = None, label_delay: int = 0) -> SimulationResult:
    """Screen ``data`` in the ranker's order until every relevant record is found and the stopper
    has said stop (or nothing is left); return the metrics.

    ``label_delay``: the ranker learns a record's label only once ``label_delay`` more records have
    been screened after it — blind dual screening, where a study is decided (and the ranker, which
    learns from decided studies only, sees its label) when the second screener, that many records
    behind the first, has voted on it. 0: every label at once. The stopper still reads every
    screened label (the team's estimate, not the ranker's)."""
    started = time.perf_counter()
    ranker = ranker or Ranker(preset, seed=seed, overrides=overrides)
    prior_ids = list(dict.fromkeys(prior_ids or []))     # an id given twice is one prior
    prior_rows = data.rows_of(prior_ids)
    y = np.asarray(data.labels, dtype=np.int64)
    n_all = len(y)
    n = n_all - len(prior_rows)
    r = int(y.sum()) - int(y[prior_rows].sum()) if prior_rows else int(y.sum())
    if r == 0:
        raise RankerError(f"{data.path}: every included record is a prior; leave at least one to find")
    rng = np.random.default_rng(seed)

    ranker.prepare(data.docs)
    # Records the model scores alike (no text, the same text) are taken in the order of the
    # candidates given. In a file ordered by label (ASReview LAB exports its includes first; late
    # finds may follow the excludes) that order is the labels themselves; there, a seeded random
    # order stands in for the file's. Other files keep file order, as ASReview 3.0.8 takes ties (its
    # recorded runs are reproduced exactly). Ordered by label: fewer than half the runs of equal
    # labels a random order gives (1 + 2·R·(N−R)/N expected; of the nine shared sets only
    # Kitchenham 2010, 2 runs of 88.6 expected, is; the others have 0.87-1.05 times the expectation).
    runs = 1 + int(np.count_nonzero(np.diff(y)))
    sorted_by_label = runs < (1 + 2 * int(y.sum()) * (n_all - int(y.sum())) / n_all) / 2
    tie_order = np.random.default_rng([seed, 1]).permutation(n_all) if sorted_by_label else None
    is_labelled = np.zeros(n_all, dtype=bool)
    is_labelled[prior_rows] = True
    train_idx = list(prior_rows)
    train_y = [int(y[i]) for i in prior_rows]
    sequence: list[int] = []               # labels of the screened records, in order
    positions: list[int] = []
    queue = np.empty(0, dtype=np.int64)
    head = 0
    retrains = 0
    check_every = max(1, n // 200)
    stop_at = None
    new_relevant = False
    delay = max(0, int(label_delay))
    known = len(train_y)           # labels the ranker may learn from: priors + screened − delay

    while len(sequence) < n:
        cold = not ranker.trained and not Ranker.can_learn(train_y[:known])
        if head >= len(queue) or (not cold and ranker.needs_retrain(known, new_relevant)):
            if not cold:
                ranker.train(train_idx[:known], train_y[:known])
                retrains += 1
            new_relevant = False
            # (the cold-start shuffle is as random from either order: it keeps the file's)
            candidates = (tie_order[~is_labelled[tie_order]] if tie_order is not None and ranker.trained
                          else np.flatnonzero(~is_labelled))
            queue = ranker.order(candidates, rng)
            head = 0
        i = int(queue[head])
        head += 1
        is_labelled[i] = True
        train_idx.append(i)
        train_y.append(int(y[i]))
        sequence.append(int(y[i]))
        if y[i]:
            positions.append(len(sequence))
        while known < len(train_y) - delay:    # the label decided ``delay`` records ago arrives
            new_relevant = new_relevant or bool(train_y[known])
            known += 1
        if stop_at is None and len(sequence) % check_every == 0 \
                and ranker.stopper.should_stop(sequence, n):
            stop_at = len(sequence)
        if len(positions) == r:
            break

    # Every relevant record is found: what follows is irrelevant whatever the order, so the
    # stopper's verdict no longer depends on the model.
    while stop_at is None and len(sequence) < n:
        step = check_every - len(sequence) % check_every
        sequence.extend([0] * min(step, n - len(sequence)))
        if ranker.stopper.should_stop(sequence, n):
            stop_at = len(sequence)

    m = metrics(positions, n, r)
    screened_rows = np.asarray(train_idx[len(prior_rows):], dtype=np.int64)
    stop_recall = None if stop_at is None else round(100 * sum(p <= stop_at for p in positions) / r, 2)
    return SimulationResult(
        dataset=Path(data.path).name, preset=ranker.preset, seed=seed, prior_ids=prior_ids,
        records=n, relevant=r, wss95=m["wss95"], recall_at_10=m["recall_at_10"], atd=m["atd"],
        screened_for_95=m["screened_for_95"], screened_for_all=m["screened_for_all"],
        stop_screened=stop_at, stop_recall=stop_recall,
        stop_wss=None if stop_at is None else round(100 * (n - stop_at) / n, 2),
        retrains=retrains, wall_s=round(time.perf_counter() - started, 3),
        config=ranker.config(), relevant_positions=positions,
        order_digest=hashlib.sha256(screened_rows.tobytes()).hexdigest()[:16],
        notes=list(data.notes) + thin_notes(n, r, ranker) + (
            [f"the file lists its records ordered by label ({runs} runs of equal labels; ASReview LAB exports "
             f"its includes first): records the ranker scores alike were taken in a seeded random order, not the "
             f"file's, which would give their labels away"] if sorted_by_label else []))


FEW_RELEVANT = 5       # fewer relevant records to find than this: the metrics rest on their positions
FEW_RECORDS = 100      # fewer records to screen than this: one record moves WSS@95 by over a point


def thin_notes(n: int, r: int, ranker: Ranker) -> list[str]:
    """What the metrics and the stopper's verdict rest on when the set is thin (the nine
    benchmark sets have 10 to 100 or more includes among 300 to 2,500 records)."""
    notes = []
    if r < FEW_RELEVANT:
        what = "1 included record" if r == 1 else f"{r} included records"
        notes.append(f"only {what} to find (priors excluded): WSS@95, recall@10% and ATD rest on "
                     f"{'its position' if r == 1 else 'their positions'}, and so does the stopper's verdict; "
                     f"they move with the cold-start shuffle — compare several seeds (--seed) before trusting them")
    if n < FEW_RECORDS:
        note = f"only {n} records to screen: one record is {100 / n:.1f} points of WSS@95 and ATD"
        least = getattr(ranker.stopper, "min_screened", 0)
        if n < least:
            note += f"; the stopper ({ranker.stopper.name}) needs at least {least} screened records to say stop"
        notes.append(note)
    return notes


def simulate(path: str | Path, preset: str = "default", seed: int = 0,
             prior_ids: list[str] | None = None, overrides: dict | None = None) -> SimulationResult:
    """``screener rank simulate``: load the CSV and simulate; wall time includes reading the file."""
    started = time.perf_counter()
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise UsageError(f"seed {seed}: give a whole number from 0 up")   # numpy's generator refuses others
    Ranker(preset, seed=seed, overrides=overrides)   # fail on a bad preset before reading the file
    data = load_labelled_csv(path)
    result = simulate_labelled(data, preset=preset, seed=seed, prior_ids=prior_ids, overrides=overrides)
    result.wall_s = round(time.perf_counter() - started, 3)
    return result
