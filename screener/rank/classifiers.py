"""Classifiers: fit on the labelled documents (with sample weights), score every document.

Scores only need to order documents (higher = more likely relevant); they are not probabilities.
"""

from __future__ import annotations

from typing import Any

from screener.rank.registry import register


class _Linear:
    params: dict
    coef_: Any
    intercept_: Any

    def config(self) -> dict:
        return dict(self.params)

    def scores(self, X):
        import numpy as np

        # In the features' precision: a float64 weight vector would make scipy copy a float32
        # matrix to float64 for the product (1 GB at 200,000 studies).
        coef = np.asarray(self.coef_, dtype=getattr(X, "dtype", np.float64))
        return X @ coef + coef.dtype.type(self.intercept_)


@register("classifier", "svm")
class LinearSVM(_Linear):
    """Linear support vector machine (liblinear), C = 0.11 as ASReview's ELAS u4."""

    def __init__(self, C: float = 0.11, loss: str = "squared_hinge", tol: float = 1e-4):
        self.params = {"C": C, "loss": loss, "tol": tol}

    def fit(self, X, y, sample_weight=None):
        fitted = _liblinear_svm(X, y, sample_weight, **self.params)
        if fitted is None:
            from sklearn.svm import LinearSVC

            model = LinearSVC(C=self.params["C"], loss=self.params["loss"], tol=self.params["tol"],
                              random_state=0)  # liblinear shuffles: seed it for reproducible orders
            model.fit(X, y, sample_weight=sample_weight)
            fitted = model.coef_, model.intercept_
        self.coef_ = fitted[0].ravel()
        self.intercept_ = float(fitted[1][0])
        return self


def _liblinear_svm(X, y, sample_weight, C: float, loss: str, tol: float):
    """What ``LinearSVC(C, loss, tol, random_state=0).fit`` computes (dual chosen as its "auto"
    does), without its input validation: the ranker refits on every few labels, and validating
    the same well-formed sparse matrix each time was a sixth of the fitting time. None when
    scikit-learn's private helper is not there (then LinearSVC itself is used)."""
    try:
        import numpy as np
        import scipy.sparse as sp
        from sklearn.svm._base import _fit_liblinear
    except ImportError:  # pragma: no cover - a scikit-learn without the helper
        return None
    if not sp.issparse(X) or loss not in ("squared_hinge", "hinge"):
        return None
    X = sp.csr_matrix(X, dtype=np.float64)
    # "auto": the dual problem when there are fewer samples than features (hinge has only the dual)
    dual = loss == "hinge" or X.shape[0] < X.shape[1]
    coef, intercept, _ = _fit_liblinear(X, np.asarray(y), C, True, 1.0, None, "l2", dual, 0, 1000, tol,
                                        0, "ovr", loss, sample_weight=sample_weight)
    return coef, intercept


@register("classifier", "logistic")
class Logistic(_Linear):
    """L2-regularised logistic regression (liblinear)."""

    def __init__(self, C: float = 1.0):
        self.params = {"C": C}

    def fit(self, X, y, sample_weight=None):
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=self.params["C"], solver="liblinear", random_state=0)
        model.fit(X, y, sample_weight=sample_weight)
        self.coef_ = model.coef_.ravel()
        self.intercept_ = float(model.intercept_[0])
        return self


@register("classifier", "nb")
class NaiveBayes(_Linear):
    """Multinomial naive Bayes: a closed-form fit, the fastest member (ASReview v1's default)."""

    def __init__(self, alpha: float = 3.822):
        self.params = {"alpha": alpha}

    def fit(self, X, y, sample_weight=None):
        import numpy as np

        w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        alpha = self.params["alpha"]
        log_probs = []
        for label in (0, 1):
            mask = (y == label)
            counts = np.asarray(X[mask].T @ w[mask]).ravel() + alpha
            log_probs.append(np.log(counts / counts.sum()))
        self.coef_ = (log_probs[1] - log_probs[0])
        prior = np.array([w[y == 0].sum(), w[y == 1].sum()])
        self.intercept_ = float(np.log(prior[1] / prior[0]))
        return self
