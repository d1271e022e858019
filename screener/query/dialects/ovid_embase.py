"""Ovid Embase: Ovid's grammar; Emtree instead of MeSH, author keywords in .kw., its own .mp."""

from __future__ import annotations

from screener.query.dialects.ovid_medline import OvidFamily


class OvidEmbase(OvidFamily):
    name = "ovid-embase"
    label = "Ovid Embase"
    thesaurus = "Emtree"
    mesh_native = False
    free_text_suffix = ".ti,ab,kw."
    FIELDS = dict(OvidFamily.FIELDS)
    FIELDS.update({
        "kf": ("kw", None),
        # Ovid's mp= echoes: Embase searches title, abstract, heading word, drug trade name,
        # original title, device manufacturer, drug manufacturer, device trade name, keyword
        # heading word, floating subheading word, candidate term word
        "mp": ("mp", "Embase's .mp. adds drug and device trade names and manufacturers and candidate "
                     "term words, lacks MEDLINE's name of substance word, supplementary concept "
                     "words, unique identifier and synonyms; heading words are Emtree's"),
        "fs": ("!", None),
        "pt": ("pt", "Embase publication types differ from MEDLINE's"),
        "hw": ("hw", "heading words now match Emtree terms"),
        "xm": ("!", None),
        "id": ("kw", None),
        "nm": ("tn", "substance names approximated by Embase drug trade names"),
        "jn": ("jn", None),
    })
    LIMITS = dict(OvidFamily.LIMITS)
    LIMITS.update({
        "unknown": "~{value}",  # kept as written; the user checks it exists here
        "humans": "~human",
        "animals": "~animal",
        "entry_date": "~dc={first_raw}-{last_raw}",
        "publication_type": "~{value}",
        "embase": "~{value}",  # an Embase.com limit ([article]/lim): Ovid Embase names most the same
    })
