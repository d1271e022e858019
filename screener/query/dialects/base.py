"""The generator every target shares. A target module declares its differences as class
attributes (field table, wildcard symbols, operators, proximity syntax, heading syntax, limits)
and overrides a method only where its syntax has a different shape.

Output is built as *chunks*: ``(text, strategy line number)`` pairs, so every character of the
compiled query knows which strategy line produced it (``Translation.segments``).

About 650 lines, kept as one module: it is one class, the ``Generator`` every target subclasses.
Its sections (driver, fields, terms, headings, groups, proximity, limits) are the methods a target
overrides, and a target's author reads them together; split into mixins they would be several
files to read for one class.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any, cast

from screener.query.dialects import reuse
from screener.query.fields import FIELDS as FIELD_NAMES
from screener.query.fields import TEXT_ATOMS, atoms
from screener.query.limits import MAX_OUTPUT_CHARS, OutputTooLarge
from screener.query.nodes import WILDCARD_SPLIT_RE, BoolOp, Filter, Heading, Limit, Line, LineRef, Node, Proximity, Strategy, Term
from screener.query.tokens import Problems

Chunks = list[tuple[str, int]]
#: PubMed's record dates: a target without a field for one cannot search it at all
RECORD_DATES = frozenset({"crdt", "edat", "mhda", "dcom", "lr"})
#: a database's own classification of its records (Web of Science's categories, WC=, and citation topics, TMAC=,
#: TMSO=, TMIC=): its names searched as text elsewhere would be words, so a target without it cannot search it
#: (FIELD_UNSUPPORTED), as with RECORD_DATES
OWN_CLASSIFICATIONS = frozenset({"wc", "tmac", "tmso", "tmic", "stype"})   # stype: ProQuest's source types
_TEXT = itemgetter(0)   # a chunk's text

#: a target's ``thesaurus`` (display name) → the ``Heading.thesaurus`` key of its headings
THESAURUS_KEYS = {"MeSH": "mesh", "Emtree": "emtree", "CINAHL Subject Headings": "cinahl",
                  "APA Thesaurus": "apa", "APA Thesaurus of Psychological Index Terms": "apa",
                  "AMED thesaurus": "amed"}
#: ``Heading.thesaurus`` key → its name in messages
THESAURUS_NAMES = {"mesh": "MeSH", "emtree": "Emtree", "cinahl": "CINAHL", "apa": "APA Thesaurus",
                   "amed": "AMED"}


class _Taped(Problems):
    """The generator's problems, each also written on the tape of the line being kept."""

    def __init__(self, gen: Generator):
        super().__init__()
        self.gen = gen

    def add(self, code: str, message: str, line: int | None, col: int | None,
            severity: str | None = None) -> None:
        if self.gen._tape is not None:
            self.gen._tape.append(("p", code, message, line, col, severity))
        super().add(code, message, line, col, severity)


class Generator:
    name = ""
    label = ""
    multiline = False           # keeps numbered lines and line references (Ovid family)
    thesaurus: str | None = "MeSH"   # the target's subject-heading thesaurus; None: has none
    mesh_native = False          # MeSH headings are the target's own (MEDLINE, PubMed)
    heading_where: str | None = None  # how a MeSH heading is searched here (for the warning)
    AND, OR, NOT = "AND", "OR", "NOT"
    #: canonical field → (target tag or None for "untagged", approximation note or None)
    FIELDS: dict[str, tuple[str | None, str | None]] = {}
    #: canonical field sets → (target tags, approximation note or None); checked before FIELDS
    FIELD_SETS: dict[frozenset, tuple[tuple[str | None, ...], str | None]] = {}
    #: tag used (with FIELD_APPROXIMATED) for a field the table does not know
    FALLBACK_FIELD: str | None = None
    #: target tag → canonical fields it searches (None: not declared). When declared, the
    #: FIELD_APPROXIMATED note for title/abstract/keyword/original-title fields is computed by
    #: comparing what the source field and the chosen tags cover (``fields.atoms``), so a tag
    #: that covers more (or less) than the strategy's field is never written silently; a tag
    #: covered by another chosen tag is dropped.
    TAG_FIELDS: dict[str, tuple[str, ...]] | None = None
    #: canonical wildcard → target symbol, or None (broadened to "*" with WILDCARD_BROADENED)
    WILDCARDS: dict[str, str | None] = {"*": "*", "$": None, "#": None, "?": None}
    TRUNCATION_MIN = 0           # characters required before the first wildcard of a word
    group_fields = False         # FIELD(a OR b) allowed (else the field is distributed)
    #: proximity: (unordered template, ordered template, offset added to Ovid's N)
    PROXIMITY: tuple[str, str | None, int] | None = None
    #: limit kind → template (``{value}``, ``{first}``, ``{last}``) or None (LIMIT_UNSUPPORTED);
    #: a template starting with "~" is an approximation (LIMIT_APPROXIMATED)
    LIMITS: dict[str, str | None] = {}

    def __init__(self, strategy: Strategy):
        self.strategy = strategy
        self.problems = Problems()
        self.cur = 0
        self._cache: dict[int, Chunks | None] = {}
        self._stack: list[int] = []
        #: line number → its line (the first of that number, as ``Strategy.line``), looked up per reference
        self._lines: dict[int, Line] = {}
        for ln in strategy.lines:
            self._lines.setdefault(ln.number, ln)
        #: id of a compiled line's chunks (kept alive in ``_cache``) → its characters (-1: not counted
        #: yet), so that a line joined into later lines is not counted again at every level
        self._chars: dict[int, int] = {}
        #: one FIELD_APPROXIMATED per strategy line and approximation: (line, message) → [node, count]
        self._approx: dict[tuple[int, str, str], list] = {}
        #: kept compiled lines (``reuse``): each line's keys, and what the line being compiled reports
        self._keys: dict[int, int] | None = None
        self._tape: list[tuple] | None = None
        self._nested = False

    def reuse_lines(self) -> None:
        """Take compiled lines from (and give them to) the lines kept across compilations
        (``reuse``): the same query and problems, without compiling a line seen before."""
        self._keys = reuse.line_keys(self.strategy)
        self.problems = _Taped(self)

    def _line(self, multiline: bool, ln, node: Node) -> Chunks | None:
        """``line_body`` (multi-line targets) or ``expr`` of a whole line, kept under its key."""
        body = self.line_body if multiline else self.expr
        key = self._key("m" if multiline else "s", ln)
        if key is None or self._keys is None or self._tape is not None:
            if self._tape is not None:
                self._nested = True       # the line being kept compiles another: not kept
            return body(node)
        found = reuse.recall(key)
        if found is not None:
            chunks, tape = found
            for entry in tape:
                if entry[0] == "p":
                    Problems.add(self.problems, *entry[1:])
                else:
                    self.approximated(entry[1], entry[2], *entry[3:])
            return chunks
        self._tape, self._nested = [], False
        try:
            chunks = body(node)
        finally:
            tape, nested, self._tape = self._tape, self._nested, None
        if not nested:
            reuse.keep(key, chunks, tape)
        return chunks

    def _key(self, kind: str, ln) -> tuple | None:
        if self._keys is None:
            return None
        tree = self._keys.get(id(ln))
        return None if tree is None else (kind, type(self), ln.number, tree)

    # ------------------------------------------------------------------ problems
    def warn(self, code: str, message: str, node: Node | None, severity: str | None = None) -> None:
        self.problems.add(code, message, getattr(node, "line", None), getattr(node, "col", None), severity)

    # ------------------------------------------------------------------ driver
    def compile(self) -> tuple[Chunks | None, list[tuple[int, Chunks | None]]]:
        """(chunks of the whole query, [(line number, chunks of that line's query)])."""
        try:
            result = self._compile()
        except OutputTooLarge as too_large:
            # a line repeating earlier lines (k or/1-(k-1)) doubles the inlined query per line,
            # and a proximity over OR-groups multiplies it: refused at the line that passes
            ln = self._lines.get(self.cur)
            where = ln if ln is not None else too_large.node
            self.problems.add("LIMIT_EXCEEDED", f"the {self.label} query of line {self.cur} would "
                              f"be over {MAX_OUTPUT_CHARS:,} characters (line references are "
                              f"written out in full for {self.label}); combine fewer lines or "
                              "search the parts separately", getattr(where, "line", None),
                              getattr(where, "col", None))
            result = None, []
        for (_, code, message), (node, count, severity) in self._approx.items():
            more = f" ({count} places on this line)" if count > 1 else ""
            self.warn(code, message + more, node, severity)
        self._approx.clear()
        return result

    def approximated(self, message: str, node: Node, code: str = "FIELD_APPROXIMATED",
                     severity: str | None = None) -> None:
        """FIELD_APPROXIMATED (or ``code``), reported once per strategy line for the same approximation (at
        its first place, with the number of places it applies to)."""
        if self._tape is not None:
            self._tape.append(("a", message, node, code, severity))
        got = self._approx.setdefault((self.cur, code, message), [node, 0, severity])
        got[1] += 1

    def _compile(self) -> tuple[Chunks | None, list[tuple[int, Chunks | None]]]:
        per_line: list[tuple[int, Chunks | None]] = []
        if self.multiline:
            out: Chunks = []
            for ln in self.strategy.lines:
                if ln.node is None:
                    continue
                self.cur = ln.number
                body = self._line(True, ln, ln.node)
                if body is None:
                    per_line.append((ln.number, None))
                    continue
                per_line.append((ln.number, body))
                if out:
                    out.append(("\n", ln.number))
                out.append((self.line_label(ln.number), ln.number))
                out.extend(body)
            return (out or None), per_line
        final = self.strategy.final
        for ln in self.strategy.lines:
            if ln.node is None:
                continue
            chunks = self.line_chunks(ln.number)
            per_line.append((ln.number, chunks))  # joined lazily by Translation.lines
        if final is None:
            return None, per_line
        return self.line_chunks(final.number), per_line

    def line_body(self, node: Node) -> Chunks | None:
        return self.expr(node)

    def line_label(self, number: int) -> str:
        """What starts a numbered line of a multi-line target (Ovid: ``1 ``)."""
        return f"{number} "

    @staticmethod
    def unwrap(chunks: Chunks | None) -> Chunks | None:
        """``chunks`` without one pair of parentheses around the whole of it."""
        if not chunks or chunks[0][0] != "(" or chunks[-1][0] != ")":
            return chunks
        text = "".join(t for t, _ in chunks)
        depth, quote = 0, None
        for i, ch in enumerate(text):
            if quote:
                quote = None if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch in "()":
                depth += 1 if ch == "(" else -1
                if depth == 0 and i < len(text) - 1:
                    return chunks
        return chunks if quote or depth else chunks[1:-1]

    def line_chunks(self, number: int) -> Chunks | None:
        if number in self._cache:
            return self._cache[number]
        ln = self._lines.get(number)
        if ln is None or ln.node is None or number in self._stack:
            return None
        self._stack.append(number)
        saved, self.cur = self.cur, number
        chunks = self._line(False, ln, ln.node)
        self.cur = saved
        self._stack.pop()
        self._cache[number] = chunks
        if chunks is not None:
            self._chars[id(chunks)] = -1     # counted when first joined into another line
        return chunks

    # ------------------------------------------------------------------ helpers
    def c(self, text: str) -> Chunks:
        return [(text, self.cur)]

    def join(self, parts: list[Chunks], sep: str) -> Chunks:
        total = len(sep) * len(parts)
        lines = self._chars
        for p in parts:
            n = lines.get(id(p))
            if n is None:
                total += sum(map(len, map(_TEXT, p))) if len(p) > 4 else sum([len(t) for t, _ in p])
                continue
            if n < 0:    # a compiled line: counted once however many lines repeat it
                n = lines[id(p)] = sum(map(len, map(_TEXT, p)))
            total += n
        self.check_size(total)
        out: Chunks = []
        for i, p in enumerate(parts):
            if i:
                out += self.c(sep)
            out += p
        return out

    def check_size(self, chars: int, node: Node | None = None) -> None:
        """Refuse (``OutputTooLarge``) before building more than MAX_OUTPUT_CHARS of query."""
        if chars > MAX_OUTPUT_CHARS:
            raise OutputTooLarge(node, chars)

    def paren(self, chunks: Chunks) -> Chunks:
        return self.c("(") + chunks + self.c(")")

    # ------------------------------------------------------------------ dispatch
    def expr(self, node: Node) -> Chunks | None:
        if isinstance(node, Term):
            return self.term(node)
        if isinstance(node, Heading):
            return self.heading(node)
        if isinstance(node, BoolOp):
            return self.boolop(node)
        if isinstance(node, Proximity):
            return self.proximity(node)
        if isinstance(node, LineRef):
            return self.lineref(node)
        if isinstance(node, Limit):
            return self.limit(node)
        return None

    def lineref(self, node: LineRef) -> Chunks | None:
        chunks = self.line_chunks(node.number)
        if chunks is None:
            self.warn("BAD_LINE_REFERENCE", f"line {node.number} cannot be compiled; the reference "
                      "is dropped", node)
        return chunks

    def op_word(self, op: str) -> str:
        return {"and": self.AND, "or": self.OR, "not": self.NOT}[op]

    def boolop(self, node: BoolOp) -> Chunks | None:
        if self.group_fields and node.suffix and self.uniform(node) and (
                self.PROXIMITY is not None or not any(isinstance(n, Proximity) for n in node.walk())):
            return self.fielded(node, node.suffix)
        parts = [self.expr(o) for o in node.operands]
        if node.op == "not":
            left, right = parts[0], parts[1]
            if left is None:
                return None
            if right is None:
                self.warn("FIELD_UNSUPPORTED", "the NOT part of this line could not be compiled; "
                          "the line is broader than written", node, severity="error")
                return left
            return self.paren(left + self.c(f" {self.NOT} ") + right)
        keep = [p for p in parts if p is not None]
        if not keep:
            return None
        if len(keep) == 1:
            return keep[0]
        return self.paren(self.join(keep, f" {self.op_word(node.op)} "))

    # ------------------------------------------------------------------ fields
    def tags_for(self, fields: tuple[str, ...], node: Node) -> list[str | None] | None:
        key = frozenset(fields)
        notes: list[str] = []
        tags: list[str | None]
        if key in self.FIELD_SETS:
            preset, note = self.FIELD_SETS[key]
            tags = list(preset)
            if note:
                notes.append(note)
        else:
            tags = []
            for f in fields:
                if f in self.FIELDS:
                    tag, note = self.FIELDS[f]
                elif f in RECORD_DATES or f in OWN_CLASSIFICATIONS:
                    # a record's date (`1865/01/01:2020/09/01[dcom]`) searched as text would be a word
                    # everywhere: the target cannot search it (FIELD_UNSUPPORTED below)
                    continue
                else:
                    tag = self.FALLBACK_FIELD
                    note = f"{self.label} has no field for .{f}. ({FIELD_NAMES.get(f, 'unknown field')})"
                if tag == "!":
                    notes.append(f".{f}. ({FIELD_NAMES.get(f, f)}) does not exist in {self.label}; left out")
                    continue
                if note:
                    notes.append(note)
                if tag not in tags:
                    tags.append(tag)
            if not tags:
                # once a line (`WC=("a" OR "b" OR …)`: one error for the list, with the number of terms)
                self.approximated(f"{self.label} cannot search .{','.join(fields)}. "
                                  f"({', '.join(FIELD_NAMES.get(f, f) for f in fields)}); the term is dropped",
                                  node, "FIELD_UNSUPPORTED", "error")
                return None
            tags = self.merge_tags(tags)
        coverage = self.coverage_note(fields, tags)
        if coverage:
            notes.append(coverage)
        if notes:
            self.approximated(self._field_note(fields, tags, "; ".join(notes)), node)
        return tags

    def coverage_note(self, fields: tuple[str, ...], tags: list[str | None]) -> str | None:
        """What the chosen tags search beyond (or short of) the source fields, from TAG_FIELDS;
        None when they match or coverage cannot be compared."""
        table = self.TAG_FIELDS
        if table is None or any(t is None or t not in table for t in tags):
            return None
        wanted = atoms(fields)
        covered = atoms(f for t in tags if t is not None for f in table[t])
        if wanted == covered or not (wanted | covered) <= TEXT_ATOMS:
            return None
        order = ("ti", "ab", "kf", "ot")
        parts = []
        if covered - wanted:
            parts.append("it also searches " + ", ".join(
                FIELD_NAMES[a] for a in order if a in covered - wanted) + " (broader)")
        if wanted - covered:
            parts.append("it does not search " + ", ".join(
                FIELD_NAMES[a] for a in order if a in wanted - covered) + " (narrower)")
        return "; ".join(parts)

    def merge_tags(self, tags: list[str | None]) -> list[str | None]:
        """Drop a tag whose fields another chosen tag already searches (TAG_FIELDS)."""
        table = self.TAG_FIELDS
        if table is None or any(t is None or t not in table for t in tags):
            return tags
        named = [t for t in tags if t is not None]          # all of them (checked above)
        cover = {t: atoms(table[t]) for t in named}
        return [t for t in named if not any(u != t and cover[t] < cover[u] for u in named)]

    def _field_note(self, fields, tags, note) -> str:
        shown = " + ".join(self.show_tag(t) for t in tags)
        return f".{','.join(fields)}. searched as {shown}: {note}"

    def show_tag(self, tag: str | None) -> str:
        return "untagged" if tag is None else tag

    # ------------------------------------------------------------------ terms
    def term(self, node: Term) -> Chunks | None:
        text = self.term_text(node)
        if text is None:
            return None
        tags = self.tags_for(node.fields, node)
        if tags is None:
            return None
        parts = [self.c(self.fmt_term(text, node, t)) for t in tags]
        return parts[0] if len(parts) == 1 else self.paren(self.join(parts, f" {self.OR} "))

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        raise NotImplementedError

    def quote(self, text: str, node: Term) -> str:
        if " " in text or node.phrase or text.startswith("//"):
            return f'"{text}"'
        return text

    def term_text(self, node: Term) -> str | None:
        """The term's words in the target's wildcard syntax (None when the target refuses it)."""
        out = []
        broadened = []
        for piece in WILDCARD_SPLIT_RE.split(node.text):
            if not piece:
                continue
            kind = "$" if piece.startswith("$") else piece if piece in ("*", "#", "?") else None
            if kind is None:
                out.append(piece)
                continue
            sym = self.WILDCARDS.get(kind)
            if sym is None:
                broadened.append(piece)
                sym = "*"
            elif kind == "$":
                sym = sym + piece[1:]
            out.append(sym)
        text = "".join(out)
        if broadened:
            meaning = {"#": "exactly one character", "?": "zero or one character"}
            what = ", ".join(f"{b} ({meaning.get(b, 'at most ' + b[1:] + ' characters')})"
                             for b in dict.fromkeys(broadened))
            self.warn("WILDCARD_BROADENED", f"{node.text}: {what} has no {self.label} equivalent; "
                      f"broadened to * ({text})", node)
        if self.TRUNCATION_MIN:
            for word in text.split(" "):
                if "*" in word and len(word.split("*")[0]) < self.TRUNCATION_MIN:
                    self.warn("SHORT_TRUNCATION", f"{node.text}: {self.label} needs at least "
                              f"{self.TRUNCATION_MIN} characters before a wildcard; the term is "
                              "dropped (lengthen the stem or list the words)", node)
                    return None
        return text

    # ------------------------------------------------------------------ headings
    def heading(self, node: Heading) -> Chunks | None:
        raise NotImplementedError

    @property
    def thesaurus_key(self) -> str | None:
        """The ``Heading.thesaurus`` value of this target's own headings (None: it has none)."""
        return THESAURUS_KEYS.get(self.thesaurus or "")

    def own_heading(self, node: Heading) -> bool:
        """The heading belongs to this target's own thesaurus (no mapping needed)."""
        return node.thesaurus == self.thesaurus_key

    def heading_note(self, node: Heading, suggestion: str) -> None:
        """HEADING_NEEDS_MAPPING for a heading of another thesaurus than the target's (nothing
        for one of its own: an Emtree heading read from Embase.com and written for Ovid Embase)."""
        if self.own_heading(node):
            return
        what = ("exploded " if node.explode else "") + ("major " if node.major else "")
        subs = f" with subheading(s) {', '.join(node.subheadings)} (dropped)" if node.subheadings else ""
        where = self.heading_where or (
            f"copied unchecked into {self.thesaurus}; look the term up there"
            if self.thesaurus else f"searched as free text ({self.label} has no thesaurus)")
        source = THESAURUS_NAMES.get(node.thesaurus, node.thesaurus)
        self.warn("HEADING_NEEDS_MAPPING", f"{source} {what}heading \"{node.name}\"{subs} {where}; "
                  f"free-text suggestion: {suggestion}", node)

    # ------------------------------------------------------------------ groups with one field
    def uniform(self, node: Node) -> bool:
        """All terms below ``node`` share its fields and nothing below has its own syntax."""
        fields = None
        for n in node.walk():
            if isinstance(n, (Heading, LineRef, Limit)):
                return False
            if isinstance(n, Term):
                if fields is None:
                    fields = n.fields
                elif n.fields != fields:
                    return False
        return fields is not None

    def bare(self, node: Node) -> Chunks | None:
        """A node with no field tags (to be wrapped in one field)."""
        if isinstance(node, Term):
            text = self.term_text(node)
            return None if text is None else self.c(self.quote(text, node))
        if isinstance(node, BoolOp):
            parts = [self.bare(o) for o in node.operands]
            if node.op == "not":
                if parts[0] is None:
                    return None
                if parts[1] is None:
                    return parts[0]
                return self.paren(parts[0] + self.c(f" {self.NOT} ") + parts[1])
            keep = [p for p in parts if p is not None]
            if not keep:
                return None
            return keep[0] if len(keep) == 1 else self.paren(self.join(keep, f" {self.op_word(node.op)} "))
        if isinstance(node, Proximity):
            bare = [self.bare(o) for o in node.operands]
            present = [p for p in bare if p is not None]
            if len(present) < len(bare):
                return None
            if node.ordered and self.PROXIMITY and not self.PROXIMITY[1]:
                # `a adj b` in a group under one field: the phrase "a b" keeps the order, as it does
                # alone (Web of Science's NEAR/0 lost it, with a warning, before)
                if (phrase := self.as_phrase(node)) is not None:
                    return self.bare(phrase)
                self.warn("PROXIMITY_DEGRADED", f"{self.label} has no ordered adjacency; the order "
                          "of the words is no longer required", node)
            return self.paren(self.join(present, f" {self.prox_op(node)} "))
        return None

    def fielded(self, node: Node, fields: tuple[str, ...]) -> Chunks | None:
        first = next(n for n in node.walk() if isinstance(n, Term))
        tags = self.tags_for(first.fields, first)
        if tags is None:
            return None
        inner = self.bare(node)
        if inner is None:
            return None
        if inner and inner[0][0] == "(" and inner[-1][0] == ")":
            inner = inner[1:-1]
        parts = [self.wrap_field(inner, t) for t in tags]
        return parts[0] if len(parts) == 1 else self.paren(self.join(parts, f" {self.OR} "))

    def wrap_field(self, inner: Chunks, tag: str | None) -> Chunks:
        raise NotImplementedError

    # ------------------------------------------------------------------ proximity
    def prox_op(self, node: Proximity) -> str:
        assert self.PROXIMITY is not None, f"{self.label} has no proximity operator"
        unordered, ordered, offset = self.PROXIMITY
        n = node.distance + offset
        if node.ordered and ordered:
            return ordered.format(n=n)
        return unordered.format(n=n)

    def proximity(self, node: Proximity) -> Chunks | None:
        if self.PROXIMITY is None or not self.uniform(node):
            return self.prox_fallback(node, f"{self.label} cannot express this proximity")
        if node.ordered and not self.PROXIMITY[1]:
            self.warn("PROXIMITY_DEGRADED", f"{self.label} has no ordered adjacency; the order of "
                      "the words is no longer required", node)
        first = next(n for n in node.walk() if isinstance(n, Term))
        return self.fielded(node, first.fields)

    def prox_fallback(self, node: Proximity, why: str) -> Chunks | None:
        self.warn("PROXIMITY_DEGRADED", f"{why}; replaced by AND (broader: the words may be "
                  "anywhere in the field)", node)
        parts = [self.expr(o) for o in node.operands]
        keep = [p for p in parts if p is not None]
        if not keep:
            return None
        return keep[0] if len(keep) == 1 else self.paren(self.join(keep, f" {self.AND} "))

    def as_phrase(self, node: Proximity) -> Term | None:
        """Ovid's ``a adj b`` (in order, next to each other) between single words of one field
        set, as the phrase ``"a b"``; None when it is anything else."""
        if not (node.ordered and node.distance == 1 and self.uniform(node)):
            return None
        words = []
        for o in node.operands:
            alts = self.alternatives(o)
            if alts is None or len(alts) != 1:
                return None
            words.append(alts[0])
        return Term(node.line, node.col, text=" ".join(t.text for t in words), phrase=True,
                    fields=words[0].fields, implicit=words[0].implicit)

    @staticmethod
    def alternatives(node: Node) -> list[Term] | None:
        """The terms an operand stands for when it is a term or an OR-group of terms."""
        if isinstance(node, Term):
            return [node]
        if isinstance(node, BoolOp) and node.op == "or":
            out: list[Term] = []
            for o in node.operands:
                alts = Generator.alternatives(o)
                if alts is None:
                    return None
                out.extend(alts)
            return out
        return None

    # ------------------------------------------------------------------ limits
    def limit(self, node: Limit) -> Chunks | None:
        base = self.expr(node.operand) if node.operand is not None else None
        if base is None:
            return None
        parts = [base]
        for f in node.filters:
            text = self.filter(f)
            if text is not None:
                parts.append(self.c(text))
        if len(parts) == 1:
            return base
        return self.paren(self.join(parts, f" {self.AND} "))

    def filter(self, f: Filter) -> str | None:
        if f.kind == "language" and isinstance(f.value, tuple):
            return self.language_list(f)
        template = self.LIMITS.get(f.kind)
        if template is None:
            self.warn("LIMIT_UNSUPPORTED", f"limit {f.text!r} has no {self.label} equivalent; "
                      "it is not applied (apply it by hand or remove it)", f)
            return None
        if template.startswith("~"):
            template = template[1:]
            approx = True
        else:
            approx = False
        values = self.filter_values(f)
        text = template.format(**values)
        if approx:
            self.warn("LIMIT_APPROXIMATED", f"limit {f.text!r} applied as {text}", f)
        return text

    #: a limit to any of several languages (``{names}``: the names joined by " or "); None: one
    #: language clause each, ORed
    LANGUAGE_ANY: str | None = None

    def language_list(self, f: Filter) -> str | None:
        """``limit 1 to (danish or english)``: any of the languages."""
        names = cast("tuple[str, ...]", f.value)        # the readers write the names as a tuple
        if self.LANGUAGE_ANY is not None:
            return self.LANGUAGE_ANY.format(names=f" {self.OR} ".join(names))
        clauses = [self.filter(Filter(f.line, f.col, "language", v, f"{v} language")) for v in names]
        parts = [p for p in clauses if p]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + f" {self.OR} ".join(parts) + ")"

    def filter_values(self, f: Filter) -> dict:
        v: Any = f.value        # (first, last) for years and entry dates, a str for a language
        if f.kind == "year":
            first, last = v
            return {"first": first, "last": last if last is not None else 3000,
                    "first_minus": first - 1, "last_plus": (last if last is not None else 3000) + 1}
        if f.kind == "entry_date":
            first, last = v
            return {"first": _date(first), "last": _date(last or "3000"),
                    "first_raw": first, "last_raw": last or "30001231"}
        if f.kind == "language":
            return {"value": v, "Value": v.capitalize()}
        if isinstance(v, tuple) and v and all(isinstance(x, str) for x in v):
            return {"value": "(" + " or ".join(v) + ")"}     # any of several (Ovid: `limit 1 to (a or b)`)
        return {"value": v if isinstance(v, str) else f.text}


def _date(s: str) -> str:
    s = re.sub(r"\D", "", s)
    if len(s) == 8:
        return f"{s[:4]}/{s[4:6]}/{s[6:]}"
    if len(s) == 6:
        return f"{s[:4]}/{s[4:]}"
    return s
