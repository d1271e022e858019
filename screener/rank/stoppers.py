"""Stoppers: from the labels in screening order, say whether screening can stop.

``buscar`` is the statistical one (Callaghan & Müller-Hansen 2020, "Statistical stopping criteria
for automated screening in systematic reviews", Syst Rev 9:273). It treats the last ``k`` screened
records as if they were a random sample from the records still unscreened at the time they were
drawn (an urn of ``N - n + k`` records). Under H0 "recall is below the target τ", at least
``floor(r/τ) + 1`` relevant records exist in total, so the urn held at least
``K = floor(r/τ) + 1 - (r - r_k)`` relevant ones, where ``r`` is the number found and ``r_k`` the
number among the last ``k``. The p-value of H0 for that window is the hypergeometric probability of
drawing ``r_k`` or fewer relevant records in ``k`` draws; the test takes the smallest p over the
windows and stops when it is below ``alpha``. Because active learning screens the likeliest
records first, the last ``k`` records are richer in relevant ones than a random sample would be, so
the test errs on the side of screening more. The same test, inverted, gives a one-sided lower
confidence bound on recall: the largest τ that H0 rejects.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from screener.rank.registry import register


@dataclass
class StopEstimate:
    stop: bool                       # may the team stop screening unscreened records?
    method: str
    screened: int                    # records screened (labels in the sequence)
    relevant_found: int
    remaining: int                   # unscreened records the estimate applies to
    recall_target: float | None = None
    alpha: float | None = None
    p_value: float | None = None     # of H0 "recall below target"
    recall_lower_bound: float | None = None   # one-sided (1 - alpha) bound
    recall_estimate: float | None = None      # point estimate
    note: str = ""
    caution: str = ""                # the estimate rests on very few relevant studies (``caution``)

    def to_json(self) -> dict:
        return asdict(self)


FEW_RELEVANT = 5     # relevant studies found below which an estimate carries a caution


def caution(relevant_found: int) -> str:
    """What to keep in mind when the estimate rests on a handful of relevant studies: the test is
    as valid as ever under its assumption, but whether the ranker (trained on so few) could have
    recognised the others is exactly what it cannot tell."""
    if not 0 < relevant_found < FEW_RELEVANT:
        return ""
    what = "1 relevant study" if relevant_found == 1 else f"{relevant_found} relevant studies"
    return (f"only {what} found so far: the estimate rests on {'it' if relevant_found == 1 else 'them'}, "
            f"and relevant studies unlike {'it' if relevant_found == 1 else 'these'} may be ranked low — "
            f"screen on or check the search before setting the rest aside")


def _with_caution(note: str, warning: str) -> str:
    return f"{warning}. {note}" if warning else note


def _windows(n: int):
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    # Geometrically spaced window sizes: the minimum over ~120 windows is within a hair of the
    # minimum over all n, at a fraction of the cost.
    return np.unique(np.round(np.geomspace(1, n, num=min(n, 120))).astype(np.int64))


def buscar_p_value(labels, n_total: int, target: float) -> float:
    """p-value of H0 "recall < target" given ``labels`` (1 = relevant) in screening order."""
    # lazy: numpy and scipy.stats take 1.46 s to load, and every command loads screener.rank
    import numpy as np
    from scipy.stats import hypergeom

    labels = np.asarray(labels, dtype=np.int64)
    n = len(labels)
    r = int(labels.sum())
    if n == 0 or r == 0:
        return 1.0
    ks = _windows(n)
    tail = np.cumsum(labels[::-1])[ks - 1]          # relevant among the last k
    urn = n_total - n + ks
    k_hat = math.floor(r / target) + 1 - (r - tail)  # relevant the urn must hold under H0
    impossible = k_hat > urn                         # H0 cannot hold: more relevant than records
    p = hypergeom.cdf(tail, urn, np.minimum(k_hat, urn), ks)
    p = np.where(impossible, 0.0, p)
    return float(np.nanmin(p))


def buscar_recall_bound(labels, n_total: int, alpha: float) -> float:
    """Largest recall τ (to 0.001) such that H0 "recall < τ" is rejected at ``alpha``; 0 if none."""
    lo, hi = 0.0, 1.0   # p(τ) grows with τ: find the last τ with p < alpha
    if buscar_p_value(labels, n_total, 0.001) >= alpha:
        return 0.0
    lo = 0.001
    for _ in range(12):
        mid = (lo + hi) / 2
        if buscar_p_value(labels, n_total, mid) < alpha:
            lo = mid
        else:
            hi = mid
    return math.floor(lo * 1000) / 1000


def recall_point_estimate(labels, n_total: int) -> float | None:
    """Found / (found + expected missed), the miss rate taken from the last tenth of the screened
    records (at least 50): a biased-high rate, so the estimate leans low."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    labels = np.asarray(labels, dtype=np.int64)
    n, r = len(labels), int(labels.sum())
    if n == 0 or r == 0:
        return None
    window = min(n, max(50, n // 10))
    rate = (labels[-window:].sum() + 0.5) / (window + 1)
    missed = rate * (n_total - n)
    return round(float(r / (r + missed)), 4)


@register("stopper", "buscar")
class BuscarStopper:
    """Hypergeometric test of "recall below target" (Callaghan & Müller-Hansen 2020): stop when
    rejected at ``alpha``."""

    name: str      # set by @register

    def __init__(self, target: float = 0.95, alpha: float = 0.05, min_screened: int = 20):
        if not 0 < target < 1 or not 0 < alpha < 1:
            raise TypeError("target and alpha must be in (0, 1)")
        self.target, self.alpha, self.min_screened = float(target), float(alpha), int(min_screened)

    def config(self) -> dict:
        return {"target": self.target, "alpha": self.alpha, "min_screened": self.min_screened}

    def should_stop(self, labels, n_total: int) -> bool:
        if len(labels) < self.min_screened:
            return False
        return buscar_p_value(labels, n_total, self.target) < self.alpha

    def estimate(self, labels, n_total: int) -> StopEstimate:
        n, r = len(labels), int(sum(labels))
        p = buscar_p_value(labels, n_total, self.target)
        warning = caution(r)
        return StopEstimate(
            stop=n >= self.min_screened and p < self.alpha, method=self.name, screened=n,
            relevant_found=r, remaining=n_total - n, recall_target=self.target, alpha=self.alpha,
            p_value=round(p, 6), recall_lower_bound=buscar_recall_bound(labels, n_total, self.alpha),
            recall_estimate=recall_point_estimate(labels, n_total),
            note=_with_caution(f"stop when H0 'recall < {self.target:g}' is rejected at alpha {self.alpha:g} "
                               f"(hypergeometric test, Callaghan & Müller-Hansen 2020)", warning),
            caution=warning)


@register("stopper", "consecutive-irrelevant")
class ConsecutiveIrrelevant:
    """Heuristic: stop after ``n`` irrelevant records in a row. No statistical guarantee; shown for
    comparison with the tools that offer only this."""

    name: str      # set by @register

    def __init__(self, n: int = 100):
        self.n = int(n)

    def config(self) -> dict:
        return {"n": self.n}

    def should_stop(self, labels, n_total: int) -> bool:
        run = 0
        for label in reversed(labels):
            if label:
                break
            run += 1
            if run >= self.n:
                return bool(sum(labels))
        return False

    def estimate(self, labels, n_total: int) -> StopEstimate:
        warning = caution(int(sum(labels)))
        return StopEstimate(stop=self.should_stop(labels, n_total), method=self.name,
                            screened=len(labels), relevant_found=int(sum(labels)),
                            remaining=n_total - len(labels),
                            recall_estimate=recall_point_estimate(labels, n_total),
                            note=_with_caution(f"heuristic: {self.n} irrelevant in a row; no confidence bound",
                                               warning), caution=warning)


@register("stopper", "none")
class NeverStop:
    """Never says stop (screen everything)."""

    name: str      # set by @register

    def config(self) -> dict:
        return {}

    def should_stop(self, labels, n_total: int) -> bool:
        return False

    def estimate(self, labels, n_total: int) -> StopEstimate:
        return StopEstimate(stop=False, method=self.name, screened=len(labels),
                            relevant_found=int(sum(labels)), remaining=n_total - len(labels))
