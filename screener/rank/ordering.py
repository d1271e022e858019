"""Orders of scores, as numpy's stable sort gives them, faster for the live queue's 200,000 studies."""

from __future__ import annotations

FAST_FROM = 4096      # below this many values the stable sort itself is as quick


def descending_order(values):
    """The positions of ``values`` from the highest value to the lowest, equal values in their
    original order: exactly ``np.argsort(-values, kind="stable")``. For large float arrays, an
    unstable (vectorised) sort and then the ties put back in position order — each tie run's
    positions sorted by one integer sort of (run, position) — about 3x faster than numpy's stable
    sort of floats (a merge sort) at 200,000 scores. NaN (never a score here) takes the stable
    sort."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    values = np.asarray(values)
    n = len(values)
    if n < FAST_FROM or values.dtype.kind != "f" or np.isnan(values).any():
        return np.argsort(-values, kind="stable")
    negated = -values
    order = np.argsort(negated)
    ranked = negated[order]
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(ranked[1:], ranked[:-1], out=new[1:])
    if new.all():
        return order
    key = (np.cumsum(new) - 1) * n + order     # run of equal values, then position: < n² < 2^63
    key.sort()
    return key % n
