"""Compiled lines kept across compilations, so that a strategy edited in one line (the workbench
checks it at every pause in typing) compiles only what changed.

A line that refers to no other line (a search line: where the terms, fields, headings and
their problems are worked out) compiles, for a target, to what its number and its tree say; the
chunks it produced, the problems it reported and the field approximations it noted are kept under
(target, number, tree) and replayed in the same order when that key comes again. The tree is
numbered by its shape (every node's type and attributes, positions included), the same whatever
request built it. Lines that combine others (``or/1-5``, ``1 and 2``) are compiled each time:
they are quick, and a one-query target's copy of the lines they contain would keep much more.
``Generator`` does the recording and replaying (``reuse_lines()``, asked for by the workbench);
nothing here knows a target.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from typing import Any

from screener.query.nodes import LineRef, Node, Strategy

#: how much is kept: compiled lines, and the chunks they hold in all (a chunk is a short string
#: and a line number: ~100 bytes), oldest forgotten first
MAX_LINES = 40_000
MAX_CHUNKS = 400_000
#: distinct trees numbered before the numbering starts again (numbers are never reused, so old
#: kept lines are simply never asked for again)
MAX_TREES = 100_000

_lock = threading.Lock()
_numbers = itertools.count(1)
_trees: dict[Any, int] = {}
_kept: OrderedDict[tuple, tuple[list | None, list[tuple]]] = OrderedDict()
_kept_chunks = 0


def _shape(value: Any) -> Any:
    """A hashable picture of a tree: every node's type and attributes, recursively."""
    if isinstance(value, Node):
        return (type(value).__name__,) + tuple((k, _shape(v)) for k, v in value.__dict__.items())
    if isinstance(value, (tuple, list)):
        return tuple(_shape(v) for v in value)
    if isinstance(value, (str, int, float, bool, type(None), frozenset)):
        return value
    return (type(value).__name__, repr(value))


def _number(shape: Any) -> int:
    with _lock:
        n = _trees.get(shape)
        if n is None:
            if len(_trees) >= MAX_TREES:
                _trees.clear()
            n = _trees[shape] = next(_numbers)
        return n


def line_keys(strategy: Strategy) -> dict[int, int]:
    """``id(line)`` → its key, for every line with a tree that refers to no other line; computed
    once per parsed strategy (kept on it)."""
    keys = strategy.__dict__.get("_reuse_keys")
    if keys is not None:
        return keys
    keys = {}
    for ln in strategy.lines:
        if ln.node is not None and not any(isinstance(n, LineRef) for n in ln.node.walk()):
            keys[id(ln)] = _number(_shape(ln.node))
    strategy.__dict__["_reuse_keys"] = keys
    return keys


def recall(key: tuple) -> tuple[list | None, list[tuple]] | None:
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
        return found


def keep(key: tuple, chunks: list | None, tape: list[tuple]) -> None:
    global _kept_chunks
    size = len(chunks) if chunks else 0
    with _lock:
        old = _kept.pop(key, None)
        if old is not None:
            _kept_chunks -= len(old[0]) if old[0] else 0
        _kept[key] = (chunks, tape)
        _kept_chunks += size
        while _kept and (len(_kept) > MAX_LINES or _kept_chunks > MAX_CHUNKS):
            _, (gone, _tape) = _kept.popitem(last=False)
            _kept_chunks -= len(gone) if gone else 0


def forget() -> None:
    """Forget every kept line (benchmarks, tests)."""
    global _kept_chunks
    with _lock:
        _kept.clear()
        _kept_chunks = 0
        _trees.clear()


__all__ = ["line_keys", "recall", "keep", "forget", "MAX_LINES", "MAX_CHUNKS"]
