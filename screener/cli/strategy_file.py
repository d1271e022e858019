"""A strategy file as the commands read it: ``screener.query.strategy_file`` decodes it (the same
reading as the Python API's and the web app's); the notes it returns (a file read as Windows-1252)
go to stderr here, one line each."""

from __future__ import annotations

import sys
from pathlib import Path

from screener.cli.terminal import printable
from screener.errors import ScreenerError, UsageError
from screener.query import strategy_file


def read_strategy(file: str | Path, label: str = "strategy file") -> tuple[str, str]:
    """(text, name to show) of the strategy in ``file`` (``-``: standard input). Errors start with
    ``label`` and the file (``--strategy`` for an option)."""
    if str(file) == "-" and _at_a_terminal():
        # `query check -` at a terminal waited without a word, as if it had hung
        sys.stderr.write("reading the strategy from the keyboard: type or paste it, then press Ctrl-D "
                         "(Ctrl-Z then Enter on Windows) on a line of its own\n")
        sys.stderr.flush()
    try:
        read = strategy_file.read_strategy(file, label)
    except UsageError as exc:
        # a file that is there (or standard input) whose bytes are not a strategy's text (a Word
        # document, an encoding mixed): its content is refused, exit 1 as an export's is (`import
        # a.pdf`); not there, or a folder: a usage error (exit 2), as every input file named
        if file == "-" or Path(file).is_file():
            raise ScreenerError(str(exc)) from None
        raise
    for note in read.notes:
        sys.stderr.write(printable(f"note: {note}") + "\n")
    return read.text, read.name


def strategy_as_run(path: Path) -> tuple[str, str]:
    """(text, file name) of ``import``'s and ``imports relabel``'s ``--strategy FILE``, the
    strategy as run kept for PRISMA-S: read as the other commands read a strategy (it was decoded
    as UTF-8, else as Windows-1252 whatever it was: Notepad's UTF-16 became 'ÿþ1\\x00 \\x00e...'
    in the search report). Only the file's name is kept: a path is private."""
    text, _ = read_strategy(path, label="--strategy")
    return text, Path(path).name


def _at_a_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):     # (stdin closed, or replaced by an object without isatty)
        return False
