"""PubMed (runnable through E-utilities ESearch).

Rules (sources in ../shared/benchmarks/query/REPORT-NOTES.md): every term tagged and every group
parenthesised (PubMed reads Boolean operators left to right and maps untagged terms
automatically); a field on a group is distributed to its terms; line references are inlined,
never ``#n``; ``exp X/`` → ``"X"[mh]``, ``X/`` and ``.sh.`` → ``[mh:noexp]``, ``exp *X/`` →
``[majr]``, ``*X/`` → ``[majr:noexp]``; ``adjN`` → ``"a b"[tiab:~N-1]`` on [ti]/[tiab] only,
one clause per OR alternative, AND (with PROXIMITY_DEGRADED) where PubMed cannot express it;
at least 4 characters before ``*``; ``#``, ``?`` and ``$N`` broadened to ``*``. Fields: what each
tag searches is ``fields.PUBMED_FIELDS`` (shared with the PubMed reader); ``.ot.`` (Original Title)
→ ``[tt]``; ``.ti,ab,kf.`` → ``[tiab]`` exactly, ``.ti,ab.`` → ``[tiab]`` with FIELD_APPROXIMATED.
"""

from __future__ import annotations

import math
import re
from itertools import product

from screener.query.dialects.base import Chunks, Generator
from screener.query.fields import PUBMED_FIELDS, SUBHEADINGS
from screener.query.nodes import Heading, Proximity, Term

F = frozenset


class PubMed(Generator):
    name = "pubmed"
    label = "PubMed"
    thesaurus = "MeSH"
    mesh_native = True
    #: what each PubMed tag searches (fields.PUBMED_FIELDS, shared with the PubMed reader): the
    #: FIELD_APPROXIMATED note of a title/abstract/keyword field is computed from it
    TAG_FIELDS = {tag: fields for tag, (fields, _) in PUBMED_FIELDS.items()}
    FIELDS = {
        "ti": ("ti", None),
        "ab": ("tiab", "PubMed has no abstract-only tag"),
        "tw": ("tiab", None),
        "kf": ("ot", None), "kw": ("ot", None),
        # Ovid .ot. is Original Title (MEDLINE VernacularTitle), PubMed's Transliterated Title;
        # PubMed [ot] is Other Term (keywords), a different field
        "ot": ("tt", None),
        "mp": ("tw", "[tw] approximates Ovid's .mp. (it adds subheadings and publication types, "
                     "lacks Ovid's keyword-heading and substance-word fields)"),
        "af": ("all", None), "all": ("all", None), "tx": ("all", "all fields approximates all text"),
        "atm": (None, None),
        "pt": ("pt", None), "lg": ("la", None), "yr": ("dp", None), "dp": ("dp", None),
        "ed": ("edat", None), "edat": ("edat", None), "crdt": ("crdt", None), "mhda": ("mhda", None),
        "dcom": ("dcom", None), "lr": ("lr", None), "pa": ("pa", None),
        # PubMed's Journal [ta] takes a journal's ISSN as well as its title (PubMed User Guide)
        "au": ("au", None), "jn": ("ta", None), "ta": ("ta", None), "is": ("ta", None),
        "jw": ("ta", "[ta] needs the whole journal title, not a word of it"),
        "rn": ("rn", None), "nm": ("nm", None), "ui": ("pmid", None), "ad": ("ad", None),
        "in": ("ad", None), "sb": ("sb", None), "fs": ("sh", None),
        "hw": ("mh", "heading words approximated by whole MeSH headings"),
        "xm": ("mh", "Ovid's mapped heading searched as a MeSH heading"),
        "id": ("ot", "PsycINFO key concepts approximated by other terms"),
    }
    #: field sets written as one tag; whether that is exact is computed from TAG_FIELDS
    #: ([tiab] is exact for .ti,ab,kf. and broader than .ti,ab.)
    FIELD_SETS = {
        F({"ti", "ab"}): (("tiab",), None),
        F({"ti", "ab", "kf"}): (("tiab",), None),
        F({"ti", "ab", "kw"}): (("tiab",), None),
        F({"ti", "ab", "kf", "kw"}): (("tiab",), None),
        F({"tw", "kf"}): (("tiab",), None),
        F({"tw", "kw"}): (("tiab",), None),
        F({"ti", "ab", "sh"}): (("tiab", "mh:noexp"), None),
    }
    FALLBACK_FIELD = "tw"
    WILDCARDS = {"*": "*", "$": None, "#": None, "?": None}
    TRUNCATION_MIN = 4
    LIMITS = {
        "language": "{value}[la]",
        "humans": "humans[mh]",
        "animals": "animals[mh]",
        "sex": "{value}[mh]",      # the check tags Female, Male: PubMed's Sex filter
        "year": "{first}:{last}[dp]",
        "entry_date": "{first}:{last}[edat]",
        "publication_type": '"{value}"[pt]',
    }
    PROXIMITY_TAGS = {"ti", "tiab"}

    def compile(self):
        chunks, per_line = super().compile()
        final = self.strategy.final
        if self.strategy.dialect == "pubmed" and final is not None and chunks is not None:
            # PubMed read and written: parentheses around the whole query only where the searcher
            # wrote them ('pain[tiab] OR ache[tiab]' came back as '(pain[tiab] OR ache[tiab])'); a
            # compiled query read back (which has them) still gives itself
            if not _wrapped(final.text.strip()):
                chunks = self.unwrap(chunks)
        return chunks, per_line

    def show_tag(self, tag):
        return "untagged" if tag is None else f"[{tag}]"

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        if tag == "sh" and text.lower() in SUBHEADINGS:
            text = SUBHEADINGS[text.lower()]
        # untagged words the source did not quote stay unquoted: quotes would turn PubMed's automatic
        # term mapping off (`model selection` maps to MeSH and the words; `"model selection"` is a phrase)
        q = text if tag is None and not node.phrase and self.strategy.dialect == "pubmed" \
            and re.fullmatch(r"[\w*\- ]+", text) else self.quote(text, node)
        if re.search(r"[A-Za-z]/|/[A-Za-z]", q) and not q.startswith('"'):
            # human/s: a slash between letters reads as MeSH/subheading (dates keep theirs)
            q = f'"{q}"'
        if tag is None:
            self.warn("UNTAGGED_TERM", f"{q} is untagged: PubMed maps it automatically (as the "
                      "source strategy did)", node)
            return q
        return f"{q}[{tag}]"

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'"{node.name.lower()}"[tiab]')
        # a truncated heading is never exploded; PubMed writes it with the plain tag
        tag = ("majr" if node.major else "mh") + ("" if node.explode or node.name.endswith("*") else ":noexp")
        names = [f"{node.name}/{s}" for s in node.subheadings] or [node.name]
        plain = not node.quoted and len(names) == 1 and all(ch.isalnum() or ch in "-*" for ch in names[0])
        parts = [self.c(f"{n}[{tag}]" if plain else f'"{n}"[{tag}]') for n in names]
        return parts[0] if len(parts) == 1 else self.paren(self.join(parts, f" {self.OR} "))

    # proximity ---------------------------------------------------------------
    def proximity(self, node: Proximity) -> Chunks | None:
        found = [self.alternatives(o) for o in node.operands]
        alts = [a for a in found if a is not None]
        if len(alts) < len(found):
            return self.prox_fallback(node, "PubMed proximity takes words only (no nested AND, "
                                      "proximity or headings inside)")
        terms = [t for a in alts for t in a]
        fields = {t.fields for t in terms}
        if len(fields) != 1:
            return self.prox_fallback(node, "the words of this proximity are in different fields")
        tags = self.tags_for(next(iter(fields)), node)
        if tags is None:
            return None
        if node.ordered and node.distance == 1:
            return self._phrases(node, alts, tags)
        if len(tags) > 1 and any(t in self.PROXIMITY_TAGS for t in tags):
            # .tw,ot. → [tiab] + [tt]: proximity where PubMed has it, AND in the other tags
            parts = []
            for tag in tags:
                if tag in self.PROXIMITY_TAGS:
                    got = self._proximity_in(node, alts, tag)
                else:
                    self.warn("PROXIMITY_DEGRADED", f"PubMed proximity works in [ti] and [tiab] "
                              f"only; in {self.show_tag(tag)} the words are searched with AND "
                              "(broader: anywhere in the field)", node)
                    got = self._and_in(alts, tag)
                if got:
                    parts.append(got)
            if not parts:
                return None
            return parts[0] if len(parts) == 1 else self.paren(self.join(parts, f" {self.OR} "))
        if len(tags) != 1 or tags[0] not in self.PROXIMITY_TAGS:
            return self.prox_fallback(node, f"PubMed proximity works in [ti] and [tiab] only, not "
                                      f"{' + '.join(self.show_tag(t) for t in tags)}")
        return self._proximity_in(node, alts, tags[0])

    def _and_in(self, alts, tag: str | None) -> Chunks | None:
        """The operands' alternatives ANDed, every word in ``tag``."""
        ands = []
        for a in alts:
            items = []
            for t in a:
                text = self.term_text(t)
                if text is not None:
                    items.append(self.c(self.fmt_term(text, t, tag)))
            if not items:
                return None
            ands.append(items[0] if len(items) == 1 else self.paren(self.join(items, f" {self.OR} ")))
        return ands[0] if len(ands) == 1 else self.paren(self.join(ands, f" {self.AND} "))

    def _one(self, t: Term, tag: str | None) -> Chunks | None:
        text = self.term_text(t)
        return None if text is None else self.c(self.fmt_term(text, t, tag))

    def _proximity_in(self, node: Proximity, alts, tag: str) -> Chunks | None:
        """Proximity clauses in one proximity tag ([ti] or [tiab])."""
        good = [[t for t in a if not t.has_wildcard and " " not in t.text] for a in alts]
        bad = [[t for t in a if t.has_wildcard or " " in t.text] for a in alts]
        n = node.distance - 1
        parts: list[Chunks] = []
        self.check_size(math.prod(len(g) for g in good) * 8, node)   # a clause is 8+ characters
        combos = list(product(*good)) if all(good) else []
        for combo in combos:
            words = " ".join(t.text for t in combo)
            parts.append(self.c(f'"{words}"[{tag}:~{n}]'))
        if len(combos) > 1:
            self.warn("PROXIMITY_DISTRIBUTED", f"proximity over OR alternatives written as {len(combos)} "
                      f"proximity clauses [{tag}:~{n}]", node)
        if any(bad):
            reasons = sorted({("a truncated word" if t.has_wildcard else "a phrase")
                              for a in bad for t in a})
            named = ", ".join(t.text for a in bad for t in a)
            # what to change by hand to keep the proximity: only the searcher knows the word forms meant
            self.warn("PROXIMITY_DEGRADED", f"PubMed proximity cannot hold {' or '.join(reasons)} "
                      f"({named}); those combinations are searched with AND (broader: anywhere in the field); "
                      f"to keep the proximity, write out by hand the single words meant in place of {named}, "
                      f"one [{tag}:~{n}] clause per combination", node)
            # partition the combinations with at least one bad word without overlap:
            # for operand i: good alternatives before i, bad at i, every alternative after i
            partition = range(len(alts)) if combos else []
            if not combos:
                # no combination can be a proximity clause: one AND of all alternatives
                ands = []
                for a in alts:
                    items = [x for x in (self._one(t, tag) for t in a) if x is not None]
                    if items:
                        ands.append(items[0] if len(items) == 1 else self.paren(self.join(items, f" {self.OR} ")))
                if ands:
                    parts.append(ands[0] if len(ands) == 1 else self.paren(self.join(ands, f" {self.AND} ")))
            for i in partition:
                if not bad[i]:
                    continue
                groups = [good[j] for j in range(i)] + [bad[i]] + [alts[j] for j in range(i + 1, len(alts))]
                if any(not g for g in groups):
                    continue
                ands = []
                complete = True
                for g in groups:
                    items = [x for x in (self._one(t, tag) for t in g) if x is not None]
                    if not items:
                        complete = False
                        break
                    ands.append(items[0] if len(items) == 1 else self.paren(self.join(items, f" {self.OR} ")))
                if complete and ands:
                    parts.append(self.paren(self.join(ands, f" {self.AND} ")))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else self.paren(self.join(parts, f" {self.OR} "))

    def _phrases(self, node: Proximity, alts, tags) -> Chunks | None:
        parts = []
        self.check_size(math.prod(len(a) for a in alts) * 8, node)
        for combo in product(*alts):
            words = " ".join(t.text for t in combo)
            probe = Term(node.line, node.col, text=words, phrase=True, fields=combo[0].fields,
                         implicit=False)
            text = self.term_text(probe)
            if text is None:
                continue
            for tag in tags:
                parts.append(self.c(f'"{text}"' + ("" if tag is None else f"[{tag}]")))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else self.paren(self.join(parts, f" {self.OR} "))


def _wrapped(text: str) -> bool:
    """Whether ``text`` is one pair of parentheses around the whole of it (quotes respected)."""
    return bool(text) and Generator.unwrap([(text[:1], 0), (text[1:-1], 0), (text[-1:], 0)]) != \
        [(text[:1], 0), (text[1:-1], 0), (text[-1:], 0)]
