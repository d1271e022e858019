"""The shape Embase.com and the Cochrane Library share: a field list after the term or the
parenthesised group (``pain:ti,ab,kw``, ``(a OR b):ti,ab``), ``NEAR/n`` proximity (n = the most
words between, as Web of Science counts: Ovid ``adjN`` is ``NEAR/N-1``), and a numbered search
history (``#1 …``, ``#3 #1 OR #2``) so line references stay references. The two modules give
the data (quote character, field codes, heading syntax, limits)."""

from __future__ import annotations

from screener.query.dialects.base import Chunks, Generator
from screener.query.nodes import LineRef, Node, Proximity, Term


class SuffixFields(Generator):
    multiline = True
    group_fields = True
    QUOTE = '"'
    #: ordered adjacency (Ovid ``adj``) between operands that are not single words
    ADJACENT = "NEXT/0"

    def line_label(self, number: int) -> str:
        return f"#{number} "

    def lineref(self, node: LineRef) -> Chunks:
        return self.c(f"#{node.number}")

    def line_body(self, node: Node) -> Chunks | None:
        return self.unwrap(self.expr(node))

    def quote(self, text: str, node: Term) -> str:
        if " " in text or node.phrase or any(ch in text for ch in "():/'\"") or \
                text.upper() in ("AND", "OR", "NOT", "NEAR", "NEXT"):
            quote = '"' if self.QUOTE in text else self.QUOTE   # O'Brien in Embase.com
            return f"{quote}{text}{quote}"
        return text

    def merge_tags(self, tags):
        tags = super().merge_tags(tags)
        if None in tags or len(tags) < 2:
            return tags
        return [",".join(dict.fromkeys(c for t in tags for c in t.split(",")))]

    def show_tag(self, tag):
        return "untagged" if tag is None else f":{tag}"

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        q = self.quote(text, node)
        return q if tag is None else f"{q}:{tag}"

    def wrap_field(self, inner: Chunks, tag: str | None) -> Chunks:
        return self.paren(inner) + ([] if tag is None else self.c(f":{tag}"))

    def prox_op(self, node: Proximity) -> str:
        if node.ordered and node.distance == 1:
            return self.ADJACENT
        return super().prox_op(node)

    def proximity(self, node: Proximity) -> Chunks | None:
        phrase = self.as_phrase(node)
        if phrase is not None:
            return self.term(phrase)
        return super().proximity(node)
