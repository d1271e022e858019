"""Fusion: several members' scores → one score per document.

No single feature set wins on every review (word n-grams beat character n-grams on some, lose on
others), so a preset can train several members and fuse them. Fusion looks only at the
unlabelled candidates' ranks or standardised scores, so members with different scales mix fairly.
"""

from __future__ import annotations

from screener.rank.registry import build, register


@register("fusion", "single")
class Single:
    """Exactly one member: its scores as they are."""

    def config(self) -> dict:
        return {}

    def fuse(self, member_scores, candidates):
        if len(member_scores) != 1:
            raise ValueError("fusion 'single' takes exactly one member")
        return member_scores[0]


@register("fusion", "rrf")
class ReciprocalRankFusion:
    """Reciprocal rank fusion (Cormack et al. 2009): sum of 1 / (k + rank) over the members."""

    def __init__(self, k: float = 60.0, weights: list[float] | None = None):
        self.k = float(k)
        self.member_weights = weights

    def config(self) -> dict:
        return {"k": self.k, "weights": self.member_weights}

    def fuse(self, member_scores, candidates):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        n = len(member_scores[0])
        fused = np.full(n, -np.inf)
        fused[candidates] = 0.0
        weights = self.member_weights or [1.0] * len(member_scores)
        for w, scores in zip(weights, member_scores):
            ranks = np.empty(len(candidates))
            ranks[np.argsort(-scores[candidates], kind="stable")] = np.arange(1, len(candidates) + 1)
            fused[candidates] += w / (self.k + ranks)
        return fused


@register("fusion", "mean-z")
class MeanZ:
    """Mean of the members' scores standardised over the candidates."""

    def __init__(self, weights: list[float] | None = None):
        self.member_weights = weights

    def config(self) -> dict:
        return {"weights": self.member_weights}

    def fuse(self, member_scores, candidates):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        n = len(member_scores[0])
        fused = np.full(n, -np.inf)
        fused[candidates] = 0.0
        weights = self.member_weights or [1.0] * len(member_scores)
        for w, scores in zip(weights, member_scores):
            s = scores[candidates]
            sd = s.std() or 1.0
            fused[candidates] += w * (s - s.mean()) / sd
        return fused


@register("fusion", "hedge")
class Hedge:
    """Choose among the members by how well they predicted the labels that arrived since.

    Before each retraining, every record labelled since the previous training is looked up in each
    member's previous ranking of the then-unlabelled records (its percentile: 0 = top). A member's
    quality is the AUC of those percentiles between the relevant and the irrelevant arrivals over
    the last ``window`` labels. Until ``min_relevant`` relevant records have arrived the members are
    fused by reciprocal rank with equal weights; after that, the weights are
    ``exp(sharpness · (AUC − best AUC))`` (the best member gets weight 1).
    """

    def __init__(self, k: float = 60.0, window: int = 400, min_relevant: int = 5,
                 sharpness: float = 20.0):
        self.k, self.window, self.min_relevant, self.sharpness = float(k), int(window), int(min_relevant), float(sharpness)
        self.history: list[tuple[int, list[float]]] = []   # (label, percentile per member)
        self.member_weights: list[float] | None = None

    def config(self) -> dict:
        return {"k": self.k, "window": self.window, "min_relevant": self.min_relevant,
                "sharpness": self.sharpness}

    def observe(self, percentiles, labels) -> None:
        """``percentiles``: array (arrivals × members); ``labels``: 0/1 per arrival."""
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        for row, label in zip(np.asarray(percentiles), labels):
            self.history.append((int(label), [float(p) for p in row]))
        recent = self.history[-self.window:]
        pos = np.array([p for label, p in recent if label == 1])
        neg = np.array([p for label, p in recent if label == 0])
        if len(pos) < self.min_relevant or len(neg) == 0:
            self.member_weights = None
            return
        aucs = []
        for m in range(pos.shape[1]):
            # AUC: probability that a relevant arrival was ranked above (lower percentile) an
            # irrelevant one, ties counting half.
            diff = neg[:, m][None, :] - pos[:, m][:, None]
            aucs.append(float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size))
        best = max(aucs)
        self.aucs = aucs
        self.member_weights = [float(np.exp(self.sharpness * (a - best))) for a in aucs]

    def fuse(self, member_scores, candidates):
        return ReciprocalRankFusion(self.k, self.member_weights).fuse(member_scores, candidates)


@register("fusion", "stall-switch")
class StallSwitch:
    """The first member alone until it stalls — ``stall`` irrelevant records in a row after at
    least one relevant one — then every member, fused by reciprocal rank (a second opinion for the
    records the first model cannot reach, in the spirit of the SAFE procedure's model switch)."""

    def __init__(self, stall: int = 60, k: float = 60.0):
        self.stall, self.k = int(stall), float(k)
        self.switched = False

    def config(self) -> dict:
        return {"stall": self.stall, "k": self.k}

    def learn_from_labels(self, labels) -> None:
        """``labels`` in screening order: switch once a stall has happened (stateless, so a fresh
        ranker given the same labels decides the same)."""
        run, seen_relevant, switched = 0, False, False
        for label in labels:
            if label:
                seen_relevant, run = True, 0
            else:
                run += 1
            if seen_relevant and run >= self.stall:
                switched = True
                break
        self.switched = switched

    def active_members(self, n: int) -> list[int]:
        return [0] if not self.switched else list(range(n))

    def fuse(self, member_scores, candidates):
        if not self.switched:
            return member_scores[0]
        return ReciprocalRankFusion(self.k).fuse(member_scores, candidates)


@register("fusion", "cv-auc")
class CrossValidatedAUC:
    """Weigh the members by how well each separates the labelled records in cross-validation.

    At each training, once at least ``min_relevant`` relevant and ``folds`` irrelevant labels
    exist, every member's classifier is refitted on ``folds`` − 1 folds of the labelled records
    (stratified, seeded) and scored on the held-out fold; its quality is the mean within-fold AUC.
    Weights are ``exp(sharpness · (AUC − best AUC))`` — or, with ``select``, 1 for the best member
    and 0 for the others — recomputed every ``every`` trainings; the members' standardised scores
    are then averaged with these weights (as ``mean-z``). Before that, equal weights. Costs
    ``folds`` extra fits per member per recomputation.

    Measured (README, Performance → Ranker, exploration): it picks up character n-grams where they
    help (Bannach-Brown) but not robustly: the labelled records, chosen by the fused model, favour
    the character member on Nagtegaal too, where it costs one hard record and 7 points of WSS@95.
    """

    def __init__(self, folds: int = 3, min_relevant: int = 5, sharpness: float = 20.0,
                 every: int = 2, select: bool = False):
        if folds < 2:
            raise TypeError("folds must be at least 2")
        self.folds, self.min_relevant, self.sharpness = int(folds), int(min_relevant), float(sharpness)
        self.every, self.select = max(1, int(every)), bool(select)
        self.member_weights: list[float] | None = None
        self.aucs: list[float] | None = None
        self._calls = 0

    def config(self) -> dict:
        return {"folds": self.folds, "min_relevant": self.min_relevant, "sharpness": self.sharpness,
                "every": self.every, "select": self.select}

    def fit_weights(self, members, matrices, indices, y, balancer, seed: int) -> None:
        """Called by ``Ranker.train`` after the members are fitted: ``members`` are (features,
        classifier) pairs, ``matrices`` their feature matrices, ``indices``/``y`` the labels."""
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        indices, y = np.asarray(indices), np.asarray(y)
        n_pos = int(y.sum())
        if n_pos < max(self.min_relevant, self.folds) or len(y) - n_pos < self.folds:
            self.member_weights, self.aucs, self._calls = None, None, 0
            return
        self._calls += 1
        if self.member_weights is not None and (self._calls - 1) % self.every:
            return
        rng = np.random.default_rng(seed)
        fold = np.empty(len(y), dtype=np.int64)
        for label in (1, 0):
            rows = np.flatnonzero(y == label)
            fold[rows] = rng.permutation(len(rows)) % self.folds
        aucs = []
        for (_, classifier), X in zip(members, matrices):
            X_labelled = X[indices]
            per_fold = []
            for f in range(self.folds):
                train, test = fold != f, fold == f
                model = build("classifier", classifier.name, classifier.config())
                model.fit(X_labelled[train], y[train], sample_weight=balancer.weights(y[train]))
                scores = np.asarray(model.scores(X_labelled[test])).ravel()
                pos, neg = scores[y[test] == 1], scores[y[test] == 0]
                if len(pos) and len(neg):
                    diff = pos[:, None] - neg[None, :]
                    per_fold.append(float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size))
            aucs.append(float(np.mean(per_fold)) if per_fold else 0.5)
        best = max(aucs)
        self.aucs = aucs
        if self.select:
            self.member_weights = [1.0 if a == best else 0.0 for a in aucs]
        else:
            self.member_weights = [float(np.exp(self.sharpness * (a - best))) for a in aucs]

    def fuse(self, member_scores, candidates):
        weights = self.member_weights or [1.0] * len(member_scores)
        keep = [k for k, w in enumerate(weights) if w > 1e-3]
        return MeanZ([weights[k] for k in keep]).fuse([member_scores[k] for k in keep], candidates)
