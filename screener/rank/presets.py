"""Named presets: complete ranker configurations, chosen by name in review.toml or on the command line.

A configuration names one component of each kind (with parameters) and one or more *members*
(features + classifier); several members are fused. ``retrain`` says how often simulation retrains
(the live queue retrains whenever the labels change).
"""

from __future__ import annotations

import copy
from typing import Any

from screener.errors import RankerError
from screener.rank import registry

# ASReview LAB 3.0.8's default model ELAS u4, rebuilt from our components.
_ELAS_U4 = {
    "members": [{"features": ["tfidf", {}], "classifier": ["svm", {}]}],
    "fusion": ["single", {}],
    "balancer": ["balanced", {"ratio": 9.8}],
    "querier": ["max", {}],
    "stopper": ["buscar", {"target": 0.95, "alpha": 0.05}],
    "retrain": {"every": 1, "growth": 0.0},
}

PRESETS: dict[str, dict[str, Any]] = {
    "elas-u4": {
        **_ELAS_U4,
        "description": "ASReview's default (ELAS u4): word 1–2-gram TF-IDF, linear SVM, "
                       "balanced weights, highest score first, retrain after every label.",
    },
    "word-char": {
        **_ELAS_U4,
        "members": [{"features": ["tfidf", {}], "classifier": ["svm", {}]},
                    {"features": ["tfidf-char", {}], "classifier": ["svm", {}]}],
        "fusion": ["rrf", {"k": 60}],
        "retrain": {"every": 1, "growth": 0.03, "on_relevant": True},
        "description": "Two SVMs, on word 1–2-grams and on character 3–5-grams, fused by "
                       "reciprocal rank: much better on Bannach-Brown (preclinical), worse on "
                       "Nagtegaal; slower.",
    },
}
PRESETS["word-prefix"] = {
    **copy.deepcopy(_ELAS_U4),
    "members": [{"features": ["tfidf-prefix", {"prefix": 8}], "classifier": ["svm", {}]}],
    "retrain": {"every": 1, "growth": 0.03, "on_relevant": True},
    "description": "As word, but the word 1–2-grams are over words cut to their first 8 "
                   "letters (word forms pool their evidence). The default until ensemble: +2.7 "
                   "WSS@95 on average over the nine shared sets, but 0.9 and 1.2 below ASReview "
                   "3.0.8 on two of them (README, Performance → Ranker).",
}
PRESETS["word"] = {
    **copy.deepcopy(_ELAS_U4),
    "retrain": {"every": 1, "growth": 0.03, "on_relevant": True},
    "description": "ELAS u4's components, retrained after every relevant label and otherwise after "
                   "3% more labels (WSS@95 within a point of ELAS u4 on the five benchmark sets; "
                   "5-6x less CPU than ASReview's simulate).",
}
_SVM = ["svm", {}]
_WORD_MEMBER = {"features": ["tfidf", {}], "classifier": _SVM}
_PREFIX_MEMBER = {"features": ["tfidf-prefix", {"prefix": 8}], "classifier": _SVM}
_VIEWS_MEMBER = {"features": ["tfidf-views", {"views": [["tfidf", {}], ["tfidf-prefix", {"prefix": 8}]],
                                              "weights": None}], "classifier": _SVM}
PRESETS["ensemble-lite"] = {
    **copy.deepcopy(PRESETS["word"]),
    "members": [copy.deepcopy(_WORD_MEMBER), copy.deepcopy(_PREFIX_MEMBER)],
    "fusion": ["rrf", {"k": 60}],
    "description": "Two SVMs, on word 1–2-grams and on 8-letter-prefix 1–2-grams, fused by reciprocal "
                   "rank: never more than 0.1 WSS@95 below ASReview 3.0.8 on any of the nine shared "
                   "sets (+1.5 on average; README, Performance → Ranker); the default until "
                   "ensemble became fast enough, about half its CPU.",
}
PRESETS["ensemble"] = {
    **copy.deepcopy(PRESETS["word"]),
    "members": [copy.deepcopy(_WORD_MEMBER), copy.deepcopy(_PREFIX_MEMBER), copy.deepcopy(_VIEWS_MEMBER)],
    "fusion": ["rrf", {"k": 60}],
    "description": "Three SVMs — word 1–2-grams, 8-letter-prefix 1–2-grams, and both views stacked in "
                   "one space (the SVM weighs each view by the review's own labels) — fused by "
                   "reciprocal rank: +2.1 WSS@95 on average over the nine shared sets (held out: "
                   "+2.10) and never more than 0.1 below ASReview 3.0.8 on any, at about 1.9x "
                   "ensemble-lite's CPU (README, Performance → Ranker).",
}
# The recommended preset is chosen by leave-one-set-out selection over the nine shared labelled sets
# among the configurations that keep simulation at least 5x faster than ASReview's (its recorded
# wall time against our CPU time plus a process's start-up; benchmarks/rank_lodo.py; README,
# Performance → Ranker): ensemble, in eight folds of nine (ensemble-lite with calcium channel
# blockers held out), and on all nine sets. Until the SVM fits stopped copying the labelled rows to
# float64 it measured 4.5-4.8x and was not eligible; ensemble-lite was the default then.
PRESETS["default"] = {
    **copy.deepcopy(PRESETS["ensemble"]),
    "description": "The recommended preset, the same as ensemble: SVMs on word 1–2-grams, on "
                   "8-letter-prefix 1–2-grams and on both stacked in one space, fused by reciprocal "
                   "rank; retrained after every relevant label and otherwise after 3% more labels.",
}


def preset_names() -> list[str]:
    return sorted(PRESETS)


def preset_config(name: str) -> dict[str, Any]:
    if name not in PRESETS:
        raise RankerError(f"unknown preset {name!r}; valid presets: {', '.join(preset_names())}")
    config = copy.deepcopy(PRESETS[name])
    config["preset"] = name
    return config


def overrides_from_names(preset: str, *, features: str | None = None, classifier: str | None = None,
                         balancer: str | None = None, querier: str | None = None,
                         stopper: str | None = None, fusion: str | None = None) -> dict[str, Any]:
    """Ranker overrides from component names (the CLI's options); each name is checked, and an
    unknown one is a RankerError listing the valid names."""
    config = preset_config(preset)
    overrides: dict[str, Any] = {}
    for kind, name in (("balancer", balancer), ("querier", querier), ("stopper", stopper),
                       ("fusion", fusion)):
        if name:
            registry.component_class(kind, name)
            overrides[kind] = [name, {}]
    if features or classifier:
        if classifier:
            registry.component_class("classifier", classifier)
        members = config["members"]
        if features:
            names = [f.strip() for f in features.split(",") if f.strip()]
            for name in names:
                registry.component_class("features", name)
            base = members[0]["classifier"]
            members = [{"features": [name, {}], "classifier": base} for name in names]
        if classifier:
            members = [{**m, "classifier": [classifier, {}]} for m in members]
        overrides["members"] = members
        if len(members) == 1 and not fusion:
            overrides["fusion"] = ["single", {}]
        elif len(members) > 1 and not fusion and config["fusion"][0] == "single":
            overrides["fusion"] = ["rrf", {}]
    return overrides


def describe() -> dict[str, Any]:
    """Presets with their descriptions, and the registered components by kind."""
    return {"presets": {name: PRESETS[name]["description"] for name in preset_names()},
            "components": {kind: registry.names(kind) for kind in registry.KINDS}}
