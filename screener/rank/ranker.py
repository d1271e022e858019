"""The ranker: one object, used the same way by the live screening queue and by simulation.

``Ranker(preset)`` builds its components by name; ``prepare(docs)`` computes the features once;
``train(indices, labels)`` fits every member; ``order(candidates, rng)`` gives the screening order
of the candidates (a seeded shuffle until there is one relevant and one irrelevant label: the
cold start); ``stop_estimate(labels, n_total)`` asks the stopper.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from screener.errors import RankerError
from screener.rank import registry
from screener.rank.features import Doc, StackedViews, feature_key, fit_transform_together
from screener.rank.presets import preset_config


def component_spec(value, kind: str) -> tuple[str, dict]:
    """A component given as ``"name"``, ``["name", {params}]`` or ``{"name": .., "params": ..}``."""
    if isinstance(value, str):
        return value, {}
    if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], str):
        return value[0], dict(value[1] or {})
    if isinstance(value, dict) and "name" in value:
        return value["name"], dict(value.get("params") or {})
    raise RankerError(f"bad {kind} specification {value!r}; give a name or [name, {{params}}]")


class Ranker:
    def __init__(self, preset: str = "default", seed: int = 0, overrides: dict[str, Any] | None = None):
        config = preset_config(preset)
        for key, value in (overrides or {}).items():
            if key not in ("members", "fusion", "balancer", "querier", "stopper", "retrain"):
                raise RankerError(f"unknown ranker setting {key!r}; valid settings: "
                                  "members, fusion, balancer, querier, stopper, retrain")
            config[key] = copy.deepcopy(value)
        self.seed = int(seed)
        self.preset = preset
        self.members = []
        for member in config["members"]:
            fname, fparams = component_spec(member["features"], "features")
            cname, cparams = component_spec(member["classifier"], "classifier")
            self.members.append((registry.build("features", fname, fparams),
                                 registry.build("classifier", cname, cparams)))
        self.fusion = registry.build("fusion", *component_spec(config["fusion"], "fusion"))
        self.balancer = registry.build("balancer", *component_spec(config["balancer"], "balancer"))
        self.querier = registry.build("querier", *component_spec(config["querier"], "querier"))
        self.stopper = registry.build("stopper", *component_spec(config["stopper"], "stopper"))
        self.retrain = {"every": 1, "growth": 0.0, **config.get("retrain", {})}
        if len(self.members) != 1 and self.fusion.name == "single":
            raise RankerError("fusion 'single' takes exactly one member; use rrf or mean-z")
        self._matrices: list = []
        self.trained_on: int = 0          # number of labels the current model saw
        self.trained = False

    # ---- description ---------------------------------------------------------------------

    def config(self) -> dict[str, Any]:
        """The complete configuration, JSON-able: enough to rebuild this ranker."""
        def named(component):
            return [component.name, component.config()]

        return {
            "preset": self.preset,
            "seed": self.seed,
            "members": [{"features": named(f), "classifier": named(c)} for f, c in self.members],
            "fusion": named(self.fusion),
            "balancer": named(self.balancer),
            "querier": named(self.querier),
            "stopper": named(self.stopper),
            "retrain": dict(self.retrain),
        }

    def fingerprint(self) -> str:
        if getattr(self, "_fingerprint", None) is None:     # the configuration is fixed at creation
            self._fingerprint = hashlib.sha256(json.dumps(self.config(), sort_keys=True).encode()).hexdigest()[:12]
        return self._fingerprint

    # ---- features -------------------------------------------------------------------------

    def prepare(self, docs: Iterable[Doc]) -> None:
        """Compute each member's features over all documents (a list, or a stream read once
        when the members' features allow it: ``fit_transform_together``). Members with the same
        feature settings share one matrix; word and prefix views share one tokenisation; a
        ``tfidf-views`` member reads the other members' matrices as blocks (``StackedViews``)
        instead of copying them."""
        components = []
        for features, _ in self.members:
            if hasattr(features, "views"):
                components += [c for w, c in zip(features.weights, features._components) if w]
            else:
                components.append(features)
        self.set_matrices(self.assemble(fit_transform_together(components, docs)))

    def assemble(self, built: dict) -> list:
        """The members' matrices from the feature components' matrices by ``feature_key`` (a
        views member's as ``StackedViews`` over its components' matrices)."""
        matrices = []
        for features, _ in self.members:
            if hasattr(features, "views"):
                kept = [(w, c) for w, c in zip(features.weights, features._components) if w]
                matrices.append(StackedViews([built[feature_key(c)] for _, c in kept], [w for w, _ in kept]))
            else:
                matrices.append(built[feature_key(features)])
        return matrices

    def base_matrices(self) -> dict:
        """The feature components' matrices by ``feature_key`` (what ``assemble`` takes): the
        live queue caches these on disk, not the views members' stacks."""
        built = {}
        for (features, _), matrix in zip(self.members, self._matrices):
            if isinstance(matrix, StackedViews):
                kept = [c for w, c in zip(features.weights, features._components) if w]
                built.update({feature_key(c): b for c, b in zip(kept, matrix.blocks)})
            else:
                built[feature_key(features)] = matrix
        return built

    def set_matrices(self, matrices: list) -> None:
        """Reuse features computed earlier (the live queue caches them)."""
        self._matrices = list(matrices)
        self.n_docs = matrices[0].shape[0]
        self.trained = False
        self.trained_on = 0

    @property
    def matrices(self) -> list:
        return self._matrices

    # ---- learning -------------------------------------------------------------------------

    @staticmethod
    def can_learn(labels) -> bool:
        labels = list(labels)
        return 1 in labels and 0 in labels

    def train(self, indices, labels) -> bool:
        """Fit every member on the labelled documents, given in screening order (priors first);
        False (and no model) at cold start."""
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        if not self._matrices:
            raise RuntimeError("call prepare(docs) before train()")
        indices = np.asarray(indices, dtype=np.int64)
        y = np.asarray(labels, dtype=np.int64)
        if not self.can_learn(y):
            self.trained = False
            return False
        if hasattr(self.fusion, "observe"):
            self._observe_arrivals(indices, y)
        if hasattr(self.fusion, "learn_from_labels"):
            self.fusion.learn_from_labels(y)      # labels in screening order
        weights = self.balancer.weights(y)
        rows: dict[tuple, Any] = {}    # each matrix's labelled rows, cut (and made float64) once

        def cut(X, as_float64: bool):
            key = (id(X), as_float64)
            if key not in rows:
                if not as_float64:
                    rows[key] = X[indices]
                else:
                    part = cut(X, False)
                    rows[key] = part.astype(np.float64) if getattr(part, "dtype", None) == np.float32 else part
            return rows[key]

        def labelled(X, as_float64: bool):
            if isinstance(X, StackedViews):
                import scipy.sparse as sp  # lazy: scipy.sparse takes 0.24 s to load, and every command loads screener.rank

                if all(w == 1.0 for w in X.weights):    # the same values, stacked in any precision
                    stacked = sp.hstack([cut(b, False) for b in X.blocks], format="csr")
                    return stacked.astype(np.float64) if as_float64 and stacked.dtype == np.float32 else stacked
                return sp.hstack([w * cut(b, True) if w != 1.0 else cut(b, True)
                                  for w, b in zip(X.weights, X.blocks)], format="csr")
            return cut(X, as_float64)

        for k, ((_, classifier), X) in enumerate(zip(self.members, self._matrices)):
            if k in self._active():
                # liblinear copies the values into double precision itself: the SVM takes float32
                # rows as they are; the other classifiers get them in float64, as they always did
                classifier.fit(labelled(X, not getattr(classifier, "takes_float32", False)), y,
                               sample_weight=weights)
        if hasattr(self.fusion, "fit_weights"):    # a fusion that judges the members by the labels
            self.fusion.fit_weights([self.members[k] for k in self._active()],
                                    [self._matrices[k] for k in self._active()], indices, y,
                                    self.balancer, self.seed)
        self.trained = True
        self.trained_on = len(y)
        if hasattr(self.fusion, "observe"):
            self._remember_rankings(indices)
        return True

    def _active(self) -> range | list[int]:
        """Members the fusion needs now (a switching fusion leaves the others untrained)."""
        active = getattr(self.fusion, "active_members", None)
        return active(len(self.members)) if active else range(len(self.members))

    def _remember_rankings(self, indices) -> None:
        # Each member's percentile rank of every then-unlabelled document, to judge the members
        # by the labels that arrive next.
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        unlabelled = np.ones(self.n_docs, dtype=bool)
        unlabelled[indices] = False
        candidates = np.flatnonzero(unlabelled)
        self._seen = set(int(i) for i in indices)
        self._percentiles = []
        for (_, classifier), X in zip(self.members, self._matrices):
            scores = np.asarray(classifier.scores(X)).ravel()
            pct = np.full(self.n_docs, np.nan)
            order = candidates[np.argsort(-scores[candidates], kind="stable")]
            pct[order] = np.arange(len(order)) / max(len(order) - 1, 1)
            self._percentiles.append(pct)

    def _observe_arrivals(self, indices, y) -> None:
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        if not getattr(self, "_percentiles", None):
            return
        new = [(int(i), int(label)) for i, label in zip(indices, y) if int(i) not in self._seen]
        if not new:
            return
        rows = np.array([[pct[i] for pct in self._percentiles] for i, _ in new])
        keep = ~np.isnan(rows).any(axis=1)
        self.fusion.observe(rows[keep], [label for (_, label), k in zip(new, keep) if k])

    def scores(self, candidates):
        """Fused scores for all documents (only the candidates' entries are meaningful)."""
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        candidates = np.asarray(candidates, dtype=np.int64)
        return self.fusion.fuse(self.member_scores(), candidates)

    def member_scores(self) -> list:
        """Each active member's scores of every document (None for inactive members). Linear
        members' products are grouped by feature matrix (a views member reads the other members'
        matrices as blocks, no copy), one sparse product per member and matrix."""
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        active = set(self._active())
        out: list = [None] * len(self.members)
        by_matrix: dict[int, tuple] = {}       # id(matrix) → (matrix, [(member, weight, coef)])
        for k, ((_, classifier), X) in enumerate(zip(self.members, self._matrices)):
            if k not in active:
                continue
            coef = getattr(classifier, "coef_", None)
            if coef is None or not hasattr(classifier, "intercept_"):
                out[k] = np.asarray(classifier.scores(X)).ravel()
                continue
            coef = np.asarray(coef).ravel()
            if isinstance(X, StackedViews):
                start = 0
                for w, block in zip(X.weights, X.blocks):
                    by_matrix.setdefault(id(block), (block, []))[1].append(
                        (k, w, coef[start:start + block.shape[1]]))
                    start += block.shape[1]
            else:
                by_matrix.setdefault(id(X), (X, []))[1].append((k, 1.0, coef))
        sums: dict[int, object] = {}
        for matrix, uses in by_matrix.values():
            dtype = getattr(matrix, "dtype", np.float64)
            for k, w, c in uses:
                # One product per member's weights: scipy's product with several columns at once
                # (csr_matvecs) took 6x as long as one per column at 200,000 studies (1.3 s against
                # 0.2 s per vote with the default); the same sums, entry for entry.
                product = np.asarray(matrix @ (w * c).astype(dtype, copy=False))
                sums[k] = product if k not in sums else sums[k] + product
        for k, total in sums.items():
            classifier = self.members[k][1]
            out[k] = total + np.asarray(total).dtype.type(classifier.intercept_)
        return out

    def order(self, candidates, rng):
        """Screening order of ``candidates`` (document indices): by the model once trained, a
        seeded shuffle before (cold start)."""
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        candidates = np.asarray(candidates, dtype=np.int64)
        if not self.trained:
            shuffled = candidates.copy()
            rng.shuffle(shuffled)
            return shuffled
        return self.querier.order(self.scores(candidates), candidates, rng)

    def needs_retrain(self, n_labels: int, new_relevant: bool = False) -> bool:
        """Simulation's retraining schedule: after ``every`` new labels, or a ``growth`` share of
        the labels so far, whichever is more; always after a new relevant label when batching."""
        if not self.trained:
            return True
        new = n_labels - self.trained_on
        if new <= 0:
            return False
        if new_relevant and self.retrain.get("on_relevant", False):
            return True
        return new >= max(int(self.retrain["every"]), int(self.retrain["growth"] * n_labels))

    # ---- stopping -------------------------------------------------------------------------

    def stop_estimate(self, labels, n_total: int):
        return self.stopper.estimate(list(labels), n_total)
