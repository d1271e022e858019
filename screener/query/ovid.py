"""Reader for Ovid MEDLINE strategies (also Embase/PsycINFO/AMED: same grammar).

Physical lines become statements: numbered (``1.``, ``1 ``, ``#1``, tabs) or, when the strategy
has no numbers, one statement per non-blank line counted from 1. Lines starting ``//`` are
comments. Pasted search-history residue is removed with an info problem: hit counts ``(1234)``
at the end of a line, bracketed annotations ``[mp=…]``, ``[Block A]``, ``[Diagnostic Use]``.

Grammar of a statement (``adj`` binds tightest, then ``and``, ``not``, ``or`` — Ovid processes
AND before NOT and OR last; a line mixing Boolean operators without parentheses gets
MIXED_OPERATORS)::

    statement := "limit" N "to" filters | or
    or        := not ("or" not)*
    not       := and ("not" and)*
    and       := prox ("and" prox)*
    prox      := unit (adjN unit)* [suffix]      # a suffix after a chain applies to the chain
    unit      := primary [suffix]
    primary   := "(" or ")" | words ["/" subheadings] | "exp" ["*"] words "/" | N | or/1-5 | and/1,3

Several adjacent words (or quoted words) form one phrase term; a lone number is a line
reference; ``X/`` is a heading, ``X.sh.`` too (not exploded).
"""

from __future__ import annotations

import re

from screener.query.fields import OVID_FIELD_CODES, PUBMED_TAGS, SUBHEADINGS, heading_display_name
from screener.query.foreign_limits import PUBMED_DATE_TAGS, FilterNode, date_range, embase_limit, fold, unknown_embase_limit
from screener.query.limits import MAX_LINES
from screener.query.lookalike import boolean_lookalike, operator_lookalike, suggest_fields
from screener.query.nodes import BoolOp, Filter, Heading, Limit, LineRef, Node, Proximity, Strategy, Term
from screener.query.tokens import (
    QUOTES_DOUBLE,
    QUOTES_SINGLE,
    Problems,
    Statement,
    Token,
    close_group,
    closing_quote,
    read_strategy,
)

NUMBER_PREFIX_RE = re.compile(r"^(\s*)#?(\d+)(?:[.):])?(?=\s|$)\s*")
HIT_COUNT_RE = re.compile(r"\s\(\s*(\d[\d,]*)\s*\)\s*$")
COMBINE_RE = re.compile(r"(?i)(or|and)(?:\s*/\s*|\s+(?=\d+\s*-\s*\d+\s*$))(\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*)")
WORD_RE = re.compile(r"[^\s()\[\]" + QUOTES_DOUBLE + r"]+")
SUFFIX_ONLY_RE = re.compile(r"^\.\s*([a-z]{1,6}(?:\s*[,.]\s*[a-z]{1,6})*),?\s*(\.?)$", re.I)
SUFFIX_ATTACHED_RE = re.compile(r"^(.*?[^.\s])\.([a-z]{2,3}(?:,[a-z]{2,3})*),?(\.?)$", re.I)
#: `pain.tiab.`, `back.ab,xx.`: what Ovid reads as a word and a field suffix, whatever the codes
#: (a final dot or a comma list makes it a suffix; unknown codes are UNKNOWN_FIELD errors)
LOOSE_SUFFIX_RE = re.compile(r"^(.*?[^.\s,])\.([a-z]{1,6}(?:,[a-z]{1,6})*)(,?)(\.?)$", re.I)
#: `word[tiab]`, `"a b"[mh]`: a PubMed tag (or something shaped like one) in an Ovid strategy
TAG_LIKE_RE = re.compile(r"^[a-z][a-z /:~0-9]{0,30}$", re.I)
ADJ_SPACED_RE = re.compile(r"\s+(\d{1,3})(?=\s+[^\s()]|\s*\()")
S_REFS_LINE_RE = re.compile(r"(?i)^\s*(?:#?\d+[.):]?\s+)?(?:[s#]?\d+\s+(?:and|or|not)\s+)+[s#]?\d+\s*$")
BARE_SUFFIX_RE = re.compile(r"\s*([A-Za-z]{2,3}(?:,[A-Za-z]{2,3})*)(\.?)(?=[\s)\[]|$)")
FINAL_DOT_RE = re.compile(r"\s*\.(?=[\s)\[]|$)")
MORE_SUBS_RE = re.compile(r"\s*([A-Za-z]{2}(?:,[A-Za-z]{2})*)(,?)(?=[\s)\[]|$)")
NONSPACE_RE = re.compile(r"\S")
HASH_REF_RE = re.compile(r"#\d+")
SUBS_RE = re.compile(r"^([a-z]{2}(?:,[a-z]{2})*)(,?)$")
STARTS_WITH_OP_RE = re.compile(r"(?i)\s*(and|or|not)\b(?!\s*/)(?!\s+\d+\s*-\s*\d+\s*$)")
PAREN_IN_HEADING_RE = re.compile(r"\([^()\s][^()]*\)/[A-Za-z,]*")
TRUNCATED_HIT_RE = re.compile(r"\s\(\s*\d*\s*$")
MORE_CODES_RE = re.compile(r"\s*[,.]?\s*([A-Za-z]{2}(?:,[A-Za-z]{2})*)\s*(\.?)(?=[\s)\[]|$)")
BARE_CODES_RE = re.compile(r"^([a-z]{2,3}(?:,[a-z]{2,3})*)(\.?)$", re.I)
ADJ_RE = re.compile(r"^adj(\d*)$", re.I)
LIMIT_RE = re.compile(r"^\s*limit\s+(\d+)\s+to\s+(.+?)\s*$", re.I)
REMOVE_DUPLICATES_RE = re.compile(r"^\s*remove\s+duplicates\s+from\s+(\d+)\s*$", re.I)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip().lower() for c in re.split(r"[,.]", text) if c.strip())


def split_comments(source: str) -> list[tuple[int, str]]:
    """(physical line number, text) of every line that is not blank and not a ``//`` comment."""
    out = []
    for i, text in enumerate(source.splitlines(), start=1):
        if not text.strip() or text.lstrip().startswith("//"):
            continue
        out.append((i, text))
    return out


# --------------------------------------------------------------------------- scanning


class OvidScanner:
    def __init__(self, problems: Problems):
        self.p = problems

    def scan(self, text: str, line: int, start: int = 0) -> list[Token]:
        """Tokens of one physical line from index ``start`` (columns are 1-based indexes)."""
        p = self.p
        toks: list[Token] = []
        end = len(text)
        m = HIT_COUNT_RE.search(text) or TRUNCATED_HIT_RE.search(text)
        if m and m.start() >= start:
            n = int(m.group(1).replace(",", "")) if m.re is HIT_COUNT_RE else 10 ** 9
            # a number in parentheses at the end of a line is a pasted hit count unless it could
            # be a line reference; callers re-check with the statement number (see _hit_count)
            toks_end = m.start()
            self._hit = (n, line, m.start() + 2, toks_end)
        else:
            self._hit = None
        i = start
        while i < end:
            m = NONSPACE_RE.search(text, i, end)
            if m is None:
                break
            i = m.start()
            c = text[i]
            col = i + 1
            if c == "[":
                if m := EMBASE_LIMIT_RE.match(text, i):
                    # Embase.com's `[humans]/lim`, `[2000-2015]/py`: a limit, never a word
                    toks.extend(self._embase_limit(m, line, col))
                    i = m.end()
                    continue
                j = text.find("]", i)
                j = end if j < 0 else j + 1
                if (date := self._pubmed_date(toks, text, i, j)) is not None:
                    toks[-1] = date
                    i = j
                    continue
                tag = self._bracket_tag(text, i, j, line, col)
                if tag is not None:
                    toks.extend(tag)
                else:
                    p.add("ANNOTATION_IGNORED", f"removed {text[i:j]!s} (Ovid history residue)", line, col)
                i = j
                continue
            if c == "]":
                p.add("STRAY_CHARACTER", "a ']' without '[' (ignored)", line, col)
                i += 1
                continue
            if c == "(" and (m := PAREN_IN_HEADING_RE.match(text, i)):
                # Power (Psychology)/ — a parenthesis that is part of a heading name
                toks.extend(self._classify(m.group(0), line, col, text, m.end()))
                i = m.end()
                continue
            if c in "()":
                toks.append(Token("LP" if c == "(" else "RP", c, line, col))
                i += 1
                continue
            if c in QUOTES_DOUBLE:
                j = closing_quote(text, i, QUOTES_DOUBLE, p, line, col)
                if j is None:
                    i += 1
                    continue
                # `"growth factor$"`: Ovid truncates inside quotes too; `$` alone is `*`
                toks.append(Token("PHRASE", _normalise_wildcards(" ".join(text[i + 1:j].split())),
                                  line, col))
                i = j + 1
                continue
            if c in QUOTES_SINGLE and (i == start or text[i - 1] in " \t(]"):
                j = self._single_close(text, i)
                if j is not None:
                    p.add("QUOTE_STYLE", f"single-quoted phrase {text[i:j + 1]} read as a phrase "
                          "(Ovid phrases use double quotes)", line, col)
                    toks.append(Token("PHRASE", " ".join(text[i + 1:j].split()), line, col))
                    i = j + 1
                    continue
                p.add("UNBALANCED_QUOTE", f"the quote {c} at column {col} has no partner "
                      "(ignored; it looks like a leftover from another database's syntax)", line, col)
                i += 1
                continue
            m = COMBINE_RE.match(text, i) if c in "oOaA" else None
            if m and "/" not in m.group(0) and text[start:i].strip():
                m = None  # `or 1-14` (no slash) only as a whole line
            if m and (m.end() == end or not text[m.end()].isalnum()):
                op = m.group(1).lower()
                written = re.sub(r"\s+", "", m.group(0)).lower()
                numbers = self._numbers(m.group(2), written, line, col)
                toks.append(Token("COMBINE", op, line, col, {"numbers": numbers, "written": written}))
                i = m.end()
                continue
            m = WORD_RE.match(text, i)
            word = m.group(0)
            i = m.end()
            toks.extend(self._classify(word, line, col, text, i))
            if toks and toks[-1].kind == "ADJ" and toks[-1].value is None and (
                    m2 := ADJ_SPACED_RE.match(text, i, end)):
                # `a adj 3 b`: Ovid reads `adj` and a line number 3 — never meant
                p.add("UNKNOWN_OPERATOR", f"`adj {m2.group(1)}`: write the distance without a space "
                      f"(adj{m2.group(1)}); read as adj{m2.group(1)}", line, col)
                toks[-1].value = int(m2.group(1))
                i = m2.end()
            if toks and toks[-1].kind == "_DOT_PENDING":
                # `etic. ti,ab` — a word ending in '.' followed by a bare field list
                pending = toks.pop()
                m2 = BARE_SUFFIX_RE.match(text, i)
                if m2 and all(c in OVID_FIELD_CODES for c in _codes(m2.group(1))):
                    if pending.value:
                        toks.append(Token("WORD", pending.value, line, col))
                    lead = len(m2.group(0)) - len(m2.group(0).lstrip())
                    toks.append(Token("SUFFIX", _codes(m2.group(1)), line, i + 1 + lead))
                    if not m2.group(2):
                        p.add("SUFFIX_WITHOUT_DOT", f"field suffix .{m2.group(1)} without its final dot "
                              "(accepted)", line, toks[-1].col)
                    i = m2.end()
                elif pending.value:
                    toks.append(Token("WORD", pending.value + ".", line, col))
                elif not (toks and toks[-1].kind == "SUFFIX"):
                    p.add("STRAY_CHARACTER", "a '.' that ends nothing (ignored)", line, col)
            if toks and toks[-1].kind == "SUFFIX":
                # `.ti. ab .` — field codes split by stray spaces or dots: one suffix
                while (m2 := MORE_CODES_RE.match(text, i)) and all(
                        c in OVID_FIELD_CODES for c in _codes(m2.group(1))):
                    toks[-1].value = tuple(dict.fromkeys(toks[-1].value + _codes(m2.group(1))))
                    i = m2.end()
                m2 = FINAL_DOT_RE.match(text, i)
                if m2:
                    i = m2.end()
            if toks and toks[-1].kind == "_SUBS_OPEN":
                # `Dementia/bl, cf` — a subheading list continued after a comma and a space
                head = toks.pop()
                subs = list(head.extra["subheadings"])
                while True:
                    m2 = MORE_SUBS_RE.match(text, i)
                    if not m2 or any(c not in SUBHEADINGS for c in _codes(m2.group(1))):
                        break
                    subs.extend(_codes(m2.group(1)))
                    i = m2.end()
                    if not m2.group(2):
                        break
                head.kind = "HEAD"
                head.extra["subheadings"] = tuple(subs)
                toks.append(head)
        return toks

    def _numbers(self, spec: str, written: str, line: int, col: int) -> list[int]:
        out: list[int] = []
        for part in spec.split(","):
            part = part.strip()
            if "-" in part:
                a, b = (int(x) for x in part.split("-"))
                if max(a, b) > MAX_LINES:
                    # never built: or/1-999999999 would be a list of a billion line numbers
                    self.p.add("LIMIT_EXCEEDED", f"{written} names line {max(a, b):,}; a strategy "
                               f"has at most {MAX_LINES:,} lines (range ignored)", line, col)
                    continue
                out.extend(range(a, b + 1) if a <= b else range(a, b - 1, -1))
            elif part:
                out.append(int(part))
        return out

    @staticmethod
    def _single_close(text: str, i: int) -> int | None:
        for j in range(i + 1, len(text)):
            if text[j] in QUOTES_SINGLE and text[j - 1] not in " \t" and (
                    j + 1 == len(text) or text[j + 1] in " \t).,/[" + QUOTES_SINGLE):
                if text[j + 1:j + 2] in QUOTES_SINGLE and text[j + 1:j + 2]:
                    continue
                return j
            if text[j] in QUOTES_DOUBLE or text[j] in "()":
                return None
        return None

    def _classify(self, word: str, line: int, col: int, text: str, after: int) -> list[Token]:
        p = self.p
        low = word.lower()
        if low in ("and", "or", "not"):
            return [Token("OP", low, line, col)]
        m = ADJ_RE.match(word) if low.startswith("adj") else None
        if m:
            return [Token("ADJ", int(m.group(1)) if m.group(1) else None, line, col)]
        if low == "exp":
            return [Token("EXP", "exp", line, col)]
        if (look := operator_lookalike(word)) is not None:
            n, ordered, why = look
            p.add("UNKNOWN_OPERATOR", f"{why}; read as adj{n}" + (
                " (Ovid has no ordered proximity beyond adj1: the order is not kept)"
                if ordered and n > 1 else ""), line, col)
            return [Token("ADJ", None if ordered and n == 1 else n, line, col)]
        if (op := boolean_lookalike(word)) is not None:
            p.add("UNKNOWN_OPERATOR", f"`{word}` is not an Ovid operator; read as {op.upper()}",
                  line, col)
            return [Token("OP", op, line, col)]
        if re.fullmatch(r"[sS]\d+", word) and S_REFS_LINE_RE.match(text):
            p.add("FOREIGN_SYNTAX", f"`{word}` is an EBSCOhost line reference; read as line "
                  f"{word[1:]} (Ovid writes {word[1:]})", line, col)
            return [Token("NUMBER", int(word[1:]), line, col, {"text": word[1:]})]
        if low.isalnum() and not low.isdecimal():  # the common case: a plain word (² is a word)
            return [Token("WORD", word, line, col)]
        m = SUFFIX_ONLY_RE.match(word) if word[0] == "." else None
        if m:
            codes = self._check_codes(_codes(m.group(1)), line, col)
            if not m.group(2):
                p.add("SUFFIX_WITHOUT_DOT", f"field suffix .{m.group(1)} without its final dot "
                      "(accepted)", line, col)
            return [Token("SUFFIX", codes, line, col)]
        if all(ch in QUOTES_SINGLE for ch in word):
            p.add("UNBALANCED_QUOTE", f"the quote {word} at column {col} has no partner (ignored)",
                  line, col)
            return []
        # a stray closing single quote glued to a word: face-to-face'
        if word[-1] in QUOTES_SINGLE and len(word) > 1:
            p.add("UNBALANCED_QUOTE", f"the quote {word[-1]} at column {col + len(word) - 1} has no "
                  "partner (ignored; it looks like a leftover from another database's syntax)",
                  line, col + len(word) - 1)
            return self._classify(word[:-1], line, col, text, after)
        if "/" in word:
            toks = self._heading_word(word, line, col, text, after)
            if toks is not None:
                return toks
        m = SUFFIX_ATTACHED_RE.match(word) if "." in word else None
        if m and all(c in OVID_FIELD_CODES for c in _codes(m.group(2))):
            inner = self._classify(m.group(1), line, col, text, after)
            scol = col + len(m.group(1))
            if not m.group(3):
                p.add("SUFFIX_WITHOUT_DOT", f"field suffix .{m.group(2)} without its final dot "
                      "(accepted)", line, scol)
            return inner + [Token("SUFFIX", _codes(m.group(2)), line, scol)]
        m = LOOSE_SUFFIX_RE.match(word) if "." in word else None
        if m and (m.group(4) or "," in m.group(2) or m.group(3)) and not m.group(1).replace(".", "").isdigit():
            # `pain.tiab.`, `back.ab,xx.`: Ovid reads a suffix; its unknown codes are errors
            inner = self._classify(m.group(1), line, col, text, after)
            scol = col + len(m.group(1))
            codes = self._check_codes(_codes(m.group(2)), line, scol)
            return inner + [Token("SUFFIX", codes, line, scol)]
        if word.endswith("."):
            return [Token("_DOT_PENDING", word[:-1], line, col)]
        if word.isdecimal():
            return [Token("NUMBER", int(word), line, col, {"text": word})]
        if HASH_REF_RE.fullmatch(word):
            return [Token("NUMBER", int(word[1:]), line, col, {"text": word})]
        if word == "*":
            return [Token("STAR", "*", line, col)]
        if word.startswith("*") and len(word) > 1:
            return [Token("STAR", "*", line, col)] + self._classify(word[1:], line, col + 1, text, after)
        return [Token("WORD", _normalise_wildcards(word), line, col)]

    def _heading_word(self, word: str, line: int, col: int, text: str, after: int):
        pre, _, post = word.rpartition("/")
        post_low = post.lower()
        star = []
        if pre.startswith("*"):
            star = [Token("STAR", "*", line, col)]
            pre, col = pre[1:], col + 1
        if post == "":
            return star + [Token("HEAD", pre, line, col, {"subheadings": ()})]
        if post_low in ("or", "and", "not"):
            return star + [Token("HEAD", pre, line, col, {"subheadings": ()}),
                           Token("OP", post_low, line, col + len(pre) + 1)]
        m = SUBS_RE.match(post_low)
        if m:
            codes = _codes(m.group(1))
            unknown = [c for c in codes if c not in SUBHEADINGS]
            if not unknown:
                tok = Token("_SUBS_OPEN" if m.group(2) else "HEAD", pre, line, col,
                            {"subheadings": codes})
                return star + [tok]
            if len(codes) > 1 or len(post) == 2 and pre and pre[0].isupper():
                self.p.add("UNKNOWN_SUBHEADING", f"subheading code(s) {', '.join(unknown)} not in "
                           "the MeSH subheading table (kept as written)", line, col + len(pre) + 1)
                return star + [Token("HEAD", pre, line, col, {"subheadings": codes})]
        m = SUFFIX_ATTACHED_RE.match(post)
        return None  # a slash inside a word (HIV/AIDS, and/or): an ordinary word

    def _check_codes(self, codes, line, col) -> tuple[str, ...]:
        """The known codes of a suffix; each unknown one is an UNKNOWN_FIELD error."""
        for c in codes:
            if c not in OVID_FIELD_CODES:
                hint = suggest_fields(c, OVID_FIELD_CODES)
                mean = f" (did you mean {' or '.join('.' + h + '.' for h in hint)}?)" if hint else ""
                rest = [k for k in codes if k in OVID_FIELD_CODES]
                where = (f"searched in .{','.join(rest)}. only" if rest
                         else "the term is searched in the default fields (.mp.)")
                self.p.add("UNKNOWN_FIELD", f"field code .{c}. is not an Ovid field code{mean}; "
                           f"{where}", line, col)
        return tuple(c for c in codes if c in OVID_FIELD_CODES)

    def _embase_limit(self, m: re.Match, line: int, col: int) -> list[Token]:
        """Embase.com's limit syntax in an Ovid strategy: the limit it names (FOREIGN_SYNTAX),
        folded into the line it is ANDed with; an unknown ``[x]/lim`` is UNKNOWN_LIMIT."""
        written = m.group(0)
        if m.group("first"):
            flt = Filter(line, col, "year", (int(m.group("first")), int(m.group("last"))), written)
        else:
            found = embase_limit(m.group("name"), LANGUAGES)
            if found is None:
                self.p.add("UNKNOWN_LIMIT", unknown_embase_limit(m.group("name"), LANGUAGES), line, col)
                return [Token("FILTER", Filter(line, col, "unknown", m.group("name"), written), line, col)]
            flt = Filter(line, col, found[0], found[1], written)
        self.p.add("FOREIGN_SYNTAX", f"Embase.com limit {written} in an Ovid strategy; read as "
                   f"{_ovid_limit(flt)} of the search it is ANDed with", line, col)
        return [Token("FILTER", flt, line, col)]

    def _pubmed_date(self, toks: list[Token], text: str, i: int, j: int) -> Token | None:
        """PubMed's `2000:2015[dp]` in an Ovid strategy: the publication years (FOREIGN_SYNTAX),
        as `limit N to yr="2000 - 2015"`, folded into the line it is ANDed with; the word before
        the tag is replaced by the limit. None: not a date range before a PubMed date tag."""
        inner = " ".join(text[i + 1:j - 1].split()).lower() if text[j - 1:j] == "]" else None
        if inner not in PUBMED_DATE_TAGS or not toks or toks[-1].kind != "WORD":
            return None
        word = toks[-1]
        found = date_range(str(word.value))
        if found is None:
            return None
        first, last, days = found
        written = f"{word.value}{text[i:j]}"
        flt = Filter(word.line, word.col, "year", (first, last), written)
        if days:
            self.p.add("LIMIT_APPROXIMATED", f"{written} read as the publication years {first}-"
                       f"{last or 'Current'}: the months and days are not kept (broader)", word.line, word.col)
        self.p.add("FOREIGN_SYNTAX", f"PubMed date range {written} in an Ovid strategy; read as "
                   f"{_ovid_limit(flt)} of the search it is ANDed with", word.line, word.col)
        return Token("FILTER", flt, word.line, word.col)

    def _bracket_tag(self, text: str, i: int, j: int, line: int, col: int) -> list[Token] | None:
        """A PubMed tag in an Ovid strategy (`pain[tiab]`, `"back pain"[mh]`): read as the Ovid
        suffix or heading it means, with FOREIGN_SYNTAX; a tag-like bracket glued to a word that
        is no PubMed tag is UNKNOWN_FIELD. None: an Ovid annotation (`[mp=…]`, `[Block A]`)."""
        inner = " ".join(text[i + 1:j - 1].split()).lower() if text[j - 1:j] == "]" else None
        if inner is None:
            return None
        glued = i > 0 and not text[i - 1].isspace() and text[i - 1] not in "(["
        code = PUBMED_TAGS.get(inner)
        if code is None:
            m = re.fullmatch(r"(ti|tiab|title|title/abstract):~(\d+)", inner)
            if m and glued:
                self.p.add("UNKNOWN_FIELD", f"[{inner}] is PubMed proximity; Ovid writes "
                           f"a adj{int(m.group(2)) + 1} b with a field suffix (read as a phrase in "
                           ".ti,ab.)", line, col)
                return [Token("SUFFIX", ("ti", "ab"), line, col)]
            if glued and TAG_LIKE_RE.match(inner) and "=" not in inner:
                hint = suggest_fields(inner, set(PUBMED_TAGS) | OVID_FIELD_CODES)
                mean = f" (did you mean {' or '.join(hint)}?)" if hint else ""
                self.p.add("UNKNOWN_FIELD", f"[{inner}] is neither an Ovid field suffix nor a PubMed "
                           f"tag{mean}; the term is searched in the default fields (.mp.)", line, col)
                return []
            return None
        if code.startswith("@"):
            kind = code[1:]
            written = {"mh": "exp X/", "mh:noexp": "X/", "majr": "exp *X/", "majr:noexp": "*X/"}[kind]
            self.p.add("FOREIGN_SYNTAX", f"PubMed tag [{inner}] in an Ovid strategy; read as the "
                       f"MeSH heading {written}", line, col)
            return [Token("HEAD", "", line, col, {"subheadings": (), "explode": "noexp" not in kind,
                                                  "major": kind.startswith("majr")})]
        codes = tuple(c for c in code.split(",") if c in OVID_FIELD_CODES) or ("mp",)
        self.p.add("FOREIGN_SYNTAX", f"PubMed tag [{inner}] in an Ovid strategy; read as "
                   f".{','.join(codes)}.", line, col)
        return [Token("SUFFIX", codes, line, col)]


#: Embase.com's `[humans]/lim`, `[english]/lim`, `[2000-2015]/py` (read in Ovid strategies too)
EMBASE_LIMIT_RE = re.compile(r"\[(?:(?P<name>[A-Za-z][A-Za-z \-]*)\]/lim|(?P<first>\d{4})\s*-\s*(?P<last>\d{4})\]/py)\b",
                             re.I)


def _ovid_limit(f: Filter) -> str:
    """The Ovid limit a foreign one means (``limit N to …``), for messages."""
    if f.kind == "year":
        first, last = f.value  # type: ignore[misc]
        return f'limit N to yr="{first} - {last or "Current"}"'
    if f.kind == "language":
        return f"limit N to {f.value} language"
    if f.kind == "embase":
        return f"the Embase limit {f.value} (Ovid Embase: limit N to {f.value}; MEDLINE has none)"
    return f"limit N to {f.value if isinstance(f.value, str) else f.kind}"


def _short(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) if len(numbers) <= 5 else f"{numbers[0]}-{numbers[-1]}"


_BARE_DOLLAR_RE = re.compile(r"\$(?!\d)")


def _normalise_wildcards(word: str) -> str:
    # Ovid `$` alone is unlimited truncation, the same as `*`; `$N` stays (at most N characters)
    return _BARE_DOLLAR_RE.sub("*", word) if "$" in word else word


# --------------------------------------------------------------------------- statements


def assemble(source: str, problems: Problems) -> list[Statement]:
    """Physical lines → statements with tokens (numbered or counted)."""
    scanner = OvidScanner(problems)
    lines = split_comments(source)
    prefixes = [NUMBER_PREFIX_RE.match(t) for _, t in lines]
    numbered = _is_numbered(prefixes)
    statements: list[Statement] = []
    counter = 0
    for (lineno, text), m in zip(lines, prefixes):
        start = 0
        number = None
        if numbered and m:
            number = int(m.group(2))
            start = m.end()
        if start >= len(text.rstrip()):
            continue  # a number with nothing after it
        tokens = scanner.scan(text, lineno, start)
        hit = scanner._hit
        body = text[start:]
        starts_with_op = bool(STARTS_WITH_OP_RE.match(body))
        continuation = statements and (
            (numbered and number is None) or starts_with_op
            or _ends_with_operator(statements[-1].tokens))
        if hit is not None:
            n, hl, hc, cut = hit
            current = statements[-1].number if continuation else (number if number is not None else counter + 1)
            if n >= current or n > 999:
                problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({n})", hl, hc)
                tokens = [t for t in tokens if t.col <= cut]
        if not tokens:
            if m is None or not numbered:
                continue
        if continuation:
            st = statements[-1]
            st.tokens.extend(tokens)
            st.text += " " + body.strip()
            st.raw_parts.append((lineno, start + 1, body))
            continue
        if number is None:
            number = counter + 1
        counter = number
        first_col = tokens[0].col if tokens else start + 1
        statements.append(Statement(number, tokens, lineno, first_col, body.strip(),
                                    numbered=numbered, raw_parts=[(lineno, start + 1, body)]))
    return statements


def _is_numbered(prefixes: list) -> bool:
    if not prefixes or prefixes[0] is None:
        return False
    consecutive, prev = 0, None
    for m in prefixes:
        if m is None:
            continue
        n = int(m.group(2))
        if prev is None or n == prev + 1:
            consecutive += 1
        prev = n
    return consecutive >= max(1, 0.6 * len(prefixes))


def _ends_with_operator(tokens: list[Token]) -> bool:
    return bool(tokens) and tokens[-1].kind in ("OP", "ADJ")


# --------------------------------------------------------------------------- parsing


class OvidParser:
    default_fields = ("mp",)

    def __init__(self, problems: Problems):
        self.p = problems

    # entry -----------------------------------------------------------------
    def statement(self, st: Statement, known: set[int]) -> Node | None:
        self.toks = st.tokens
        self.i = 0
        self.number = st.number
        self.known = known
        if st.text.lower().lstrip().startswith("limit"):
            return self.limit(st, LIMIT_RE.match(st.text))
        if m := REMOVE_DUPLICATES_RE.match(st.text):
            # an Ovid history command: the set of line N without the duplicates between Ovid's
            # databases — for one database, line N itself
            n = int(m.group(1))
            self.p.add("REMOVE_DUPLICATES", f"`remove duplicates from {n}` searched as line {n} "
                       "(`screener dedupe` removes duplicates after import)", st.line, st.col)
            ref = self._ref(n, Token("NUMBER", n, st.line, st.col + m.start(1)))
            ref.written = f"remove duplicates from {n}"
            return ref
        if not self.toks:
            return None
        node = self.top()
        if node is None:
            return None
        # a foreign limit (`… and 2000:2015[dp]`, `… and [humans]/lim`) limits what it is ANDed with
        return fold(self.apply_fields(node, None), self.p.add,
                    lambda f: f"write the Ovid limit line {_ovid_limit(f)} (N: the line to limit)")

    def top(self) -> Node | None:
        node = self.or_expr()
        while self.i < len(self.toks):
            t = self.toks[self.i]
            if t.kind == "RP":
                self.i += 1
                self.p.add("UNBALANCED_PARENTHESIS", "a closing parenthesis without an opening one "
                           "(ignored)", t.line, t.col)
            elif t.kind == "SUFFIX" and node is not None:
                self.i += 1
                self.p.add("SUFFIX_SCOPE", "field suffix after an unbalanced parenthesis applied "
                           "to the whole line", t.line, t.col)
                node = self._with_suffix(node, t)
            elif t.kind == "OP":
                self.i += 1
                rest = self.or_expr()
                if node is None or rest is None:
                    self.p.add("EMPTY_GROUP", f"{t.value.upper()} needs an operand on both sides",
                               t.line, t.col)
                    node = node or rest
                else:
                    node = BoolOp(node.line, node.col, t.value, (node, rest))
            elif self._starts_operand(t):
                self.p.add("SYNTAX_ERROR", f"missing operator before {self._show(t)} (read as OR)",
                           t.line, t.col)
                before = self.i
                rest = self.or_expr()
                if self.i == before:
                    self.i += 1
                if rest is not None:
                    node = rest if node is None else BoolOp(node.line, node.col, "or", (node, rest))
            else:
                self.i += 1
                self.p.add("SYNTAX_ERROR", f"unexpected {self._show(t)} (skipped)", t.line, t.col)
        return node

    def _show(self, t: Token) -> str:
        if t.kind == "SUFFIX" and isinstance(t.value, tuple):
            return "field suffix ." + ",".join(t.value) + "."
        if t.kind == "OP":
            return f"operator {str(t.value).upper()}"
        if t.kind == "PHRASE":
            return f'"{t.value}"'
        if t.kind == "FILTER":
            return f"limit {t.value.text}"
        names = {"RP": "')'", "LP": "'('", "ADJ": "adj", "HEAD": "heading end '/'",
                 "EXP": "exp", "STAR": "'*'", "COMBINE": "a line combination"}
        return names.get(t.kind, repr(t.value))

    @staticmethod
    def _starts_operand(t: Token) -> bool:
        return t.kind in ("WORD", "NUMBER", "PHRASE", "LP", "EXP", "STAR", "COMBINE", "HEAD", "FILTER")

    def peek(self) -> Token | None:
        try:
            return self.toks[self.i]
        except IndexError:
            return None

    # Boolean levels ----------------------------------------------------------
    # Ovid processes AND before NOT, and OR last (adj binds tightest of all)
    def or_expr(self) -> Node | None:
        ops: set[str] = set()
        node = self._chain("or", self.not_expr, ops)
        if len(ops) > 1 and node is not None:
            self.p.add("MIXED_OPERATORS", f"{' and '.join(sorted(o.upper() for o in ops))} mixed "
                       "without parentheses: read as Ovid does (adj, then and, then not, then or); "
                       "add parentheses to be sure", node.line, node.col)
        return node

    def not_expr(self, ops) -> Node | None:
        left = self.and_expr(ops)
        while (t := self.peek()) is not None and t.kind == "OP" and t.value == "not":
            self.i += 1
            ops.add("not")
            right = self.and_expr(ops)
            if left is None or right is None:
                self.p.add("EMPTY_GROUP", "NOT needs an operand on both sides", t.line, t.col)
                left = left or right
                continue
            left = BoolOp(left.line, left.col, "not", (left, right))
        return left

    def and_expr(self, ops) -> Node | None:
        return self._chain("and", lambda o: self.prox_expr(), ops)

    def _chain(self, op: str, sub, ops: set) -> Node | None:
        first = sub(ops)
        items = [first] if first is not None else []
        while (t := self.peek()) is not None and t.kind == "OP" and t.value == op:
            self.i += 1
            ops.add(op)
            nxt = sub(ops)
            if nxt is None:
                self.p.add("EMPTY_GROUP", f"{op.upper()} needs an operand on both sides", t.line, t.col)
                continue
            if first is None and not items:
                self.p.add("EMPTY_GROUP", f"{op.upper()} needs an operand on both sides", t.line, t.col)
            items.append(nxt)
        if not items:
            return None
        if len(items) == 1:
            return items[0]
        flat: list[Node] = []
        for it in items:
            if isinstance(it, BoolOp) and it.op == op and it.suffix is None and not it.combined \
                    and not getattr(it, "_paren", False):
                flat.extend(it.operands)
            else:
                flat.append(it)
        node = BoolOp(items[0].line, items[0].col, op, tuple(flat))
        last = items[-1]
        if getattr(last, "suffix", None) and not getattr(last, "_paren", False) and all(
                getattr(x, "suffix", None) is None for x in items[:-1]) and all(
                isinstance(x, (Term, Proximity)) for x in items):
            self.p.add("SUFFIX_SCOPE", f"the field suffix .{','.join(last.suffix)}. binds only to "
                       f"the last operand of this {op.upper()}; write ( … ).{','.join(last.suffix)}. "
                       "if it was meant for all", last.line, last.col)
        return node

    # proximity and units -----------------------------------------------------
    def prox_expr(self) -> Node | None:
        first = self.unit()
        operands = [first]
        distances = []
        adj_tok = None
        while (t := self.peek()) is not None and t.kind == "ADJ":
            self.i += 1
            adj_tok = adj_tok or t
            nxt = self.unit()
            if nxt is None or operands[-1] is None:
                self.p.add("EMPTY_GROUP", "adj needs a term on both sides", t.line, t.col)
                continue
            operands.append(nxt)
            distances.append(t.value)
        operands = [o for o in operands if o is not None]
        if len(operands) == 1:
            node = operands[0]
        elif not operands:
            return None
        else:
            node = self._build_prox(operands, distances)
        if (t := self.peek()) is not None and t.kind == "SUFFIX":
            self.i += 1
            node = self._with_suffix(node, t)
        return node

    def _build_prox(self, operands: list[Node], distances: list) -> Node:
        for o in operands:
            bad = next((n for n in o.walk() if isinstance(n, (Heading, LineRef, Limit))), None)
            if bad is not None:
                what = "a subject heading" if isinstance(bad, Heading) else "a line reference"
                self.p.add("SYNTAX_ERROR", f"{what} cannot be an operand of adj (adj takes words)",
                           bad.line, bad.col)
        group, current = [operands[0]], distances[0]
        for nxt, d in zip(operands[1:], distances):
            if d != current:
                group, current = [self._prox(group, current)], d
            group.append(nxt)
        return self._prox(group, current)

    def _prox(self, group: list[Node], d) -> Proximity:
        first = group[0]
        return Proximity(first.line, first.col, tuple(group), distance=d or 1, ordered=d is None)

    def _with_suffix(self, node: Node, t: Token) -> Node:
        if isinstance(node, Heading):
            self.p.add("SYNTAX_ERROR", "a field suffix cannot follow a subject heading (ignored)",
                       t.line, t.col)
            return node
        if isinstance(node, (LineRef,)):
            self.p.add("SYNTAX_ERROR", "a field suffix cannot follow a line reference (ignored)",
                       t.line, t.col)
            return node
        if isinstance(node, (Term, BoolOp, Proximity)):
            if node.suffix is not None:
                self.p.add("SYNTAX_ERROR", "two field suffixes on one term (the second is used)",
                           t.line, t.col)
            node.suffix = t.value
        return node

    def unit(self) -> Node | None:
        node = self.primary()
        if node is not None and (t := self.peek()) is not None and t.kind == "SUFFIX" \
                and self._next_is_adj():
            self.i += 1
            node = self._with_suffix(node, t)
        return node

    def _next_is_adj(self) -> bool:
        return self.i + 1 < len(self.toks) and self.toks[self.i + 1].kind == "ADJ"

    def primary(self) -> Node | None:
        t = self.peek()
        if t is None:
            return None
        if t.kind == "LP":
            self.i += 1
            return close_group(self, t, self.or_expr())
        if t.kind == "COMBINE":
            self.i += 1
            missing = [n for n in t.extra["numbers"] if n not in self.known]
            if missing:
                self.p.add("BAD_LINE_REFERENCE", f"{t.extra['written']} refers to line(s) "
                           f"{_short(missing)} that do not exist or come later", t.line, t.col)
            refs = [LineRef(t.line, t.col, n) for n in t.extra["numbers"]]
            if not refs:
                return None
            if len(refs) == 1:
                return refs[0]
            return BoolOp(t.line, t.col, t.value, tuple(refs), combined=t.extra["written"])
        if t.kind in ("WORD", "NUMBER", "PHRASE", "EXP", "STAR", "HEAD"):
            return self.run()
        if t.kind == "FILTER":
            self.i += 1
            return FilterNode(t.value)
        return None

    def _heading_continues(self) -> bool:
        """After `exp`/`*` words, does an operator word lead on to the heading's `/`?"""
        j = self.i + 1
        while j < len(self.toks) and self.toks[j].kind in ("WORD", "NUMBER"):
            j += 1
        return j < len(self.toks) and self.toks[j].kind == "HEAD" and (
            j > self.i + 1 or bool(self.toks[j].value))

    def _ref(self, n: int, t: Token) -> LineRef | None:
        if n not in self.known:
            why = "comes later" if n >= self.number else "does not exist"
            self.p.add("BAD_LINE_REFERENCE", f"line {n} {why} (a line can only combine earlier lines)",
                       t.line, t.col)
        return LineRef(t.line, t.col, n)

    def run(self) -> Node | None:
        start = self.peek()
        explode = major = False
        if start.kind == "EXP":
            explode = True
            self.i += 1
        if (t := self.peek()) is not None and t.kind == "STAR":
            major = True
            self.i += 1
        words: list[Token] = []
        while (t := self.peek()) is not None and t.kind in ("WORD", "NUMBER", "PHRASE"):
            words.append(t)
            self.i += 1
            if (explode or major) and (t := self.peek()) is not None and t.kind == "OP" \
                    and self._heading_continues():
                # exp Signs and Symptoms/ — an operator word inside an unquoted heading name
                words.append(Token("WORD", t.value, t.line, t.col))
                self.i += 1
        head = None
        if (t := self.peek()) is not None and t.kind == "HEAD":
            head = t
            self.i += 1
            explode = explode or head.extra.get("explode", False)
            major = major or head.extra.get("major", False)
        if head is not None and (t := self.peek()) is not None and t.kind == "EXP" and (
                self.i + 1 == len(self.toks) or self.toks[self.i + 1].kind in ("OP", "RP")):
            self.i += 1
            explode = True
            self.p.add("EXP_AFTER_HEADING", "`X/ exp` read as `exp X/` (exploded)", t.line, t.col)
        if head is None and (explode or major):
            self.p.add("HEADING_SYNTAX", f"{'exp' if explode else '*'} must be followed by a "
                       "subject heading ending in '/' (read as free text)", start.line, start.col)
        if head is not None:
            parts = [str(w.extra.get("text", w.value)) for w in words]
            if head.value:
                parts.append(str(head.value))
            written = " ".join(parts)
            if not written:
                self.p.add("HEADING_SYNTAX", "a '/' with no heading before it", head.line, head.col)
                return None
            return Heading(start.line, start.col, name=heading_display_name(written),
                           explode=explode, major=major,
                           subheadings=tuple(SUBHEADINGS.get(s, s) for s in head.extra["subheadings"]),
                           written=written)
        if not words:
            return None
        if len(words) == 1 and words[0].kind == "NUMBER":
            nxt = self.peek()
            if nxt is None or nxt.kind != "SUFFIX":
                return self._ref(words[0].value, words[0])
        text = " ".join(str(w.extra.get("text", w.value)) for w in words if w.value != "")
        phrase = any(w.kind == "PHRASE" for w in words)
        if not text.strip():
            self.p.add("EMPTY_GROUP", "an empty phrase", start.line, start.col)
            return None
        return Term(start.line, start.col, text=text, phrase=phrase, fields=self.default_fields)

    # fields ------------------------------------------------------------------
    def apply_fields(self, node: Node, inherited: tuple[str, ...] | None) -> Node:
        if isinstance(node, Term):
            fields = node.suffix or inherited
            if fields and "sh" in fields:
                return Heading(node.line, node.col, name=heading_display_name(node.text),
                               via_field="sh", written=node.text)
            if fields:
                node.fields, node.implicit = tuple(fields), False
            else:
                node.fields, node.implicit = self.default_fields, True
            return node
        if isinstance(node, (BoolOp, Proximity)):
            fields = node.suffix or inherited
            if isinstance(node, Proximity) and fields and "sh" in fields:
                self.p.add("SYNTAX_ERROR", "a .sh. (subject heading) suffix cannot apply to adj",
                           node.line, node.col)
            node.operands = tuple(self.apply_fields(c, fields) for c in node.operands)
            return node
        return node

    # limits ------------------------------------------------------------------
    def limit(self, st: Statement, m) -> Node | None:
        if m is None:
            self.p.add("BAD_LIMIT", "a limit line must read `limit N to …` (e.g. limit 5 to english "
                       "language)", st.line, st.col)
            return None
        n = int(m.group(1))
        tok = Token("NUMBER", n, st.line, st.col + m.start(1))
        ref = self._ref(n, tok)
        spec = m.group(2)
        base = st.col + m.start(2)
        filters = []
        inner = spec
        offset = 0
        if inner.startswith("(") and inner.endswith(")"):
            inner, offset = inner[1:-1], 1
        for piece, at in _split_and(inner):
            flt = parse_filter(piece, st.line, base + offset + at)
            if flt.kind == "unknown" and not known_limit(flt.text):
                self.p.add("UNKNOWN_LIMIT", f"limit {flt.text!r} is not an Ovid limit this reader "
                           "knows (e.g. english language, humans, yr=\"2000 -Current\", "
                           "ed=20000101-20201231, randomized controlled trial); check its spelling",
                           flt.line, flt.col)
            filters.append(flt)
        return Limit(st.line, st.col, ref, tuple(filters))


def _split_and(text: str) -> list[tuple[str, int]]:
    """Split a limit list on ` and ` outside quotes: [(piece, offset)]."""
    out, start, quoted, i = [], 0, False, 0
    while i < len(text):
        c = text[i]
        if c in QUOTES_DOUBLE:
            quoted = not quoted
        elif not quoted:
            m = re.match(r"\s+and\s+", text[i:], re.I)
            if m:
                out.append((text[start:i], start))
                i += m.end()
                start = i
                continue
        i += 1
    out.append((text[start:], start))
    return [(p.strip(), o + (len(p) - len(p.lstrip()))) for p, o in out if p.strip()]


#: languages of MEDLINE/Embase/PsycINFO records, as Ovid's language limit takes them
#: (``limit 1 to english`` is the same as ``limit 1 to english language``)
LANGUAGES = frozenset("""
afrikaans albanian arabic armenian azerbaijani bosnian bulgarian catalan chinese croatian czech
danish dutch english esperanto estonian finnish french georgian german greek hebrew hindi
hungarian icelandic indonesian italian japanese korean latin latvian lithuanian macedonian
malay norwegian persian polish portuguese romanian russian serbian slovak slovenian spanish
swedish thai turkish ukrainian urdu vietnamese welsh
""".split())

#: publication types a limit may name (kind ``publication_type``; MEDLINE's names)
PUBLICATION_TYPES = frozenset({
    "randomized controlled trial", "clinical trial", "meta analysis", "systematic review",
    "review", "controlled clinical trial", "comparative study", "case reports"})

#: Ovid limits this reader recognises but does not model (kind ``unknown``: the Ovid targets keep
#: them as written, the others refuse them with LIMIT_UNSUPPORTED). Anything else is
#: UNKNOWN_LIMIT, an error of the strategy itself. (Ovid MEDLINE, Embase and PsycINFO limit
#: names; Ovid's Clinical Queries filters; ``X/all`` publication-type groups.)
OVID_LIMITS_UNMODELLED = frozenset({
    "abstracts", "full text", "ovid full text available", "male", "female", "english abstracts",
    "core clinical journals (aim)", "dental journals", "nursing journals", "medline",
    "pubmed-not-medline", "in process", "embase", "conference abstract", "conference abstract status",
    "article", "article in press", "review articles", "journal article", "clinical study",
    "latest update", "in data review", "publisher", "evidence based medicine reviews",
    "cochrane library", "humans and animals", "exclude medline journals", "preprints",
    "newborn infant (birth to 1 month)", "infant (1 to 23 months)",
    "preschool child (2 to 5 years)", "child (6 to 12 years)", "adolescent (13 to 18 years)",
    "all infant (birth to 23 months)", "all child (0 to 18 years)", "all adult (19 plus years)",
    "young adult (19 to 24 years)", "adult (19 to 44 years)", "young adult and adult (19-24 and 19-44)",
    "middle age (45 to 64 years)", "middle aged (45 plus years)", "all aged (65 and over)",
    "aged (80 and over)", "childhood <birth to 12 years>", "adolescence <13 to 17 years>",
    "adulthood <18+ years>", "young adulthood <18 to 29 years>", "aged <65 years & older>",
})
_LIMIT_SHAPES = (
    re.compile(r".+ \((maximizes (sensitivity|specificity)|best balance of sensitivity and "
               r"specificity|minimize difference between sensitivity and specificity)\)"),
    re.compile(r"[a-z][a-z &-]*/all"),                       # clinical trial/all
    re.compile(r"last \d+ (years?|months?|weeks?|days?)"),
    re.compile(r"(dt|dc|ud|up|yr|ed|rd|ez|da)\s*=.+"),       # date and year limits not modelled
)


def known_limit(text: str) -> bool:
    """Is ``text`` (one limit value) an Ovid limit this reader recognises? A parenthesised
    ``or`` list (``(danish or english)``) is known when each of its values is."""
    low = " ".join(text.lower().split()).strip('"')
    if low.startswith("(") and low.endswith(")"):
        low = low[1:-1].strip()
    parts = re.split(r"\s+or\s+", low)
    if len(parts) > 1:
        return all(known_limit(p) for p in parts)
    if low in OVID_LIMITS_UNMODELLED or low in LANGUAGES or low in PUBLICATION_TYPES:
        return True
    if (m := re.fullmatch(r"([a-z]+) language", low)) and m.group(1) in LANGUAGES:
        return True
    if low in ("humans", "human", "animals", "animal"):
        return True
    return any(rx.fullmatch(low) for rx in _LIMIT_SHAPES)


def parse_filter(text: str, line: int, col: int) -> Filter:
    t = " ".join(text.split())
    low = t.lower()
    if (m := re.fullmatch(r"([a-z]+) language", low)) and m.group(1) in LANGUAGES:
        return Filter(line, col, "language", m.group(1), t)
    if low in LANGUAGES:
        return Filter(line, col, "language", low, t)
    if low in ("humans", "human"):
        return Filter(line, col, "humans", None, t)
    if low in ("animals", "animal"):
        return Filter(line, col, "animals", None, t)
    if m := re.fullmatch(r'yr\s*=\s*"?\s*(\d{4})\s*-\s*(\d{4}|current)\s*"?', low):
        end = None if m.group(2) == "current" else int(m.group(2))
        return Filter(line, col, "year", (int(m.group(1)), end), t)
    if m := re.fullmatch(r'yr\s*=\s*"?\s*(\d{4})\s*"?', low):
        return Filter(line, col, "year", (int(m.group(1)), int(m.group(1))), t)
    if m := re.fullmatch(r'ed\s*=\s*"?\s*(\d{4,8})\s*-\s*(\d{4,8}|current)\s*"?', low):
        end = None if m.group(2) == "current" else m.group(2)
        return Filter(line, col, "entry_date", (m.group(1), end), t)
    if low.strip('"') in PUBLICATION_TYPES:
        return Filter(line, col, "publication_type", low.strip('"'), t)
    inner = low[1:-1].strip() if low.startswith("(") and low.endswith(")") else low
    names = [n.strip() for n in re.split(r"\s+or\s+", inner)]
    names = [n[: -len(" language")] if n.endswith(" language") else n for n in names]
    if len(names) > 1 and all(n in LANGUAGES for n in names):
        return Filter(line, col, "language", tuple(names), t)   # any of these languages
    return Filter(line, col, "unknown", t, t)


def parse_ovid(source: str) -> Strategy:
    return read_strategy(source, "ovid", assemble, OvidParser)
