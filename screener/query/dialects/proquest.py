"""ProQuest (e.g. ProQuest's MEDLINE, APA PsycInfo, ASSIA, Dissertations & Theses): field codes
before a parenthesised term or group, several at once (``ti,ab(pain)``, ``noft(…)`` anywhere but
the full text), MeSH headings ``MESH.EXACT.EXPLODE("Back Pain")`` / ``MESH.EXACT("Back Pain")``
(in ProQuest's MEDLINE; other ProQuest databases have their own thesaurus), ``NEAR/n`` (any
order) and ``PRE/n`` (in order), n = the most words between, wildcards ``*``, ``?`` (exactly one)
and ``[*n]`` (at most n characters). One string: line references are written out."""

from __future__ import annotations

import re

from screener.query.dialects.base import Chunks, Generator
from screener.query.nodes import Heading, Proximity, Term

F = frozenset


class ProQuest(Generator):
    name = "proquest"
    label = "ProQuest"
    thesaurus = "MeSH"
    mesh_native = True
    group_fields = True
    FIELDS = {
        "ti": ("ti", None), "ab": ("ab", None), "kf": ("if", None), "kw": ("if", None),
        "tw": ("ti,ab", None), "ot": ("ti", "ProQuest has no original-title field (Ovid .ot.); "
                                            "the title is searched"),
        "id": ("if", "key concepts approximated by identifier keywords"),
        "mp": ("noft", "noft (anywhere except full text) approximates .mp."),
        "atm": ("noft", "noft approximates PubMed's automatic term mapping"),
        "af": ("all", None), "all": ("all", None), "tx": ("all", None),
        "au": ("au", None), "jn": ("pub", None), "ta": ("pub", None), "jw": ("pub", None),
        "lg": ("la", None), "yr": ("yr", None), "dp": ("yr", None), "ad": ("af", None),
        "pt": ("dtype", "ProQuest document types differ from MEDLINE publication types"),
        "hw": ("su", "heading words searched as subjects"), "fs": ("!", None),
        "rn": ("rn", None), "nm": ("su", "substance names searched as subjects"),
        "ui": ("pmid", None), "stype": ("stype.exact", None),
    }
    FIELD_SETS = {
        F({"ti", "ab"}): (("ti,ab",), None),
        F({"ti", "ab", "kf"}): (("ti,ab,if",), None),
        F({"ti", "ab", "kw"}): (("ti,ab,if",), None),
        F({"tw", "kf"}): (("ti,ab,if",), None),
        F({"tw", "kw"}): (("ti,ab,if",), None),
    }
    FALLBACK_FIELD = "noft"
    WILDCARDS = {"*": "*", "$": "[*", "#": "?", "?": "[*1]"}
    PROXIMITY = ("NEAR/{n}", "PRE/{n}", -1)
    LIMITS = {
        "language": "la({value})",
        "humans": None, "animals": None, "entry_date": None, "publication_type": None,
        "year": "yr({first}-{last})",
    }

    def term_text(self, node: Term) -> str | None:
        text = super().term_text(node)
        # `$3` (at most 3 characters) is written [*3]: the table gives "[*" + "3"; close it
        return None if text is None else _close_limited(text)

    def merge_tags(self, tags):
        tags = super().merge_tags(tags)
        if None in tags or len(tags) < 2:
            return tags
        return [",".join(dict.fromkeys(c for t in tags for c in t.split(",")))]

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        return f"{tag}({self.quote(text, node)})"

    def wrap_field(self, inner: Chunks, tag: str | None) -> Chunks:
        return self.c(f"{tag}(") + inner + self.c(")")

    def proximity(self, node: Proximity) -> Chunks | None:
        phrase = self.as_phrase(node)
        if phrase is not None:
            return self.term(phrase)
        return super().proximity(node)

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'ti,ab("{node.name.lower()}")')
        if node.major:
            self.warn("HEADING_APPROXIMATED", f"\"{node.name}\" is searched as any MeSH heading, "
                      "not only a major topic (broader)", node)
        if node.subheadings:
            self.warn("HEADING_APPROXIMATED", f"subheading(s) {', '.join(node.subheadings)} of "
                      f"\"{node.name}\" dropped: every record with the heading is searched "
                      "(broader)", node)
        field = "MESH.EXACT.EXPLODE" if node.explode else "MESH.EXACT"
        return self.c(f'{field}("{node.name}")')


def _close_limited(text: str) -> str:
    return re.sub(r"\[\*(\d+)(?!\])", r"[*\1]", text)
