"""EBSCOhost CINAHL: field codes before the term (``TI x``, ``AB x``), CINAHL Subject Headings
``(MH "X+")`` (exploded) / ``(MH "X")`` / ``(MM …)`` (major), proximity ``Nn`` (any order) and
``Wn`` (in order) with n = words between, wildcards ``*`` (any), ``?`` (exactly one), ``#``
(zero or one). Line references are written out in full.
"""

from __future__ import annotations

from screener.query.dialects.base import Chunks, Generator
from screener.query.nodes import Heading, Term

F = frozenset


class EbscoCinahl(Generator):
    name = "ebsco-cinahl"
    label = "EBSCO CINAHL"
    thesaurus = "CINAHL Subject Headings"
    group_fields = True
    FIELDS = {
        "ti": ("TI", None), "ab": ("AB", None), "tw": ("TI", None),
        "kf": ("!", None), "kw": ("!", None), "ot": ("!", None), "id": ("!", None),
        "mp": (None, "CINAHL's default search (title, abstract, subjects, authors) approximates .mp."),
        "atm": (None, "CINAHL's default search approximates PubMed's automatic term mapping"),
        "af": ("TX", None), "all": ("TX", None), "tx": ("TX", None),
        "pt": ("PT", "CINAHL publication types differ from MEDLINE's"),
        "lg": ("LA", None), "au": ("AU", None), "jn": ("SO", None), "ta": ("SO", None),
        "jw": ("SO", None), "yr": ("DT", None), "dp": ("DT", None), "ad": ("AF", None),
        "fs": ("!", None), "hw": ("MW", "heading words searched as CINAHL subject-heading words"),
        "rn": ("RN", None), "nm": ("MW", "substance names searched as heading words"),
        "ui": ("PM", None),
    }
    FIELD_SETS = {
        F({"tw"}): (("TI", "AB"), None),
        F({"ti", "ab"}): (("TI", "AB"), None),
        F({"ti", "ab", "kf"}): (("TI", "AB"), "CINAHL has no author-keyword field; title and abstract only"),
        F({"ti", "ab", "kw"}): (("TI", "AB"), "CINAHL has no author-keyword field; title and abstract only"),
        F({"tw", "kf"}): (("TI", "AB"), "CINAHL has no author-keyword field; title and abstract only"),
        F({"tw", "ot"}): (("TI", "AB"), "CINAHL has no original-title field (Ovid .ot.); title "
                                        "and abstract only"),
        F({"ti", "ab", "ot"}): (("TI", "AB"), "CINAHL has no original-title field (Ovid .ot.); "
                                              "title and abstract only"),
    }
    FALLBACK_FIELD = "TX"
    WILDCARDS = {"*": "*", "$": None, "#": "?", "?": "#"}
    PROXIMITY = ("N{n}", "W{n}", -1)
    LIMITS = {
        "language": "LA {Value}",
        "humans": '~(MH "Human")',
        "animals": None,
        "year": "DT {first}-{last}",
        "entry_date": "~EM {first_raw}-{last_raw}",
        "publication_type": 'PT "{value}"',
    }

    def show_tag(self, tag):
        return "default fields" if tag is None else tag

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        q = self.quote(text, node)
        return q if tag is None else f"{tag} {q}"

    def wrap_field(self, inner: Chunks, tag: str | None) -> Chunks:
        if tag is None:
            return self.paren(inner)
        return self.c(f"{tag} (") + inner + self.c(")")

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'(TI "{node.name.lower()}" OR AB "{node.name.lower()}")')
        code = "MM" if node.major else "MH"
        return self.c(f'({code} "{node.name}' + ("+" if node.explode else "") + '")')
