"""The evaluator: every node of a strategy evaluated over a corpus as (hits, undetermined), with
three-valued Boolean logic, proximity by word positions, headings and limits."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import cast

from screener.query import parse, raise_for_errors
from screener.query.evaluate.corpus import EMPTY, Corpus, Sets
from screener.query.evaluate.record_fields import FIELD_MAP, record_languages
from screener.query.evaluate.results import Evaluation, EvalWarning, LineResult, number_ranges
from screener.query.evaluate.words import WordPattern, effective_text, term_words, year_range
from screener.query.nodes import BoolOp, Filter, Heading, Limit, LineRef, Node, Proximity, Strategy, Term
from screener.records.model import Record


def _near(a: tuple[int, int], b: tuple[int, int], distance: int, ordered: bool) -> bool:
    """Span b follows span a with at most distance−1 words between (or either order)."""
    if b[0] > a[1] and b[0] - a[1] <= distance:
        return True
    return not ordered and a[0] > b[1] and a[0] - b[1] <= distance


class Evaluator:
    """Evaluates nodes of one strategy over one corpus, memoising every node's (hits,
    undetermined) pair (so per-record questions about any node are cheap afterwards)."""

    def __init__(self, strategy: Strategy, corpus: Corpus) -> None:
        self.strategy = strategy
        self.corpus = corpus
        self.memo: dict[int, Sets] = {}                  # id(node) → (hits, undetermined)
        self._unavailable_memo: dict[tuple[str, ...], frozenset[int]] = {}
        self._regex_memo: dict[int, re.Pattern[str] | None] = {}     # id(node) → ``_regex``
        self._fields_memo: dict[int, list[str] | None] = {}          # id(node) → ``_same_fields``
        self.line_results: dict[int, Sets] = {}
        self._warnings: dict[tuple, EvalWarning] = {}
        self._current_line: int | None = None
        self._line_of_node: dict[int, int] = {}

    # -- warnings
    def warn(self, code: str, message: str, line: int | None = None, count: int | None = None,
             key: object = None) -> None:
        k = (code, line if key is None else key)
        if k not in self._warnings:
            self._warnings[k] = EvalWarning(code, message, line, count)

    @property
    def warnings(self) -> list[EvalWarning]:
        """The warnings, one per kind and place; exploded headings merged into one warning."""
        out, exploded = [], []
        for w in self._warnings.values():
            if w.code == "EXPLOSION_NOT_AVAILABLE":
                exploded.append(w)
            else:
                out.append(w)
        if len(exploded) == 1:
            out.append(exploded[0])
        elif exploded:
            lines = sorted({w.line for w in exploded if w.line is not None})
            out.append(EvalWarning(
                "EXPLOSION_NOT_AVAILABLE", f"{len(exploded)} exploded headings (lines "
                f"{number_ranges(lines)}) are searched without their narrower headings: no MeSH tree "
                "here, so their hits are a lower bound"))
        return out

    # -- preparation: index every word the strategy needs, one pass per field
    def prepare(self) -> None:
        wanted: dict[str, set[WordPattern]] = defaultdict(set)
        for ln in self.strategy.lines:
            if ln.node is None:
                continue
            for node in ln.node.walk():
                if isinstance(node, Term):
                    bases, _ = self.base_fields(node.fields)
                    for w in term_words(effective_text(node)):
                        for b in bases:
                            wanted[b].add(WordPattern.of(w))
        for base, patterns in wanted.items():
            self.corpus.prepare(base, patterns)

    def base_fields(self, fields: tuple[str, ...]) -> tuple[list[str], list[str]]:
        bases: list[str] = []
        unknown: list[str] = []
        for f in fields:
            mapped = FIELD_MAP.get(f)
            if mapped is None:
                unknown.append(f)
                continue
            for b in mapped:
                if b not in bases:
                    bases.append(b)
        return bases, unknown

    # -- lines
    def run(self) -> list[LineResult]:
        out = []
        for ln in self.strategy.lines:
            if ln.node is None:
                continue
            self._current_line = ln.number
            t, u = self.eval(ln.node)
            self.line_results[ln.number] = (t, u)
            out.append(LineResult(ln.number, ln.text, t, u))
        self._current_line = None
        return out

    def eval(self, node: Node) -> Sets:
        key = id(node)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self._eval(node)
        return got

    def _eval(self, node: Node) -> Sets:
        if isinstance(node, LineRef):
            if node.number in self.line_results:
                return self.line_results[node.number]
            target = self.strategy.line(node.number)
            if target is None or target.node is None:
                return EMPTY, EMPTY
            return self.eval(target.node)
        if isinstance(node, Term):
            return self._term(node)
        if isinstance(node, Heading):
            return self._heading(node)
        if isinstance(node, BoolOp):
            parts = [self.eval(o) for o in node.operands]
            if node.op == "or":
                t = frozenset().union(*(p[0] for p in parts))
                u = frozenset().union(*(p[1] for p in parts)) - t
                return t, u
            if node.op == "and":
                t = frozenset.intersection(*(p[0] for p in parts))
                maybe = frozenset.intersection(*(p[0] | p[1] for p in parts))
                return t, maybe - t
            if node.op == "not":
                (ta, ua), (tb, ub) = parts[0], parts[1]
                t = ta - tb - ub
                return t, (ta | ua) - tb - t
            raise ValueError(f"unknown operator {node.op}")
        if isinstance(node, Proximity):
            return self._proximity(node)
        if isinstance(node, Limit):
            t, u = self.eval(node.operand) if node.operand is not None else (EMPTY, EMPTY)
            for flt in node.filters:
                passed, unknown = self._filter(flt)
                new_t = t & passed
                u = (t | u) & (passed | unknown) - new_t
                t = new_t
            return t, u
        return EMPTY, EMPTY

    # -- terms
    def _term(self, node: Term) -> Sets:
        c = self.corpus
        years = year_range(node)
        if years is not None:
            lacking = frozenset(i for i, r in enumerate(c.records) if not r.year)
            return frozenset(i for i, r in enumerate(c.records)
                             if r.year and years[0] <= r.year <= years[1]), lacking
        words = [WordPattern.of(w) for w in term_words(effective_text(node))]
        bases, unknown = self.base_fields(node.fields)
        self._field_warnings(node, bases, unknown)
        if not words:
            self.warn("EMPTY_TERM", f"{node.text!r} has no letters or digits: it matches nothing",
                      self._current_line, key=("EMPTY_TERM", node.line, node.col))
            return EMPTY, EMPTY
        hits: set[int] = set()
        for b in bases:
            if len(words) == 1:
                hits |= c.word_records(b, words[0])
                continue
            candidates = frozenset.intersection(*(c.word_records(b, w) for w in words))
            rx = self._regex(node)
            assert rx is not None           # a term with words always has one
            for i in candidates - hits:
                if c.search(rx, i, b):
                    hits.add(i)
        t = frozenset(hits)
        return t, self._unavailable(bases, unknown) - t

    def _field_warnings(self, node: Term, bases: list[str], unknown: list[str]) -> None:
        c = self.corpus
        line = self._current_line
        for f in unknown:
            self.warn("FIELD_NOT_IN_RECORDS", f"field .{f}. is not held in the records: "
                      f"terms searched in it are undetermined", line, c.n, key=("FIELD", f))
        if "atm" in node.fields:
            self.warn("ATM_AS_MP", "untagged PubMed terms (automatic term mapping) evaluated as "
                      "Ovid .mp. (title, abstract, keywords, heading words)", None, key="ATM")
        if ("hw" in bases or "fs" in bases) and c.no_mesh:
            self.warn("NO_HEADINGS", f"{len(c.no_mesh)} of {c.n} records have no MeSH headings: "
                      "heading lines and the heading words of .mp. cannot be answered for them "
                      "(undetermined)", None, len(c.no_mesh), key="NO_HEADINGS")
        if "ab" in bases and not c.has_abstracts and c.n:
            self.warn("NO_ABSTRACTS", f"none of the {c.n} records has an abstract (titles only?): "
                      "abstract searches are undetermined", None, c.n, key="NO_ABSTRACTS")

    def _unavailable(self, bases: list[str], unknown: list[str]) -> frozenset:
        """Records that cannot answer a search in these fields (cached per field set)."""
        if unknown:
            return self.corpus.all
        key = tuple(bases)
        got = self._unavailable_memo.get(key)
        if got is None:
            got = frozenset().union(*(self.corpus.unavailable[b] for b in bases))
            self._unavailable_memo[key] = got
        return got

    def _phrase_spans(self, i: int, base: str, words: list[WordPattern],
                      first_only: bool = False) -> list[tuple[int, int]]:
        c = self.corpus
        starts = c.word_positions(i, base, words[0])
        if len(words) == 1:
            return [(p, p) for p in starts]
        later = [set(c.word_positions(i, base, w)) for w in words[1:]]
        out = []
        for p in sorted(starts):
            if all(p + k + 1 in later[k] for k in range(len(later))):
                out.append((p, p + len(words) - 1))
                if first_only:
                    break
        return out

    # -- proximity
    def positional(self, node: Node) -> bool:
        if isinstance(node, Term):
            return True
        if isinstance(node, BoolOp) and node.op == "or":
            return all(self.positional(o) for o in node.operands)
        if isinstance(node, Proximity):
            return all(self.positional(o) for o in node.operands)
        return False

    def _regex(self, node: Node) -> re.Pattern[str] | None:
        """A regular expression over ``Corpus.words_text`` (or the field's buffer: words are
        separated by runs of spaces, `` | `` between values) equivalent to a positional node
        (phrases, OR-groups of them, two-operand proximity of those), or None."""
        key = id(node)
        if key in self._regex_memo:
            return self._regex_memo[key]
        src = self._regex_source(node)
        # words_text starts and ends with a space: a leading literal space lets the regex engine
        # skip to word starts instead of trying the alternation at every character
        got = re.compile(" (?:" + src + ")(?= )") if src else None
        self._regex_memo[key] = got
        return got

    def _regex_source(self, node: Node) -> str | None:
        if isinstance(node, Term):
            words = term_words(effective_text(node))
            return " +".join(WordPattern.of(w).source for w in words) if words else None
        if isinstance(node, BoolOp) and node.op == "or":
            parts = [self._regex_source(o) for o in node.operands]
            return None if None in parts else "|".join(f"(?:{p})" for p in parts)
        if isinstance(node, Proximity) and len(node.operands) == 2:
            if any(not isinstance(o, (Term, BoolOp)) for o in node.operands):
                return None
            a, b = (self._regex_source(o) for o in node.operands)
            if a is None or b is None:
                return None
            gap = f"(?: +[a-z0-9]+){{0,{node.distance - 1}}} +"
            forward = f"(?:{a}){gap}(?:{b})"
            return forward if node.ordered else f"{forward}|(?:{b}){gap}(?:{a})"
        return None

    def _same_fields(self, node: Node) -> list[str] | None:
        """The base fields of a positional node when all its terms search the same ones."""
        key = id(node)
        if key not in self._fields_memo:
            fields = {n.fields for n in node.walk() if isinstance(n, Term)}
            bases, unknown = self.base_fields(next(iter(fields))) if len(fields) == 1 else ([], ["?"])
            self._fields_memo[key] = None if unknown else bases
        return self._fields_memo[key]

    def _found(self, node: Node, i: int) -> bool:
        """Does positional ``node`` occur in record i (fast path by regex, else by spans)?"""
        rx = self._regex(node)
        bases = self._same_fields(node) if rx is not None else None
        if rx is not None and bases is not None:
            return any(self.corpus.search(rx, i, b) for b in bases)
        return bool(self.spans(node, i, first_only=True))

    def _proximity(self, node: Proximity) -> Sets:
        parts = [self.eval(o) for o in node.operands]
        maybe = frozenset.intersection(*(p[0] | p[1] for p in parts))
        if not all(self.positional(o) for o in node.operands):
            self.warn("PROXIMITY_OPERAND", "an operand of this proximity is not words (a heading, "
                      "AND, NOT or a line number): evaluated as AND", self._current_line,
                      key=("PROX", node.line, node.col))
            t = frozenset.intersection(*(p[0] for p in parts))
            return t, maybe - t
        candidates = frozenset.intersection(*(p[0] for p in parts))
        t = frozenset(i for i in candidates if self._found(node, i))
        # all words present but not near: a miss, unless a field the words may also be in is
        # missing from the record (heading words of .mp. on a record without headings)
        lacking = frozenset().union(*{self._unavailable(*self.base_fields(term.fields))
                                      for term in node.walk() if isinstance(term, Term)})
        return t, (maybe - candidates) | ((candidates - t) & lacking)

    def spans(self, node: Node, i: int, first_only: bool = False) -> list[tuple[int, int]]:
        """Where a positional node occurs in record ``i``: (first, last) global word positions."""
        if isinstance(node, Term):
            words = [WordPattern.of(w) for w in term_words(effective_text(node))]
            if not words:
                return []
            bases, _ = self.base_fields(node.fields)
            out = []
            for b in bases:
                out.extend(self._phrase_spans(i, b, words))
            return out
        if isinstance(node, BoolOp):
            out = []
            for o in node.operands:
                out.extend(self.spans(o, i))
            return out
        if isinstance(node, Proximity):
            # each combination: (span covering all so far, span of the last operand)
            combos = [(s, s) for s in self.spans(node.operands[0], i)]
            for operand in node.operands[1:]:
                nxt = self.spans(operand, i)
                combos = [((min(whole[0], b[0]), max(whole[1], b[1])), b)
                          for whole, last in combos for b in nxt
                          if _near(last, b, node.distance, node.ordered)]
                if not combos:
                    return []
            whole = sorted({w for w, _ in combos})
            return whole[:1] if first_only else whole
        return []

    # -- headings
    def _heading(self, node: Heading) -> Sets:
        c = self.corpus
        line = self._current_line
        if node.thesaurus != "mesh":
            self.warn("OTHER_THESAURUS", f"{node.name}: a {node.thesaurus} heading cannot be "
                      "matched against MeSH headings: undetermined", line, key=("THES", node.name))
            return EMPTY, c.all
        if c.no_mesh:
            self.warn("NO_HEADINGS", f"{len(c.no_mesh)} of {c.n} records have no MeSH headings: "
                      "heading lines and the heading words of .mp. cannot be answered for them "
                      "(undetermined)", None, len(c.no_mesh), key="NO_HEADINGS")
        if node.explode:
            self.warn("EXPLOSION_NOT_AVAILABLE", f"{node.name} (exploded): no MeSH tree here, so only "
                      f"{node.name} itself is searched, not its narrower headings (hits are a "
                      "lower bound)", line, key=("EXP", node.name.lower()))
        name = node.name.lower()
        subs = {s.lower() for s in node.subheadings}
        hits = set()
        for i in c.mesh_index().get(name, ()):
            for m in c.records[i].mesh:
                if m.descriptor.lower() != name:
                    continue
                if node.major and not m.major:
                    continue
                if subs and not subs & {q.lower() for q in m.qualifiers}:
                    continue
                hits.add(i)
                break
        t = frozenset(hits)
        return t, c.no_mesh - t

    # -- limits
    def _filter(self, flt: Filter) -> Sets:
        c = self.corpus
        recs = c.records
        line = self._current_line
        kind = flt.kind

        def missing(what: str, lacking: frozenset) -> None:
            if lacking:
                self.warn("LIMIT_DATA_MISSING", f"limit to {flt.text}: {len(lacking)} of {c.n} "
                          f"records have no {what}: undetermined for them", line, len(lacking),
                          key=("LIMIT", line, flt.text))

        if kind == "language":
            lacking = c.unavailable["lg"]
            missing("language", lacking)
            wanted = {str(v).lower() for v in (flt.value if isinstance(flt.value, tuple)
                                               else (flt.value,))}
            return frozenset(i for i, r in enumerate(recs)
                             if wanted & set(record_languages(r))), lacking
        if kind in ("humans", "animals", "sex"):
            missing("MeSH headings", c.no_mesh)
            name = str(flt.value).lower() if kind == "sex" else kind
            return frozenset(c.mesh_index().get(name, ())), c.no_mesh
        if kind == "year":
            first, last = cast("tuple[int, int | None]", flt.value)     # the readers write (first, last)
            lacking = frozenset(i for i, r in enumerate(recs) if not r.year)
            missing("year", lacking)
            return frozenset(i for i, r in enumerate(recs) if r.year and r.year >= first
                             and (last is None or r.year <= last)), lacking
        if kind == "publication_type":
            lacking = c.unavailable["pt"]
            missing("publication type", lacking)
            value = str(flt.value).lower()
            return frozenset(i for i, r in enumerate(recs)
                             if value in {p.lower() for p in r.publication_types}), lacking
        self.warn("LIMIT_NOT_EVALUATED", f"limit to {flt.text}: records do not hold what this "
                  "limit needs (entry dates, or a limit screener does not know): undetermined",
                  line, c.n, key=("LIMIT", line, flt.text))
        return EMPTY, c.all


def evaluate(strategy: Strategy | str, records: Sequence[Record], read: str = "ovid",
             corpus: Corpus | None = None) -> Evaluation:
    """Evaluate every line of ``strategy`` (a parsed ``Strategy``, or its text in ``read``
    syntax) over ``records``. A strategy with errors raises ``StrategyParseError`` (nothing is
    evaluated). ``corpus`` lets several strategies share one prepared set of records."""
    strategy = raise_for_errors(parse(strategy, read) if isinstance(strategy, str) else strategy)
    corpus = corpus if corpus is not None else Corpus(records)
    evaluator = Evaluator(strategy, corpus)
    evaluator.prepare()
    lines = evaluator.run()
    return Evaluation(strategy, corpus.records, lines, evaluator.warnings, evaluator)

