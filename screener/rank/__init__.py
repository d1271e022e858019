"""The active-learning relevance ranker: named components (features, classifier, balancer, querier,
stopper, fusion), named presets, simulation on labelled sets, and the live queue's ordering."""

# Importing the component modules registers their components (screener.rank.registry).
from screener.rank import balancers, classifiers, features, fusion, queriers, stoppers  # noqa: F401
from screener.rank.features import Doc
from screener.rank.presets import PRESETS, preset_names
from screener.rank.ranker import Ranker
from screener.rank.registry import KINDS, names

__all__ = ["Doc", "KINDS", "PRESETS", "Ranker", "names", "preset_names"]
