"""Numbered lines of the fielded syntaxes as a review's table prints them: a PDF table of rows (the row's
number alone on its line, its search wrapped onto the lines below, its hit count after one space, the page's
`©` footer between rows), and line numbers combined without the syntax's `#` or `S` (`3.<tab>1 OR 2`).

``pdf_rows(raw, prefixes, problems)``: the lines the reader reads and each line's row number where the row's
number stood alone above it; ``bare_references``: `1 OR 2` on line 3 as the lines 1 and 2.
"""

from __future__ import annotations

import re

from screener.query.readers.fielded_syntaxes import Syntax
from screener.query.readers.ovid_history import TRAILING_COUNT_RE, counted_rows
from screener.query.tokens import Problems, Token

_FOOTER = re.compile(r"^\s*©")


def pdf_rows(raw: list[tuple[int, str]], prefixes: list, problems: Problems) -> tuple[list, list, dict[int, int]]:
    """``(raw, prefixes, numbers)``: for a PDF table of rows (``counted_rows``), its footers and the lines holding
    only a row number left out, each row's count blanked (columns kept) with a note, and ``numbers`` giving the
    row number of the line its search starts on; unchanged (and ``{}``) for anything else."""
    if not counted_rows([int(m.group(1)) if m else None for m, (_, t) in zip(prefixes, raw) if not _FOOTER.match(t)]):
        return raw, prefixes, {}
    lines: list[tuple[int, str]] = []
    kept: list = []
    numbers: dict[int, int] = {}
    pending = None
    for (lineno, text), m in zip(raw, prefixes):
        if _FOOTER.match(text):
            problems.add("ANNOTATION_IGNORED", f"{text.strip()!r}: a page's footer between the rows (removed)", lineno, 1)
            continue
        if m and not text[m.end():].strip():
            pending = int(m.group(1))
            continue
        if m is None and pending is not None:
            numbers[len(lines)] = pending
        pending = None
        lines.append((lineno, text))
        kept.append(m)
    for k, ((lineno, text), m) in enumerate(zip(lines, kept)):
        ends_row = k + 1 == len(lines) or kept[k + 1] is not None or (k + 1) in numbers
        count = TRAILING_COUNT_RE.search(text)
        if ends_row and count and count.start() > (m.end() if m else 0):
            problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({count.group(1)})", lineno, count.start(1) + 1)
            lines[k] = (lineno, text[:count.start()] + " " * (len(text) - count.start()))
    return lines, kept, numbers


#: a numbered line that only combines earlier lines by number, without the syntax's `#` or `S`
#: (`3.<tab>1 OR 2`, as a review's table prints an Embase.com history)
BARE_COMBINATION = re.compile(r"\s*\(*\s*\d+\s*\)*(?:\s+(?:AND|OR|NOT)\s+\(*\s*\d+\s*\)*)+\s*$", re.I)


def bare_references(tokens: list[Token], number: int, syntax: Syntax, problems: Problems) -> list[Token]:
    """``1 OR 2`` on numbered line 3: the lines 1 and 2 (FOREIGN_SYNTAX), not the words 1 and 2; unchanged when
    a number is not an earlier line."""
    words = [t for t in tokens if t.kind == "WORD"]
    if not words or any(not str(t.value).isdigit() or int(t.value) >= number for t in words):
        return tokens
    p = syntax.ref_prefix
    meant = " ".join(f"{p}{t.value}" if t in words else str(t.value).upper() if t.kind == "OP" else t.value
                     for t in tokens)
    problems.add("FOREIGN_SYNTAX", f"line numbers combined without '{p}': read as references ({meant}); "
                 f"{syntax.label} searches a bare number as a word", tokens[0].line, tokens[0].col)
    return [Token("REF", int(t.value), t.line, t.col) if t in words else t for t in tokens]


def newest_first(out: list, problems: Problems) -> list:
    """The statements oldest first: a numbered history listed newest first (EBSCOhost's and Web of Science's history
    tables: S60, S59 … S1) is read from its first search, with a note; anything else unchanged. Each statement keeps
    its own lines, so problems still point at the page."""
    numbers = [st.number for st in out]
    if len(out) < 2 or not all(st.numbered for st in out) or any(a <= b for a, b in zip(numbers, numbers[1:])):
        return out
    problems.add("ANNOTATION_IGNORED", f"the history lists the newest search first ("
                 f"{numbers[0]} down to {numbers[-1]}): read from the first search up", out[0].line, 1)
    return out[::-1]


def explicit_rows(prefixes: list) -> bool:
    """Do the lines open with `S` and a number from the first (at least three of them, each written with its S):
    an EBSCOhost history, however many lines its rows wrap onto."""
    written = [m.group(0).strip() for m in prefixes if m is not None]
    return prefixes[0] is not None and len(written) >= 3 and all(w[:1] in "Ss" for w in written)
