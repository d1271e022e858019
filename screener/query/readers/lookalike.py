"""Tokens that a database would read as syntax (a field suffix, a field tag, an operator, a line
reference) but that are misspelled or belong to another database's syntax. The readers ask this
module before taking such a token for a search word, so that nothing a searcher meant as syntax
ends up inside a search term of any target without an error or a warning at its line:col.

``operator_lookalike(word)``: a word that is a proximity operator of another database
(``NEAR/3``, ``W/3``, ``PRE/3``, ``NEXT/3``, ``N3``-style only with a slash) or a misspelt Ovid
``adjN`` (``ajd3``, ``adj/3``, ``adjj3``) → ``(distance in Ovid's adjN terms, ordered, why)``.
``suggest_fields(code, known)``: the nearest field codes, for the message.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

#: another database's proximity operator, written as one word: name → (offset to Ovid's N,
#: ordered). Elsevier/WoS/Cochrane NEAR/n and Scopus W/n count the words *between* (Ovid adjN
#: counts N-1 between), so NEAR/3 is adj4; NEXT/n and PRE/n keep the order.
FOREIGN_PROXIMITY = {"near": (1, False), "next": (1, True), "w": (1, False), "pre": (1, True),
                     "n": (1, False), "adj": (0, False)}
_OPERATOR_RE = re.compile(r"^([a-z]{1,5})([/_\-.]?)(\d{1,3})$", re.I)
_BOOLEAN_LOOKALIKES = {"andnot": "not", "and_not": "not", "and-not": "not", "ornot": "not",
                       "and/not": "not", "nand": "not"}


def _edit1(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter dropped, doubled or swapped with its neighbour."""
    if a == b:
        return False
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        # a transposition only: a substituted letter makes another word (ADH3, ADA3 are genes)
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
            and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def operator_lookalike(word: str) -> tuple[int, bool, str] | None:
    """``(ovid distance N, ordered, why)`` when ``word`` is meant as a proximity operator but is
    not Ovid's ``adjN``; None for an ordinary word (``adj3`` itself, ``il6``, ``covid19``)."""
    m = _OPERATOR_RE.match(word)
    if not m:
        return None
    name, sep, n = m.group(1).lower(), m.group(2), int(m.group(3))
    if name == "adj" and not sep:
        return None  # Ovid's own adjN
    if name in FOREIGN_PROXIMITY and (sep == "/" or name in ("near", "next")):
        offset, ordered = FOREIGN_PROXIMITY[name]
        if name == "adj":
            return n, False, f"`{word}` is not Ovid syntax (Ovid writes adj{n})"
        return n + offset, ordered, (f"`{word}` is another database's proximity operator "
                                     f"({n} words between); Ovid writes adj{n + offset}")
    if name != "adj" and _edit1(name, "adj") and len(name) >= 2:
        return n, False, f"`{word}` looks like a misspelt adj{n}"
    if name == "adj" and sep:
        return n, False, f"`{word}` is not Ovid syntax (Ovid writes adj{n})"
    return None


def boolean_lookalike(word: str) -> str | None:
    """The Boolean operator a glued or misspelt word stands for (``andnot`` → ``not``)."""
    return _BOOLEAN_LOOKALIKES.get(word.lower())


#: PubMed tags and Ovid field-code lists people confuse: written → what was meant (Ovid codes)
_FIELD_HINTS = {"tiab": "ti,ab", "tiabkw": "ti,ab,kw", "abti": "ab,ti", "title": "ti",
                "abstract": "ab", "abs": "ab", "tit": "ti", "kwd": "kw", "mesh": "sh", "mh": "sh",
                "tw": "tw", "txt": "tx"}


_COMMON = ("tw", "ti", "ab", "kf", "kw", "mp", "sh", "pt", "hw", "tiab", "mh")
#: Ovid codes a strategy writes every day: a rare code that is one of them with two letters swapped (`.ba.` for
#: .ab.) is flagged (FIELD_LOOKALIKE)
EVERYDAY_OVID = ("ti", "ab", "tw", "kf", "kw", "mp", "sh", "hw", "pt", "fs", "ot", "nm", "rn")


def swapped(a: str, b: str) -> bool:
    """``a`` is ``b`` with two neighbouring letters swapped (`wt` / `tw`)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def swapped_everyday(code: str) -> str | None:
    """The everyday Ovid code a rare ``code`` is with two letters swapped (`ba` → `ab`), or None."""
    code = code.lower()
    if code in EVERYDAY_OVID:
        return None
    return next((c for c in EVERYDAY_OVID if swapped(code, c)), None)


def suggest_fields(code: str, known) -> list[str]:
    """Up to three field codes ``code`` was probably meant to be."""
    code = code.lower()
    out = []
    if code in _FIELD_HINTS:
        out.append(_FIELD_HINTS[code])
    # two letters swapped (`.wt.`, `.it.`): the common code, before codes one letter away
    out.extend(c for c in _COMMON if c in known and c != code and swapped(code, c) and c not in out)
    # a letter dropped from a common code (`.t.`, `.a.`): the common codes it starts, before rarer ones
    out.extend(c for c in _COMMON if c in known and c.startswith(code) and len(code) < len(c) and c not in out)
    for cand, _score, _ in process.extract(code, sorted(known), scorer=Levenshtein.distance,
                                           limit=6):
        if Levenshtein.distance(code, cand) <= max(1, len(code) // 2) and cand not in out:
            out.append(cand)
    return out[:3]
