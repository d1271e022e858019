"""Shared vocabularies: canonical field codes, the readers' spellings of them, MeSH subheadings.

The tree uses Ovid MEDLINE's two-letter field codes as the canonical names (Ovid is the
language strategies are written in), plus ``atm`` (PubMed's untagged automatic term mapping),
``all`` and a few PubMed-only tags kept under their PubMed names.
"""

from __future__ import annotations

import re

#: canonical field code → what it searches (for messages and the README)
FIELDS: dict[str, str] = {
    "ti": "title", "ab": "abstract", "kf": "author keywords", "kw": "keywords",
    "tw": "text word (title, abstract)", "ot": "original title / other terms",
    "mp": "Ovid multi-purpose default (title, abstract, headings, keywords, substances…)",
    "af": "all fields", "all": "all fields", "atm": "PubMed automatic term mapping (untagged)",
    "sh": "subject heading (not exploded)", "hw": "heading word", "fs": "floating subheading",
    "pt": "publication type", "rn": "registry number / substance", "nm": "substance name",
    "au": "author", "jn": "journal name", "jw": "journal word", "lg": "language",
    "yr": "publication year", "dp": "date of publication", "ed": "entry date",
    "ui": "unique identifier (PMID)", "id": "keywords (PsycINFO key concepts)",
    "xm": "subject heading with mapping", "tx": "all text", "ad": "address / affiliation",
    "in": "institution", "ia": "author affiliation", "so": "source", "is": "ISSN",
    "dv": "device", "sd": "date", "st": "status",
    "crdt": "PubMed create date", "edat": "PubMed entry date", "mhda": "PubMed MeSH date",
    "sb": "PubMed subset", "ps": "personal name as subject", "gr": "grant", "si": "secondary source",
    "ta": "journal title abbreviation", "pmid": "PubMed identifier",
}

#: Ovid field codes this reader accepts in suffixes (anything else gets UNKNOWN_FIELD)
OVID_FIELD_CODES = {
    "ti", "ab", "kf", "kw", "tw", "ot", "mp", "af", "sh", "hw", "fs", "pt", "rn", "nm", "au",
    "jn", "jw", "lg", "yr", "dp", "ed", "ui", "id", "xm", "tx", "ad", "in", "so", "is", "dv",
    "sd", "st", "ps", "gr", "si", "ia", "ja", "jx", "ox", "px", "rs", "sa", "sj", "tn", "tm",
    "dq", "dd", "em", "ez", "fx", "hx", "lo", "mh", "nt", "oa", "pa", "pm", "pi", "pn", "po",
    "ri", "rw", "sp", "ss", "up", "vo", "yx", "cc", "bt", "fe", "ib", "ip", "ca", "ct", "cp",
    "sc", "xs", "ax", "ag", "ec", "eu", "ew", "og", "pg", "tc", "lb", "md", "ro",
}

#: PubMed tag (lower case, long and short spellings) → canonical field code, or a heading kind
PUBMED_TAGS: dict[str, str] = {
    "ti": "ti", "title": "ti",
    "tiab": "ti,ab", "title/abstract": "ti,ab",
    "ab": "ab", "abstract": "ab",
    "tw": "mp", "text word": "mp", "textword": "mp",
    "all": "all", "all fields": "all",
    "ot": "kf", "other term": "kf",
    "pt": "pt", "publication type": "pt", "ptyp": "pt",
    "la": "lg", "lang": "lg", "language": "lg",
    "dp": "dp", "pdat": "dp", "publication date": "dp",
    "edat": "edat", "entrez date": "edat", "entry date": "edat",
    "crdt": "crdt", "create date": "crdt",
    "mhda": "mhda", "mesh date": "mhda",
    "au": "au", "author": "au", "auth": "au",
    "ta": "ta", "journal": "ta", "jour": "ta",
    "nm": "nm", "supplementary concept": "nm", "substance name": "nm",
    "rn": "rn", "ec/rn number": "rn",
    "ad": "ad", "affiliation": "ad", "affl": "ad",
    "sb": "sb", "subset": "sb", "filter": "sb", "filt": "sb",
    "uid": "ui", "pmid": "ui",
    "sh": "fs", "subheading": "fs", "sh:noexp": "fs", "subheading:noexp": "fs",
    # headings (handled by the reader, not as fields)
    "mh": "@mh", "mesh": "@mh", "mesh terms": "@mh", "mesh term": "@mh",
    "mh:noexp": "@mh:noexp", "mesh:noexp": "@mh:noexp", "mesh terms:noexp": "@mh:noexp",
    "majr": "@majr", "mesh major topic": "@majr", "majr:noexp": "@majr:noexp",
    "mesh major topic:noexp": "@majr:noexp",
}

#: Ovid two-letter MeSH subheading code → PubMed subheading name
SUBHEADINGS: dict[str, str] = {
    "ab": "abnormalities", "ad": "administration & dosage", "ae": "adverse effects",
    "ag": "agonists", "aa": "analogs & derivatives", "an": "analysis",
    "ah": "anatomy & histology", "ai": "antagonists & inhibitors", "bi": "biosynthesis",
    "bl": "blood", "bs": "blood supply", "cf": "cerebrospinal fluid", "cs": "chemical synthesis",
    "ci": "chemically induced", "ch": "chemistry", "cl": "classification", "co": "complications",
    "cn": "congenital", "ct": "contraindications", "cy": "cytology", "df": "deficiency",
    "di": "diagnosis", "dg": "diagnostic imaging", "du": "diagnostic use", "dh": "diet therapy",
    "de": "drug effects", "dt": "drug therapy", "ec": "economics", "ed": "education",
    "em": "embryology", "en": "enzymology", "ep": "epidemiology", "es": "ethics",
    "eh": "ethnology", "et": "etiology", "ge": "genetics", "gd": "growth & development",
    "hi": "history", "im": "immunology", "in": "injuries", "ir": "innervation",
    "is": "instrumentation", "ip": "isolation & purification", "lj": "legislation & jurisprudence",
    "ma": "manpower", "me": "metabolism", "mt": "methods", "mi": "microbiology",
    "mo": "mortality", "nu": "nursing", "og": "organization & administration",
    "ps": "parasitology", "py": "pathogenicity", "pa": "pathology", "pk": "pharmacokinetics",
    "pd": "pharmacology", "ph": "physiology", "pp": "physiopathology", "po": "poisoning",
    "pc": "prevention & control", "px": "psychology", "ra": "radiography",
    "re": "radiation effects", "ri": "radionuclide imaging", "rt": "radiotherapy",
    "rh": "rehabilitation", "sc": "secondary", "se": "secretion", "st": "standards",
    "sn": "statistics & numerical data", "sd": "supply & distribution", "su": "surgery",
    "tu": "therapeutic use", "th": "therapy", "to": "toxicity", "tm": "transmission",
    "tr": "transplantation", "td": "trends", "ul": "ultrastructure", "ur": "urine",
    "us": "ultrasonography", "ut": "utilization", "ve": "veterinary", "vi": "virology",
}
SUBHEADING_CODES = {name: code for code, name in SUBHEADINGS.items()}

_SMALL_WORDS = {"and", "or", "of", "the", "in", "for", "to", "with", "by", "on", "as", "a",
                "an", "at", "from", "into", "via"}


def heading_display_name(written: str) -> str:
    """MeSH-style capitalisation for a heading written all in lower or all in upper case
    (``BACK PAIN`` → ``Back Pain``); mixed case is kept as written."""
    name = " ".join(written.split())
    letters = [c for c in name if c.isalpha()]
    if not letters or not (all(c.islower() for c in letters) or all(c.isupper() for c in letters)):
        return name
    out = []
    for i, word in enumerate(name.split(" ")):
        low = word.lower()
        if i > 0 and low in _SMALL_WORDS:
            out.append(low)
        else:
            out.append(re.sub(r"(^|[-(/\[])([a-z])", lambda m: m.group(1) + m.group(2).upper(), low))
    return " ".join(out)
