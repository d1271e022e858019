"""Compiled lines kept across compilations, so that a strategy edited in one line (the workbench
checks it at every pause in typing) compiles only what changed.

A line's compilation by a target is a function of the target, the line's number and its tree —
and, for the targets that write the whole strategy as one query (PubMed, Scopus…), of the lines
it refers to, whose queries it contains. Its result is the chunks it produced, the problems it
reported and the field approximations it noted; all three are kept under a key naming exactly
those inputs, and replayed in the same order when the key comes again:

- a line's *own* key: its tree (every node's type and fields, positions included), interned to a
  number, the same whatever request built the tree;
- its *closure* key: its own key and the closure keys of the lines it refers to, in order; a
  reference to a line not before it (a forward or missing reference) makes the line not reused.

Multi-line targets (Ovid, Embase.com, Cochrane) write a reference as its number: their lines are
kept by own key; the others by closure key. ``Generator`` does the recording and replaying
(``compile(reuse=True)`` is what the workbench asks for); nothing here knows a target.
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
MAX_CHUNKS = 600_000
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


def line_keys(strategy: Strategy) -> dict[int, tuple[int, int | None]]:
    """``id(line)`` → (own key, closure key or None) for every line with a tree; computed once
    per parsed strategy (kept on it)."""
    keys = strategy.__dict__.get("_reuse_keys")
    if keys is not None:
        return keys
    keys = {}
    closure: dict[int, int | None] = {}
    for ln in strategy.lines:
        if ln.node is None:
            closure.setdefault(ln.number, None)
            continue
        own = _number(_shape(ln.node))
        refs = []
        for n in ln.node.walk():
            if isinstance(n, LineRef):
                refs.append(closure.get(n.number, -1) if n.number in closure else -1)
        whole = None if -1 in refs else _number(("closure", own, tuple(refs)))
        keys[id(ln)] = (own, whole)
        closure.setdefault(ln.number, whole if whole is not None else -1)
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
