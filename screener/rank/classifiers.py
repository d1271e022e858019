"""Classifiers: fit on the labelled documents (with sample weights), score every document.

Scores only need to order documents (higher = more likely relevant); they are not probabilities.
"""

from __future__ import annotations

import warnings
from typing import Any

from screener.rank.registry import register


class _Linear:
    params: dict
    coef_: Any
    intercept_: Any

    def config(self) -> dict:
        return dict(self.params)

    def scores(self, X):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        # In the features' precision: a float64 weight vector would make scipy copy a float32
        # matrix to float64 for the product (1 GB at 200,000 studies).
        coef = np.asarray(self.coef_, dtype=getattr(X, "dtype", np.float64))
        return X @ coef + coef.dtype.type(self.intercept_)


@register("classifier", "svm")
class LinearSVM(_Linear):
    """Linear support vector machine (liblinear), C = 0.11 as ASReview's ELAS u4."""

    takes_float32 = True     # liblinear reads float32 rows into its own double-precision copy

    def __init__(self, C: float = 0.11, loss: str = "squared_hinge", tol: float = 1e-4):
        self.params = {"C": C, "loss": loss, "tol": tol}

    def fit(self, X, y, sample_weight=None):
        fitted = _liblinear_svm(X, y, sample_weight, **self.params)
        if fitted is None:
            from sklearn.svm import LinearSVC  # lazy: scikit-learn takes 1.5 s to load, and every command loads screener.rank

            model = LinearSVC(C=self.params["C"], loss=self.params["loss"], tol=self.params["tol"],
                              random_state=0)  # liblinear shuffles: seed it for reproducible orders
            model.fit(X, y, sample_weight=sample_weight)
            fitted = model.coef_, model.intercept_
        self.coef_ = fitted[0].ravel()
        self.intercept_ = float(fitted[1][0])
        return self


_LIBLINEAR_SEED: list[int] = []


def _liblinear_svm(X, y, sample_weight, C: float, loss: str, tol: float):
    """What ``LinearSVC(C, loss, tol, random_state=0).fit`` computes (dual chosen as its "auto"
    does), without its input validation: the ranker refits on every few labels, and validating
    the same well-formed sparse matrix each time was a sixth of the fitting time. None when
    scikit-learn's private helpers are not there (then LinearSVC itself is used).

    liblinear is called as ``sklearn.svm._base._fit_liblinear`` calls it, with the arguments that
    function derives for LinearSVC (labels as indices of the sorted classes, unit class weights,
    the shuffling seed ``check_random_state(0)`` draws, the intercept as an extra feature of value
    1), minus its per-call checks (a LabelEncoder, class weights, the seed's RandomState: about a
    millisecond a fit). A float32 matrix in canonical form is handed over as it is: liblinear copies
    every value into its own double-precision rows either way, so there is no float64 copy to make
    first (a matrix with unsorted indices still gets the sorted float64 copy it always had)."""
    try:
        # lazy: numpy, scipy.sparse and scikit-learn take 1.8 s to load, and every command loads screener.rank
        import numpy as np
        import scipy.sparse as sp
        from sklearn.svm import _liblinear
        from sklearn.svm._base import _get_liblinear_solver_type
    except ImportError:  # pragma: no cover - a scikit-learn without the helpers
        return None
    if not sp.issparse(X) or loss not in ("squared_hinge", "hinge"):
        return None
    X = sp.csr_matrix(X)
    if X.dtype != np.float64 and (X.dtype != np.float32 or not X.has_canonical_format):
        # as before: the float64 copy, which scipy also puts in canonical form (indices sorted
        # within each row); the order of a row's features is the order liblinear sums them in
        X = X.astype(np.float64)
    if X.indices.dtype != np.int32 or X.indptr.dtype != np.int32:
        if X.nnz >= np.iinfo(np.int32).max:
            return None
        X = sp.csr_matrix((X.data, X.indices.astype(np.int32), X.indptr.astype(np.int32)), shape=X.shape)
    classes, y_index = np.unique(np.asarray(y), return_inverse=True)
    if len(classes) < 2:
        raise ValueError("This solver needs samples of at least 2 classes in the data, but the data "
                         f"contains only one class: {classes[0]!r}")
    if not _LIBLINEAR_SEED:
        _LIBLINEAR_SEED.append(int(np.random.RandomState(0).randint(np.iinfo("i").max)))
    weights = (np.ones(X.shape[0]) if sample_weight is None
               else np.ascontiguousarray(sample_weight, dtype=np.float64).ravel())
    if weights.shape != (X.shape[0],):
        raise ValueError(f"sample_weight has shape {weights.shape}, expected ({X.shape[0]},)")
    # "auto": the dual problem when there are fewer samples than features (hinge has only the dual)
    dual = loss == "hinge" or X.shape[0] < X.shape[1]
    try:
        _liblinear.set_verbosity_wrap(0)
        raw, n_iter = _liblinear.train_wrap(
            X, np.ascontiguousarray(y_index, dtype=np.float64), True,
            _get_liblinear_solver_type("ovr", "l2", loss, dual), tol, 1.0, C,
            np.ones(len(classes), dtype=np.float64), 1000, _LIBLINEAR_SEED[0], 0.1, weights)
    except (TypeError, ValueError, AttributeError):
        # a scikit-learn whose private call takes other arguments: LinearSVC itself, the same
        # solution (tests/rank checks the two agree bit for bit on the version installed)
        return None
    if max(n_iter) >= 1000:
        # lazy: scikit-learn takes 1.5 s to load, and every command loads screener.rank
        from sklearn.exceptions import ConvergenceWarning

        warnings.warn("Liblinear failed to converge, increase the number of iterations.", ConvergenceWarning,
                      stacklevel=3)
    return raw[:, :-1], 1.0 * raw[:, -1]


@register("classifier", "logistic")
class Logistic(_Linear):
    """L2-regularised logistic regression (liblinear)."""

    def __init__(self, C: float = 1.0):
        self.params = {"C": C}

    def fit(self, X, y, sample_weight=None):
        # lazy: scikit-learn takes 1.5 s to load, and every command loads screener.rank
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
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

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
