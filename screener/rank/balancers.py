"""Balancers: sample weights that keep the few relevant records from being drowned out."""

from __future__ import annotations

from screener.rank.registry import register


@register("balancer", "balanced")
class Balanced:
    """Relevant records together weigh ``ratio`` times the irrelevant ones (ASReview's
    ``balanced`` with ratio 9.8 in ELAS u4); weights are rescaled to average 1."""

    def __init__(self, ratio: float = 9.8):
        self.ratio = float(ratio)

    def config(self) -> dict:
        return {"ratio": self.ratio}

    def weights(self, y):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        y = np.asarray(y)
        n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
        w = np.where(y == 1, 1.0, n_pos / (self.ratio * max(n_neg, 1)))
        return w * (len(y) / w.sum())


@register("balancer", "none")
class NoBalancing:
    """Every labelled record weighs the same."""

    def config(self) -> dict:
        return {}

    def weights(self, y):
        return None
