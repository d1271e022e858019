"""The record fields the evaluator reads (title, abstract, keywords, headings, …), the field codes
of strategies mapped onto them, and each field's values as text."""

from __future__ import annotations

from screener.query.evaluate.index import VALUE_SEP
from screener.query.evaluate.words import fold_ascii
from screener.records.model import Record

#: Word positions of different fields are this far apart, so no proximity spans two fields.
FIELD_GAP = 10_000_000
#: Between two values of one field (two keywords, two headings): no proximity across them.
VALUE_GAP = 1_000

#: The record fields the evaluator reads, and the position base of each.
BASE_FIELDS = ("ti", "ab", "kf", "hw", "fs", "pt", "lg", "au", "jn", "ui", "yr")
FIELD_BASE = {f: (i + 1) * FIELD_GAP for i, f in enumerate(BASE_FIELDS)}

#: canonical field code (nodes.Term.fields) → base fields searched
FIELD_MAP: dict[str, tuple[str, ...]] = {
    "ti": ("ti",), "ab": ("ab",), "kf": ("kf",), "kw": ("kf",), "id": ("kf",),
    "tw": ("ti", "ab"), "mp": ("ti", "ab", "kf", "hw", "fs"), "atm": ("ti", "ab", "kf", "hw", "fs"),
    "all": ("ti", "ab", "kf", "hw", "fs", "pt", "au", "jn"),
    "af": ("ti", "ab", "kf", "hw", "fs", "pt", "au", "jn"),
    "tx": ("ti", "ab", "kf", "hw", "fs", "pt", "au", "jn"),
    "hw": ("hw",), "sh": ("hw",), "xm": ("hw",), "fs": ("fs",), "pt": ("pt",), "lg": ("lg",),
    "au": ("au",), "jn": ("jn",), "jw": ("jn",), "ta": ("jn",), "so": ("jn",),
    "ui": ("ui",), "pmid": ("ui",), "yr": ("yr",), "dp": ("yr",),
}


_LANGUAGES = {
    "eng": "english", "en": "english", "fre": "french", "fra": "french", "fr": "french",
    "ger": "german", "deu": "german", "de": "german", "spa": "spanish", "es": "spanish",
    "ita": "italian", "it": "italian", "por": "portuguese", "pt": "portuguese", "dut": "dutch",
    "nld": "dutch", "nl": "dutch", "jpn": "japanese", "ja": "japanese", "chi": "chinese",
    "zho": "chinese", "zh": "chinese", "rus": "russian", "ru": "russian", "pol": "polish",
    "swe": "swedish", "dan": "danish", "nor": "norwegian", "fin": "finnish", "kor": "korean",
    "tur": "turkish", "heb": "hebrew", "gre": "greek", "ell": "greek", "hun": "hungarian",
    "cze": "czech", "ces": "czech", "per": "persian", "fas": "persian", "ara": "arabic",
}


def record_languages(record: Record) -> set[str]:
    out = set()
    for lang in record.language:
        low = lang.strip().lower()
        out.add(_LANGUAGES.get(low, low))
    return out


def field_values(record: Record, base: str) -> list[str]:
    """The texts of one base field of a record (one per value)."""
    if base == "ti":
        return [record.title] if record.title else []
    if base == "ab":
        return [record.abstract] if record.abstract else []
    if base == "kf":
        return record.keywords
    if base == "hw":
        return [m.descriptor for m in record.mesh]
    if base == "fs":
        return [q for m in record.mesh for q in m.qualifiers]
    if base == "pt":
        return record.publication_types
    if base == "lg":
        return sorted(record_languages(record))
    if base == "au":
        return record.authors
    if base == "jn":
        return [j for j in (record.journal, record.journal_abbrev) if j]
    if base == "ui":
        return [record.pmid] if record.pmid else []
    if base == "yr":
        return [str(record.year)] if record.year else []
    raise KeyError(base)


def values_chunk(values: list[str]) -> bytes:
    """A record's values folded to ASCII, joined by ``index.VALUE_SEP`` (each value folded on its
    own; plain ASCII values, the common case, in one step)."""
    values = [v for v in values if v]
    if len(values) == 1:
        return fold_ascii(values[0])
    joined = "\0".join(values)
    if (joined.isascii() and "&" not in joined and "<" not in joined
            and joined.count("\0") == len(values) - 1):
        return joined.encode().replace(b"\0", VALUE_SEP)
    return VALUE_SEP.join([fold_ascii(v) for v in values])

