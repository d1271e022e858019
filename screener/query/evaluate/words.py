"""Words as the evaluator sees them: record text folded to lower-case ASCII and split at every
character that is not a letter or digit; a term's words, with their wildcards, as ``WordPattern``."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass

from screener.query.evaluate.index import translation_table
from screener.query.fields import SUBHEADINGS
from screener.query.nodes import Term

#: Adjacency counts every word: there is no stopword list (a documented constant).
ADJACENCY_COUNTS_EVERY_WORD = True

_MARKUP = re.compile(r"<[^<>]{0,200}>")
_QUERY_TOKEN = re.compile(r"(?:[a-z0-9]|\*|\$\d*|#|\?)+")
_WILD_SPLIT = re.compile(r"(\*|\$\d*|#|\?)")
_SPECIAL_MAP = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "µ": "mu", "π": "pi", "σ": "sigma", "τ": "tau", "ω": "omega",
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l",
    "Ł": "l", "đ": "d", "ı": "i"}


def _fold_error(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler for ``fold_ascii``: combining marks dropped, Greek letters and ligatures
    spelled out, any other non-ASCII character a space (called once per run of them)."""
    assert isinstance(exc, UnicodeEncodeError)     # registered for encoding only
    out = []
    for ch in exc.object[exc.start:exc.end]:
        if not unicodedata.combining(ch):
            out.append(_SPECIAL_MAP.get(ch, " "))
    return "".join(out), exc.end


codecs.register_error("screener.fold", _fold_error)


def fold_ascii(text: str) -> bytes:
    """The text as ASCII bytes, markup removed: diacritics dropped (é → e), Greek letters spelled
    out (β → beta), ligatures split (œ → oe), other scripts and symbols turned into spaces."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    if text.isascii():
        return text.encode()
    return unicodedata.normalize("NFKD", text).encode("ascii", "screener.fold")


#: bytes.translate table: A-Z → a-z, letters and digits kept, everything else a space
WORD_TABLE = bytes(c if (48 <= c <= 57 or 97 <= c <= 122) else c + 32 if 65 <= c <= 90 else 32
                    for c in range(256))
#: the same, keeping the value and record separators of ``index.FieldText``
FIELD_TABLE = translation_table(WORD_TABLE)


def tokenize(text: str) -> list[str]:
    """The words of a text, as the evaluator sees them (lower case, ASCII, no punctuation)."""
    if not text:
        return []
    return fold_ascii(text).translate(WORD_TABLE).decode().split()


def _strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "screener.fold").decode().lower()


def term_words(text: str) -> list[str]:
    """A term's words, split like record text, wildcards kept (``post-modern*`` → post, modern*)."""
    text = text.lower() if text.isascii() else _strip_accents(text)
    return _QUERY_TOKEN.findall(text)


@dataclass(frozen=True)
class WordPattern:
    """One word of a term: exact, a prefix (trailing ``*``), or a regular expression."""

    text: str
    kind: str        # "exact", "prefix", "regex"
    stem: str        # the literal characters before the first wildcard
    regex: re.Pattern[str] | None = None     # for kind "regex" only

    @classmethod
    def of(cls, word: str) -> WordPattern:
        pieces = [p for p in _WILD_SPLIT.split(word) if p]
        wild = [p for p in pieces if _WILD_SPLIT.fullmatch(p)]
        if not wild:
            return cls(word, "exact", word)
        stem = "" if _WILD_SPLIT.fullmatch(pieces[0]) else pieces[0]
        if len(wild) == 1 and pieces[-1] in ("*", "$") and len(pieces) == 2 - (stem == ""):
            return cls(word, "prefix", stem)
        out = []
        for p in pieces:
            if p in ("*", "$"):
                out.append("[a-z0-9]*")
            elif p.startswith("$"):
                out.append(f"[a-z0-9]{{0,{int(p[1:])}}}")
            elif p == "#":
                out.append("[a-z0-9]")
            elif p == "?":
                out.append("[a-z0-9]?")
            else:
                out.append(re.escape(p))
        return cls(word, "regex", stem, re.compile("".join(out)))

    @property
    def source(self) -> str:
        """The pattern as regular-expression source over one word of [a-z0-9]."""
        if self.kind == "exact":
            return re.escape(self.text)
        if self.kind == "prefix":
            return re.escape(self.stem) + "[a-z0-9]*"
        assert self.regex is not None
        return self.regex.pattern

    def matches(self, token: str) -> bool:
        if self.kind == "exact":
            return token == self.text
        if self.kind == "prefix":
            return token.startswith(self.stem)
        regex = self.regex
        return token.startswith(self.stem) and regex is not None and regex.fullmatch(token) is not None


_DATE_RANGE = re.compile(r"^(\d{4})(?:/\d{1,2}){0,2}:(\d{4})(?:/\d{1,2}){0,2}$")


def effective_text(node: Term) -> str:
    """The text a term searches: Ovid's two-letter floating subheading codes (``di.fs.``) read
    as the subheading's name (diagnosis)."""
    if node.fields == ("fs",):
        return SUBHEADINGS.get(node.text.lower(), node.text)
    return node.text


def year_range(node: Term) -> tuple[int, int] | None:
    """A PubMed date range on the publication date (``2007:3000[dp]``) as (first, last) years."""
    if set(node.fields) <= {"dp", "yr"}:
        m = _DATE_RANGE.match(node.text.strip())
        if m:
            return int(m.group(1)), int(m.group(2))
    return None

