"""Named components of the ranker, by kind, and the one way to build one from its name.

Kinds: ``features`` (documents → sparse matrix), ``classifier`` (fit, score), ``balancer`` (sample
weights), ``querier`` (scores → screening order), ``stopper`` (labels in screening order → stopping
estimate), ``fusion`` (several members' scores → one score). A component registers itself with
``@register(kind, name)``; presets and the CLI name components, never classes. The package's
``__init__`` imports every component module, so a component is registered before any lookup and
this module imports none of them (a new component module is added to that list).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from screener.errors import RankerError

KINDS = ("features", "classifier", "balancer", "querier", "stopper", "fusion")

_REGISTRY: dict[str, dict[str, type]] = {kind: {} for kind in KINDS}


def register(kind: str, name: str) -> Callable[[type], type]:
    if kind not in _REGISTRY:
        raise ValueError(f"unknown component kind {kind!r}; one of {', '.join(KINDS)}")

    def decorate(cls: type) -> type:
        if name in _REGISTRY[kind]:
            raise ValueError(f"two {kind} components named {name!r}")
        setattr(cls, "name", name)     # noqa: B010 - set on any class; the components declare no field
        setattr(cls, "kind", kind)     # noqa: B010
        _REGISTRY[kind][name] = cls
        return cls

    return decorate


def names(kind: str) -> list[str]:
    if kind not in _REGISTRY:
        raise RankerError(f"unknown component kind {kind!r}; valid kinds: {', '.join(KINDS)}")
    return sorted(_REGISTRY[kind])


def component_class(kind: str, name: str) -> type:
    valid = names(kind)
    if name not in _REGISTRY[kind]:
        raise RankerError(f"unknown {kind} component {name!r}; valid {kind} components: {', '.join(valid)}")
    return _REGISTRY[kind][name]


def build(kind: str, name: str, params: dict[str, Any] | None = None) -> Any:
    """An instance of the component ``name`` of ``kind`` with ``params``; a RankerError names the
    valid components or parameters when either is wrong."""
    cls = component_class(kind, name)
    try:
        return cls(**(params or {}))
    except TypeError as exc:
        raise RankerError(f"{kind} component {name!r}: bad parameters {params!r} ({exc})") from None
