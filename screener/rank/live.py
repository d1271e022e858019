"""The contract between the screening queue and the ranker.

The queue calls ``rank_studies`` for the order of the studies a reviewer may screen next and stores
the returned ``state`` with each vote (what ordered the queue). Until the ranker has one include
and one exclude to learn from, the order is a seeded shuffle (cold start) — never file order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RankedOrder:
    order: list[int]                                  # study ids, most likely relevant first
    state: dict[str, Any] = field(default_factory=dict)  # JSON-able: preset, model version, labels seen


def rank_studies(ws, stage: str, study_ids: list[int]) -> RankedOrder:
    """Order ``study_ids`` for ``stage``. Cold-start implementation: a shuffle seeded by the review's
    ranker seed and the stage, so that both screeners see the same order."""
    seed = f"{ws.settings.ranker_seed}:{stage}"
    order = sorted(study_ids)
    random.Random(seed).shuffle(order)
    return RankedOrder(order, {"ranker": "cold-start", "seed": ws.settings.ranker_seed})


def stopping_estimate(ws, stage: str) -> dict[str, Any] | None:
    """Estimated recall so far with a confidence bound; None until the ranker can say anything."""
    return None
