"""The stacked feature views (``tfidf-views``): several feature components side by side in one
space, each block normalised and weighted, so one classifier weighs every view by the labels."""

from __future__ import annotations

import numpy as np
import pytest

from screener.errors import RankerError
from screener.rank import registry
from screener.rank.features import Doc

DOCS = [Doc("Depressive behaviour in rats", "Forced swim test after antidepressants."),
        Doc("Depression in mice", "Antidepressant treatment and the tail suspension test."),
        Doc("Kinase expression in cell lines", "Western blot."),
        Doc("", "")]


def test_views_stack_the_blocks_of_their_components():
    word = registry.build("features", "tfidf").fit_transform(DOCS)
    prefix = registry.build("features", "tfidf-prefix", {"prefix": 8}).fit_transform(DOCS)
    X = registry.build("features", "tfidf-views").fit_transform(DOCS)
    assert X.shape == (len(DOCS), word.shape[1] + prefix.shape[1])
    # Each block is one unit-length view: a non-blank document has squared norm 2 (one per view).
    norms = np.asarray(X.multiply(X).sum(axis=1)).ravel()
    assert np.allclose(norms[:3], 2.0) and norms[3] == 0.0
    # The first block is the word view, unchanged up to normalisation.
    assert np.allclose(X[:, :word.shape[1]].toarray(), word.toarray())


def test_view_weights_scale_blocks_and_zero_drops_a_view():
    both = registry.build("features", "tfidf-views",
                          {"views": [["tfidf", {}], ["tfidf-char", {}]], "weights": [1.0, 0.5]})
    X = both.fit_transform(DOCS)
    n_word = registry.build("features", "tfidf").fit_transform(DOCS).shape[1]
    char_block = X[:, n_word:]
    assert np.allclose(np.asarray(char_block.multiply(char_block).sum(axis=1)).ravel()[:3], 0.25)
    only_word = registry.build("features", "tfidf-views",
                               {"views": [["tfidf", {}], ["tfidf-char", {}]], "weights": [1.0, 0.0]})
    assert only_word.fit_transform(DOCS).shape[1] == n_word
    assert both.config()["weights"] == [1.0, 0.5]


def test_views_let_the_classifier_use_the_view_that_separates():
    # 'depressi' (prefix view) joins 'depressive' and 'depression': trained on record 0 alone as
    # relevant, the unseen record 1 outranks the unseen irrelevant record 2.
    X = registry.build("features", "tfidf-views").fit_transform(DOCS)
    clf = registry.build("classifier", "svm")
    clf.fit(X[[0, 2]], np.array([1, 0]))
    scores = np.asarray(clf.scores(X)).ravel()
    assert scores[1] > scores[2]


@pytest.mark.parametrize("params, message", [
    ({"views": [["tfidf-views", {}]]}, "cannot itself be tfidf-views"),
    ({"views": [["tfidf", {}]], "weights": [1, 2]}, "one per view"),
    ({"views": []}, "at least one"),
    ({"views": [["no-such", {}]]}, "unknown features component"),
])
def test_views_refuse_bad_settings(params, message):
    with pytest.raises(RankerError, match=message):
        registry.build("features", "tfidf-views", params)


def test_a_ranker_computes_each_view_once_and_the_stack_is_the_same(monkeypatch):
    from screener.rank.features import PrefixTfidf, WordTfidf
    from screener.rank.ranker import Ranker

    members = [{"features": ["tfidf", {}], "classifier": ["svm", {}]},
               {"features": ["tfidf-prefix", {"prefix": 8}], "classifier": ["svm", {}]},
               {"features": ["tfidf-views", {}], "classifier": ["svm", {}]}]
    alone = registry.build("features", "tfidf-views").fit_transform(DOCS)
    calls = []
    for cls in (WordTfidf, PrefixTfidf):
        original = cls.fit_transform
        monkeypatch.setattr(cls, "fit_transform",
                            lambda self, docs, _o=original: calls.append(self.name) or _o(self, docs))
    ranker = Ranker("word", overrides={"members": members, "fusion": ["rrf", {}]})
    ranker.prepare(DOCS)
    assert sorted(calls) == ["tfidf", "tfidf-prefix"]          # the views member reused both
    assert (ranker.matrices[2] != alone).nnz == 0
    assert ranker.train([0, 2], [1, 0])
    scores = ranker.scores([1, 3])
    assert scores[1] > scores[3]
