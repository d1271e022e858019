"""Shared vocabularies: canonical field codes, the readers' spellings of them, MeSH subheadings.

The tree uses Ovid MEDLINE's two-letter field codes as the canonical names (Ovid is the
language strategies are written in), plus ``atm`` (PubMed's untagged automatic term mapping),
``all`` and a few PubMed-only tags kept under their PubMed names.
"""

from __future__ import annotations

import re

from screener.records.subheadings import SUBHEADING_CODES, SUBHEADINGS  # noqa: F401  (the query's vocabularies, in one place)

#: canonical field code → what it searches (for messages and the README)
FIELDS: dict[str, str] = {
    "ti": "title", "ab": "abstract", "kf": "author keywords", "kw": "keywords",
    "tw": "text word (title, abstract)",
    "ot": "original title (the title in the article's own language, for non-English articles)",
    "mp": "Ovid multi-purpose default (title, abstract, headings, keywords, substances…)",
    "af": "all fields", "all": "all fields", "atm": "PubMed automatic term mapping (untagged)",
    "sh": "subject heading (not exploded)", "hw": "heading word", "fs": "floating subheading",
    "pt": "publication type", "rn": "registry number / substance", "nm": "substance name",
    "au": "author", "jn": "journal name", "jw": "journal word", "lg": "language",
    "yr": "publication year", "dp": "date of publication", "ed": "entry date",
    "ui": "unique identifier (PMID)", "id": "keywords (PsycINFO key concepts)",
    "xm": "subject heading with mapping", "tx": "all text", "ad": "address / affiliation",
    "in": "institution", "ia": "author affiliation", "so": "source", "is": "ISSN",
    "dv": "device", "sd": "date", "st": "status", "wc": "Web of Science category or research area",
    "tmac": "Web of Science citation topic (macro)", "tmso": "Web of Science citation topic (meso)",
    "tmic": "Web of Science citation topic (micro)", "stype": "ProQuest source type",
    "crdt": "PubMed create date", "edat": "PubMed entry date", "mhda": "PubMed MeSH date",
    "dcom": "PubMed completion date", "lr": "PubMed last revision date",
    "pa": "pharmacological action (MeSH)",
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
    # further codes of Ovid's MEDLINE, Embase, PsycINFO, CINAHL and EBM Reviews segments
    # (comments, comment in, DOI, gene symbol, grant info, publisher, device/drug fields, …):
    # a code outside this set is an UNKNOWN_FIELD error, so the set errs on the side of real codes
    "ba", "be", "bk", "ci", "cm", "cn", "cq", "cr", "cy", "dc", "dj", "dm", "dn", "do", "ds",
    "dt", "dx", "dy", "ei", "en", "ep", "eq", "es", "ex", "fn", "gi", "gs", "gw", "ir", "iu",
    "jc", "jt", "ln", "ls", "mc", "mq", "ms", "np", "nr", "oc", "oi", "ol", "pb", "pd", "pe",
    "ph", "pl", "pp", "pu", "pv", "rb", "rc", "rd", "re", "rf", "rp", "rr", "sm", "sr", "su",
    "sy", "tu", "uc", "uf", "ut", "vi", "vn", "vt", "wc", "sb",
}

#: Ovid field codes that stand for several atomic text fields (Ovid MEDLINE's definitions):
#: ``.tw.`` is title + abstract; ``.kw.`` (keyword heading, phrase-indexed) and ``.kf.`` (keyword
#: heading word) are the same author keywords. Used to compare what a source field and a target
#: tag cover (``atoms``).
FIELD_ATOMS: dict[str, tuple[str, ...]] = {"tw": ("ti", "ab"), "kw": ("kf",)}
#: the atomic text fields whose coverage the compilers compare exactly
TEXT_ATOMS = frozenset({"ti", "ab", "kf", "ot"})


def atoms(fields) -> frozenset:
    """The atomic fields a set of canonical field codes searches (``tw`` → ti, ab)."""
    return frozenset(a for f in fields for a in FIELD_ATOMS.get(f, (f,)))


#: PubMed search tag → (canonical fields it searches, what the PubMed User Guide says it covers).
#: The one table both the PubMed reader (tag → fields) and the PubMed compiler (which tag, and the
#: FIELD_APPROXIMATED note when a tag covers more or less than the strategy's field) use.
#: Sources (../shared/benchmarks/query/REPORT-NOTES.md §3.1; PubMed User Guide, Search Field
#: Tags): [tiab] = "title, collection title, abstract, other abstract and author keywords"
#: (author keywords since 2022); [ot] Other Term = author keywords and other non-MeSH subject
#: terms; [tt] Transliterated Title = the title of an article originally published in a non-English
#: language, in that language — MEDLINE's VernacularTitle, which Ovid searches as .ot. (Original
#: Title). PubMed has no abstract-only tag.
PUBMED_FIELDS: dict[str, tuple[tuple[str, ...], str]] = {
    "ti": (("ti",), "Title"),
    "tiab": (("ti", "ab", "kf"), "Title/Abstract: title, abstract, other abstract and author keywords"),
    "ab": (("ab",), "abstract (not a documented PubMed tag)"),
    "ot": (("kf",), "Other Term: author keywords and other non-MeSH subject terms"),
    "tt": (("ot",), "Transliterated Title: the original-language title of a non-English article"),
    "tw": (("mp",), "Text Words: title, abstract, other abstract, MeSH terms and subheadings, "
                    "publication types, substance names, other terms…"),
    "all": (("all",), "All Fields"),
    "pt": (("pt",), "Publication Type"), "la": (("lg",), "Language"),
    "dp": (("dp",), "Publication Date"), "edat": (("edat",), "Entry Date"),
    "crdt": (("crdt",), "Create Date"), "mhda": (("mhda",), "MeSH Date"),
    "au": (("au",), "Author"), "ta": (("ta",), "Journal"), "nm": (("nm",), "Supplementary Concept"),
    "rn": (("rn",), "EC/RN Number"), "ad": (("ad",), "Affiliation"), "sb": (("sb",), "Subset"),
    "pmid": (("ui",), "PMID"), "sh": (("fs",), "MeSH Subheading"),
    "dcom": (("dcom",), "Date - Completion"), "lr": (("lr",), "Date - Last Revision"),
    "pa": (("pa",), "Pharmacological Action: the substances MeSH gives that action"),
}

#: PubMed tag spellings (lower case, long and short) → tag of PUBMED_FIELDS, or a heading kind
#: (``@mh`` …, handled by the reader as headings, not fields)
PUBMED_TAG_ALIASES: dict[str, str] = {
    "ti": "ti", "title": "ti",
    "tiab": "tiab", "title/abstract": "tiab",
    "ab": "ab", "abstract": "ab",
    "tw": "tw", "text word": "tw", "textword": "tw", "text words": "tw",
    "all": "all", "all fields": "all",
    "ot": "ot", "other term": "ot",
    "tt": "tt", "transliterated title": "tt",
    "pt": "pt", "publication type": "pt", "ptyp": "pt",
    # PubMed explodes a publication type unless :noexp; Ovid's .pt. never does, which is what the
    # tree's pt means, so the unexploded tag is exactly pt (the HSLS systematic-review filter writes it)
    "pt:noexp": "pt", "publication type:noexp": "pt",
    "la": "la", "lang": "la", "language": "la",
    "dp": "dp", "pdat": "dp", "publication date": "dp", "date - publication": "dp",
    "edat": "edat", "entrez date": "edat", "entry date": "edat", "date - entry": "edat",
    "crdt": "crdt", "create date": "crdt", "date - create": "crdt",
    "mhda": "mhda", "mesh date": "mhda", "date - mesh": "mhda",
    "dcom": "dcom", "date - completion": "dcom", "completion date": "dcom",
    "lr": "lr", "date - last revision": "lr", "last revision date": "lr",
    "pa": "pa", "pharmacological action": "pa",
    "au": "au", "author": "au", "auth": "au",
    "ta": "ta", "journal": "ta", "jour": "ta",
    "nm": "nm", "supplementary concept": "nm", "substance name": "nm",
    "rn": "rn", "ec/rn number": "rn",
    "ad": "ad", "affiliation": "ad", "affl": "ad",
    "sb": "sb", "subset": "sb", "filter": "sb", "filt": "sb",
    "uid": "pmid", "pmid": "pmid",
    "sh": "sh", "subheading": "sh", "sh:noexp": "sh", "subheading:noexp": "sh",
    # headings (handled by the reader, not as fields)
    "mh": "@mh", "mesh": "@mh", "mesh terms": "@mh", "mesh term": "@mh",
    "mh:noexp": "@mh:noexp", "mesh:noexp": "@mh:noexp", "mesh terms:noexp": "@mh:noexp",
    "majr": "@majr", "mesh major topic": "@majr", "majr:noexp": "@majr:noexp",
    "mesh major topic:noexp": "@majr:noexp",
}

#: PubMed tag spelling → canonical field codes ("ti,ab,kf") or a heading kind ("@mh"): derived
#: from the two tables above (what the reader uses)
PUBMED_TAGS: dict[str, str] = {
    alias: tag if tag.startswith("@") else ",".join(PUBMED_FIELDS[tag][0])
    for alias, tag in PUBMED_TAG_ALIASES.items()
}


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
