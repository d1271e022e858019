"""Queriers: turn scores into the order in which the candidates are screened next."""

from __future__ import annotations

from screener.rank.ordering import descending_order
from screener.rank.registry import register


def _ranked(scores, candidates):
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    candidates = np.asarray(candidates, dtype=np.int64)
    # Stable order on -score, so ties keep the (already shuffled) candidate order.
    return candidates[descending_order(scores[candidates])]


@register("querier", "max")
class MaxQuerier:
    """Highest score first. With ``exploration`` > 0, that share of the positions (evenly spread,
    never the first) goes to a random candidate instead, so the model also sees records it is
    unsure of and the stopping estimate sees a less biased sample."""

    def __init__(self, exploration: float = 0.0):
        if not 0.0 <= exploration < 1.0:
            raise TypeError("exploration must be in [0, 1)")
        self.exploration = float(exploration)

    def config(self) -> dict:
        return {"exploration": self.exploration}

    def order(self, scores, candidates, rng):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        ranked = _ranked(scores, candidates)
        if self.exploration == 0.0 or len(ranked) < 2:
            return ranked
        every = max(2, int(round(1.0 / self.exploration)))
        slots = np.arange(every - 1, len(ranked), every)
        picks = rng.choice(len(ranked), size=len(slots), replace=False)
        chosen = ranked[picks]
        rest = np.delete(ranked, picks)
        out = np.empty_like(ranked)
        mask = np.zeros(len(ranked), dtype=bool)
        mask[slots] = True
        out[mask] = chosen
        out[~mask] = rest
        return out


@register("querier", "random")
class RandomQuerier:
    """Random order (the baseline every ranker must beat; also the cold start)."""

    def config(self) -> dict:
        return {}

    def order(self, scores, candidates, rng):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        candidates = np.asarray(candidates, dtype=np.int64).copy()
        rng.shuffle(candidates)
        return candidates
