"""The one parse tree every reader builds and every target compiles from.

A strategy (``Strategy``) is a list of numbered lines (``Line``); each line holds one node. Every
node keeps the physical source position where it starts: ``line`` and ``col``, both 1-based.

Node kinds, and what a local evaluator (one that runs a strategy over records) needs to know:

``Term``
    Free text searched in ``fields`` (a tuple of canonical field codes, see ``fields.FIELDS``:
    ``ti`` title, ``ab`` abstract, ``kf`` author keywords, ``tw`` text word (title+abstract),
    ``mp`` Ovid's default multi-purpose field set, ``atm`` PubMed's untagged automatic term
    mapping, ``fs`` floating subheading, ``pt`` publication type, ``all`` all fields, …).
    ``text`` is one or more words separated by single spaces; several words always mean a
    phrase (adjacent, in order). ``phrase`` says the words were quoted in the source.
    Wildcards stay in ``text`` in one canonical notation (Ovid's):
    ``*`` any number of characters (Ovid ``*``/``$``, PubMed ``*``), ``$N`` at most N
    characters, ``#`` exactly one character, ``?`` zero or one character.
    ``Term.regex()`` turns this into a Python regular expression over one word sequence.
    ``implicit`` is True when no field was written anywhere (the reader's default applies:
    ``("mp",)`` for Ovid, ``("atm",)`` for PubMed). ``suffix`` is the field set written on
    this very node (``None`` when inherited or defaulted), kept for faithful re-writing.

``Heading``
    A controlled-vocabulary subject heading (MeSH unless ``thesaurus`` says otherwise):
    ``name`` (display form, e.g. ``"Back Pain"``), ``explode`` (include narrower headings),
    ``major`` (major-topic only), ``subheadings`` (full lower-case names such as
    ``"psychology"``; a record matches any of them). ``via_field`` is ``"sh"`` when written
    ``X.sh.`` rather than ``X/``. ``quoted`` is False for a one-word PubMed heading written
    without quotes (``humans[mh]``), so PubMed output can repeat it as written. ``limit`` is the
    Embase.com limit it was written as (``[animals]/lim`` NOTed or ORed, as its animal filter
    ``NOT ([animals]/lim NOT [humans]/lim)`` is: a set, not a limit of a search), written back as such.

``Proximity``
    Its ``operands`` (two or more nodes, usually terms or OR-groups of terms) occur within
    ``distance`` words of each other: Ovid ``adjN`` means at most N−1 words between them,
    so ``distance`` = N; PubMed ``~M`` becomes ``distance`` = M+1. ``ordered`` means the
    operands must appear in the written order (Ovid ``adj`` without a number: ``distance`` 1,
    ``ordered`` True, i.e. a phrase). Chains with one distance (``a adj2 b adj2 c``) are one
    node with three operands.

``BoolOp``
    ``op`` is ``"and"``, ``"or"`` or ``"not"``. AND/OR take two or more ``operands``; NOT is
    binary: ``operands[0]`` minus ``operands[1]``. ``combined`` holds the written shorthand
    (``"or/1-5"``) when the node came from one.

``LineRef``
    The result set of strategy line ``number`` (``Strategy.line(number).node``).

``Limit``
    ``operand`` (a ``LineRef``) restricted by every ``Filter`` in ``filters``: ``kind`` is one of
    ``language`` (value: lower-case language), ``humans``, ``animals``, ``year`` (value:
    (first, last) years, last ``None`` for "Current"), ``entry_date`` (value: (first, last) as
    ``YYYYMMDD`` or ``YYYY`` strings), ``publication_type`` (value: lower-case name) or
    ``unknown`` (value: the text; targets refuse it with ``LIMIT_UNSUPPORTED``).

Group nodes (``BoolOp``, ``Proximity``) carry ``suffix`` too when a field suffix was written on
the parenthesised group; the fields are already distributed to the terms inside (``Term.fields``
is always the effective field set), so an evaluator never needs to look at ``suffix``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(eq=False)
class Node:
    line: int
    col: int

    def children(self) -> tuple[Node, ...]:
        return ()

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first, left to right."""
        yield self
        for child in self.children():
            yield from child.walk()


@dataclass(eq=False)
class Term(Node):
    text: str = ""
    phrase: bool = False
    fields: tuple[str, ...] = ("mp",)
    implicit: bool = True
    suffix: tuple[str, ...] | None = None

    @property
    def words(self) -> list[str]:
        return self.text.split(" ")

    @property
    def has_wildcard(self) -> bool:
        return bool(WILDCARD_RE.search(self.text))

    def regex(self) -> str:
        """A regular expression (case-insensitive use intended) matching the term's words in a
        text where words are separated by single spaces."""
        out = []
        for piece in WILDCARD_SPLIT_RE.split(self.text):
            if not piece:
                continue
            if piece == "*":
                out.append(r"\w*")
            elif piece.startswith("$"):
                out.append(rf"\w{{0,{int(piece[1:])}}}")
            elif piece == "#":
                out.append(r"\w")
            elif piece == "?":
                out.append(r"\w?")
            else:
                out.append(re.escape(piece).replace(r"\ ", r"\W+"))
        return r"\b" + "".join(out) + r"\b"


WILDCARD_RE = re.compile(r"\*|\$\d+|#|\?")
WILDCARD_SPLIT_RE = re.compile(r"(\*|\$\d+|#|\?)")


@dataclass(eq=False)
class Heading(Node):
    name: str = ""
    explode: bool = False
    major: bool = False
    subheadings: tuple[str, ...] = ()
    thesaurus: str = "mesh"
    via_field: str | None = None
    written: str = ""
    quoted: bool = True
    limit: str = ""


@dataclass(eq=False)
class Proximity(Node):
    operands: tuple[Node, ...] = ()
    distance: int = 1
    ordered: bool = False
    suffix: tuple[str, ...] | None = None

    def children(self) -> tuple[Node, ...]:
        return self.operands


@dataclass(eq=False)
class BoolOp(Node):
    op: str = "and"
    operands: tuple[Node, ...] = ()
    suffix: tuple[str, ...] | None = None
    combined: str | None = None

    def children(self) -> tuple[Node, ...]:
        return self.operands


@dataclass(eq=False)
class LineRef(Node):
    number: int = 0
    written: str = ""        # an Ovid command that names the line (`remove duplicates from 2`), kept for Ovid


@dataclass(eq=False)
class Filter(Node):
    kind: str = "unknown"
    value: object = None
    text: str = ""


@dataclass(eq=False)
class Limit(Node):
    operand: Node | None = None
    filters: tuple[Filter, ...] = ()

    def children(self) -> tuple[Node, ...]:
        return ((self.operand,) if self.operand is not None else ()) + self.filters


@dataclass(eq=False)
class Line:
    """One statement of a strategy: its number (as written, or counted), its node (``None``
    when the statement could not be parsed at all), where it starts, and its source text."""

    number: int
    node: Node | None
    line: int
    col: int
    text: str
    numbered: bool = False


@dataclass(eq=False)
class Strategy:
    """A parsed strategy: ``lines`` in order, ``problems`` (every problem found, sorted by
    position), ``dialect`` it was read as, and ``source`` (the text, for carets)."""

    lines: list[Line] = field(default_factory=list)
    problems: list = field(default_factory=list)
    dialect: str = "ovid"
    source: str = ""
    #: the Ovid database it was read as (``ovid-embase`` …; None: MEDLINE or not Ovid): its field
    #: codes are that database's own, so written for that database they are kept as they are
    database: str | None = None

    def line(self, number: int) -> Line | None:
        for ln in self.lines:
            if ln.number == number:
                return ln
        return None

    @property
    def final(self) -> Line | None:
        """The last statement: the one a database runs as the strategy's result."""
        for ln in reversed(self.lines):
            if ln.node is not None:
                return ln
        return None

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list:
        return [p for p in self.problems if p.severity != "error"]

    def resolve(self, node: Node) -> Node:
        """``node`` with every ``LineRef`` replaced by the referenced line's node (recursively).
        A line referred to several times is one shared object, never a copy, so the result is
        as large as the strategy however often lines repeat earlier lines."""
        resolved: dict[int, Node] = {}
        for ln in self.lines:        # earlier lines first: a reference is always resolved already
            if ln.node is not None:
                resolved[ln.number] = self._resolve(ln.node, resolved)
        return self._resolve(node, resolved)

    def _resolve(self, node: Node, resolved: dict[int, Node]) -> Node:
        if isinstance(node, LineRef):
            return resolved.get(node.number, node)
        if isinstance(node, BoolOp):
            return BoolOp(node.line, node.col, node.op,
                          tuple(self._resolve(c, resolved) for c in node.operands),
                          node.suffix, node.combined)
        if isinstance(node, Proximity):
            return Proximity(node.line, node.col, tuple(self._resolve(c, resolved) for c in node.operands),
                             node.distance, node.ordered, node.suffix)
        if isinstance(node, Limit):
            return Limit(node.line, node.col,
                         self._resolve(node.operand, resolved) if node.operand else None, node.filters)
        return node
