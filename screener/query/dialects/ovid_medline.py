"""Ovid MEDLINE (round trip), and the generator the other Ovid databases share.

Ovid keeps the strategy's numbered lines and line references (``1 or 2``, ``or/1-5``); a field
suffix is written where it was written in the source; headings keep ``exp``, ``*`` and
subheading codes. The Embase, PsycINFO and AMED modules only change the data below: field codes,
thesaurus, limits.
"""

from __future__ import annotations

import re
from typing import cast

from screener.query.dialects.base import Chunks, Generator
from screener.query.fields import SUBHEADING_CODES
from screener.query.nodes import BoolOp, Filter, Heading, Limit, LineRef, Node, Proximity, Term

_OPERATOR_WORD = re.compile(r"^(and|or|not|exp|adj\d*|limit)$", re.I)


class OvidFamily(Generator):
    multiline = True
    AND, OR, NOT = "and", "or", "not"
    WILDCARDS = {"*": "*", "$": "$", "#": "#", "?": "?"}
    #: canonical field → (this database's code, note) — identity for MEDLINE
    FIELDS = {f: (f, None) for f in (
        "ti", "ab", "kf", "kw", "tw", "ot", "mp", "af", "hw", "fs", "pt", "rn", "nm", "au", "jn",
        "jw", "lg", "yr", "dp", "ed", "ui", "id", "xm", "tx", "ad", "in", "so", "is", "dv", "sd",
        "st", "ps", "gr", "si", "ia")}
    FIELDS.update({
        "atm": (None, "PubMed's automatic term mapping has no Ovid equivalent; Ovid's default "
                      "(.mp.) applies"),
        "all": ("af", None), "dp": ("yr", None), "edat": ("ed", None),
        "crdt": ("ed", "PubMed create date approximated by entry date"),
        "ta": ("jn", None), "mhda": ("ed", "MeSH date approximated by entry date"),
        "sb": (None, "PubMed subsets have no Ovid field; searched as free text"),
    })
    FALLBACK_FIELD = "mp"
    LIMITS = {
        "language": "{value} language",
        "humans": "humans",
        "animals": "animals",
        "sex": "{value}",
        "year": 'yr="{first} -{last_text}"',
        "entry_date": "ed={first_raw}-{last_raw}",
        "publication_type": "{value}",
        "unknown": "{value}",  # an Ovid limit this reader does not model: kept as written
    }
    heading_syntax_note = None
    LANGUAGE_ANY = "({names})"     # limit 1 to (danish or english)

    # lines ------------------------------------------------------------------
    def line_body(self, node: Node) -> Chunks | None:
        return self.expr(node, top=True)

    def expr(self, node: Node, top: bool = False) -> Chunks | None:
        if isinstance(node, BoolOp):
            return self.boolop(node, top)
        if isinstance(node, Proximity):
            return self.proximity(node, top)
        return super().expr(node)

    def lineref(self, node: LineRef) -> Chunks:
        return self.c(node.written or str(node.number))

    # fields -----------------------------------------------------------------
    def own_codes(self) -> bool:
        """The strategy was read as this very database (``--from ovid-embase --to ovid-embase``):
        its codes are this database's, not MEDLINE's, and FIELDS (MEDLINE → here) does not apply."""
        return self.strategy.database == self.name

    def tags_for(self, fields: tuple[str, ...], node: Node) -> list[str | None] | None:
        if self.own_codes():
            return list(fields)
        return super().tags_for(fields, node)

    def suffix(self, fields: tuple[str, ...] | None, node: Node) -> str | None:
        """``.ti,ab.`` for ``fields`` (None: nothing to write); "" when the field is dropped."""
        if not fields:
            return ""
        tags = self.tags_for(fields, node)
        if tags is None:
            return None
        codes = [t for t in tags if t]
        return "." + ",".join(dict.fromkeys(codes)) + "." if codes else ""

    def quote(self, text: str, node: Term) -> str:
        words = text.split(" ")
        if node.phrase or any(_OPERATOR_WORD.match(w) for w in words) or (
                len(words) == 1 and text.isdigit()) or "/" in text or text.startswith(("*", "//")):
            return f'"{text}"'
        return text

    def term(self, node: Term) -> Chunks | None:
        text = self.term_text(node)
        if text is None:
            return None
        fields = node.suffix
        if node.implicit and node.fields != ("mp",):
            fields = node.fields  # a PubMed default (atm): reported, nothing written
        elif node.implicit and not node.suffix and not self.own_codes():
            # no suffix: Ovid searches the database's own .mp., which is not MEDLINE's
            note = self.FIELDS["mp"][1]
            if note:
                self.approximated(f"an unsuffixed term is searched in {self.label}'s .mp.: {note}", node)
        suffix = self.suffix(fields, node)
        if suffix is None:
            return None
        written = self.quote(text, node)
        if suffix and written.endswith("."):
            # `dt.` in .ti,ab.: `dt..ti,ab.` would read back as the slip `..ti,ab.` (an error)
            written = f'"{text}"'
        return self.c(written + suffix)

    # headings ---------------------------------------------------------------
    def heading(self, node: Heading) -> Chunks | None:
        name = node.name
        if any(_OPERATOR_WORD.match(w) for w in name.split()) or any(ch in name for ch in "/[].'\"") \
                or name.startswith(("*", "//")) or name.isdigit():
            name = f'"{name}"'
        subs = node.subheadings
        if not self.own_heading(node):
            self.heading_note(node, f'"{node.name.lower()}"{self.free_text_suffix}')
            subs = () if not self.mesh_native else subs
        if node.via_field == "sh" and not subs and not node.major:
            return self.c(f"{name}.sh.")
        codes = []
        for s in subs:
            code = SUBHEADING_CODES.get(s, s if len(s) == 2 else None)
            if code is None:
                self.warn("UNKNOWN_SUBHEADING", f"subheading {s!r} has no Ovid code; dropped", node)
                continue
            codes.append(code)
        return self.c(("exp " if node.explode else "") + ("*" if node.major else "") + name + "/"
                      + ",".join(codes))

    free_text_suffix = ".ti,ab."

    # groups -----------------------------------------------------------------
    def boolop(self, node: BoolOp, top: bool = False) -> Chunks | None:
        if all(isinstance(o, LineRef) for o in node.operands) and node.op in ("and", "or") and (
                node.combined or len(node.operands) > 2):
            return self.c(f"{node.op}/{_ranges([o.number for o in node.operands if isinstance(o, LineRef)])}")
        parts = [self.expr(o) for o in node.operands]
        keep: list[Chunks]
        if node.op == "not":
            if parts[0] is None:
                return None
            if parts[1] is None:
                self.warn("FIELD_UNSUPPORTED", "the NOT part of this line could not be compiled; the "
                          "line is broader than written", node, severity="error")
                return parts[0]
            keep = cast("list[Chunks]", parts)      # NOT is binary: both parts checked above
        else:
            keep = [p for p in parts if p is not None]
        if not keep:
            return None
        body = keep[0] if len(keep) == 1 else self.join(keep, f" {self.op_word(node.op)} ")
        return self._group(body, node, top)

    def _group(self, body: Chunks, node, top: bool) -> Chunks | None:
        if node.suffix:
            suffix = self.suffix(node.suffix, node)
            if suffix is None:
                return None
            return self.paren(body) + self.c(suffix) if suffix else (body if top else self.paren(body))
        return body if top else self.paren(body)

    def proximity(self, node: Proximity, top: bool = False) -> Chunks | None:
        compiled = [self.expr(o) for o in node.operands]
        parts = [p for p in compiled if p is not None]
        if len(parts) < len(compiled):
            return None
        last = node.operands[-1]
        if isinstance(last, Term) and last.suffix and not node.suffix:
            # `a adj b.ti.` would read as a suffix on the whole adjacency: keep it on b
            parts[-1] = self.paren(parts[-1])
        op = "adj" if node.ordered and node.distance == 1 else f"adj{node.distance}"
        return self._group(self.join(parts, f" {op} "), node, top)

    # limits -----------------------------------------------------------------
    def limit(self, node: Limit) -> Chunks | None:
        if not isinstance(node.operand, LineRef):
            # a limit written inside a line of another syntax (`… AND [english]/lim`): Ovid
            # limits a whole line only
            self.warn("LIMIT_UNSUPPORTED", "Ovid applies limits to a whole line (`limit N to …`); "
                      "this line is written without its limit: put it on a line of its own and "
                      "add the limit line", node)
            return self.expr(node.operand) if node.operand is not None else None
        texts = [t for t in (self.filter(f) for f in node.filters) if t]
        if not texts:
            return self.c(str(node.operand.number))
        return self.c(f"limit {node.operand.number} to " + " and ".join(texts))

    def filter_values(self, f: Filter) -> dict:
        values = super().filter_values(f)
        if f.kind == "year":
            last = cast("tuple[int, int | None]", f.value)[1]     # the readers write (first, last)
            values["last_text"] = "Current" if last is None else last
        return values


def _ranges(numbers: list[int]) -> str:
    out, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        out.append(str(numbers[i]) if j == i else f"{numbers[i]}-{numbers[j]}")
        i = j + 1
    return ",".join(out)


class OvidMedline(OvidFamily):
    name = "ovid-medline"
    label = "Ovid MEDLINE"
    thesaurus = "MeSH"
    mesh_native = True
