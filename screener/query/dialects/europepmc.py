"""Europe PMC (its search syntax, as the website and the REST API take it): ``TITLE:pain``,
``ABSTRACT:"back pain"``, ``KW:`` (keywords), a field before a parenthesised group
(``TITLE:(a OR b)``), MeSH ``MESH:"Back Pain"`` (the heading as indexed: no explosion, no major
topic, no subheadings), right truncation ``*`` only, no proximity operator between words
(AND, with PROXIMITY_DEGRADED), one string (line references written out), limits
``LANG:eng``, ``PUB_YEAR:[2000 TO 2020]``, ``PUB_TYPE:"review"``. A term without a field
searches everything Europe PMC holds, full text included."""

from __future__ import annotations

from screener.query.dialects.base import Chunks, Generator
from screener.query.nodes import Heading, Term

F = frozenset

#: ISO 639-2 codes of the languages a limit names (Europe PMC's LANG field)
LANGUAGE_CODES = {
    "english": "eng", "french": "fre", "german": "ger", "spanish": "spa", "italian": "ita",
    "portuguese": "por", "dutch": "dut", "chinese": "chi", "japanese": "jpn", "russian": "rus",
    "danish": "dan", "swedish": "swe", "norwegian": "nor", "finnish": "fin", "polish": "pol",
    "korean": "kor", "turkish": "tur", "arabic": "ara", "greek": "gre", "hebrew": "heb",
    "czech": "cze", "hungarian": "hun",
}


class EuropePmc(Generator):
    name = "europepmc"
    label = "Europe PMC"
    thesaurus = "MeSH"
    mesh_native = True
    group_fields = True
    FIELDS = {
        "ti": ("TITLE", None), "ab": ("ABSTRACT", None), "kf": ("KW", None), "kw": ("KW", None),
        "ot": ("TITLE", "Europe PMC has no original-title field (Ovid .ot.); the title is searched"),
        "id": ("KW", "key concepts approximated by keywords"),
        "mp": (None, "no field: Europe PMC searches every field, full text included (broader "
                     "than .mp.)"),
        "atm": (None, "no field: Europe PMC searches every field, full text included"),
        "af": (None, None), "all": (None, None), "tx": (None, None),
        "au": ("AUTH", None), "jn": ("JOURNAL", None), "ta": ("JOURNAL", None),
        "jw": ("JOURNAL", None), "lg": ("LANG", None), "yr": ("PUB_YEAR", None),
        "dp": ("PUB_YEAR", None), "ad": ("AFF", None), "pt": ("PUB_TYPE", None),
        "hw": ("MESH", "heading words searched as MeSH headings"), "fs": ("!", None),
        "nm": ("CHEM", None), "rn": ("CHEM", "registry numbers searched as substance names"),
        "ui": ("EXT_ID", None),
    }
    FIELD_SETS = {
        F({"tw"}): (("TITLE", "ABSTRACT"), None),
        F({"ti", "ab"}): (("TITLE", "ABSTRACT"), None),
        F({"ti", "ab", "kf"}): (("TITLE", "ABSTRACT", "KW"), "KW holds author keywords and MeSH "
                                                             "terms (broader)"),
        F({"ti", "ab", "kw"}): (("TITLE", "ABSTRACT", "KW"), "KW holds author keywords and MeSH "
                                                             "terms (broader)"),
        F({"tw", "kf"}): (("TITLE", "ABSTRACT", "KW"), "KW holds author keywords and MeSH terms "
                                                       "(broader)"),
    }
    FALLBACK_FIELD = None
    WILDCARDS = {"*": "*", "$": None, "#": None, "?": None}
    PROXIMITY = None
    LIMITS = {
        "language": "LANG:{code}",
        "year": "PUB_YEAR:[{first} TO {last}]",
        "publication_type": 'PUB_TYPE:"{value}"',
        "humans": '~MESH:"Humans"', "animals": '~MESH:"Animals"', "entry_date": None,
    }

    def show_tag(self, tag):
        return "all fields" if tag is None else f"{tag}:"

    def filter_values(self, f):
        values = super().filter_values(f)
        if f.kind == "language":
            values["code"] = LANGUAGE_CODES.get(str(f.value), str(f.value)[:3])
        return values

    def fmt_term(self, text: str, node: Term, tag: str | None) -> str:
        q = self.quote(text, node)
        return q if tag is None else f"{tag}:{q}"

    def wrap_field(self, inner: Chunks, tag: str | None) -> Chunks:
        return self.paren(inner) if tag is None else self.c(f"{tag}:(") + inner + self.c(")")

    def heading(self, node: Heading) -> Chunks:
        self.heading_note(node, f'(TITLE:"{node.name.lower()}" OR ABSTRACT:"{node.name.lower()}")')
        lost = [w for w, on in (("explosion (narrower headings)", node.explode),
                                ("major topic", node.major),
                                (f"subheading(s) {', '.join(node.subheadings)}", node.subheadings))
                if on]
        if node.explode:
            self.warn("HEADING_EXPLOSION_LOST", f"Europe PMC's MESH field searches \"{node.name}\" "
                      "as indexed: narrower headings are not included (add them by hand)", node)
        if node.major or node.subheadings:
            self.warn("HEADING_APPROXIMATED", f"\"{node.name}\" searched without its "
                      f"{' and '.join(w for w in lost if not w.startswith('explosion'))} "
                      "(broader)", node)
        return self.c(f'MESH:"{node.name}"')
