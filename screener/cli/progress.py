"""Progress bars for long commands (`screener import`, `screener dedupe DIR`): drawn on standard
error when it is a terminal, one bar per step; nothing at all otherwise (a pipe, a log file, the
tests), so scripted output and ``--json`` stay as they are."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import typer

LABELS = {"reading": "Reading files   ", "storing": "Storing records ", "importing": "Importing (MB)  ",
          "normalising": "Normalising     ", "comparing": "Comparing pairs ", "writing": "Writing merges  ",
          "counting": "Counting lines  "}


class ProgressBars:
    """A ``screener.progress.Progress`` callable: ``bars(step, done, total)``. Use as a context
    manager so the last bar is closed (its line ended) before the command prints its result."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.step: str | None = None
        self.bar: Any = None
        self.shown = 0

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if step != self.step:
            self.close()
            self.step, self.shown = step, 0
            self.bar = typer.progressbar(length=max(total, 1), label=LABELS.get(step, step), file=self.stream,
                                         show_pos=True, show_eta=True)
            self.bar.__enter__()
        if done > self.shown:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self) -> ProgressBars:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
