"""Contract tests: every registered component of every kind honours its interface."""

from __future__ import annotations

import json

import numpy as np
import pytest

from screener.errors import RankerError
from screener.rank import registry
from screener.rank.features import Doc
from screener.rank.presets import PRESETS, overrides_from_names, preset_names
from screener.rank.ranker import Ranker
from screener.rank.stoppers import StopEstimate

DOCS = [Doc("Qualitative interviews with nurses about chronic pain", "Thematic synthesis of experience.",
            keywords=["pain"], mesh=["Chronic Pain"]),
        Doc("Clinicians' experience of chronic pain care", "Focus groups and interviews."),
        Doc("Kinase expression in mice", "A randomised placebo trial of dose."),
        Doc("Pharmacokinetics of a new drug in rats", "Dose and survival outcomes."),
        Doc("Physiotherapists and chronic pain: an ethnography", "Meaning and uncertainty."),
        Doc("Cancer imaging biomarker cohort", "Regression of survival."),
        Doc("", "")]
Y = np.array([1, 1, 0, 0, 1, 0, 0])


def _matrix():
    return registry.build("features", "tfidf").fit_transform(DOCS)


@pytest.mark.parametrize("name", registry.names("features"))
def test_features_contract(name):
    extractor = registry.build("features", name)
    X = extractor.fit_transform(DOCS)
    assert X.shape[0] == len(DOCS)
    assert X.min() >= 0
    assert X[6].nnz == 0                      # a blank document has no features
    json.dumps(extractor.config())
    with_meta = registry.build("features", name, {"fields": ["title", "abstract", "keywords", "mesh"]})
    assert with_meta.fit_transform(DOCS).shape[0] == len(DOCS)


def test_prefix_features_pool_word_forms():
    from screener.rank.features import _PrefixTokenizer

    assert _PrefixTokenizer(8)("Depression, depressive; ANTIDEPRESSANTS in a rat") == \
        ["depressi", "depressi", "antidepr", "in", "rat"]
    docs = [Doc(title="depressive rats"), Doc(title="depression in rats"), Doc(title="mice")]
    X = registry.build("features", "tfidf-prefix", {"ngram_range": [1, 1]}).fit_transform(docs)
    assert X.shape == (3, 4)                  # depressi, rats, in, mice
    assert (X[0] @ X[1].T)[0, 0] > 0.5 and X[2].nnz == 1


def test_features_reject_unknown_field():
    with pytest.raises(RankerError, match="unknown fields"):
        registry.build("features", "tfidf", {"fields": ["title", "journal"]})


@pytest.mark.parametrize("name", registry.names("classifier"))
def test_classifier_contract(name):
    X = _matrix()
    clf = registry.build("classifier", name)
    train = np.array([0, 2, 3, 4])
    weights = registry.build("balancer", "balanced").weights(Y[train])
    assert clf.fit(X[train], Y[train], sample_weight=weights) is clf
    scores = np.asarray(clf.scores(X)).ravel()
    assert scores.shape == (len(DOCS),)
    assert np.isfinite(scores).all()
    # An unseen relevant document (1) outranks the unseen irrelevant ones (5).
    assert scores[1] > scores[5]
    json.dumps(clf.config())


@pytest.mark.parametrize("name", registry.names("balancer"))
def test_balancer_contract(name):
    balancer = registry.build("balancer", name)
    w = balancer.weights(Y)
    if w is not None:
        assert w.shape == Y.shape and (w > 0).all()
        assert w.mean() == pytest.approx(1.0)
    json.dumps(balancer.config())


def test_balanced_weights_follow_asreview():
    w = registry.build("balancer", "balanced", {"ratio": 9.8}).weights(np.array([1, 0, 0, 0]))
    # relevant weight 1, irrelevant 1/(9.8*3), rescaled to mean 1
    raw = np.array([1, 1 / 29.4, 1 / 29.4, 1 / 29.4])
    assert w == pytest.approx(raw * 4 / raw.sum())


@pytest.mark.parametrize("name", registry.names("querier"))
def test_querier_contract(name):
    querier = registry.build("querier", name)
    scores = np.array([0.1, 0.9, 0.5, 0.3, 0.8, 0.2])
    candidates = np.array([0, 2, 3, 4, 5])
    order = querier.order(scores, candidates, np.random.default_rng(1))
    assert sorted(order.tolist()) == candidates.tolist()
    again = querier.order(scores, candidates, np.random.default_rng(1))
    assert order.tolist() == again.tolist()           # seeded: reproducible
    json.dumps(querier.config())


def test_max_querier_orders_by_score_and_explores_on_schedule():
    scores = np.arange(20, dtype=float)
    candidates = np.arange(20)
    plain = registry.build("querier", "max").order(scores, candidates, np.random.default_rng(0))
    assert plain.tolist() == list(range(19, -1, -1))
    explore = registry.build("querier", "max", {"exploration": 0.25}).order(
        scores, candidates, np.random.default_rng(0))
    assert sorted(explore.tolist()) == list(range(20))
    assert explore[0] == 19                            # the first pick is never random
    non_slots = [explore[i] for i in range(20) if (i + 1) % 4 != 0]
    assert non_slots == sorted(non_slots, reverse=True)  # the rest keep score order


@pytest.mark.parametrize("name", registry.names("stopper"))
def test_stopper_contract(name):
    stopper = registry.build("stopper", name)
    assert stopper.should_stop([], 100) is False
    assert stopper.should_stop([0] * 60, 100) is False    # nothing relevant found: never stop
    labels = [1] * 20 + [0] * 300
    estimate = stopper.estimate(labels, 400)
    assert isinstance(estimate, StopEstimate)
    assert estimate.stop == stopper.should_stop(labels, 400)
    assert estimate.screened == 320 and estimate.relevant_found == 20 and estimate.remaining == 80
    json.dumps(estimate.to_json())


def test_buscar_stops_only_with_evidence():
    stopper = registry.build("stopper", "buscar")
    # 20 relevant found quickly, then a long run of irrelevant ones: recall ≥ 95% is credible.
    assert stopper.should_stop([1] * 20 + [0] * 300, 400)
    # The same 20 found but only 30 irrelevant screened of 1,000: not enough evidence.
    assert not stopper.should_stop([1] * 20 + [0] * 30, 1000)
    estimate = stopper.estimate([1] * 20 + [0] * 300, 400)
    assert estimate.p_value < 0.05
    assert 0.95 <= estimate.recall_lower_bound < 1.0
    weak = stopper.estimate([1] * 20 + [0] * 30, 1000)
    assert weak.recall_lower_bound < 0.95
    assert weak.p_value == pytest.approx(0.99, abs=0.01) or weak.p_value > 0.05


@pytest.mark.parametrize("name", registry.names("fusion"))
def test_fusion_contract(name):
    fusion = registry.build("fusion", name)
    a = np.array([3.0, 2.0, 1.0, 0.0])
    b = np.array([2.5, 2.0, 1.5, 1.0])
    candidates = np.array([0, 1, 2, 3])
    members = [a] if name == "single" else [a, b]
    fused = fusion.fuse(members, candidates)
    assert fused.shape == (4,)
    assert np.argsort(-fused).tolist() == [0, 1, 2, 3]   # members agree: so does the fusion
    json.dumps(fusion.config())


def test_hedge_prefers_the_member_that_predicted_arrivals():
    hedge = registry.build("fusion", "hedge", {"min_relevant": 2})
    # member 0 ranked the relevant arrivals at the top, member 1 at the bottom
    percentiles = np.array([[0.0, 0.9], [0.1, 0.8], [0.9, 0.1], [0.8, 0.0]])
    hedge.observe(percentiles, [1, 1, 0, 0])
    assert hedge.member_weights[0] == 1.0 and hedge.member_weights[1] < 1e-6


def test_cv_auc_weighs_the_member_that_separates_the_labels():
    import scipy.sparse as sp

    rng = np.random.default_rng(0)
    y = np.array([1] * 12 + [0] * 48)
    informative = sp.csr_matrix(np.column_stack([y + 0.1 * rng.random(60), rng.random(60)]))
    noise = sp.csr_matrix(rng.random((60, 2)))
    svm = registry.build("classifier", "svm")
    cv = registry.build("fusion", "cv-auc", {"sharpness": 20.0})
    balancer = registry.build("balancer", "balanced")
    cv.fit_weights([(None, svm), (None, svm)], [informative, noise], np.arange(60), y, balancer, 1)
    assert cv.aucs[0] == 1.0 and cv.aucs[1] < 0.8
    assert cv.member_weights[0] == 1.0 and cv.member_weights[1] < 0.01
    fused = cv.fuse([np.array([0.0, 1.0, 2.0]), np.array([2.0, 1.0, 0.0])], np.arange(3))
    assert np.argsort(-fused).tolist() == [2, 1, 0]       # the noise member is left out
    few = registry.build("fusion", "cv-auc", {"min_relevant": 13})
    few.fit_weights([(None, svm), (None, svm)], [informative, noise], np.arange(60), y, balancer, 1)
    assert few.member_weights is None                      # too few relevant labels: equal weights
    selecting = registry.build("fusion", "cv-auc", {"select": True})
    selecting.fit_weights([(None, svm), (None, svm)], [informative, noise], np.arange(60), y, balancer, 1)
    assert selecting.member_weights == [1.0, 0.0]


def test_registry_errors_list_valid_names():
    with pytest.raises(RankerError, match="valid classifier components: logistic, nb, svm"):
        registry.build("classifier", "forest")
    with pytest.raises(RankerError, match="valid presets: "):
        Ranker("fastest")
    with pytest.raises(RankerError, match="bad parameters"):
        registry.build("classifier", "svm", {"gamma": 2})
    with pytest.raises(RankerError, match="valid features components: tfidf, tfidf-char"):
        overrides_from_names("elas-u4", features="tfidf,bert")


@pytest.mark.parametrize("preset", preset_names())
def test_every_preset_builds_and_ranks(preset):
    ranker = Ranker(preset, seed=1)
    json.dumps(ranker.config())
    assert ranker.config()["preset"] == preset and PRESETS[preset]["description"]
    ranker.prepare(DOCS)
    assert ranker.order([2, 3, 5], np.random.default_rng(0)).tolist() != []  # cold start: shuffle
    assert ranker.train([0, 2, 3], [1, 0, 0])
    order = ranker.order([1, 4, 5, 6], np.random.default_rng(0)).tolist()
    assert sorted(order) == [1, 4, 5, 6]
    assert order[0] in (1, 4)                  # an unseen relevant document first
    assert order.index(1) < order.index(5) and order.index(4) < order.index(5)


def test_cold_start_until_one_of_each():
    ranker = Ranker("elas-u4")
    ranker.prepare(DOCS)
    assert ranker.train([0, 1], [1, 1]) is False and not ranker.trained


def test_stall_switch_waits_for_a_stall():
    fusion = registry.build("fusion", "stall-switch", {"stall": 3})
    fusion.learn_from_labels([0, 0, 0, 0, 1, 0, 0])          # no stall after the first relevant
    assert fusion.active_members(2) == [0]
    a, b = np.array([3.0, 2.0, 1.0]), np.array([1.0, 2.0, 3.0])
    assert fusion.fuse([a, None], np.arange(3)).tolist() == a.tolist()
    fusion.learn_from_labels([1, 0, 0, 0, 1])
    assert fusion.active_members(2) == [0, 1]
    fused = fusion.fuse([a, b], np.arange(3))
    assert fused[0] == pytest.approx(fused[2])                 # opposite rankings: a tie


def test_svm_fit_is_linearsvc_exactly():
    """The SVM calls liblinear directly (no per-fit validation, float32 rows as they are): the
    same weights, bit for bit, as scikit-learn's LinearSVC on the float64 rows, with and without
    sample weights."""
    from sklearn.svm import LinearSVC

    from screener.rank.balancers import Balanced
    from screener.rank.classifiers import LinearSVM

    unsorted = _matrix()                     # TfidfVectorizer leaves each row's indices unsorted
    assert unsorted.dtype == np.float32 and not unsorted.has_sorted_indices
    for X in (unsorted, unsorted.sorted_indices()):
        for weights in (None, Balanced().weights(Y)):
            ours = LinearSVM().fit(X, Y, sample_weight=weights)
            theirs = LinearSVC(C=0.11, random_state=0).fit(X.astype(np.float64), Y, sample_weight=weights)
            assert np.array_equal(ours.coef_, theirs.coef_.ravel())
            assert ours.intercept_ == float(theirs.intercept_[0])
    with pytest.raises(ValueError, match="only one class"):
        LinearSVM().fit(unsorted, np.zeros(len(Y), dtype=int))


def test_svm_falls_back_to_linearsvc_when_the_private_call_changes(monkeypatch):
    """liblinear is reached through scikit-learn's private ``train_wrap``: a version whose call
    takes other arguments must not break screening — LinearSVC itself fits, the same weights."""
    from types import SimpleNamespace

    import sklearn.svm
    from sklearn.svm import LinearSVC

    from screener.rank.classifiers import LinearSVM

    X = _matrix().sorted_indices()
    expected = LinearSVM().fit(X, Y).coef_.copy()

    def changed(*args, **kwargs):
        raise TypeError("train_wrap() takes 11 positional arguments but 12 were given")

    # the module our direct call imports; LinearSVC keeps its own reference to the real one
    monkeypatch.setattr(sklearn.svm, "_liblinear", SimpleNamespace(set_verbosity_wrap=lambda v: None,
                                                                   train_wrap=changed))
    fitted = LinearSVM().fit(X, Y)
    theirs = LinearSVC(C=0.11, random_state=0).fit(X.astype(np.float64), Y)
    assert np.array_equal(fitted.coef_, theirs.coef_.ravel())
    assert np.array_equal(fitted.coef_, expected)
