"""Scopus advanced search: ``TITLE-ABS-KEY(…)``-style fields wrapping a term or a group,
proximity ``W/n`` (any order) and ``PRE/n`` (in order) with n = words between, wildcards ``*``
and ``?`` (exactly one), ``AND NOT``. No search history references: one string. No thesaurus of
its own: MeSH headings go to ``INDEXTERMS()`` (no explosion)."""

from __future__ import annotations

from screener.query.dialects.base import Chunks, Generator
from screener.query.nodes import Heading, Term

F = frozenset


class Scopus(Generator):
    name = "scopus"
    label = "Scopus"
    thesaurus = None
    heading_where = ("searched in INDEXTERMS (Scopus keeps MEDLINE's MeSH terms as index terms, "
                     "for MEDLINE-covered records only)")
    NOT = "AND NOT"
    group_fields = True
    FIELDS = {
        "ti": ("TITLE", None), "ab": ("ABS", None), "tw": ("TITLE-ABS", None),
        "kf": ("AUTHKEY", None), "kw": ("AUTHKEY", None), "ot": ("TITLE", "Scopus has no original-title field (Ovid .ot.); "
                     "the title is searched instead"),
        "id": ("AUTHKEY", "key concepts approximated by author keywords"),
        "mp": ("TITLE-ABS-KEY", "TITLE-ABS-KEY (title, abstract, author and indexed keywords) "
                                "approximates .mp."),
        "atm": ("TITLE-ABS-KEY", "TITLE-ABS-KEY approximates PubMed's automatic term mapping"),
        "af": ("ALL", None), "all": ("ALL", None), "tx": ("ALL", None),
        "au": ("AUTH", None), "jn": ("SRCTITLE", None), "ta": ("SRCTITLE", None),
        "jw": ("SRCTITLE", None), "lg": ("LANGUAGE", None), "yr": ("PUBYEAR IS", None),
        "dp": ("PUBYEAR IS", None), "ad": ("AFFIL", None), "ui": ("PMID", None),
        "rn": ("CASREGNUMBER", None), "nm": ("CHEMNAME", None),
        "hw": ("INDEXTERMS", "heading words searched in Scopus index terms"),
        "fs": ("!", None), "pt": ("!", None),
    }
    FIELD_SETS = {
        F({"ti", "ab"}): (("TITLE-ABS",), None),
        F({"ti", "ab", "kf"}): (("TITLE-ABS-KEY",), "TITLE-ABS-KEY adds indexed keywords to "
                                                   "title, abstract and author keywords"),
        F({"ti", "ab", "kw"}): (("TITLE-ABS-KEY",), "TITLE-ABS-KEY adds indexed keywords"),
        F({"ti", "ab", "kf", "kw"}): (("TITLE-ABS-KEY",), None),   # TITLE-ABS-KEY itself, or WoS's TS=
        F({"tw", "kf"}): (("TITLE-ABS-KEY",), "TITLE-ABS-KEY adds indexed keywords"),
        F({"tw", "ot"}): (("TITLE-ABS",), "Scopus has no original-title field (Ovid .ot.); title "
                                          "and abstract only"),
        F({"ti", "ab", "ot"}): (("TITLE-ABS",), "Scopus has no original-title field (Ovid .ot.); "
                                                "title and abstract only"),
    }
    FALLBACK_FIELD = "ALL"
    WILDCARDS = {"*": "*", "$": None, "#": "?", "?": None}
    PROXIMITY = ("W/{n}", "PRE/{n}", -1)
    LIMITS = {
        "language": "LANGUAGE({value})",
        "humans": '~INDEXTERMS("Humans")',
        "animals": '~INDEXTERMS("Animals")',
        "year": "(PUBYEAR > {first_minus} AND PUBYEAR < {last_plus})",
        "entry_date": None,
        "publication_type": None,
        "scopus": "{value}",          # LIMIT-TO(DOCTYPE, "ar") read from a Scopus strategy, written back
    }

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        return f"{tag}({self.quote(text, node)})"

    def wrap_field(self, inner: Chunks, tag: str | None) -> Chunks:
        return self.c(f"{tag}(") + inner + self.c(")")

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'TITLE-ABS-KEY("{node.name.lower()}")')
        if node.explode:
            self.warn("HEADING_EXPLOSION_LOST", f"Scopus cannot explode \"{node.name}\": narrower "
                      "headings are not included (add them by hand)", node)
        return self.c(f'INDEXTERMS("{node.name}")')
