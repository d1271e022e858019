"""On the shared screening sets (skipped without ../shared): our ELAS u4 rebuild reproduces
ASReview 3.0.8's recorded runs exactly, and the stopper does not stop early."""

from __future__ import annotations

import json

import pytest

from screener.rank.dataset import load_labelled_csv
from screener.rank.simulate import simulate_labelled

SET = "Cohen_2006_UrinaryIncontinence"


@pytest.fixture(scope="module")
def screening(shared_dir):
    folder = shared_dir / "benchmarks" / "screening"
    if not (folder / f"{SET}.csv").exists():
        pytest.skip(f"{folder}/{SET}.csv not present")
    runs = [json.loads(line) for line in open(folder / "asreview-3.0.8_baseline_runs.jsonl")]
    runs = {r["seed"]: r for r in runs if r.get("mode") == "prior11" and r["dataset"] == SET}
    return load_labelled_csv(folder / f"{SET}.csv"), runs


@pytest.mark.parametrize("seed", [1, 2])
def test_elas_u4_reproduces_asreview(screening, seed):
    data, runs = screening
    run = runs[seed]
    prior_ids = [data.record_ids[row] for row, _ in run["first2"]]   # rows are 0-based
    result = simulate_labelled(data, preset="elas-u4", seed=seed, prior_ids=prior_ids)
    assert (result.records, result.relevant) == (run["N"], run["R"])
    assert (result.wss95, result.recall_at_10, result.atd) == (
        run["WSS95"], run["recall_at_10pct"], run["ATD_pct"])
    assert result.stop_recall == 100.0


def test_default_preset_stops_safely(screening):
    data, runs = screening
    prior_ids = [data.record_ids[row] for row, _ in runs[1]["first2"]]
    result = simulate_labelled(data, preset="default", seed=1, prior_ids=prior_ids)
    assert result.stop_recall is not None and result.stop_recall >= 95.0
    assert result.wss95 >= runs[1]["WSS95"] - 1.0
