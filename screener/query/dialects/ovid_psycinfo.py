"""Ovid PsycINFO: Ovid's grammar; the APA Thesaurus of Psychological Index Terms; key concepts
(.id.) instead of author keywords; no MeSH subheadings."""

from __future__ import annotations

from screener.query.dialects.ovid_medline import OvidFamily


class OvidPsycInfo(OvidFamily):
    name = "ovid-psycinfo"
    label = "Ovid PsycINFO"
    thesaurus = "APA Thesaurus"
    mesh_native = False
    free_text_suffix = ".ti,ab,id."
    FIELDS = dict(OvidFamily.FIELDS)
    FIELDS.update({
        "kf": ("id", "author keywords approximated by PsycINFO key concepts (.id.)"),
        "kw": ("id", "keywords approximated by PsycINFO key concepts (.id.)"),
        # Ovid's mp= echo: title, abstract, heading word, table of contents, key concepts,
        # original title, tests & measures, mesh word
        "mp": ("mp", "PsycINFO's .mp. adds table of contents, key concepts and tests & measures, "
                     "lacks MEDLINE's name of substance word, keyword heading word, supplementary "
                     "concept words, unique identifier and synonyms; heading words are APA's"),
        "hw": ("hw", "heading words now match APA Thesaurus terms, not MeSH's"),
        "fs": ("!", None),
        "xm": ("!", None),
        "pt": ("pt", "PsycINFO publication types differ from MEDLINE's"),
        "rn": ("!", None), "nm": ("!", None),
    })
    LIMITS = dict(OvidFamily.LIMITS)
    LIMITS.update({
        "unknown": "~{value}",  # kept as written; the user checks it exists here
        "humans": "~human",
        "animals": "~animal",
        "sex": "~{value}",     # PsycINFO's population groups male, female: the user checks the limit there
        "entry_date": None,
        "publication_type": None,
    })
