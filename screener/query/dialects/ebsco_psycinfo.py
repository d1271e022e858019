"""EBSCOhost APA PsycInfo: EBSCO's syntax as for CINAHL (``TI x``, ``AB x``, ``Nn``/``Wn``,
``*``/``?``/``#``), with PsycInfo's fields (``KW`` keywords — Ovid PsycINFO's key concepts
``.id.`` — and ``SU`` subjects) and the APA Thesaurus of Psychological Index Terms as headings:
``DE "Back Pain"`` (this term), ``DE "Back Pain+"`` (exploded), ``MJ`` for major. MeSH
headings need mapping to the APA thesaurus (HEADING_NEEDS_MAPPING)."""

from __future__ import annotations

from screener.query.dialects.base import Chunks
from screener.query.dialects.ebsco_cinahl import EbscoCinahl
from screener.query.nodes import Heading

F = frozenset


class EbscoPsycInfo(EbscoCinahl):
    name = "ebsco-psycinfo"
    label = "EBSCO PsycInfo"
    thesaurus = "APA Thesaurus of Psychological Index Terms"
    FIELDS = dict(EbscoCinahl.FIELDS)
    FIELDS.update({
        "kf": ("KW", None), "kw": ("KW", None), "id": ("KW", None),
        "mp": (None, "EBSCO's default search (title, abstract, subjects, keywords, authors) "
                     "approximates .mp."),
        "hw": ("SU", "heading words searched as PsycInfo subjects"),
        "pt": ("PT", "PsycInfo publication types differ from MEDLINE's"),
        "nm": ("SU", "substance names searched as subjects"), "rn": ("!", None),
        "ui": ("!", None),
    })
    FIELD_SETS = {
        F({"tw"}): (("TI", "AB"), None),
        F({"ti", "ab"}): (("TI", "AB"), None),
        F({"ti", "ab", "kf"}): (("TI", "AB", "KW"), None),
        F({"ti", "ab", "kw"}): (("TI", "AB", "KW"), None),
        F({"tw", "kf"}): (("TI", "AB", "KW"), None),
        F({"tw", "kw"}): (("TI", "AB", "KW"), None),
        F({"ti", "ab", "id"}): (("TI", "AB", "KW"), None),
        F({"tw", "id"}): (("TI", "AB", "KW"), None),
    }
    LIMITS = dict(EbscoCinahl.LIMITS)
    LIMITS.update({
        "humans": '~ZG "human"',
        "animals": '~ZG "animal"',
        "year": "~DT {first}-{last}",
        "entry_date": None,
        "publication_type": None,
    })

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'(TI "{node.name.lower()}" OR AB "{node.name.lower()}")')
        code = "MJ" if node.major else "DE"
        return self.c(f'{code} "{node.name}' + ("+" if node.explode else "") + '"')
