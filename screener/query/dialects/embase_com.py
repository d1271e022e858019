"""Embase.com (Elsevier): ``'back pain':ti,ab,kw`` (single quotes for phrases), Emtree headings
``'back pain'/exp`` (exploded), ``/de`` (not exploded), ``/mj`` (major), ``NEAR/n`` and
``NEXT/n`` (in order; n = the most words between), wildcards ``*``, ``?`` (exactly one) and ``$``
(zero or one), a numbered history (``#3 #1 OR #2``), limits ``[english]/lim``,
``[humans]/lim``, ``[2000-2020]/py``. MeSH headings need mapping to Emtree."""

from __future__ import annotations

from screener.query.dialects.base import Chunks
from screener.query.dialects.suffix_fields import SuffixFields
from screener.query.nodes import Filter, Heading

F = frozenset


class EmbaseCom(SuffixFields):
    name = "embase-com"
    label = "Embase.com"
    thesaurus = "Emtree"
    QUOTE = "'"
    ADJACENT = "NEXT/0"
    FIELDS = {
        "ti": ("ti", None), "ab": ("ab", None), "kf": ("kw", None), "kw": ("kw", None),
        "tw": ("ti,ab", None), "ot": ("tt", "Embase.com's translated/original title (:tt) "
                                      "approximates Ovid's original title"),
        "id": ("kw", "key concepts approximated by author keywords"),
        "mp": ("ti,ab,kw", ":ti,ab,kw (title, abstract, author keywords) approximates .mp. (no "
                           "headings, drug or device fields)"),
        "atm": ("ti,ab,kw", ":ti,ab,kw approximates PubMed's automatic term mapping"),
        "af": (None, "Embase.com searches all fields when no field is given"),
        "all": (None, None), "tx": (None, None),
        "au": ("au", None), "jn": ("jt", None), "ta": ("jt", None), "jw": ("jt", "journal words "
                                                                            "searched as journal title"),
        "lg": ("la", None), "yr": ("py", None), "dp": ("py", None), "ad": ("ff", None), "is": ("is", None),
        "pt": ("it", "Embase publication types (:it) differ from MEDLINE's"),
        "hw": ("de", "heading words searched as Emtree index terms"),
        "rn": ("rn", None), "nm": ("dn", "substance names searched as Embase drug names"),
        "fs": ("lnk", "MeSH floating subheadings searched as Embase link terms (different list)"),
        "dv": ("dv", None), "ui": ("ui", None),
    }
    FIELD_SETS = {
        F({"ti", "ab"}): (("ti,ab",), None),
        F({"ti", "ab", "kf"}): (("ti,ab,kw",), None),
        F({"ti", "ab", "kw"}): (("ti,ab,kw",), None),
        F({"tw", "kf"}): (("ti,ab,kw",), None),
        F({"tw", "kw"}): (("ti,ab,kw",), None),
        F({"ti", "ab", "kf", "kw"}): (("ti,ab,kw",), None),
    }
    FALLBACK_FIELD = None
    WILDCARDS = {"*": "*", "$": None, "#": "?", "?": "$"}
    PROXIMITY = ("NEAR/{n}", "NEXT/{n}", -1)
    LIMITS = {
        "language": "[{value}]/lim",
        "humans": "[humans]/lim",
        "animals": "[animals]/lim",
        "sex": "[{value}]/lim",
        "year": "[{first}-{last}]/py",
        "entry_date": "~[{first_raw}-{last_raw}]/sd",
        "publication_type": "~'{value}'/exp",
        "embase": "[{value}]/lim",      # an Embase-only limit read from [x]/lim
    }

    def filter(self, f: Filter) -> str | None:
        # `[embase]/lim`, `limit 1 to medline`: record sources the readers keep as they are (kind "unknown");
        # Embase.com limits to them by name
        if f.kind == "unknown" and str(f.value).strip().lower() in ("embase", "medline"):
            return f"[{str(f.value).strip().lower()}]/lim"
        if f.kind == "embase" and isinstance(f.value, tuple):   # `([article]/lim OR [review]/lim)`: any of them
            return "(" + " OR ".join(f"[{v}]/lim" for v in f.value) + ")"
        return super().filter(f)

    def show_tag(self, tag):
        return "all fields" if tag is None else f":{tag}"

    def heading(self, node: Heading) -> Chunks:
        if node.limit:      # `[animals]/lim` NOTed in an Embase.com strategy: written back as it was
            return self.c(node.limit)
        self.heading_note(node, f"'{node.name.lower()}':ti,ab,kw")
        term = node.name.lower().replace("'", " ")
        return self.c(f"'{term}'/" + ("exp" if node.explode else "de") + ("/mj" if node.major else ""))
