"""Ovid Embase: Ovid's grammar; Emtree instead of MeSH, its own .mp. and floating subheadings.

Author keywords: Ovid Embase has MEDLINE's word-indexed .kf. (keyword heading word) since
September 2021, beside the phrase-indexed .kw.; mapping .kf. to .kw. would find only keywords
that are the whole phrase (library guides: UniSA "Systematic Reviews: Keywords"; its .mp.
echo lists keyword heading word)."""

from __future__ import annotations

from screener.query.dialects.ovid_medline import OvidFamily


class OvidEmbase(OvidFamily):
    name = "ovid-embase"
    label = "Ovid Embase"
    thesaurus = "Emtree"
    mesh_native = False
    free_text_suffix = ".ti,ab,kf."
    FIELDS = dict(OvidFamily.FIELDS)
    FIELDS.update({
        "kf": ("kf", None),
        # Ovid's mp= echoes: Embase searches title, abstract, heading word, drug trade name,
        # original title, device manufacturer, drug manufacturer, device trade name, keyword
        # heading word, floating subheading word, candidate term word
        "mp": ("mp", "Embase's .mp. adds drug and device trade names and manufacturers and candidate "
                     "term words, lacks MEDLINE's name of substance word, supplementary concept "
                     "words, unique identifier and synonyms; heading words are Emtree's"),
        # Embase has floating subheadings (its .mp. searches floating subheading word), but its
        # own: drug, disease and device subheadings (adverse drug reaction, not adverse effects)
        "fs": ("fs", "Embase's floating subheadings are Emtree's drug, disease and device "
                     "subheadings, not MeSH's: check the value"),
        "pt": ("pt", "Embase publication types differ from MEDLINE's"),
        "hw": ("hw", "heading words now match Emtree terms"),
        # UniSA's Ovid field table: Embase's .tw. includes title, abstract and drug trade name
        "tw": ("tw", "Embase's .tw. also searches drug trade names (MEDLINE's: title and abstract)"),
        "xm": ("!", None),
        "id": ("kf", "PsycINFO key concepts approximated by Embase author keywords (.kf.)"),
        "nm": ("tn", "substance names approximated by Embase drug trade names"),
        "jn": ("jn", None),
    })
    LIMITS = dict(OvidFamily.LIMITS)
    LIMITS.update({
        "unknown": "~{value}",  # kept as written; the user checks it exists here
        "humans": "~human",
        "animals": "~animal",
        "sex": "~{value}",     # kept as written; the user checks it exists here
        "entry_date": "~dc={first_raw}-{last_raw}",
        "publication_type": "~{value}",
        "embase": "~{value}",  # an Embase.com limit ([article]/lim): Ovid Embase names most the same
    })
