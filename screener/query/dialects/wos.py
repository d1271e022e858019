"""Web of Science Core Collection advanced search: ``TS=``, ``TI=``, ``AB=``, ``AK=`` before a
term or a parenthesised group, ``NEAR/n`` (any order, n = words between), wildcards ``*``,
``?`` (exactly one) and ``$`` (zero or one). No thesaurus: headings become free text. Set
references cannot be mixed with field tags, so line references are written out in full."""

from __future__ import annotations

from screener.query.dialects.base import Chunks, Generator
from screener.query.nodes import Heading, Proximity, Term

F = frozenset


class WebOfScience(Generator):
    name = "wos"
    label = "Web of Science"
    thesaurus = None
    group_fields = True
    FIELDS = {
        "ti": ("TI", None), "ab": ("AB", None), "kf": ("AK", None), "kw": ("AK", None),
        "ot": ("TI", "Web of Science has no original-title field (Ovid .ot.); "
                     "the title is searched instead"), "id": ("AK", "key concepts approximated by author keywords"),
        "mp": ("TS", "TS= (title, abstract, author keywords, Keywords Plus) approximates .mp."),
        "atm": ("TS", "TS= approximates PubMed's automatic term mapping"),
        "af": ("ALL", None), "all": ("ALL", None), "tx": ("ALL", None),
        "au": ("AU", None), "jn": ("SO", None), "ta": ("SO", None), "jw": ("SO", None),
        "lg": ("LA", None), "yr": ("PY", None), "dp": ("PY", None), "ad": ("AD", None),
        "ui": ("PMID", None), "pt": ("DT", "WoS document types differ from MEDLINE "
                                           "publication types"),
        "hw": ("TS", "heading words searched as topic"), "rn": ("TS",
               "Web of Science has no registry-number field; searched as topic"),
        "nm": ("TS", "Web of Science has no substance field; searched as topic"),
        "fs": ("!", None), "is": ("IS", None), "wc": ("WC", None),
        "tmac": ("TMAC", None), "tmso": ("TMSO", None), "tmic": ("TMIC", None),
    }
    FIELD_SETS = {
        F({"tw"}): (("TI", "AB"), None),
        F({"ti", "ab"}): (("TI", "AB"), None),
        F({"ti", "ab", "kf"}): (("TS",), "TS= adds Keywords Plus to title, abstract and author "
                                         "keywords"),
        F({"ti", "ab", "kw"}): (("TS",), "TS= adds Keywords Plus"),
        F({"ti", "ab", "kf", "kw"}): (("TS",), None),   # TS= itself (was TI=(…) OR AB=(…) OR AK=(…): an AND group split)
        F({"tw", "kf"}): (("TS",), "TS= adds Keywords Plus"),
        F({"tw", "ot"}): (("TI", "AB"), "Web of Science has no original-title field (Ovid .ot.); "
                                        "title and abstract only"),
        F({"ti", "ab", "ot"}): (("TI", "AB"), "Web of Science has no original-title field (Ovid "
                                              ".ot.); title and abstract only"),
    }
    FALLBACK_FIELD = "TS"
    WILDCARDS = {"*": "*", "$": None, "#": "?", "?": "$"}
    PROXIMITY = ("NEAR/{n}", None, -1)
    LIMITS = {
        "language": "LA=({Value})",
        "humans": None,
        "animals": None,
        "year": "PY=({first}-{last})",
        "entry_date": None,
        "publication_type": None,
    }

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        return f"{tag}={self.quote(text, node)}"

    def wrap_field(self, inner: Chunks, tag: str | None) -> Chunks:
        return self.c(f"{tag}=(") + inner + self.c(")")

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'TS="{node.name.lower()}"')
        return self.c(f'TS="{node.name}"')

    def proximity(self, node: Proximity) -> Chunks | None:
        if node.ordered and node.distance == 1:
            found = [self.alternatives(o) for o in node.operands]
            alts = [a for a in found if a is not None and len(a) == 1]
            if len(alts) == len(found) and self.uniform(node):
                words = " ".join(a[0].text for a in alts)
                probe = Term(node.line, node.col, text=words, phrase=True, fields=alts[0][0].fields,
                             implicit=False)
                return self.term(probe)
        return super().proximity(node)
