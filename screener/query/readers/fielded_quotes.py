"""Slips of punctuation in the fielded syntaxes' lines, read as meant and said (round 29 of the query hold-out):
Embase.com's single quotes in a syntax whose phrases take double quotes (`'quality of life'` in a Cochrane Library
line), a quote left after a truncation (`exercis*' OR …`), and an Ovid heading's slash left after a phrase
(`TI=("phase 2 clinical trial"/ OR …)`). Each was searched with the word, nothing said. And a heading a PDF wrapped
onto the next line (`(MH "Patient-Reported` / `Outcomes+")`, `(MH` / `"Cluster Sample")`): the word MH and a phrase.

``wrapped_heading(reader, text, i, end, line, toks)``: the heading begun at ``text[i]`` and ended on the next line,
or False; ``quote_or_slash(reader, text, i, end, line, toks)``: where scanning goes on after such a slip at ``text[i]``, or
None; ``quote_after_wildcard(reader, word, line, col)``: the word without a quote after its wildcard.
"""

from __future__ import annotations

import re
from typing import Any

from screener.query.tokens import Token

# the quote closing a single-quoted span: before a space, a parenthesis, a field suffix or the line's end
_SINGLE_CLOSE = re.compile(r"'(?=$|[\s):,])")
# a heading's code ending the line (`(MH`), its quoted name on the next
_CODE_ENDS_LINE = re.compile(r"\(?\s*[A-Z]{2}\s*$")
_QUOTE_CHARS = '"“”'


def wrapped_heading(reader: Any, text: str, i: int, end: int, line: int, toks: list[Token]) -> bool:
    """``reader``: the fielded reader, its ``wrap_next`` the next physical line (None when that line is a search of
    its own); ``resume_next`` set to where the next line's scan goes on."""
    nxt = reader.wrap_next
    if nxt is None or not (sum(text.count(q, i, end) for q in _QUOTE_CHARS) % 2 or _CODE_ENDS_LINE.match(text, i, end)):
        return False
    here = text[i:end].rstrip()
    gap = "" if here.endswith("-") else " "    # `"Double-` / `Blind Studies"`: the word a hyphen broke
    joined = here + gap + nxt.lstrip()
    for rx, build in reader.s.headings:
        m = rx.match(joined)
        if m and m.end() > len(here) + len(gap):
            toks.append(Token("HEAD", build(m)(line, i + 1, m.group(0)), line, i + 1))
            reader.resume_next = len(nxt) - len(nxt.lstrip()) + m.end() - len(here) - len(gap)
            return True
    return False


def quote_or_slash(reader: Any, text: str, i: int, end: int, line: int, toks: list[Token]) -> int | None:
    """``reader``: the fielded reader (its syntax ``s``, problems ``p``, ``_wild`` and ``_suffix``)."""
    s, p, c, col = reader.s, reader.p, text[i], i + 1
    if c == "'" and not s.single_quotes and (i == 0 or text[i - 1] in " \t("):
        k = _SINGLE_CLOSE.search(text, i + 1, end)
        if k is not None and '"' not in text[i:k.start()]:
            p.add("QUOTE_STYLE", f"single-quoted phrase {text[i:k.start() + 1]} read as a phrase ({s.label} "
                  "phrases use double quotes)", line, col)
            toks.append(Token("PHRASE", reader._wild(" ".join(text[i + 1:k.start()].split())), line, col))
            return int(reader._suffix(text, k.start() + 1, line, toks))
        p.add("STRAY_CHARACTER", f"a quote ' opening no phrase (ignored; {s.label} phrases use double quotes)",
              line, col)
        return i + 1
    if c == "/" and (i + 1 == end or text[i + 1] in " \t)"):
        p.add("STRAY_CHARACTER", f"a '/' after a term is not {s.label} syntax (an Ovid heading's slash?): ignored; "
              "delete it", line, col)
        return i + 1
    return None


def quote_after_wildcard(reader: Any, word: str, line: int, col: int) -> str:
    """`exercis*'`: a quote after a truncation closes nothing (a possessive never follows a wildcard)."""
    if len(word) > 2 and word.endswith("'") and word[-2] in "*?$#" and not reader.s.single_quotes:
        reader.p.add("STRAY_CHARACTER", f"a quote ' after {word[:-1]} closes no phrase (ignored)", line,
                     col + len(word) - 1)
        return word[:-1]
    return word
