"""Cochrane Library (Wiley; CENTRAL and the Cochrane Database of Systematic Reviews): terms
``pain:ti,ab,kw`` (the Title Abstract Keyword default), phrases in double quotes, MeSH headings
``[mh "Back Pain"]`` (exploded) / ``[mh ^"Back Pain"]`` (this term only) / ``[mh "Back
Pain"/TH]`` (qualifier), ``NEAR/n`` (n = the most words between) and ``NEXT`` (adjacent, in
order), wildcards ``*`` and ``?`` (exactly one), a numbered Search Manager history (``#3 #1 OR
#2``). Major topic cannot be written (HEADING_APPROXIMATED); language, humans and publication
type limits are not part of the syntax (Search Manager's limits apply dates)."""

from __future__ import annotations

from screener.query.dialects.base import Chunks
from screener.query.dialects.suffix_fields import SuffixFields
from screener.query.fields import SUBHEADING_CODES
from screener.query.nodes import Heading

F = frozenset


class Cochrane(SuffixFields):
    name = "cochrane"
    label = "Cochrane Library"
    thesaurus = "MeSH"
    mesh_native = True
    QUOTE = '"'
    ADJACENT = "NEXT"
    FIELDS = {
        "ti": ("ti", None), "ab": ("ab", None), "kf": ("kw", "Cochrane keywords (:kw) also hold "
                                                          "MeSH and Emtree terms"),
        "kw": ("kw", "Cochrane keywords (:kw) also hold MeSH and Emtree terms"),
        "tw": ("ti,ab", None),
        "ot": ("ti", "Cochrane has no original-title field (Ovid .ot.); the title is searched"),
        "id": ("kw", "key concepts approximated by keywords"),
        "mp": ("ti,ab,kw", ":ti,ab,kw (title, abstract, keywords) approximates .mp."),
        "atm": ("ti,ab,kw", ":ti,ab,kw approximates PubMed's automatic term mapping"),
        "af": (None, "all text (Cochrane's default when no field is given)"),
        "all": (None, None), "tx": (None, None),
        "au": ("au", None), "jn": ("so", None), "ta": ("so", None), "jw": ("so", None),
        "pt": ("pt", "Cochrane publication types follow the source database's"),
        "hw": ("kw", "heading words searched as keywords"), "fs": ("!", None),
        "yr": ("yr", None), "dp": ("yr", None),
    }
    FIELD_SETS = {
        F({"ti", "ab"}): (("ti,ab",), None),
        F({"ti", "ab", "kf"}): (("ti,ab,kw",), "Cochrane keywords (:kw) also hold MeSH and "
                                               "Emtree terms (broader)"),
        F({"ti", "ab", "kw"}): (("ti,ab,kw",), "Cochrane keywords (:kw) also hold MeSH and "
                                               "Emtree terms (broader)"),
        F({"tw", "kf"}): (("ti,ab,kw",), "Cochrane keywords (:kw) also hold MeSH and Emtree "
                                         "terms (broader)"),
    }
    FALLBACK_FIELD = None
    WILDCARDS = {"*": "*", "$": None, "#": "?", "?": None}
    PROXIMITY = ("NEAR/{n}", "NEXT", -1)
    LIMITS = {
        "language": None, "humans": None, "animals": None, "entry_date": None,
        "publication_type": None,
        "year": "~{first}-{last}:yr",
    }

    def show_tag(self, tag):
        return "all text" if tag is None else f":{tag}"

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'"{node.name.lower()}":ti,ab,kw')
        if node.major:
            self.warn("HEADING_APPROXIMATED", f"Cochrane cannot restrict \"{node.name}\" to major "
                      "topic: every record with the heading is searched (broader)", node)
        caret = "" if node.explode else "^"
        names = []
        for s in node.subheadings or (None,):
            code = SUBHEADING_CODES.get(s, "") if s else ""
            names.append(f'[mh {caret}"{node.name}"' + (f"/{code.upper()}" if code else "") + "]")
        parts = [self.c(n) for n in names]
        return parts[0] if len(parts) == 1 else self.paren(self.join(parts, " OR "))
