"""Typing slips in Ovid lines that were read silently as something else (benchmarks/query_typos.py):
a heading's `/` doubled or followed by `exp` or `*`, `exp/ Heading`, truncation typed twice or after a
space, a misspelt or glued operator between line numbers, a comma before a field suffix. Each is one
error (or, where Ovid may read it as meant, a warning) at its column saying what to write, and the
line is read as that. The scanner (``ovid_scanner.py``) calls these; they only look at the text.
"""

from __future__ import annotations

import re

from screener.query.fields import OVID_FIELD_CODES
from screener.query.readers.ovid_patterns import field_codes
from screener.query.tokens import QUOTES_DOUBLE, QUOTES_SINGLE, Problems, Token

#: `exp/ Back Pain` — explode typed with the heading's slash: the name runs to an operator, ')' or the end
EXP_SLASH_RE = re.compile(r"(?i)exp/[ \t]+(?P<name>[^()\s/][^()/]*?)/?(?=[ \t]+(?:or|and|not)[ \t]|[ \t]*\)|[ \t]*$)")
#: `/exp Back Pain`: the heading's slash typed before the explosion instead of after the name
SLASH_EXP_RE = re.compile(r"(?i)/exp[ \t]+(?P<name>[^()\s/][^()/]*?)/?(?=[ \t]+(?:or|and|not)[ \t]|[ \t]*\)|[ \t]*$)")
#: `child**`, `child$$`: a truncation symbol typed twice
DOUBLED_TRUNCATION_RE = re.compile(r"(?<=[^\W\d_])(\*\*+|\$\$+)(?!\d)")
#: `pain,tw.`: a comma where the suffix's leading dot goes
COMMA_SUFFIX_RE = re.compile(r"^(?P<word>(?:.*(?:[^\W\d_]|[*$?#\")]))?)"
                             r"(?P<suffix>,(?P<codes>[a-z]{2,3}(?:,[a-z]{2,3})*)\.)$", re.I)
#: `or2`: an operator glued to the line number after it
GLUED_OPERATOR_RE = re.compile(r"(?i)(or|and|not)(\d+)")
#: misspellings of and/or/not seen between line numbers (one letter swapped, dropped or next to it)
_MISSPELT = {"adn": "and", "nad": "and", "dan": "and", "an": "and", "nd": "and", "ad": "and", "amd": "and",
             "abd": "and", "snd": "and", "anf": "and", "ans": "and", "andd": "and", "ro": "or", "pr": "or",
             "oe": "or", "orr": "or", "oor": "or", "ot": "or", "nto": "not", "ont": "not", "nit": "not",
             "mot": "not", "bot": "not", "nor": "not"}
_COMBINE_TEXT = re.compile(r"^\s*(\d+)\s+$")
#: what starts a heading's name, looking back from its last word (an operator, '(', `exp`, `*`, the number)
_HEAD_START_RE = re.compile(r"(?i)(?:^\s*(?:\d+[.):]?\s+)?|[()]\s*|(?<![\w-])(?:or|and|not|exp)\s+|\*)")


def heading_start(text: str, col: int) -> int:
    """The column where the heading whose last word starts at ``col`` begins (`Back Pain/exp`: the B)."""
    before = text[:col - 1]
    start = 0
    for m in _HEAD_START_RE.finditer(before):
        start = m.end()
    return start + 1


def heading_slip(p: Problems, word: str, line: int, col: int, text: str) -> list[Token] | None:
    """`Pain/exp`, `Pain/*`, `Pain//` (also after `*`): a HEADING_SYNTAX error at the heading's first
    word naming the heading as Ovid writes it, and its tokens; None when ``word`` is none of them."""
    low = word.lower()
    major = word.startswith("*")
    if low.endswith("/exp"):
        pre, how = word[:-4], "explode"
    elif word.endswith("/*") and not word.endswith("//*"):
        pre, how = word[:-2], "major"
    elif word.endswith("//"):
        pre, how = word.rstrip("/"), "slash"
    else:
        return None
    pre = pre.lstrip("*")
    if not pre or not pre[0].isalpha() or "/" in pre:
        return None
    start = heading_start(text, col)
    name = (text[start - 1:col - 1] + pre).strip()
    star = "*" if major or how == "major" else ""
    meant = f"{'exp ' if how == 'explode' else ''}{star}{name}/"
    why = {"explode": "explode is written before the heading", "major": "a major heading's '*' goes before it",
           "slash": "one '/' ends a heading"}[how]
    p.add("HEADING_SYNTAX", f"`{text[start - 1:col - 1]}{word}`: {why} — write {meant} (read so)", line, start)
    head_col = col + (1 if major else 0)
    # `exp Back Pain/exp`: explode said twice — the `exp` before is already a token
    again = how == "explode" and re.search(r"(?i)(?<![\w-])exp\s+\*?$", text[:start - 1]) is not None
    toks = [Token("EXP", "exp", line, col)] if how == "explode" and not again else []
    if star:
        toks.append(Token("STAR", "*", line, col))
    return toks + [Token("HEAD", pre, line, head_col, {"subheadings": ()})]


def exp_slash(p: Problems, m: re.Match, line: int, col: int) -> list[Token]:
    """``EXP_SLASH_RE``: `exp/ Back Pain` read as `exp Back Pain/`, with the error saying so."""
    name = " ".join(m.group("name").split())
    p.add("HEADING_SYNTAX", f"`{' '.join(m.group(0).split())}`: the '/' ends the heading — write exp {name}/ "
          "(read so)", line, col)
    return [Token("EXP", "exp", line, col), Token("HEAD", name, line, col + m.start("name") - m.start(),
                                                  {"subheadings": ()})]


def doubled_truncation(p: Problems, word: str, line: int, col: int) -> str:
    """`child**` → `child*` (and `$$` → `$`), with an error at the symbols; other words unchanged."""
    m = DOUBLED_TRUNCATION_RE.search(word)
    if m is None:
        return word
    meant = word[:m.start()] + m.group(1)[0] + word[m.end():]
    p.add("SYNTAX_ERROR", f"`{word}`: the truncation symbol is typed {len(m.group(1))} times — write {meant} "
          "(read so)", line, col + m.start())
    return meant


def spaced_truncation(p: Problems, toks: list[Token], written: str, line: int, col: int) -> None:
    """`child $`: the `$` (read as a word '*') glued back to the word before, with an error."""
    if not re.match(r"\$\d*(?![\w$])", written):
        return
    # the '$' word (maybe followed by its suffix token: `Gerber $.mp.`) and the word before it
    k = next((k for k in range(len(toks) - 1, 0, -1) if toks[k].col == col and toks[k].kind == "WORD"), None)
    if k is None or toks[k - 1].kind != "WORD":
        return
    prev, sym = toks[k - 1], str(toks[k].value)
    word = str(prev.value).rsplit(" ", 1)[-1]
    p.add("SYNTAX_ERROR", f"`{word} {written.split('.')[0]}`: a space before the truncation symbol — write "
          f"{word}{written.split('.')[0]} (read so)", line, col)
    del toks[k]
    prev.value = f"{prev.value}{sym}"


def comma_suffix(p: Problems, word: str, line: int, col: int) -> tuple[str, tuple[str, ...], int] | None:
    """`pain,tw.`: (the word, the codes, the suffix's column) with an UNKNOWN_FIELD error, or None."""
    m = COMMA_SUFFIX_RE.match(word)
    if m is None:
        return None     # (`,tw.` alone, after a group or a phrase, has the word "")
    codes = field_codes(m.group("codes"))
    if not all(c in OVID_FIELD_CODES for c in codes) or m.group("word") and all(
            c in OVID_FIELD_CODES for c in field_codes(m.group("word"))):
        return None     # `ti,ab.` alone: a suffix without its dot, the reader's own case
    scol = col + m.start("suffix")
    p.add("UNKNOWN_FIELD", f"field suffix {m.group('suffix')} starts with ','; Ovid writes .{','.join(codes)}. "
          "(read so)", line, scol)
    return m.group("word"), codes, scol


def combine_slip(p: Problems, word: str, text: str, body: int, line: int, col: int, after: int) -> list[Token] | None:
    """Between line numbers, `1 adn 2` (a misspelt operator) and `1 or2` (glued to the number): an
    UNKNOWN_OPERATOR error naming the line to write, and the operator (and number) tokens. ``body``:
    where the search starts after the statement's own number (`1 not2` is line 1 searching 'not2')."""
    before = _COMBINE_TEXT.match(text[body:col - 1])
    if before is None:
        return None
    low = word.lower()
    if (g := GLUED_OPERATOR_RE.fullmatch(word)) is not None:
        op, n = g.group(1).lower(), g.group(2)
        p.add("UNKNOWN_OPERATOR", f"`{word}`: a space is missing — write `{op} {n}` (read so)", line, col)
        return [Token("OP", op, line, col), Token("NUMBER", int(n), line, col + len(op), {"text": n})]
    op = _MISSPELT.get(low)
    nxt = re.match(r"\s+(\d+)\b", text[after:])
    if op is None or nxt is None:
        return None
    p.add("UNKNOWN_OPERATOR", f"`{word}` between line numbers is no operator — write `{before.group(1)} {op} "
          f"{nxt.group(1)}` (read so)", line, col)
    return [Token("OP", op, line, col)]


def single_close(text: str, i: int) -> int | None:
    """Where the single-quoted phrase opened at ``text[i]`` closes, or None."""
    for j in range(i + 1, len(text)):
        if text[j] in QUOTES_SINGLE and text[j - 1] not in " \t" and (
                j + 1 == len(text) or text[j + 1] in " \t).,/[" + QUOTES_SINGLE):
            if text[j + 1:j + 2] in QUOTES_SINGLE and text[j + 1:j + 2]:
                continue
            return j
        if text[j] in QUOTES_DOUBLE or text[j] in "()":
            return None
    return None


def curly_quotes(p: Problems, text: str, i: int, j: int, line: int, col: int) -> None:
    """A phrase in typographic quotes (“back pain”, pasted from a word processor): read as the phrase,
    with a QUOTE_STYLE warning — Ovid's syntax has straight quotes only."""
    if text[i] != '"' or text[j] != '"':
        phrase = " ".join(text[i + 1:j].split())
        p.add("QUOTE_STYLE", f"typographic quotes {text[i]}{phrase}{text[j]}: Ovid takes straight quotes — "
              f'write "{phrase}" (read so)', line, col)


def redundant_fields(p: Problems, suffix: Token, line: int) -> None:
    """`.tw,ab.`, `.ti,tw.`: .tw. is title and abstract in every Ovid database, so the list says less than it seems;
    a note (the search is the same)."""
    covered = [c for c in suffix.value if c in ("ti", "ab")] if "tw" in suffix.value else []
    if covered:
        p.add("FIELD_REDUNDANT", f".{','.join(suffix.value)}.: .tw. already searches {' and '.join(covered)} "
              "(title and abstract); the list searches what .tw. alone does", line, suffix.col)


def spaced_suffix(p: Problems, written: str, suffix: Token, merged: bool, dotted: bool, line: int) -> None:
    """`.ti, ab.`, `.tw .`: a space inside a field suffix (read as the suffix closed up), a warning
    naming the suffix to write; Ovid's help shows suffixes without spaces."""
    written = written.strip()
    if dotted:
        return      # `.ti. ab .` is already the error 'separates its codes with .'
    if " " not in written and "\t" not in written or not (merged or written.endswith(".")):
        return
    codes = ",".join(suffix.value)
    p.drop("SUFFIX_WITHOUT_DOT", line, suffix.col)
    p.add("STRAY_CHARACTER", f"a space inside the field suffix {written}: write .{codes}. (read so)", line, suffix.col)
