"""Titles as dedupe and known-study matching compare them: folded to lower-case ASCII words, with
the notes databases append (erratum pointers, language tags, retraction markers) removed.

Shared by ``screener.dedup.normalize`` (duplicate detection) and ``screener.query.evaluate.known``
(finding a strategy's known studies among records), so one title rule serves both. Every function
is pure and total: any input string gives a value, never an exception.
"""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^<>]{0,200}>")
_MATHML = re.compile(r"<(?:mml:)?math\b.*?</(?:mml:)?math>", re.S | re.I)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


_GREEK = str.maketrans({
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
    "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "µ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Α": "alpha", "Β": "beta", "Γ": "gamma", "Δ": "delta", "Κ": "kappa", "Ω": "omega"})


def fold(text: str) -> str:
    """Lower-case ASCII-ish text: HTML/MathML markup and entities resolved, diacritics removed,
    punctuation turned into single spaces."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(html.unescape(text))  # doubly escaped exports (&amp;lt;sup&amp;gt;)
    if "<" in text:
        text = _MATHML.sub(lambda m: " " + _TAG.sub(" ", m.group(0)) + " ", text)
        text = _TAG.sub(" ", text)
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKD", text.translate(_GREEK))   # β-blockers = beta-blockers
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    return _NON_ALNUM.sub(" ", text).strip()


def fold_keep_script(text: str) -> str:
    """Like ``fold`` but keeps non-Latin letters (Cyrillic, CJK), so such titles still compare."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _SPACES.sub(" ", re.sub(r"[\W_]+", " ", text)).strip()


# ---- titles ------------------------------------------------------------------------------------

# Notes that databases append to titles: erratum pointers, language tags, retraction markers.
_TITLE_NOISE = [
    re.compile(r"\.?\s*\[(?:erratum|errata|corrected|correction|retracted|retraction|comment|"
               r"published erratum|republished|update)[^\]]*(?:\]|$)", re.I),
    re.compile(r"\((?:vol|volume)\.?\s*\d+[^()]*?(?:pg|p|page|pages)\.?\s*[\w-]+[^()]*\)\s*$", re.I),
    re.compile(r"\s*\((?:retracted article|retraction)[^)]*\)\s*$", re.I),
    re.compile(r"\s*\[(?:chinese|japanese|german|french|spanish|russian|italian|portuguese|polish|"
               r"korean|dutch|czech|hungarian|turkish|persian|english abstract|abstract)[^\]]*\]\s*$", re.I),
    re.compile(r"\s+LA:\s*\w+\s*$"),
    re.compile(r"\s*\((?:chinese|japanese|german|french|spanish|russian|italian|portuguese|polish|korean|"
               r"dutch|czech|hungarian|turkish|author's transl)\)\s*$", re.I),
    re.compile(r"\s*\((?:multiple letters|letter|abstract|review)\)\s*(?:\[\d+\])?\s*$", re.I),
    re.compile(r"\s*\[\d+\]\s*$"),
    re.compile(r"\s*\[\d+\s*refs?\]\s*$", re.I),
    re.compile(r"^\s*(?:retracted|retraction|withdrawn)\s*:\s*", re.I),
    re.compile(r"\s*\[(?:review|editorial|letter|comment|news|abstract|meeting abstract)\]\s*$", re.I),
]
_ERRATUM_PREFIX = re.compile(r"^\s*(?:erratum|errata|correction|corrigendum|correction to|"
                             r"erratum to|author correction|publisher correction)\b\s*(?:to\s*)?[:.\-]?\s*",
                             re.I)
ERRATUM_SUFFIX = re.compile(r"\((?:vol|volume)\.?\s*(\d+)[,;\s]+(?:pg|p|page|pages)\.?\s*([\w]+)[^()]*\)\s*$",
                             re.I)
ERRATUM_SOURCE = re.compile(r"\((?:the\s+)?[A-Z][^()]{3,}\(\s*(?:\d{4})\s*\)\s*(\d+)\s*(?:\(\s*\w+\s*\))?"
                             r"\s*\(\s*([A-Za-z]?\d+)\s*(?:[-–]\s*\w*)?\s*\)\s*\)\s*$")
ERRATUM_APPEARS = re.compile(r"\[(?:erratum|errata)\s+(?:appears?|in)\b[^\]]*?(\d+)\s*\(\s*[\w\s-]*\)\s*:\s*"
                              r"([A-Za-z]?\d+)", re.I)
ERRATUM_CITED = re.compile(r"\(\s*(?:the\s+)?[^()]*\(\s*\d{4}[^()]*\)\s*(\d+)\s*(?:\(\s*\w+\s*\))?\s*,?\s*"
                            r"(?:pp?\.?)?\s*(\d+)", re.I)

# CINAHL appends what the item contains: "… a multi-center trial... includes discussion",
# "…... including commentary by Gall C and George S"
_CINAHL_NOTE = re.compile(r"\s*\.\.\.\s*(?:includes?|including)\s+(?:discussion|commentary|bibliography|glossary|"
                          r"abstract|erratum|case study|research instrument|exam questions)\b.*$", re.I)

GENERIC_TITLES = {
    "editorial", "editor s comments", "editors comments", "editor s comment", "editor s note", "editorial comment",
    "guest editorial", "introduction", "preface", "foreword", "commentary", "comment", "reply", "response",
    "letter", "letter to the editor", "letters to the editor", "in this issue", "news", "book review",
    "book reviews", "erratum", "errata", "correction", "corrigendum", "abstracts", "conference abstracts",
    "poster abstracts", "oral presentations", "poster presentations", "poster session", "index", "contents",
    "table of contents", "author index", "subject index", "reviewers", "acknowledgement", "acknowledgements",
    "acknowledgment", "announcements", "from the editor", "editor s introduction", "message from the editor",
    "editorial introduction", "in memoriam", "obituary", "correspondence", "discussion", "authors reply",
    "the authors reply", "reply to the letter", "response to letter", "untitled", "no title", "abstract",
    "editorial board", "masthead", "cover", "front matter", "back matter", "issue information",
}


GENERIC_PART = re.compile(r"(?:^|\s)(?:editor s comments?|editors comments?|editorial|issue information|"
                           r"in this issue|from the editors?|letters? to the editor|editor s note|guest editorial)$")


def is_erratum_title(title: str) -> bool:
    """'Erratum: …', WoS's '… (vol 360, pg 542, 2009)', Embase's '… (N Engl J Med (2009) 360 (542-544))'."""
    return bool(_ERRATUM_PREFIX.match(title or "") or ERRATUM_SUFFIX.search(title or "")
                or ")" in (title or "")[-3:] and ERRATUM_SOURCE.search(title or ""))


def clean_title(title: str) -> str:
    """The title without database notes, folded. A title entirely in brackets (a translation)
    loses its brackets."""
    text = (title or "").strip()
    if "&" in text:
        text = html.unescape(html.unescape(text))
    if text.endswith(")") and ERRATUM_SOURCE.search(text):
        text = ERRATUM_SOURCE.sub("", text)
    if "[" in text or "(" in text or "LA:" in text or text[:10].lower().startswith(("retract", "withdrawn")):
        for _ in range(2):
            before = text
            for pattern in _TITLE_NOISE:
                text = pattern.sub("", text)
            if text == before:
                break
    if "..." in text:
        text = _CINAHL_NOTE.sub("", text)
    if text[:1] in "EeCcAaPp":
        text = _ERRATUM_PREFIX.sub("", text)
    text = text.strip().rstrip(".").strip()
    if text.startswith("[") and "]" in text:
        inner, _, rest = text[1:].partition("]")
        if len(inner) >= len(rest):
            text = inner
    return fold(text)
