"""Live use: labels from votes and resolutions, cold start, ranking, lag, stopping estimate."""

from __future__ import annotations

import csv

import pytest

from screener.rank import live
from screener.records.model import Record
from screener.workspace import labels as ws_labels
from screener.workspace import ranking

NOW = "2026-01-01T00:00:00Z"


@pytest.fixture()
def review(workspace, fixtures_dir):
    """The synthetic set imported as studies (study id = row number), two screeners, an arbiter."""
    with open(fixtures_dir / "rank" / "synthetic_screening.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with workspace.transaction():
        workspace.add_source_records(
            [Record(title=r["title"], abstract=r["abstract"], database="test", format="csv", raw="")
             for r in rows])
        for name, role in (("ann", "screener"), ("bob", "screener"), ("cy", "arbiter")):
            workspace.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES (?, ?, ?)",
                                 (name, role, NOW))
    workspace.truth = {i + 1: int(r["label_included"]) for i, r in enumerate(rows)}
    # These tests are about the ranker's mechanics over single votes: blind mode off. Under blind
    # mode (the default) only decided studies are labels (issue 21; see
    # test_blind_mode_labels_decided_studies_only and tests/workspace/test_blinding_property.py).
    settings = workspace.path / "review.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("blind = true", "blind = false"),
                        encoding="utf-8")
    workspace.reload_settings()
    live._MODELS.clear()
    yield workspace
    for model in live._MODELS.values():
        model.wait()
    live._MODELS.clear()


def vote(ws, reviewer: int, study: int, decision: str, stage: str = "title_abstract"):
    ws.db.execute("INSERT INTO votes (at, reviewer_id, study_id, stage, vote) VALUES (?, ?, ?, ?, ?)",
                  (NOW, reviewer, study, stage, decision))


def resolve(ws, study: int, decision: str, stage: str = "title_abstract"):
    ws.db.execute("INSERT INTO resolutions (at, arbiter_id, study_id, stage, decision)"
                  " VALUES (?, 3, ?, ?, ?)", (NOW, study, stage, decision))


def test_labels_follow_the_rules(review):
    vote(review, 1, 1, "exclude"); vote(review, 2, 1, "maybe")       # any maybe → include
    vote(review, 1, 2, "exclude"); vote(review, 2, 2, "exclude")     # all exclude → exclude
    vote(review, 1, 3, "include"); vote(review, 1, 3, "retract")     # retracted → unlabelled
    vote(review, 1, 4, "include"); resolve(review, 4, "exclude")     # the arbiter decides
    vote(review, 1, 5, "include"); vote(review, 1, 5, "exclude")     # latest vote per reviewer
    vote(review, 1, 6, "include", stage="full_text")                 # another stage
    vote(review, 1, 7, "exclude"); vote(review, 2, 7, "exclude")     # decided exclude ...
    vote(review, 2, 7, "include")                                    # ... and kept after a late change
    vote(review, 1, 8, "exclude"); vote(review, 1, 8, "retract")
    vote(review, 2, 8, "exclude"); vote(review, 1, 8, "include")     # never two agreeing: include
    labels = ws_labels.stage_labels(review, "title_abstract")
    assert labels.labels == {1: 1, 2: 0, 4: 0, 5: 0, 7: 0, 8: 1}
    assert labels.screened_order == [1, 2, 4, 5, 7, 8]
    assert labels.one_vote == {5}
    assert ws_labels.stage_labels(review, "full_text").labels == {6: 1}


def test_blind_mode_labels_decided_studies_only(review):
    """Under blind mode a pending or conflicting vote is no label: the order every screener is
    given would otherwise move with another screener's undecided vote (issue 21)."""
    settings = review.path / "review.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("blind = false", "blind = true"),
                        encoding="utf-8")
    review.reload_settings()
    vote(review, 1, 1, "exclude"); vote(review, 2, 1, "maybe")       # conflict: no label
    vote(review, 1, 2, "exclude"); vote(review, 2, 2, "exclude")     # decided exclude
    vote(review, 1, 3, "include")                                    # pending: no label
    vote(review, 1, 4, "include"); resolve(review, 4, "exclude")     # the arbiter decides
    assert ws_labels.stage_labels(review, "title_abstract").labels == {2: 0, 4: 0}


def test_cold_start_is_a_seeded_shuffle_shared_by_screeners(review):
    ids = list(range(1, 121))
    first = ranking.rank_studies(review, "title_abstract", ids)
    again = ranking.rank_studies(review, "title_abstract", ids)
    assert first.order == again.order and first.order != ids and sorted(first.order) == ids
    assert first.state["ranker"] == "cold-start"
    vote(review, 1, 7, "exclude")                       # excludes only: still cold
    assert ranking.rank_studies(review, "title_abstract", ids).state["ranker"] == "cold-start"


def _label_some(ws, n_each=3):
    truth = ws.truth
    relevant = [s for s, y in truth.items() if y][:n_each]
    irrelevant = [s for s, y in truth.items() if not y][:n_each * 3]
    for s in relevant:
        vote(ws, 1, s, "include")
    for s in irrelevant:
        vote(ws, 1, s, "exclude")
    return set(relevant) | set(irrelevant)


def test_trained_order_puts_relevant_first(review):
    labelled = _label_some(review)
    candidates = [s for s in range(1, 121) if s not in labelled]
    ranked = ranking.rank_studies(review, "title_abstract", candidates, background=False)
    assert ranked.state["ranker"] == review.settings.ranker_preset
    assert ranked.state["labels"] == 12 and ranked.state["lag"] == 0
    assert sorted(ranked.order) == candidates
    remaining_relevant = sum(review.truth[s] for s in candidates)
    top = ranked.order[:remaining_relevant]
    assert sum(review.truth[s] for s in top) >= 5      # random order: 0.75 expected
    # the features were cached on disk for the next process
    assert list((review.path / live.CACHE_DIR).glob("features-*.npz"))


def test_order_lags_at_most_a_few_votes(review):
    labelled = _label_some(review)
    candidates = [s for s in range(1, 121) if s not in labelled]
    ranking.rank_studies(review, "title_abstract", candidates, background=False)
    fresh = [s for s in candidates if review.truth[s] == 0][:live.MAX_LAG + 1]
    vote(review, 2, fresh[0], "exclude")
    quick = ranking.rank_studies(review, "title_abstract", candidates)      # one vote behind: no wait
    assert quick.state["lag"] in (0, 1)
    for s in fresh[1:]:
        vote(review, 2, s, "exclude")
    ranking.live_model(review, "title_abstract").wait()
    late = ranking.rank_studies(review, "title_abstract", candidates)
    assert late.state["lag"] <= live.MAX_LAG


def test_unknown_study_ids_go_last(review):
    _label_some(review)
    ranked = ranking.rank_studies(review, "title_abstract", [50, 51, 9999], background=False)
    assert ranked.order[-1] == 9999 and sorted(ranked.order[:2]) == [50, 51]


def test_stopping_estimate(review):
    assert ranking.stopping_estimate(review, "title_abstract") is None
    for s in range(1, 121):
        if review.truth[s] or s % 2 == 0:
            vote(review, 1, s, "include" if review.truth[s] else "exclude")
    vote(review, 2, 2, "exclude") if review.truth[2] == 0 else None
    estimate = ranking.stopping_estimate(review, "title_abstract")
    assert estimate["studies"] == 120
    assert estimate["screened"] == 12 + sum(1 for s in range(1, 121) if s % 2 == 0 and not review.truth[s])
    assert estimate["relevant_found"] == 12
    assert estimate["remaining"] == 120 - estimate["screened"]
    assert 0 <= estimate["recall_lower_bound"] <= 1 and estimate["method"] == "buscar"
    assert estimate["awaiting_second_vote"] == estimate["screened"] - (1 if review.truth[2] == 0 else 0)


def test_full_text_pool_is_title_abstract_includes(review):
    vote(review, 1, 1, "include"); vote(review, 2, 1, "maybe")        # passes (2 of 2 say include)
    vote(review, 1, 2, "include")                                      # pending: one vote
    vote(review, 1, 3, "exclude"); vote(review, 2, 3, "include"); resolve(review, 3, "include")
    vote(review, 1, 4, "include"); vote(review, 2, 4, "include"); resolve(review, 4, "exclude")
    assert ranking.stage_pool(review, "full_text") == {1, 3}
    assert ranking.stopping_estimate(review, "full_text") is None


def test_stage_is_checked(review):
    from screener.errors import UsageError

    with pytest.raises(UsageError, match="stage 'abstract' is not a stage"):
        ranking.stopping_estimate(review, "abstract")


def test_features_are_built_in_the_background_first(review, monkeypatch):
    monkeypatch.setattr(live, "SYNC_FEATURES_UP_TO", 10)      # as for a large review
    labelled = _label_some(review)
    candidates = [s for s in range(1, 121) if s not in labelled]
    first = ranking.rank_studies(review, "title_abstract", candidates)
    assert first.state["ranker"] == "cold-start" and first.state["warming_up"] is True
    ranking.live_model(review, "title_abstract").wait()
    second = ranking.rank_studies(review, "title_abstract", candidates)
    assert second.state["ranker"] == review.settings.ranker_preset and second.state["lag"] == 0
    # a new process (fresh models) reads the features from the disk cache: no warming up
    live._MODELS.clear()
    third = ranking.rank_studies(review, "title_abstract", candidates)
    assert third.state["ranker"] == review.settings.ranker_preset and third.order == second.order


def test_cli_estimate(review, capsys):
    import json

    from screener.cli.main import run

    assert run(["rank", "estimate", str(review.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) is None
    assert run(["rank", "estimate", str(review.path)]) == 0
    assert "No estimate yet" in capsys.readouterr().out
    for s in range(1, 121):
        vote(review, 1, s, "include" if review.truth[s] else "exclude")
    assert run(["rank", "estimate", str(review.path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["screened"], out["relevant_found"], out["remaining"]) == (120, 12, 0)
    assert (out["stop"], out["recall_lower_bound"], out["recall_estimate"]) == (True, 0.999, 1.0)
    assert run(["rank", "estimate", str(review.path), "--stage", "nope"]) == 2


def test_the_configuration_behind_an_order_is_recorded(review):
    import json

    _label_some(review)
    ranked = ranking.rank_studies(review, "title_abstract", list(range(1, 121)), background=False)
    row = review.db.execute("SELECT preset, config FROM ranker_configs WHERE fingerprint = ?",
                            (ranked.state["model"],)).fetchone()
    assert row["preset"] == "default"
    config = json.loads(row["config"])
    assert config["members"][0]["classifier"][0] == "svm" and config["stopper"][0] == "buscar"


def test_a_changed_vote_counts_as_lag(review):
    labelled = sorted(_label_some(review))
    candidates = [s for s in range(1, 121) if s not in labelled]
    ranking.rank_studies(review, "title_abstract", candidates, background=False)
    model = ranking.live_model(review, "title_abstract")
    flipped = next(s for s in labelled if review.truth[s] == 0)
    vote(review, 1, flipped, "include")                   # same number of labels, one changed
    assert model.lag(ws_labels.stage_labels(review, "title_abstract")) == 1
    withdrawn = next(s for s in labelled if review.truth[s] == 1)
    vote(review, 1, withdrawn, "retract")                 # one withdrawn
    assert model.lag(ws_labels.stage_labels(review, "title_abstract")) == 2
    fresh = ranking.rank_studies(review, "title_abstract", candidates, background=False)
    assert fresh.state["lag"] == 0 and fresh.state["trained_on"] == len(labelled) - 1


def test_priors_end_the_cold_start_and_yield_to_votes(review, capsys):
    from screener.cli.main import run
    from screener.errors import NotFoundError

    relevant = [s for s, y in review.truth.items() if y][:2]
    irrelevant = [s for s, y in review.truth.items() if not y][:1]
    assert run(["rank", "prior", str(review.path), *map(str, relevant), "--note", "seed refs"]) == 0
    assert "2 studies marked relevant at title_abstract; 2 priors in force" in capsys.readouterr().out
    vote(review, 1, irrelevant[0], "exclude")
    labels = ws_labels.stage_labels(review, "title_abstract")
    assert labels.labels == {relevant[0]: 1, relevant[1]: 1, irrelevant[0]: 0}
    assert labels.screened_order == [irrelevant[0]]          # priors are not screened
    ranked = ranking.rank_studies(review, "title_abstract", list(range(1, 121)), background=False)
    assert ranked.state["ranker"] == "default" and ranked.state["includes"] == 2
    vote(review, 1, relevant[0], "exclude")                   # the screeners' label wins
    assert ws_labels.stage_labels(review, "title_abstract").labels[relevant[0]] == 0
    ws_labels.add_priors(review, [relevant[1]], prior="withdrawn")
    assert relevant[1] not in ws_labels.stage_labels(review, "title_abstract").labels
    with pytest.raises(NotFoundError, match="no study 999"):
        ws_labels.add_priors(review, [999])
    estimate = ranking.stopping_estimate(review, "title_abstract")
    assert estimate is None                                   # no relevant study screened yet


def test_small_reviews_build_features_before_answering(review):
    labelled = _label_some(review)
    candidates = [s for s in range(1, 121) if s not in labelled]
    first = ranking.rank_studies(review, "title_abstract", candidates)
    assert first.state["ranker"] == "default" and "warming_up" not in first.state


def test_labels_take_decided_outcomes_from_the_screening_rules(review, monkeypatch):
    from screener.workspace import outcomes, screening

    vote(review, 1, 1, "include"); vote(review, 2, 1, "include")     # agreement: include ...
    resolve(review, 1, "exclude")                                    # ... overridden by the arbiter
    vote(review, 1, 2, "exclude"); vote(review, 2, 2, "exclude")
    resolve(review, 2, "include"); resolve(review, 2, "exclude"); resolve(review, 2, "include")
    vote(review, 1, 3, "include"); vote(review, 2, 3, "exclude")     # conflict: undecided
    labels = ws_labels.stage_labels(review, "title_abstract")
    assert labels.labels == {1: 0, 2: 1, 3: 1}
    assert labels.outcomes == {1: 0, 2: 1}
    owner_view = screening.stage_outcomes(review, "title_abstract")
    assert {s: int(o.decision == "include") for s, o in owner_view.items() if o.decided} == labels.outcomes

    # A rule change in the screening module reaches the ranker: here, a mix of votes decides
    # exclude instead of being a conflict.
    original = outcomes.combine_votes

    def mixed_votes_exclude(votes, stage, votes_needed):
        status, reason, conflict = original(votes, stage, votes_needed)
        return ("exclude", "", None) if conflict == "decision" else (status, reason, conflict)

    monkeypatch.setattr(outcomes, "combine_votes", mixed_votes_exclude)
    changed = ws_labels.stage_labels(review, "title_abstract")
    assert changed.labels == {1: 0, 2: 1, 3: 0}
    assert changed.outcomes == {1: 0, 2: 1, 3: 0}


def test_labels_from_a_vote_book_the_caller_already_read(review):
    from screener.workspace.screening import VoteBook

    vote(review, 1, 1, "include"); vote(review, 2, 1, "exclude")
    vote(review, 1, 2, "exclude"); vote(review, 2, 2, "exclude")
    book = VoteBook(review)
    vote(review, 1, 3, "include")                      # after the book was read: not in it
    assert ws_labels.stage_labels(review, "title_abstract", book).labels == {1: 1, 2: 0}
    assert ws_labels.stage_labels(review, "title_abstract").labels == {1: 1, 2: 0, 3: 1}
    from screener.workspace.reviewers import as_reviewer

    with pytest.raises(ValueError, match="owner's VoteBook"):       # a screener's (masked) view
        ws_labels.stage_labels(review, "title_abstract", VoteBook(review, as_reviewer(review, "ann")))


def test_a_new_process_reuses_the_order_the_last_one_left(review, monkeypatch):
    """A command-line `screener next` is a new process: it takes the order the previous process
    saved while its labels are within MAX_LAG of that model's, without training (no scikit-learn
    import, 3-4 s here); further behind, it trains as usual."""
    from screener.rank.ranker import Ranker

    labelled = _label_some(review)
    candidates = [s for s in range(1, 121) if s not in labelled]
    first = ranking.rank_studies(review, "title_abstract", candidates, background=False)
    model = ranking.live_model(review, "title_abstract")
    model.save_order()                                   # what happens at the process's exit
    assert list((review.path / live.CACHE_DIR).glob("order-title_abstract-*.json"))
    live._MODELS.clear()                                 # a new process
    fresh = [s for s in candidates if review.truth[s] == 0][:live.MAX_LAG + 1]
    vote(review, 2, fresh[0], "exclude")

    def no_training(self, *args, **kwargs):
        raise AssertionError("trained although the saved order was close enough")
    monkeypatch.setattr(Ranker, "train", no_training)
    again = ranking.rank_studies(review, "title_abstract", candidates)
    assert again.order == first.order and again.state["lag"] == 1
    assert again.state["order"] == "left by the previous process"
    for s in fresh[1:]:
        vote(review, 2, s, "exclude")                    # now MAX_LAG + 1 labels behind
    monkeypatch.undo()
    live._MODELS.clear()
    behind = ranking.rank_studies(review, "title_abstract", candidates)
    assert "order" not in behind.state and behind.state["lag"] == 0


def test_priors_count_a_study_once_and_withdraw_only_what_exists(review):
    from screener.errors import UsageError

    result = ws_labels.add_priors(review, [5, 5, 6])
    assert result["studies"] == [5, 6] and result["priors"] == 2
    rows = review.db.execute("SELECT count(*) FROM ranker_priors").fetchone()[0]
    with pytest.raises(UsageError, match="study 7 has no prior at title_abstract to withdraw; nothing was changed"):
        ws_labels.add_priors(review, [5, 7], prior="withdrawn")
    assert review.db.execute("SELECT count(*) FROM ranker_priors").fetchone()[0] == rows


def test_features_installed_again_while_an_order_is_computed(review, monkeypatch):
    """Studies imported (the features rebuilt and installed: no scores until the next training) while
    a screener's order was being computed from the old scores: 'AttributeError: 'NoneType' object
    has no attribute 'labels'', a 500 for GET /api/next. Seen with three screeners voting through
    `screener serve` while `screener import` ran. The interleaving made here: the install happens
    inside the querier's sort, between reading the scores and caching the order."""
    labelled = _label_some(review)
    candidates = [s for s in range(1, 121) if s not in labelled]
    ranking.rank_studies(review, "title_abstract", candidates, background=False)
    model = ranking.live_model(review, "title_abstract")
    order = model.ranker.querier.order

    def installed_meanwhile(scores, positions, rng):
        model._install(model.signature, model.study_ids, model.ranker.matrices)
        return order(scores, positions, rng)
    monkeypatch.setattr(model.ranker.querier, "order", installed_meanwhile)
    model.order_cache = None
    ranked = ranking.rank_studies(review, "title_abstract", candidates, background=True)
    assert sorted(ranked.order) == candidates
