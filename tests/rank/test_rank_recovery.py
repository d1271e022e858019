"""The ranker recovers (issue 21): a truncated feature cache stopped `serve` and `next` until the
folder was deleted by hand; a retraining that raised left the model's `working` flag set, so
retraining stopped silently for the rest of the server's life."""

from __future__ import annotations

import csv
import logging
import time

import pytest

from screener.rank import live
from screener.records.model import Record
from screener.workspace import labels as ws_labels
from screener.workspace import ranking

TA = "title_abstract"
NOW = "2026-01-01T00:00:00Z"


@pytest.fixture()
def review(workspace, fixtures_dir):
    with open(fixtures_dir / "rank" / "synthetic_screening.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with workspace.transaction():
        workspace.add_source_records([Record(title=r["title"], abstract=r["abstract"], database="test")
                                      for r in rows])
        for name in ("ann", "bob"):
            workspace.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES (?, 'screener', ?)",
                                 (name, NOW))
        truth = [i + 1 for i, r in enumerate(rows) if r["label_included"] == "1"][:3]
        other = [i + 1 for i, r in enumerate(rows) if r["label_included"] != "1"][:6]
        for study in truth + other:                 # decided by both screeners
            for rid in (1, 2):
                workspace.db.execute("INSERT INTO votes (at, reviewer_id, study_id, stage, vote) VALUES (?, ?, ?, ?, ?)",
                                     (NOW, rid, study, TA, "include" if study in truth else "exclude"))
    live._MODELS.clear()
    yield workspace
    for model in live._MODELS.values():
        model.wait()
    live._MODELS.clear()


def test_a_truncated_feature_cache_is_rebuilt_with_a_warning(review, caplog):
    assert ranking.ready_features(review, TA)
    cache = sorted((review.path / live.CACHE_DIR).glob("features-*.npz"))
    assert cache
    sizes = {f: f.stat().st_size for f in cache}
    for f in cache:
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 3])     # a kill -9 mid-write, a full disk
    live._MODELS.clear()                                           # a new process
    with caplog.at_level(logging.WARNING, logger="screener.rank"):
        assert ranking.ready_features(review, TA)
        order = ranking.rank_studies(review, TA, list(range(1, 121)))
    assert order.state["ranker"] == review.settings.ranker_preset
    assert any("damaged" in r.getMessage() and "rebuilding" in r.getMessage() for r in caplog.records)
    assert {f: f.stat().st_size for f in cache} == sizes            # written again, whole


def test_a_failed_retraining_is_logged_retried_and_the_flag_reset(review, caplog, monkeypatch):
    model = ranking.live_model(review, TA)
    labels = ws_labels.stage_labels(review, TA)
    assert ranking.ready_features(review, TA)
    real_train, calls = live.LiveModel._train, []

    def flaky(self, got):
        calls.append(len(got.labels))
        if len(calls) == 1:
            raise MemoryError("the retraining ran out of memory")
        return real_train(self, got)
    monkeypatch.setattr(live.LiveModel, "_train", flaky)
    monkeypatch.setattr(live, "RETRY_PAUSE_S", 0.01)
    with caplog.at_level(logging.ERROR, logger="screener.rank"):
        model.refresh(labels, background=True)
        model.wait()
    assert len(calls) == 2 and model.working is False
    assert model.lag(labels) == 0                                   # the retry trained the model
    assert any("retraining" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records)


def test_retraining_that_keeps_failing_stops_and_starts_again_at_the_next_vote(review, monkeypatch):
    model = ranking.live_model(review, TA)
    labels = ws_labels.stage_labels(review, TA)
    assert ranking.ready_features(review, TA)
    calls = []

    def broken(self, got):
        calls.append(1)
        raise RuntimeError("broken")
    monkeypatch.setattr(live.LiveModel, "_train", broken)
    monkeypatch.setattr(live, "RETRY_PAUSE_S", 0.01)
    model.refresh(labels, background=True)
    model.wait()
    assert len(calls) == live.MAX_RETRAIN_ATTEMPTS and model.working is False
    model.refresh(labels, background=True)                          # the next vote tries again
    deadline = time.monotonic() + 10
    while model.working and time.monotonic() < deadline:
        time.sleep(0.01)
    model.wait()
    assert len(calls) == 2 * live.MAX_RETRAIN_ATTEMPTS
