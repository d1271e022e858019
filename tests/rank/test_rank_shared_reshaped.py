"""A shared labelled set reshaped as real reviews come (skipped without ../shared; nothing of the
set is written anywhere): 40% of the abstracts gone and a fifth of the rows repeated, or one
include left. The simulation runs, the stopper stops no earlier than 95% recall, and the notes say
what the figures rest on."""

from __future__ import annotations

import copy
import random

import pytest

from screener.rank.dataset import LabelledSet, load_labelled_csv, shape_notes
from screener.rank.simulate import simulate_labelled

SET = "Cohen_2006_UrinaryIncontinence"


@pytest.fixture(scope="module")
def labelled(shared_dir):
    path = shared_dir / "benchmarks" / "screening" / f"{SET}.csv"
    if not path.exists():
        pytest.skip(f"{path} not present")
    return load_labelled_csv(path)


def _reshaped(data: LabelledSet, keep: list[int]) -> LabelledSet:
    docs = [copy.deepcopy(data.docs[i]) for i in keep]
    labels = [data.labels[i] for i in keep]
    ids = [f"{data.record_ids[i]}-{n}" for n, i in enumerate(keep)]
    return LabelledSet(data.path, ids, docs, labels, shape_notes(data.path, docs, labels))


def test_missing_abstracts_and_repeated_rows(labelled):
    rng = random.Random(0)
    n = len(labelled.docs)
    rows = list(range(n)) + rng.sample(range(n), n // 5)
    data = _reshaped(labelled, rows)
    for i in rng.sample(range(len(rows)), int(0.4 * len(rows))):
        data.docs[i].abstract = ""
    data.notes = shape_notes(data.path, data.docs, data.labels)
    assert any("repeat the title and abstract" in note for note in data.notes)
    result = simulate_labelled(data, seed=1)
    assert result.records == len(rows)
    assert result.stop_recall is not None and result.stop_recall >= 95.0


def test_one_include_left(labelled):
    includes = [i for i, y in enumerate(labelled.labels) if y]
    data = _reshaped(labelled, [i for i, y in enumerate(labelled.labels) if not y] + includes[:1])
    result = simulate_labelled(data, seed=1)
    assert result.relevant == 1 and result.stop_recall == 100.0
    assert any(note.startswith("only 1 included record to find") for note in result.notes)
