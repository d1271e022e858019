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


def test_a_ranker_tokenises_once_and_the_stack_is_the_same(monkeypatch):
    from screener.rank.features import PrefixTfidf, StackedViews, WordTfidf
    from screener.rank.ranker import Ranker

    members = [{"features": ["tfidf", {}], "classifier": ["svm", {}]},
               {"features": ["tfidf-prefix", {"prefix": 8}], "classifier": ["svm", {}]},
               {"features": ["tfidf-views", {}], "classifier": ["svm", {}]}]
    alone = registry.build("features", "tfidf-views").fit_transform(DOCS)
    word = registry.build("features", "tfidf").fit_transform(DOCS)
    prefix = registry.build("features", "tfidf-prefix", {"prefix": 8}).fit_transform(DOCS)
    calls = []
    for cls in (WordTfidf, PrefixTfidf):
        original = cls.fit_transform
        monkeypatch.setattr(cls, "fit_transform",
                            lambda self, docs, _o=original: calls.append(self.name) or _o(self, docs))
    ranker = Ranker("word", overrides={"members": members, "fusion": ["rrf", {}]})
    ranker.prepare(DOCS)
    assert calls == []            # word and prefix counts came from one tokenisation
    # ... and are what each component computes alone, column for column
    assert np.allclose(ranker.matrices[0].toarray(), word.toarray(), atol=1e-6)
    assert np.allclose(ranker.matrices[1].toarray(), prefix.toarray(), atol=1e-6)
    # the views member holds the other two matrices as blocks, not a copy
    assert isinstance(ranker.matrices[2], StackedViews)
    assert ranker.matrices[2].blocks[0] is ranker.matrices[0]
    assert np.allclose(ranker.matrices[2].tocsr().toarray(), alone.toarray(), atol=1e-6)
    assert ranker.train([0, 2], [1, 0])
    scores = ranker.scores([1, 3])
    assert scores[1] > scores[3]
    # scoring block by block gives each member's own product with the stacked matrix
    stacked = ranker.member_scores()[2]
    svm = ranker.members[2][1]
    assert np.allclose(stacked, alone @ svm.coef_ + svm.intercept_, atol=1e-5)


def test_joint_counts_match_separate_vectorisers_on_pruned_and_blank_inputs():
    from screener.rank.features import feature_key, fit_transform_together

    docs = DOCS + [Doc("Depressive rats", "the the the"), Doc("", "the")] + [Doc("the", "")] * 4
    # 'the' is in 6 of 10 documents: max_df 0.5 prunes it (a column dropped from the middle)
    components = [registry.build("features", "tfidf"),
                  registry.build("features", "tfidf-prefix", {"prefix": 4, "min_df": 2}),
                  registry.build("features", "tfidf-prefix", {"prefix": 8, "max_df": 0.5})]
    together = fit_transform_together(components, docs)
    for c in components:
        alone = c.fit_transform(docs)
        assert together[feature_key(c)].shape == alone.shape
        assert np.allclose(together[feature_key(c)].toarray(), alone.toarray(), atol=1e-6)
    blank = fit_transform_together(components, [Doc("", ""), Doc("", "")])
    assert all(m.shape == (2, 1) and m.nnz == 0 for m in blank.values())
