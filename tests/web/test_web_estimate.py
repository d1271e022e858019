"""The stopping estimate on the screening page: fresh for small reviews; for large ones (where it
is based on SLOW_FROM screened studies or more) the previous one at once while a new one is computed in the background."""

from __future__ import annotations

import threading

import screener.web.estimate as estimate
from screener.workspace.reviewers import as_reviewer
from screener.workspace.screening import cast_vote

TA = "title_abstract"


def _decide(ws, study, vote):
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, TA, vote)


def _wait_for_background():
    for thread in threading.enumerate():
        if thread.name == "stopping-estimate":
            thread.join()


def test_a_quick_estimate_is_always_fresh(review):
    ws, studies, _ = review
    alice = as_reviewer(ws, "alice")
    assert estimate.visible_stopping_estimate(ws, alice, TA) is None     # no include yet
    _decide(ws, studies[0], "include")
    assert estimate.visible_stopping_estimate(ws, alice, TA)["screened"] == 1
    _decide(ws, studies[1], "exclude")
    assert estimate.visible_stopping_estimate(ws, alice, TA)["screened"] == 2


def test_a_slow_estimate_is_refreshed_in_the_background(review, monkeypatch):
    ws, studies, _ = review
    monkeypatch.setattr(estimate, "SLOW_FROM", 1)        # every estimate counts as slow
    monkeypatch.setattr(estimate, "REFRESH_S", 0.0)
    alice = as_reviewer(ws, "alice")
    _decide(ws, studies[0], "include")
    first = estimate.visible_stopping_estimate(ws, alice, TA)
    assert first["screened"] == 1 and first["basis"] == "decided studies only (blind screening)"
    _decide(ws, studies[1], "exclude")
    stale = estimate.visible_stopping_estimate(ws, alice, TA)
    assert stale["screened"] == 1                         # the previous one, at once
    _wait_for_background()
    assert estimate.visible_stopping_estimate(ws, alice, TA)["screened"] == 2


def test_a_slow_estimate_is_not_recomputed_more_often_than_refresh_s(review, monkeypatch):
    ws, studies, _ = review
    monkeypatch.setattr(estimate, "SLOW_FROM", 1)
    monkeypatch.setattr(estimate, "REFRESH_S", 3600.0)
    alice = as_reviewer(ws, "alice")
    _decide(ws, studies[0], "include")
    assert estimate.visible_stopping_estimate(ws, alice, TA)["screened"] == 1
    _decide(ws, studies[1], "exclude")
    estimate.visible_stopping_estimate(ws, alice, TA)
    _wait_for_background()
    assert estimate.visible_stopping_estimate(ws, alice, TA)["screened"] == 1   # within the hour: kept
