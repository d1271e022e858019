"""The translation oracle: does the compiled query mean what the strategy means?

``compare(text, records, read="ovid", write="pubmed") -> OracleResult`` compiles the strategy,
reads every compiled line back with the query builder's PubMed parser, evaluates both on the
same records and compares the sets line by line. A record whose outcome differs is traced to
its *origin*: the innermost strategy line whose result differs while every line it refers to
agrees. The difference is *explained* when the compiler reported a meaning-changing warning
(``MEANING_CODES``) on that line; otherwise it is a compiler bug or a missing warning.

``records_for(strategy, n, seed)`` makes records from a strategy's own terms so that its lines
actually match: each term instantiated (truncations filled in, wildcards replaced), adjacency at
the boundary distance and one word beyond it, both word orders, phrases across punctuation, and
the strategy's headings with and without major/subheading flags. Used by the property test.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from screener.errors import UsageError
from screener.query import parse, raise_for_errors
from screener.query.codes import Problem
from screener.query.evaluate.corpus import Corpus
from screener.query.evaluate.evaluator import Evaluator
from screener.query.evaluate.results import LineResult
from screener.query.evaluate.words import effective_text, term_words
from screener.query.nodes import BoolOp, Heading, LineRef, Node, Proximity, Strategy, Term
from screener.query.translate import compile_strategy, generator_class
from screener.records.model import MeshHeading, Record

#: compiler warnings that say the compiled query may find a different set
MEANING_CODES = frozenset({
    "PROXIMITY_DEGRADED", "WILDCARD_BROADENED", "FIELD_APPROXIMATED", "FIELD_UNSUPPORTED",
    "HEADING_NEEDS_MAPPING", "HEADING_EXPLOSION_LOST", "SHORT_TRUNCATION", "LIMIT_UNSUPPORTED",
    "LIMIT_APPROXIMATED", "UNTAGGED_TERM",
})


@dataclass
class Difference:
    record: int
    line: int                   # origin line (strategy line number)
    source: str                 # status under the strategy: hit / undetermined / miss
    target: str                 # status under the compiled query read back
    explained_by: list[Problem] = field(default_factory=list)

    @property
    def explained(self) -> bool:
        return bool(self.explained_by)

    def to_dict(self) -> dict:
        return {"record": self.record, "line": self.line, "source": self.source,
                "target": self.target, "explained_by": [p.code for p in self.explained_by]}


@dataclass
class OracleResult:
    strategy: Strategy
    target: str
    query: str | None
    differences: list[Difference]
    reparse_errors: list[tuple[int, str]]     # (line, problem) where the compiled text failed to parse
    notes: list[str]                          # what was not checked, and why
    lines_compared: int = 0

    @property
    def unexplained(self) -> list[Difference]:
        return [d for d in self.differences if not d.explained]

    @property
    def ok(self) -> bool:
        return not self.unexplained and not self.reparse_errors

    def to_dict(self) -> dict:
        return {"target": self.target, "query": self.query, "lines_compared": self.lines_compared,
                "differences": [d.to_dict() for d in self.differences],
                "unexplained": len(self.unexplained),
                "reparse_errors": [{"line": n, "problem": p} for n, p in self.reparse_errors],
                "notes": self.notes}


def _statement_of_physical_line(strategy: Strategy) -> dict[int, int]:
    """physical source line → the strategy line (statement) it belongs to."""
    starts = sorted((ln.line, ln.number) for ln in strategy.lines)
    out: dict[int, int] = {}
    total = len(strategy.source.splitlines()) + 1
    for k, (start, number) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else total + 1
        for p in range(start, end):
            out[p] = number
    return out


def _refs(node: Node | None) -> set[int]:
    return set() if node is None else {n.number for n in node.walk() if isinstance(n, LineRef)}


def _line_node(strategy: Strategy, number: int) -> Node | None:
    line = strategy.line(number)
    return None if line is None else line.node


def _status(res: LineResult, i: int) -> str:
    return res.status(i)


def compare(text: str, records: Sequence[Record], read: str = "ovid",
            write: str = "pubmed") -> OracleResult:
    """Evaluate the strategy and its ``write`` translation (read back) on the same records."""
    if write != "pubmed":
        raise UsageError("the oracle reads compiled queries back with the PubMed parser: "
                         "only --to pubmed can be checked")
    strategy = raise_for_errors(parse(text, read))
    translation = compile_strategy(strategy, generator_class(write), write)
    corpus = Corpus(records)
    source_ev = Evaluator(strategy, corpus)
    source_ev.prepare()
    source_lines = {r.number: r for r in source_ev.run()}

    notes: list[str] = []
    for ln in strategy.lines:
        if ln.node is not None and any(isinstance(n, Heading) and n.explode
                                       for n in ln.node.walk()):
            notes.append(f"line {ln.number}: exploded heading compared without the MeSH tree "
                         "(both sides search the named heading only)")
    stmt_of = _statement_of_physical_line(strategy)
    warnings_by_line: dict[int, list[Problem]] = {}
    for p in translation.warnings + translation.errors:
        if p.code in MEANING_CODES and p.line is not None and p.line in stmt_of:
            warnings_by_line.setdefault(stmt_of[p.line], []).append(p)

    target_lines: dict[int, LineResult] = {}
    reparse_errors: list[tuple[int, str]] = []
    for number, compiled in translation.lines:
        if compiled is None or number not in source_lines:
            continue
        back = parse(compiled, "pubmed")
        if back.errors or len(back.lines) != 1 or back.lines[0].node is None:
            first = back.errors[0] if back.errors else None
            reparse_errors.append((number, f"{first.code}: {first.message}" if first else
                                   f"{len(back.lines)} statements"))
            continue
        ev = Evaluator(back, corpus)
        ev.prepare()
        res = ev.run()[0]
        target_lines[number] = LineResult(number, compiled, res.hits, res.undetermined)

    differing: dict[int, set[int]] = {}
    for number, tres in target_lines.items():
        sres = source_lines[number]
        diff = (sres.hits ^ tres.hits) | (sres.undetermined ^ tres.undetermined)
        if diff:
            differing[number] = set(diff)
    def explaining(number: int, seen: set[int]) -> list[Problem]:
        """Warnings on the line, and on lines it refers to that could not be compared."""
        out = list(warnings_by_line.get(number, []))
        for ref in _refs(_line_node(strategy, number)):
            if ref not in seen and ref not in target_lines:
                seen.add(ref)
                out.extend(explaining(ref, seen))
        return out

    differences = []
    for number, recs in sorted(differing.items()):
        below = _refs(_line_node(strategy, number))
        for i in sorted(recs):
            if any(i in differing.get(b, ()) for b in below):
                continue   # inherited from a line it refers to
            differences.append(Difference(i, number, _status(source_lines[number], i),
                                          _status(target_lines[number], i),
                                          explaining(number, {number})))
    return OracleResult(strategy, write, translation.query, differences, reparse_errors, notes,
                        len(target_lines))


# ---- records generated from a strategy's own terms ---------------------------------------------

FILLER = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
          "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo")
_SUFFIXES = ("", "s", "ing", "ation", "al")
_SEPARATORS = (" ", " ", " ", "-", ", ", " (", ": ")


def _instantiate(word: str, rng: random.Random) -> str:
    """One word a wildcard pattern matches (``theor*`` → theory, ``wom#n`` → women, …)."""
    out = []
    for piece in re.split(r"(\*|\$\d*|#|\?)", word):
        if not piece:
            continue
        if piece in ("*", "$"):
            out.append(rng.choice(_SUFFIXES))
        elif piece.startswith("$"):
            out.append("xyz"[: rng.randint(0, min(3, int(piece[1:])))])
        elif piece == "#":
            out.append(rng.choice("aeo"))
        elif piece == "?":
            out.append(rng.choice(("", "u")))
        else:
            out.append(piece)
    return "".join(out)


def _words_of(node: Node, rng: random.Random) -> list[str] | None:
    """Words one occurrence of a positional node could be, or None when it is not words."""
    if isinstance(node, Term):
        words = [_instantiate(w, rng) for w in term_words(effective_text(node))]
        return words or None
    if isinstance(node, BoolOp) and node.op == "or":
        return _words_of(rng.choice(node.operands), rng)
    if isinstance(node, Proximity):
        got = _proximity_text(node, rng, node.distance - 1, False)
        return got.split() if got else None
    return None


def _proximity_text(node: Proximity, rng: random.Random, between: int, swap: bool) -> str | None:
    found = [_words_of(o, rng) for o in node.operands]
    parts = [p for p in found if p is not None]
    if len(parts) < len(found):
        return None
    if swap:
        parts = parts[::-1]
    out: list[str] = []
    for k, p in enumerate(parts):
        if k:
            out.extend(rng.sample(FILLER, min(between, len(FILLER))))
        out.extend(p)
    return " ".join(out)


def _snippets(strategy: Strategy, rng: random.Random) -> list[str]:
    """Texts made from every term and proximity of the strategy (hits and near misses)."""
    out: list[str] = []
    for ln in strategy.lines:
        if ln.node is None:
            continue
        for node in ln.node.walk():
            if isinstance(node, Term):
                words = [_instantiate(w, rng) for w in term_words(effective_text(node))]
                if words:
                    sep = rng.choice(_SEPARATORS)
                    out.append(sep.join(words))
            elif isinstance(node, Proximity):
                for between in {0, node.distance - 1, node.distance}:
                    for swap in (False, True):
                        text = _proximity_text(node, rng, between, swap)
                        if text:
                            out.append(text)
    return out


def _headings(strategy: Strategy) -> list[Heading]:
    return [n for ln in strategy.lines if ln.node is not None for n in ln.node.walk()
            if isinstance(n, Heading)]


def records_for(strategy: Strategy, n: int = 40, seed: int = 0) -> list[Record]:
    """``n`` records whose titles, abstracts, keywords and headings come from the strategy's own
    terms (so its lines match, nearly match and miss), reproducible from ``seed``."""
    rng = random.Random(seed)
    snippets = _snippets(strategy, rng) or ["nothing"]
    headings = _headings(strategy)
    languages = ["eng", "fre", "ger", "spa"]
    out = []
    for k in range(n):
        def text(m: int) -> str:
            parts = []
            for _ in range(m):
                parts.append(rng.choice(snippets))
                parts.append(" ".join(rng.sample(FILLER, rng.randint(0, 3))))
            return " ".join(p for p in parts if p).strip()

        mesh = []
        if headings and rng.random() < 0.7:
            for h in rng.sample(headings, min(len(headings), rng.randint(1, 3))):
                subs = tuple(h.subheadings[:1]) if h.subheadings and rng.random() < 0.7 else ()
                mesh.append(MeshHeading(h.name, subs, rng.random() < 0.5))
            mesh.append(MeshHeading(rng.choice(["Humans", "Animals"])))
        record = Record(
            title=text(rng.randint(0, 2)),
            abstract=text(rng.randint(0, 4)) if rng.random() < 0.9 else "",
            keywords=[rng.choice(snippets) for _ in range(rng.randint(0, 2))],
            mesh=mesh,
            language=[rng.choice(languages)] if rng.random() < 0.9 else [],
            year=rng.randint(1990, 2020) if rng.random() < 0.95 else None,
            publication_types=[rng.choice(["Journal Article", "Review",
                                           "Randomized Controlled Trial"])],
            record_id=f"gen-{seed}-{k}",
        )
        out.append(record)
    return out
