"""Ovid AMED (Allied and Complementary Medicine): Ovid's grammar; AMED's own thesaurus (close to
MeSH but not the same); no author keywords, no subheadings, no humans/animals limits."""

from __future__ import annotations

from screener.query.dialects.ovid_medline import OvidFamily


class OvidAmed(OvidFamily):
    name = "ovid-amed"
    label = "Ovid AMED"
    thesaurus = "AMED thesaurus"
    mesh_native = False
    FIELDS = dict(OvidFamily.FIELDS)
    FIELDS.update({
        "kf": ("!", None), "kw": ("!", None), "id": ("!", None),
        # AMED's own mp= list is not verified here: the note names only what this table already
        # says AMED lacks (.nm., .kf.) and asks for Ovid's echo
        "mp": ("mp", "AMED's .mp. is AMED's own field set: no name of substance word or keyword "
                     "heading word; check Ovid's mp= echo for the rest"),
        "fs": ("!", None), "xm": ("!", None), "rn": ("!", None), "nm": ("!", None),
        "pt": ("pt", "AMED publication types differ from MEDLINE's"),
        "hw": ("hw", "heading words now match AMED thesaurus terms, not MeSH's"),
    })
    LIMITS = dict(OvidFamily.LIMITS)
    LIMITS.update({
        "unknown": "~{value}",  # kept as written; the user checks it exists here
        "humans": None, "animals": None, "entry_date": None, "publication_type": None, "sex": None,
    })
