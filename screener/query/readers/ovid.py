"""Reader for Ovid MEDLINE strategies (also Embase/PsycINFO/AMED: same grammar).

Physical lines become statements: numbered (``1.``, ``1 ``, ``#1``, tabs) or, when the strategy
has no numbers, one statement per non-blank line counted from 1. Lines starting ``//`` are
comments. Pasted search-history residue is removed with an info problem: hit counts ``(1234)``
at the end of a line, bracketed annotations ``[mp=…]``, ``[Block A]``, ``[Diagnostic Use]``.

Grammar of a statement (``adj`` binds tightest, then ``and``, ``not``, ``or`` — Ovid processes
AND before NOT and OR last; a line mixing Boolean operators without parentheses gets
MIXED_OPERATORS)::

    statement := "limit" N "to" filters | or
    or        := not ("or" not)*
    not       := and ("not" and)*
    and       := prox ("and" prox)*
    prox      := unit (adjN unit)* [suffix]      # a suffix after a chain applies to the chain
    unit      := primary [suffix]
    primary   := "(" or ")" | words ["/" subheadings] | "exp" ["*"] words "/" | N | or/1-5 | and/1,3

Several adjacent words (or quoted words) form one phrase term; a lone number is a line
reference; ``X/`` is a heading, ``X.sh.`` too (not exploded).
"""

from __future__ import annotations

import re

from screener.query.fields import SUBHEADINGS, heading_display_name
from screener.query.mesh import is_descriptor
from screener.query.nodes import BoolOp, Heading, Limit, LineRef, Node, Proximity, Strategy, Term
from screener.query.readers.inline_limits import FilterNode, fold_foreign_limits
from screener.query.readers.ovid_limits import known_limit, ovid_limit_line, parse_filter, split_and, unknown_limit
from screener.query.readers.ovid_lines import LIMIT_NOTE_RE, LIMIT_RE, REMOVE_DUPLICATES_RE, assemble
from screener.query.tokens import (
    Problems,
    Statement,
    StatementCursor,
    Token,
    bad_reference,
    bad_references,
    close_group,
    read_strategy,
)

HASH_BEFORE_NUMBER_RE = re.compile(r"(?<![^\s(])#(\d+)\b")

#: Ovid date fields: a number in a group suffixed with one is a year or date, not a line
DATE_FIELDS = {"yr", "dp", "ed", "em", "ez", "dc", "up"}

# --------------------------------------------------------------------------- parsing


class OvidParser(StatementCursor):
    default_fields = ("mp",)

    def __init__(self, problems: Problems):
        self.p = problems
        self._text = ""
        self._hash_said = False

    # entry -----------------------------------------------------------------
    def statement(self, st: Statement, known: set[int]) -> Node | None:
        self.begin(st, known)
        self._text, self._hash_said = st.text, False
        if st.text.lower().lstrip().startswith("limit"):
            return self.limit(st, LIMIT_RE.match(st.text))
        if m := REMOVE_DUPLICATES_RE.match(st.text):
            # an Ovid history command: the set of line N without the duplicates between Ovid's
            # databases — for one database, line N itself
            n = int(m.group(1))
            self.p.add("REMOVE_DUPLICATES", f"`remove duplicates from {n}` searched as line {n} "
                       "(`screener dedupe` removes duplicates after import)", st.line, st.col)
            ref = self._ref(n, Token("NUMBER", n, st.line, st.col + m.start(1)))
            ref.written = f"remove duplicates from {n}"
            return ref
        if not self.toks:
            return None
        node = self.top()
        if node is None:
            return None
        # a foreign limit (`… and 2000:2015[dp]`, `… and [humans]/lim`) limits what it is ANDed with
        return fold_foreign_limits(self.apply_fields(node, None), self.p.add,
                    lambda f: f"write the Ovid limit line {ovid_limit_line(f)} (N: the line to limit)")

    def top(self) -> Node | None:
        node = self.or_expr()
        while (t := self.leftover()) is not None:
            if t.kind == "SUFFIX" and node is not None:
                self.i += 1
                self.p.add("SUFFIX_SCOPE", "field suffix after an unbalanced parenthesis applied "
                           "to the whole line", t.line, t.col)
                node = self._with_suffix(node, t)
            elif t.kind == "OP":
                self.i += 1
                rest = self.or_expr()
                if node is None or rest is None:
                    self.p.add("EMPTY_GROUP", f"{t.value.upper()} needs an operand on both sides: add the "
                               f"missing term or line, or delete the {t.value.upper()}",
                               t.line, t.col)
                    node = node or rest
                else:
                    node = BoolOp(node.line, node.col, t.value, (node, rest))
            elif self._starts_operand(t):
                self.p.add("SYNTAX_ERROR", f"missing operator before {self.show(t)} (read as OR)",
                           t.line, t.col)
                before = self.i
                rest = self.or_expr()
                if self.i == before:
                    self.i += 1
                if rest is not None:
                    if node is None:
                        node = rest
                    else:
                        # 'a.ti. b.ti. c.ti.' (Table 1 as published) is a or b or c, not ((a or b) or c):
                        # written back nested, it ran together behind a row of parentheses
                        flat = isinstance(node, BoolOp) and node.op == "or" and node.suffix is None \
                            and node.combined is None
                        operands = node.operands if isinstance(node, BoolOp) and flat else (node,)
                        node = BoolOp(node.line, node.col, "or", (*operands, rest))
            else:
                self.unexpected(t)
        return node

    def show(self, t: Token) -> str:
        if t.kind == "SUFFIX" and isinstance(t.value, tuple):
            return "field suffix ." + ",".join(t.value) + "."
        if t.kind == "OP":
            return f"operator {str(t.value).upper()}"
        if t.kind == "PHRASE":
            return f'"{t.value}"'
        if t.kind == "FILTER":
            return f"limit {t.value.text}"
        names = {"RP": "')'", "LP": "'('", "ADJ": "adj", "HEAD": "heading end '/'",
                 "EXP": "exp", "STAR": "'*'", "COMBINE": "a line combination"}
        return names.get(t.kind, repr(t.value))

    @staticmethod
    def _starts_operand(t: Token) -> bool:
        return t.kind in ("WORD", "NUMBER", "PHRASE", "LP", "EXP", "STAR", "COMBINE", "HEAD", "FILTER")

    # Boolean levels ----------------------------------------------------------
    # Ovid processes AND before NOT, and OR last (adj binds tightest of all)
    def or_expr(self) -> Node | None:
        ops: set[str] = set()
        node = self._chain("or", self.not_expr, ops)
        if len(ops) > 1 and node is not None:
            self.p.add("MIXED_OPERATORS", f"{' and '.join(sorted(o.upper() for o in ops))} mixed "
                       "without parentheses: read as Ovid does (adj, then and, then not, then or); "
                       "add parentheses to be sure", node.line, node.col)
        return node

    def not_expr(self, ops) -> Node | None:
        left = self.and_expr(ops)
        while (t := self.peek()) is not None and t.kind == "OP" and t.value == "not":
            self.i += 1
            ops.add("not")
            right = self.and_expr(ops)
            if left is None or right is None:
                self.p.add("EMPTY_GROUP", "NOT needs an operand on both sides: add the missing term or line, "
                           "or delete the NOT", t.line, t.col)
                left = left or right
                continue
            left = BoolOp(left.line, left.col, "not", (left, right))
        return left

    def and_expr(self, ops) -> Node | None:
        return self._chain("and", lambda o: self.prox_expr(), ops)

    def _chain(self, op: str, sub, ops: set) -> Node | None:
        first = sub(ops)
        items = [first] if first is not None else []
        while (t := self.peek()) is not None and t.kind == "OP" and t.value == op:
            self.i += 1
            ops.add(op)
            nxt = sub(ops)
            if nxt is None:
                self.p.add("EMPTY_GROUP", f"{op.upper()} needs an operand on both sides: add the missing term "
                               f"or line, or delete the {op.upper()}", t.line, t.col)
                continue
            if first is None and not items:
                self.p.add("EMPTY_GROUP", f"{op.upper()} needs an operand on both sides: add the missing term "
                               f"or line, or delete the {op.upper()}", t.line, t.col)
            items.append(nxt)
        if not items:
            return None
        if len(items) == 1:
            return items[0]
        flat: list[Node] = []
        for it in items:
            if isinstance(it, BoolOp) and it.op == op and it.suffix is None and not it.combined \
                    and not getattr(it, "_paren", False):
                flat.extend(it.operands)
            else:
                flat.append(it)
        node = BoolOp(items[0].line, items[0].col, op, tuple(flat))
        last = items[-1]
        if getattr(last, "suffix", None) and not getattr(last, "_paren", False) and all(
                getattr(x, "suffix", None) is None for x in items[:-1]) and all(
                isinstance(x, (Term, Proximity)) for x in items):
            self.p.add("SUFFIX_SCOPE", f"the field suffix .{','.join(last.suffix)}. binds only to "
                       f"the last operand of this {op.upper()}; write ( … ).{','.join(last.suffix)}. "
                       "if it was meant for all", last.line, last.col)
        return node

    # proximity and units -----------------------------------------------------
    def prox_expr(self) -> Node | None:
        first = self.unit()
        operands: list[Node | None] = [first]
        distances = []
        adj_tok = None
        while (t := self.peek()) is not None and t.kind == "ADJ":
            self.i += 1
            adj_tok = adj_tok or t
            nxt = self.unit()
            if nxt is None or operands[-1] is None:
                self.p.add("EMPTY_GROUP", "adj needs a term on both sides", t.line, t.col)
                continue
            operands.append(nxt)
            distances.append(t.value)
        present = [o for o in operands if o is not None]
        if len(present) == 1:
            node = present[0]
        elif not present:
            return None
        else:
            node = self._build_prox(present, distances)
        if (t := self.peek()) is not None and t.kind == "SUFFIX":
            self.i += 1
            node = self._with_suffix(node, t)
        return node

    def _build_prox(self, operands: list[Node], distances: list) -> Node:
        for o in operands:
            bad = next((n for n in o.walk() if isinstance(n, (Heading, LineRef, Limit))), None)
            if bad is not None:
                what = "a subject heading" if isinstance(bad, Heading) else "a line reference"
                self.p.add("SYNTAX_ERROR", f"{what} cannot be an operand of adj (adj takes words)",
                           bad.line, bad.col)
        group, current = [operands[0]], distances[0]
        for nxt, d in zip(operands[1:], distances):
            if d != current:
                group, current = [self._prox(group, current)], d
            group.append(nxt)
        return self._prox(group, current)

    def _prox(self, group: list[Node], d) -> Proximity:
        first = group[0]
        return Proximity(first.line, first.col, tuple(group), distance=d or 1, ordered=d is None)

    def _with_suffix(self, node: Node, t: Token) -> Node:
        if isinstance(node, Heading):
            written = t.extra.get("written") or f".{','.join(t.value)}."
            self.p.add("SYNTAX_ERROR", f"a field suffix cannot follow a subject heading: {written} ignored, read "
                       f"as {node.written}/ (for the word in those fields write "
                       f"{node.written.lower()}.{','.join(t.value)}.)", t.line, t.col)
            return node
        if isinstance(node, (LineRef,)):
            self.p.add("SYNTAX_ERROR", "a field suffix cannot follow a line reference (ignored)",
                       t.line, t.col)
            return node
        if isinstance(node, (Term, BoolOp, Proximity)):
            if node.suffix is not None:
                self.p.add("SYNTAX_ERROR", "two field suffixes on one term (the second is used)",
                           t.line, t.col)
            node.suffix = t.value
        return node

    def unit(self) -> Node | None:
        node = self.primary()
        if node is not None and (t := self.peek()) is not None and t.kind == "SUFFIX" \
                and self._next_is_adj():
            self.i += 1
            node = self._with_suffix(node, t)
        return node

    def _next_is_adj(self) -> bool:
        return self.i + 1 < len(self.toks) and self.toks[self.i + 1].kind == "ADJ"

    def primary(self) -> Node | None:
        t = self.peek()
        if t is None:
            return None
        if t.kind == "LP":
            self.i += 1
            return close_group(self, t, self.or_expr())
        if t.kind == "COMBINE":
            self.i += 1
            missing = [n for n in t.extra["numbers"] if n not in self.known]
            if missing:
                self.p.add("BAD_LINE_REFERENCE", bad_references(t.extra["written"], missing, self.number, self.numbers),
                           t.line, t.col)
            refs = [LineRef(t.line, t.col, n) for n in t.extra["numbers"]]
            if not refs:
                return None
            if len(refs) == 1:
                return refs[0]
            return BoolOp(t.line, t.col, t.value, tuple(refs), combined=t.extra["written"])
        if t.kind in ("WORD", "NUMBER", "PHRASE", "EXP", "STAR", "HEAD"):
            return self.run()
        if t.kind == "FILTER":
            self.i += 1
            return FilterNode(t.value)
        return None

    def _heading_continues(self) -> bool:
        """After `exp`/`*` words, does an operator word lead on to the heading's `/`?"""
        j = self.i + 1
        while j < len(self.toks) and self.toks[j].kind in ("WORD", "NUMBER"):
            j += 1
        return j < len(self.toks) and self.toks[j].kind == "HEAD" and (
            j > self.i + 1 or bool(self.toks[j].value))

    def _group_has_suffix(self) -> bool:
        """Is the group the parser is in closed by a ')' with a date field's suffix after it (`.yr.`)?
        Elsewhere a number stays a line (a later one an error), as the corpus property test expects."""
        depth = 0
        for j in range(self.i, len(self.toks)):
            kind = self.toks[j].kind
            if kind == "LP":
                depth += 1
            elif kind == "RP":
                if depth == 0:
                    after = self.toks[j + 1] if j + 1 < len(self.toks) else None
                    return after is not None and after.kind == "SUFFIX" and bool(
                        set(after.value or ()) & DATE_FIELDS)
                depth -= 1
        return False

    def _ref(self, n: int, t: Token) -> LineRef:
        if n not in self.known:
            self.p.add("BAD_LINE_REFERENCE", bad_reference(n, self.number, self.numbers), t.line, t.col)
        elif str(t.extra.get("text", "")).startswith("#") and not self._hash_said:
            self._hash_said = True
            self._hash_reference(t)
        return LineRef(t.line, t.col, n)

    def _hash_reference(self, t: Token) -> None:
        """`#1 or #2`: PubMed's, Embase.com's and the Cochrane Library's way to combine lines. The
        meaning is plain, so it is read as the references (an error would stop the translation of
        the published "Ovid" strategies that have it), but Ovid's own syntax is `1 or 2`: said once
        a line, at the first '#', with the line as Ovid writes it."""
        ovid = " ".join(HASH_BEFORE_NUMBER_RE.sub(r"\1", self._text).split())
        shown = ovid if len(ovid) <= 60 else ovid[:59] + "…"
        self.p.add("FOREIGN_SYNTAX", f"'#' before a line number is how PubMed, Embase.com and the Cochrane "
                   f"Library combine lines; Ovid writes `{shown}` (read as line references)", t.line, t.col)

    def run(self) -> Node | None:
        start = self.peek()
        if start is None:
            return None
        explode = major = False
        if start.kind == "EXP":
            explode = True
            self.i += 1
        if (t := self.peek()) is not None and t.kind == "STAR":
            major = True
            self.i += 1
        words: list[Token] = []
        while (t := self.peek()) is not None and t.kind in ("WORD", "NUMBER", "PHRASE"):
            words.append(t)
            self.i += 1
            if (explode or major) and (t := self.peek()) is not None and t.kind == "OP" \
                    and self._heading_continues():
                # exp Signs and Symptoms/ — an operator word inside an unquoted heading name
                words.append(Token("WORD", t.value, t.line, t.col))
                self.i += 1
        head = None
        if (t := self.peek()) is not None and t.kind == "HEAD":
            head = t
            self.i += 1
            explode = explode or head.extra.get("explode", False)
            major = major or head.extra.get("major", False)
        if head is not None and (t := self.peek()) is not None and t.kind == "EXP" and (
                self.i + 1 == len(self.toks) or self.toks[self.i + 1].kind in ("OP", "RP")):
            self.i += 1
            explode = True
            self.p.add("EXP_AFTER_HEADING", "`X/ exp` read as `exp X/` (exploded)", t.line, t.col)
        slip = None   # (column, what is wrong) of a heading written with '.' for its '/'
        if head is None and (explode or major):
            last = words[-1] if words else None
            if last is not None and last.kind == "WORD" and len(str(last.value)) > 1 \
                    and str(last.value).endswith("."):
                # `exp Back Pain.`: free text with the dot in it ("Back Pain."[tw]) before
                slip = (last.col + len(last.value) - 1, "a subject heading ends in '/', not '.'")
                words[-1] = Token("WORD", str(last.value)[:-1], last.line, last.col)
                head = Token("HEAD", "", last.line, last.col, {"subheadings": ()})
            elif (t := self.peek()) is not None and t.kind == "SUFFIX" and t.value == ("sh",):
                # `exp Back Pain.sh.`, `*Back Pain.sh.`: said 'read as free text', was the heading
                # unexploded (and not major)
                self.i += 1
                slip = (t.col, "exp explodes a subject heading written with '/', not .sh." if explode
                        else "* marks a major subject heading written with '/', not .sh.")
                head = Token("HEAD", "", t.line, t.col, {"subheadings": ()})
            else:
                mark = "exp" if explode else "*"
                name = " ".join(str(w.value) for w in words)
                # the heading meant is the words written, when nothing but them follows: say what to write
                nxt = self.peek()
                fix = (f": for the subject heading write `{mark}{' ' if explode else ''}{name}/`"
                       + ("" if nxt is None or nxt.kind in ("OP", "RP") else f", for the words delete the {mark}")
                       if words and all(w.kind == "WORD" for w in words) else "")
                self.p.add("HEADING_SYNTAX", f"{mark} must be followed by a subject heading ending in '/' "
                           f"(read as free text){fix}", start.line, start.col)
        elif head is not None and "dot_before" in head.extra:
            slip = (head.extra["dot_before"], "a subject heading ends at its '/': the '.' before it is not Ovid syntax")
        elif head is not None and "stray_dot" in head.extra:
            slip = (head.extra["stray_dot"], "a subject heading ends at its '/': the '.' after it is "
                    "not Ovid syntax")
        if head is not None:
            parts = [str(w.extra.get("text", w.value)) for w in words]
            if head.value:
                parts.append(str(head.value))
            written = " ".join(parts)
            if not written:
                self.p.add("HEADING_SYNTAX", "a '/' with no heading before it", head.line, head.col)
                return None
            if slip is not None:
                meant = ("exp " if explode else "") + ("*" if major else "") + written + "/"
                self.p.add("HEADING_SYNTAX", f"{slip[1]}; Ovid writes {meant} (read so)", head.line, slip[0])
            return Heading(start.line, start.col, name=heading_display_name(written),
                           explode=explode, major=major,
                           subheadings=tuple(SUBHEADINGS.get(s, s) for s in head.extra["subheadings"]),
                           written=written)
        if not words:
            return None
        if len(words) == 1 and words[0].kind == "NUMBER":
            nxt = self.peek()
            # `(2015 or 2016 or 2017).yr.`: numbers in a group with a date field's suffix are years,
            # not lines (each was 'line 2015 comes later')
            if (nxt is None or nxt.kind != "SUFFIX") and not self._group_has_suffix():
                return self._ref(words[0].value, words[0])
        text = " ".join(str(w.extra.get("text", w.value)) for w in words if w.value != "")
        phrase = any(w.kind == "PHRASE" for w in words)
        last = words[-1]
        if last.kind == "WORD" and len(str(last.value)) > 1 and text.endswith(".") and not text[:-1].endswith(".") \
                and getattr(self.peek(), "kind", None) != "SUFFIX" and is_descriptor(text[:-1]):
            # `Back Pain.`: the heading's '/' typed as '.'? (`exp Back Pain.` is an error: exp says so)
            self.p.add("STRAY_CHARACTER", f"{text} ends in '.': searched as words (free text); the "
                       f"subject heading is written {text[:-1]}/", last.line, last.col + len(last.value) - 1)
        if not text.strip():
            self.p.add("EMPTY_GROUP", "an empty phrase", start.line, start.col)
            return None
        return Term(start.line, start.col, text=text, phrase=phrase, fields=self.default_fields)

    # fields ------------------------------------------------------------------
    def apply_fields(self, node: Node, inherited: tuple[str, ...] | None) -> Node:
        if isinstance(node, Term):
            fields = node.suffix or inherited
            if fields and "sh" in fields:
                return Heading(node.line, node.col, name=heading_display_name(node.text),
                               via_field="sh", written=node.text)
            if fields:
                node.fields, node.implicit = tuple(fields), False
            else:
                node.fields, node.implicit = self.default_fields, True
            return node
        if isinstance(node, (BoolOp, Proximity)):
            fields = node.suffix or inherited
            if isinstance(node, Proximity) and fields and "sh" in fields:
                self.p.add("SYNTAX_ERROR", "a .sh. (subject heading) suffix cannot apply to adj",
                           node.line, node.col)
            node.operands = tuple(self.apply_fields(c, fields) for c in node.operands)
            return node
        return node

    # limits ------------------------------------------------------------------
    def limit(self, st: Statement, m) -> Node | None:
        if m is None:
            self.p.add("BAD_LIMIT", "a limit line must read `limit N to …` (e.g. limit 5 to english "
                       "language)", st.line, st.col)
            return None
        n = int(m.group(1))
        tok = Token("NUMBER", n, st.line, st.col + m.start(1))
        ref = self._ref(n, tok)
        # Ovid's note on a limit run over several databases (`[Limit not valid in Embase; records were
        # retained]`, said as ANNOTATION_IGNORED where it was read) is no part of the limit
        spec = LIMIT_NOTE_RE.sub("", m.group(2))
        base = st.col + m.start(2)
        filters = []
        inner = spec
        offset = 0
        if inner.startswith("(") and inner.endswith(")"):
            inner, offset = inner[1:-1], 1
        for piece, at in split_and(inner):
            flt = parse_filter(piece, st.line, base + offset + at)
            if flt.kind == "unknown" and not known_limit(flt.text):
                # in an `or` list, the values that are no limit, not the whole list
                values = [v for v in re.split(r"(?i)\s+or\s+", flt.text.strip().strip("()")) if not known_limit(v)]
                self.p.add("UNKNOWN_LIMIT", unknown_limit(" or ".join(values) or flt.text), flt.line, flt.col)
            filters.append(flt)
        return Limit(st.line, st.col, ref, tuple(filters))



def parse_ovid(source: str) -> Strategy:
    return read_strategy(source, "ovid", assemble, OvidParser)
