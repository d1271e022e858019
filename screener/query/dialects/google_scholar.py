"""Google Scholar: what its one search box takes — words, "phrases", OR, ``-word`` to exclude a
word, ``intitle:`` for a title word, juxtaposition for AND — and at most 256 characters. What it
cannot express is a typed problem, never silently dropped: no truncation
(WILDCARD_UNSUPPORTED: the stem is searched as a word), no proximity (PROXIMITY_DEGRADED: AND),
no subject headings (HEADING_NEEDS_MAPPING: the heading's words as a phrase), no abstract or
keyword field (FIELD_APPROXIMATED: anywhere, full text included), no exclusion of anything but
single words (NOT_UNSUPPORTED), parentheses not documented (GROUPING_UNDOCUMENTED), limits set
in its sidebar, not in the query (LIMIT_UNSUPPORTED), and a query over 256 characters
(QUERY_TOO_LONG). No reader: Google Scholar is a target only."""

from __future__ import annotations

from screener.query.dialects.base import Chunks, Generator
from screener.query.nodes import WILDCARD_RE, BoolOp, Heading, Node, Proximity, Term

MAX_LENGTH = 256


class GoogleScholar(Generator):
    name = "google-scholar"
    label = "Google Scholar"
    thesaurus = None
    AND, OR, NOT = "", "OR", "-"
    FIELDS = {"ti": ("intitle", None), "ot": ("intitle", "the title is searched for .ot.")}
    FALLBACK_FIELD = None
    LIMITS = {k: None for k in ("language", "humans", "animals", "year", "entry_date",
                                "publication_type")}
    WILDCARDS = {"*": None, "$": None, "#": None, "?": None}
    PROXIMITY = None

    def tags_for(self, fields, node):
        if frozenset(fields) <= {"ti", "ot"}:
            return super().tags_for(fields, node)
        what = ",".join(fields)
        self.approximated(f".{what}. searched anywhere: Google Scholar has only a title field "
                          "(intitle:); untagged words are searched in the whole article, full text "
                          "included (broader)", node)
        return [None]

    def show_tag(self, tag):
        return "anywhere" if tag is None else f"{tag}:"

    def term_text(self, node: Term) -> str | None:
        if not node.has_wildcard:
            return node.text
        stem = " ".join(w for w in (WILDCARD_RE.sub("", w) for w in node.text.split(" ")) if w)
        self.warn("WILDCARD_UNSUPPORTED", f"{node.text}: Google Scholar has no truncation; "
                  f"searched as {stem!r} only (narrower: list the word forms by hand)"
                  if stem else f"{node.text}: nothing left without the wildcard (dropped)", node)
        return stem or None

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        q = self.quote(text, node)
        return q if tag is None else f"{tag}:{q}"

    def boolop(self, node: BoolOp) -> Chunks | None:
        parts = [self.expr(o) for o in node.operands]
        if node.op == "not":
            left, right = parts
            if left is None:
                return None
            excluded = node.operands[1]
            if right is not None and isinstance(excluded, Term) and " " not in (self.term_text(excluded) or " "):
                return left + self.c(" -") + right
            self.warn("NOT_UNSUPPORTED", "Google Scholar can exclude single words only (-word); "
                      "the NOT part is dropped (broader)", node)
            return left
        keep = [p for p in parts if p is not None]
        if not keep:
            return None
        if len(keep) == 1:
            return keep[0]
        if any(isinstance(o, (BoolOp, Proximity)) for o in node.operands):
            self.warn("GROUPING_UNDOCUMENTED", "Google Scholar does not document parentheses; "
                      "this nested group may be read differently (check the results)", node)
        sep = " OR " if node.op == "or" else " "
        return self.paren(self.join(keep, sep))

    def proximity(self, node: Proximity) -> Chunks | None:
        phrase = self.as_phrase(node)
        if phrase is not None:
            return self.term(phrase)
        self.warn("PROXIMITY_DEGRADED", "Google Scholar has no proximity operator; replaced by "
                  "AND (broader: the words may be anywhere)", node)
        parts = [p for p in (self.expr(o) for o in node.operands) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else self.paren(self.join(parts, " "))

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'"{node.name.lower()}"')
        return self.c(f'"{node.name.lower()}"')

    def compile(self):
        chunks, per_line = super().compile()
        chunks = self.unwrap(chunks)
        if chunks is not None:
            length = len("".join(t for t, _ in chunks))
            if length > MAX_LENGTH:
                first = self.strategy.final
                self.problems.add("QUERY_TOO_LONG", f"the query is {length} characters; Google "
                                  f"Scholar takes at most {MAX_LENGTH} (it drops the rest): split it "
                                  "into several searches", first.line if first else None,
                                  first.col if first else None)
        return chunks, per_line


def _is_word(node: Node) -> bool:
    return isinstance(node, Term) and " " not in node.text
