"""Tokens and the bookkeeping both readers share (problems, statement assembly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from screener.query.codes import Problem, problem
from screener.query.nodes import Line, Node, Strategy

QUOTES_DOUBLE = '"“”„'
QUOTES_SINGLE = "'‘’"


class Token:
    """kind: WORD NUMBER PHRASE LP RP OP ADJ SUFFIX HEAD EXP COMBINE TAG REF STAR."""

    __slots__ = ("kind", "value", "line", "col", "extra")

    def __init__(self, kind: str, value: object, line: int, col: int, extra: dict | None = None):
        self.kind, self.value, self.line, self.col = kind, value, line, col
        self.extra = extra if extra is not None else {}

    def __repr__(self) -> str:  # compact, for debugging and test failures
        return f"{self.kind}({self.value!r}@{self.line}:{self.col})"


class Problems:
    """Collects problems; keeps one per (code, line, col, message)."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._seen: set = set()

    def add(self, code: str, message: str, line: int | None, col: int | None,
            severity: str | None = None) -> None:
        p = problem(code, message, line, col, severity)
        key = (p.code, p.line, p.col, p.message)
        if key not in self._seen:
            self._seen.add(key)
            self.items.append(p)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.line or 0, p.col or 0, p.code))


@dataclass
class Statement:
    """Physical lines assembled into one statement: the tokens, where it starts, its number."""

    number: int
    tokens: list[Token]
    line: int
    col: int
    text: str
    numbered: bool = False
    raw_parts: list[tuple[int, int, str]] = field(default_factory=list)  # (line, col, text)


class StatementParser(Protocol):
    def statement(self, st: Statement, known: set[int]) -> Node | None: ...


def _without_backslashes(source: str, problems: Problems) -> str:
    """Backslashes mean nothing to Ovid or PubMed; ``\\"`` is an escaped quote left by a program
    or a JSON file. Each becomes a space (columns stay where they were) with a warning; ``//``
    comment lines are left alone."""
    if "\\" not in source:
        return source
    lines = source.splitlines()
    for number, text in enumerate(lines, start=1):
        if "\\" not in text or text.lstrip().startswith("//"):
            continue
        for col, char in enumerate(text, start=1):
            if char == "\\":
                problems.add("STRAY_CHARACTER", "a backslash means nothing in a strategy (read as a space; "
                             "\\\" is an escaped quote left by a program or a JSON file: write \")", number, col)
        lines[number - 1] = text.replace("\\", " ")
    return "\n".join(lines)


def read_strategy(source: str, dialect: str, assemble: Callable[[str, Problems], list[Statement]],
                  parser: Callable[[Problems], StatementParser]) -> Strategy:
    """Source text → ``Strategy``: the same driver for every reader (assemble physical lines into
    statements, parse each with the lines before it known, report an empty strategy)."""
    problems = Problems()
    statements = assemble(_without_backslashes(source, problems), problems)
    statement_parser = parser(problems)
    lines: list[Line] = []
    known: set[int] = set()
    for st in statements:
        node = statement_parser.statement(st, known)
        lines.append(Line(st.number, node, st.line, st.col, st.text, st.numbered))
        known.add(st.number)
    if not lines:
        problems.add("NOTHING_TO_TRANSLATE", "the strategy has no search lines", None, None)
    return Strategy(lines=lines, problems=problems.sorted(), dialect=dialect, source=source)
