"""One reader for the syntaxes the other targets are written in (``--from embase-com``,
``cochrane``, ``scopus``, ``wos``, ``ebsco-cinahl``, ``ebsco-psycinfo``, ``proquest``,
``europepmc``): the same tree as the Ovid and PubMed readers, the same positioned problems.

Each syntax is data (``SYNTAXES`` in ``fielded_syntaxes.py``: a ``Syntax`` per name): where a field goes (before the term
or group — ``TI x``, ``TITLE(x)``, ``TS=x``, ``TITLE:x``, ``ti,ab(x)`` — or after it —
``x:ti,ab``), what each field code searches (canonical codes, ``fields.FIELDS``), the subject
heading forms, the proximity operators (``NEAR/n``, ``W/n``, ``Nn``…: n words between, so
Ovid's distance is n + 1), the wildcards, how line references are written (``#1``, ``S1``), the
limits (``[english]/lim``, ``LANGUAGE(english)``…) and the precedence of AND, OR and NOT (a line
mixing them without parentheses gets MIXED_OPERATORS, read as that database reads it).

A line's own number (``#1 …``, ``S1 …``, ``1. …``) is the statement number its references use;
pasted hit counts at the end of a line (tab or two spaces before a number, or ``(1,234)``) are
removed with HIT_COUNT_IGNORED. Anything left over is a positioned SYNTAX_ERROR, an unknown field
code an UNKNOWN_FIELD error, another syntax's operator an UNKNOWN_OPERATOR error — never a
search word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from screener.query.codes import Problem  # noqa: F401  (re-exported for readers' users)
from screener.query.fields import OVID_FIELD_CODES
from screener.query.nodes import BoolOp, Filter, Heading, LineRef, Node, Proximity, Strategy, Term
from screener.query.readers.fielded_quotes import quote_after_wildcard, quote_or_slash, wrapped_heading
from screener.query.readers.fielded_rows import BARE_COMBINATION, bare_references, explicit_rows, newest_first, pdf_rows
from screener.query.readers.fielded_syntaxes import EMBASE_SLASH, EMBASE_SUBHEADING, QUOTES, SYNTAXES, Syntax, quoted_name
from screener.query.readers.inline_limits import FilterNode, embase_limit, fold_own_limits, unknown_embase_limit
from screener.query.readers.lookalike import boolean_lookalike, operator_lookalike, suggest_fields
from screener.query.readers.ovid_limits import LANGUAGES
from screener.query.tokens import (
    Problems,
    Statement,
    StatementCursor,
    Token,
    bad_reference,
    close_group,
    closing_quote,
    plain_hyphens,
    read_strategy,
    trailing_note,
    wos_history_note,
)

# --------------------------------------------------------------------------- statements

_BRACKETED_SET = re.compile(r"\[S(\d+)\](?![\w*])", re.I)   # `[S1] AND [S2]`, as a page writes sets
# a line's number; alone on its line only when written with its # or S (`S57`, a PDF row's number above its search)
_NUMBER_PREFIX = {"#": re.compile(r"^\s*(?:(?:#|S)?(?=\d+[.):]?\s)|(?:#|S)(?=\d+[.):]?$))(\d+)[.):]?\s*", re.I),
                  "S": re.compile(r"^\s*(?:(?:S|#)?(?=\d+[.):]?\s)|(?:S|#)(?=\d+[.):]?$))(\d+)[.):]?\s*", re.I)}
_HIT_COUNT = re.compile(r"(?:\t+|\s{2,})(\d[\d,]*)\s*$|\s\((\d[\d,]*)\)\s*$")


def _assembler(syntax: Syntax) -> Callable[[str, Problems], list[Statement]]:
    def assemble(source: str, problems: Problems) -> list[Statement]:
        scanner, source = Scanner(syntax, problems), syntax.exported(source, problems) if syntax.exported else source
        raw = [(i, plain_hyphens(i, t, problems, syntax.label)) for i, t in enumerate(source.splitlines(), start=1)
               if t.strip() and not t.lstrip().startswith("//")]
        prefix_re = _NUMBER_PREFIX[syntax.ref_prefix]
        prefixes = [m if m and not _OPERATOR.match(t, m.end()) else None   # `#1 OR #2` is no number
                    for m, (_, t) in ((prefix_re.match(t), (n, t)) for n, t in raw)]
        raw, prefixes, row_numbers = pdf_rows(raw, prefixes, problems)   # a PDF table's rows: numbers alone
        # a long line wrapped onto indented lines is the line above, not an unnumbered line
        first = len(raw[0][1]) - len(raw[0][1].lstrip()) if raw else 0
        own_lines = [p for p, (_, t) in zip(prefixes, raw) if p or len(t) - len(t.lstrip()) <= first]
        numbered = bool(row_numbers) or bool(raw) and prefixes[0] is not None and \
            sum(1 for p in own_lines if p) >= 0.6 * len(own_lines)
        # EBSCOhost's history from a PDF: every row opens with S and its number, its search wrapped onto many lines
        numbered = numbered or syntax.ref_prefix == "S" and bool(raw) and explicit_rows(prefixes)
        out: list[Statement] = []
        depth = 0
        counter, waiting = 0, None
        for k, ((lineno, text), m) in enumerate(zip(raw, prefixes)):
            if m and not text[m.end():].strip() and out and out[-1].tokens[-1].kind in ("OP", "PROX"):
                m = None    # `S9 S5 OR S6 OR` / `S8`: the row's last reference wrapped alone, not a row's number
            start = m.end() if numbered and m else 0
            num = int(m.group(1)) if numbered and m else row_numbers.get(k)
            # the next line may end a phrase this one leaves open (a PDF wraps a query where the page ends)
            resume, scanner.resume_next = scanner.resume_next, 0
            scanner.wrap_next = raw[k + 1][1] if k + 1 < len(raw) and (not numbered or prefixes[k + 1] is None) else None
            start = max(start, resume)
            end = len(text)
            hit = _HIT_COUNT.search(text, start)
            if hit and hit.start() > start:
                problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({(hit.group(1) or hit.group(2))})",
                             lineno, hit.start() + 1 + (len(hit.group(0)) - len(hit.group(0).lstrip())))
                end = hit.start()
            end = trailing_note(text, start, end, problems, lineno)
            if syntax.name == "wos":
                end = wos_history_note(text, start, end, problems, lineno)
            num, waiting = (waiting if num is None else num), None   # a row's number alone on the line above
            tokens = scanner.scan(text[:end], lineno, start)
            if not tokens:
                waiting = num if numbered and m is not None and not text[start:].strip() else None
                continue
            if num is not None and out and BARE_COMBINATION.match(text, start, end):
                tokens = bare_references(tokens, num, syntax, problems)
            # a parenthesis left open (`9. (a OR (b OR c)`, reported) does not swallow the next numbered line, even
            # when the table skips a number (`11. 5 AND 10` after 9)
            next_numbered = num is not None and bool(out) and num > out[-1].number
            # `TS=` or `SO =` ending a line: its term or group is on the next line, as Web of Science reads the box
            continues = out and ((numbered and num is None) or (depth > 0 and not next_numbered)
                                 or tokens[0].kind == "OP"
                                 or out[-1].tokens[-1].kind in ("OP", "PROX", "FIELD"))
            if continues:
                out[-1].tokens.extend(tokens)
                out[-1].text += " " + text[start:end].strip()
            else:
                counter = num if num is not None else counter + 1
                out.append(Statement(counter, tokens, lineno, tokens[0].col, text[start:end].strip(),
                                     numbered=numbered))
            depth = sum(1 if t.kind == "LP" else -1 if t.kind == "RP" else 0 for t in out[-1].tokens)
        return newest_first(out, problems)
    return assemble


# --------------------------------------------------------------------------- scanning

_OPERATOR = re.compile(r"(AND\s+NOT|AND|OR|NOT)(?![\w/\-*?$#])", re.I)
_WORD_END = re.compile(r"""[\s()"“”]""")


class Scanner:
    def __init__(self, syntax: Syntax, problems: Problems):
        self.s, self.p = syntax, problems
        tags = sorted(syntax.fields, key=len, reverse=True)
        alt = "|".join(re.escape(t) for t in tags)
        style = syntax.field_style
        self.prefix: re.Pattern[str] | None
        if style == "paren":
            self.prefix = re.compile(rf"((?:{alt})(?:\s*,\s*(?:{alt}))*)\s*(?=\()", re.I)
        elif style == "equals":
            self.prefix = re.compile(rf"({alt})\s*=\s*", re.I)
        elif style == "colon":
            self.prefix = re.compile(rf"({alt}):", re.I)
        elif style == "space":   # EBSCO: upper-case codes only (`ab initio` is two words)
            upper = "|".join(re.escape(t.upper()) for t in tags)
            # `TI(…)` glued to its group too; a code ending the line takes the next line's words (a PDF wrapped there)
            self.prefix = re.compile(rf"({upper})(?:(?:\s+|(?=\())(?=\S)|\s*$)")
        else:
            self.prefix = None
        self.suffix = re.compile(r":([a-z]{1,5}(?:\s*,\s*[a-z]{1,5})*)", re.I) if style == "suffix" else None
        self.wrap_next: str | None = None   # the next physical line, when it may end a phrase this one leaves open
        self.resume_next = 0                 # where the next line's scan starts (after the end of such a phrase)
        self.unknown_prefix = {"paren": re.compile(r"([A-Za-z][A-Za-z\-_.]*(?:,[A-Za-z\-_]+)*)(?=\()"),
                               "equals": re.compile(r"([A-Za-z]{1,6})\s*=\s*"),
                               "colon": re.compile(r"([A-Z][A-Z_]{1,15}):"),
                               # EBSCO: two capitals before a group (`BG ("time series" …)`) are a field code
                               "space": re.compile(r"(?<![\w\-])(?!MH|MM|DE|MJ)([A-Z]{2})[ \t]+(?=\()")}.get(style)

    def scan(self, text: str, line: int, start: int = 0) -> list[Token]:
        s, p = self.s, self.p
        toks: list[Token] = []
        self.heading_slips: list[tuple[str, int, str]] = []   # (code, column, the heading as meant)
        i, end = start, len(text)
        if start > 0 and self.suffix is not None and self.suffix.match(text, start):
            i = self._suffix(text, start, line, toks)   # `dysfunction":ti,ab`: the fields of a phrase begun above
        toks = self._scan(text, line, i, end, toks)
        if self.heading_slips:
            # said once a line: an appendix writes every heading of a line the same way
            code, col, meant = self.heading_slips[0]
            more = len(self.heading_slips) - 1
            tail = f"; {more} more on this line" if more else ""
            if code == "FOREIGN_SYNTAX":
                p.add(code, f"EBSCOhost's way of writing a heading: {s.label} writes {meant} (read so){tail}", line, col)
            else:
                p.add(code, f"a field code in lower case: EBSCOhost's help writes them in capitals — write {meant} "
                      f"(read so){tail}", line, col, severity="warning")
        return toks

    def _scan(self, text: str, line: int, i: int, end: int, toks: list[Token]) -> list[Token]:
        s, p = self.s, self.p
        while i < end:
            if text[i].isspace():
                i += 1
                continue
            col = i + 1
            if wrapped_heading(self, text, i, end, line, toks):
                return toks     # a heading a PDF wrapped: the next line goes on after its end
            if (after := self._heading_or_limit(toks, text, i, line, col)) is not None:
                i = after
                continue
            c = text[i]
            if c in "()":
                toks.append(Token("LP" if c == "(" else "RP", c, line, col))
                i += 1
                if c == ")":
                    i = self._suffix(text, i, line, toks)
                continue
            if (after := quote_or_slash(self, text, i, end, line, toks)) is not None:
                i = after     # a single-quoted phrase or a stray quote or slash, said
                continue
            if c in QUOTES or (c == "'" and s.single_quotes) or (c == "{" and s.exact_braces):
                close = {"{": "}", "'": "'"}.get(c, QUOTES)
                nxt = self.wrap_next
                if nxt is not None and not any(q in text[i + 1:end] for q in close) and \
                        sum(nxt.count(q) for q in close) % 2 and (q := min(k for k in map(nxt.find, close) if k >= 0)) >= 0:
                    # `OR "erectile` / `dysfunction" OR …`: a phrase broken where the line wrapped; the next line's quotes
                    # are odd, so its first closes this phrase
                    toks.append(Token("PHRASE", self._wild(" ".join((text[i + 1:end] + " " + nxt[:q]).split())), line, col))
                    self.resume_next = q + 1
                    return toks
                if c == "'" and text.startswith("'(", i) and (k := text.find("'", i + 2, end)) > 0 and \
                        text[k + 1:k + 2] not in ("/", ":") and not re.search(r"\w", text[i + 1:k]):
                    # `'('ptsd':ti,ab OR …)`: a quote left before the group (copied with the page), not a phrase "("
                    p.add("STRAY_CHARACTER", "the quote ' before ( opens no phrase (ignored): delete it", line, col)
                    i += 1
                    continue
                j = closing_quote(text, i, close, p, line, col)
                if j is None:
                    i += 1
                    continue
                toks.append(Token("PHRASE", self._wild(" ".join(text[i + 1:j].split())), line, col))
                i = self._suffix(text, j + 1, line, toks)
                continue
            m = _OPERATOR.match(text, i)
            if m:
                op = m.group(1).lower()
                toks.append(Token("OP", "not" if op.startswith("and") and "not" in op else op, line, col))
                i = m.end()
                continue
            for rx, conv in s.proximity:
                m = rx.match(text, i)
                if m and (m.end() == end or text[m.end()] in " \t()\"'"):   # not near-patient
                    dist, ordered = conv(m)
                    toks.append(Token("PROX", (dist, ordered), line, col, {"written": m.group(0)}))
                    i = m.end()
                    break
                m = None
            if m:
                continue
            m = re.compile(rf"{re.escape(s.ref_prefix)}(\d+)(?![\w*])", re.I).match(text, i)
            if m:
                toks.append(Token("REF", int(m.group(1)), line, col))
                i = m.end()
                continue
            if s.ref_prefix == "S" and (m := _BRACKETED_SET.match(text, i)):   # `[S1] AND [S2]` as a page writes them
                p.add("STRAY_CHARACTER", f"the brackets around {m.group(0)} are not {s.label} syntax: {s.label} "
                      f"writes S{m.group(1)} (read so)", line, col)
                toks.append(Token("REF", int(m.group(1)), line, col))
                i = m.end()
                continue
            if self.prefix is not None and (m := self.prefix.match(text, i)):
                codes = tuple(c.strip().lower() for c in m.group(1).split(","))
                fields = tuple(dict.fromkeys(f for c in codes for f in s.fields[c]))
                toks.append(Token("FIELD", fields, line, col, {"written": m.group(1)}))
                i = m.end()
                continue
            if self.unknown_prefix is not None and (m := self.unknown_prefix.match(text, i)) and \
                    not _OPERATOR.fullmatch(m.group(1)):
                hint = suggest_fields(m.group(1).lower(), set(s.fields))
                p.add("UNKNOWN_FIELD", f"{m.group(1)} is not one of {s.label}'s field codes"
                      + (f" (did you mean {' or '.join(h.upper() for h in hint)}?)" if hint else "")
                      + f"; searched in {s.label}'s default fields", line, col)
                toks.append(Token("FIELD", s.default_fields, line, col, {"written": m.group(1),
                                                                          "unknown": True}))
                i = m.end()
                continue
            m = _WORD_END.search(text, i)
            j = m.start() if m else end
            if s.field_style == "suffix" and (k := text.find(":", i, j)) > i:
                j = k
            word = text[i:j]
            word = quote_after_wildcard(self, word, line, col)
            i = self._suffix(text, j, line, toks, word=(word, col))
        return toks

    def _heading_or_limit(self, toks: list[Token], text: str, i: int, line: int, col: int) -> int | None:
        """A subject heading, an Embase.com slash code that is none, or a limit at ``text[i]``: its
        token added to ``toks``, and where scanning goes on; None when there is none of them."""
        s, p = self.s, self.p
        for rx, build in s.headings:
            m = rx.match(text, i)
            if m:
                self._heading_slip(m, col)
                if (name := m.groupdict().get("unclosed")) is not None:
                    # a heading whose closing quote was left out: said at its opening quote, read as meant
                    quote = "'" if s.name == "embase-com" else '"'
                    at = col + m.group(0).index(quote)
                    fixed = (f"'{name.strip()}'" + m.group(0)[m.group(0).index("/"):] if s.name == "embase-com"
                             else f'[mh {m.group("caret") or ""}"{name.strip()}"]')
                    p.add("UNBALANCED_QUOTE", f"the quote {quote} at column {at} is never closed: read as the "
                          f"heading {name.strip()!r}; write {fixed}", line, at)
                toks.append(Token("HEAD", build(m)(line, col, m.group(0)), line, col))
                i = m.end()
                if s.name == "embase-com" and (sub := EMBASE_SUBHEADING.match(text, i)):
                    # `'pain'/exp/dm_th`: an Emtree subheading link; no reader target keeps
                    # it, so say so rather than searching "/dm_th" as a word
                    p.add("HEADING_APPROXIMATED", f"Emtree subheading link {sub.group(0)} is not "
                          "translated: the heading is searched without it (broader)", line, i + 1)
                    i = sub.end()
                return i
        if s.name == "embase-com" and (m := EMBASE_SLASH.match(text, i)):
            # `'back pain'/xyz`: not one of the slash codes above; was the phrase AND "/xyz"
            p.add("UNKNOWN_FIELD", f"/{m.group('code')} is not an Embase.com slash code (/exp, /de, /mj, "
                  f"/syn, /it, /lim, /py); {quoted_name(m)!r} is searched in the default fields", line,
                  m.start("code"))
            toks.append(Token("PHRASE", self._wild(" ".join(quoted_name(m).split())), line, col))
            return m.end()
        for rx, limit in s.limits:
            m = rx.match(text, i)
            if m:
                if limit is None:   # Embase.com [x]/lim: the limit it names, never a guess
                    found = embase_limit(m.group("v"), LANGUAGES)
                    if found is None:
                        p.add("UNKNOWN_LIMIT", unknown_embase_limit(m.group("v"), LANGUAGES), line, col)
                        found = ("unknown", " ".join(m.group("v").lower().split()))
                    kind, value = found
                else:
                    kind, value = limit(m)
                    if any(v for k, v in m.groupdict().items() if k.startswith("approx")):
                        # `PD 20190101-20251231`: the targets' limits take years
                        p.add("LIMIT_APPROXIMATED", f"{m.group(0)} read as the publication years "
                              f"{value[0]}-{value[1]}: the months and days are not kept (broader)", line, col)
                toks.append(Token("FILTER", Filter(line, col, kind, value, m.group(0)), line, col))
                return m.end()
        return None

    def _heading_slip(self, m: re.Match, col: int) -> None:
        """A heading written another way than the syntax's own, read as meant: Cochrane's ``mh "x"`` (EBSCOhost's
        form, without the brackets) or EBSCOhost's code in lower case (``mh "x"``); kept for ``scan`` to say."""
        found = m.groupdict()
        name = found.get("dq") or found.get("bare")
        if found.get("foreign_mh"):
            shown = f'"{name}"' if found.get("dq") else name
            self.heading_slips.append(("FOREIGN_SYNTAX", col, f"[mh {found.get('caret') or ''}{shown}]"))
        elif (code := found.get("code")) and code != code.upper():
            shown = f'"{name}{found.get("plus") or ""}"' if found.get("dq") else f"{name}{found.get('plus') or ''}"
            at = col + (m.start("code") - m.start())
            self.heading_slips.append(("HEADING_SYNTAX", at, f"{code.upper()} {shown}"))

    def _suffix(self, text: str, i: int, line: int, toks: list[Token],
                word: tuple[str, int] | None = None) -> int:
        """A word (when given) and the ``:ti,ab`` list after it or after a ``)`` or a phrase."""
        if word is not None:
            toks.extend(self._word(word[0], word[1], line))
        if self.suffix is None or not (m := self.suffix.match(text, i)):
            return i
        codes = [c.strip().lower() for c in m.group(1).split(",")]
        bad = [c for c in codes if c not in self.s.fields]
        at = m.start(1)
        for raw in m.group(1).split(","):
            c = raw.strip().lower()
            if c in bad:
                hint = suggest_fields(c, set(self.s.fields))
                self.p.add("UNKNOWN_FIELD", f":{c} is not one of {self.s.label}'s field codes"
                           + (f" (did you mean :{hint[0]}?)" if hint else "") + "; not used",
                           line, at + len(raw) - len(raw.lstrip()) + 1)
            at += len(raw) + 1
        fields = tuple(dict.fromkeys(f for c in codes if c not in bad for f in self.s.fields[c]))
        toks.append(Token("SUFFIX", fields, line, i + 1))
        return m.end()

    def _word(self, word: str, col: int, line: int) -> list[Token]:
        p, s = self.p, self.s
        if not word:
            return []
        look = operator_lookalike(word)
        if look is None and re.fullmatch(r"adj\d*", word, re.I):
            look = (int(word[3:] or 1), False, f"`{word}` is Ovid's proximity operator")
        if look is not None:
            n, ordered, why = look
            p.add("UNKNOWN_OPERATOR", f"{why}; not {s.label} syntax: read as proximity within "
                  f"{n - 1} words", line, col)
            return [Token("PROX", (n, ordered), line, col, {"written": word})]
        if (op := boolean_lookalike(word)) is not None:
            p.add("UNKNOWN_OPERATOR", f"`{word}` is not a {s.label} operator; read as "
                  f"{op.upper()}", line, col)
            return [Token("OP", op, line, col)]
        m = re.match(r"^(.*?[^.\s,])\.([a-z]{1,6}(?:,[a-z]{1,6})*)(,?)(\.?)$", word, re.I)
        if m and (m.group(4) or "," in m.group(2)) and not m.group(1).replace(".", "").isdigit():
            codes = [c.lower() for c in m.group(2).split(",")]
            known = tuple(c for c in codes if c in OVID_FIELD_CODES)
            for c in codes:
                if c not in OVID_FIELD_CODES:
                    p.add("UNKNOWN_FIELD", f"Ovid-style suffix .{c}. is not a field code; not used",
                          line, col + len(m.group(1)))
            if known:
                p.add("FOREIGN_SYNTAX", f"Ovid field suffix .{','.join(known)}. in a {s.label} "
                      "strategy; read as its fields", line, col + len(m.group(1)))
            return [Token("WORD", self._wild(m.group(1)), line, col),
                    Token("SUFFIX", known, line, col + len(m.group(1)))]
        return [Token("WORD", self._wild(word), line, col)]

    def _wild(self, text: str) -> str:
        """The target's wildcards in canonical (Ovid) notation."""
        s = self.s
        if s.limited_re is not None:   # [*1] is "zero or one" (Ovid ?), [*n] at most n ($n)
            text = s.limited_re.sub(lambda m: "\x00" if m.group(1) == "1" else "$" + m.group(1), text)
        out = []
        for ch in text:
            out.append(s.wildcards.get(ch, ch) if ch in "*?$#" else ch)
        return "".join(out).replace("\x00", "?")


# --------------------------------------------------------------------------- parsing

def _val(t: Token) -> Any:
    return t.value


class Parser(StatementCursor):
    def __init__(self, syntax: Syntax, problems: Problems):
        self.s, self.p = syntax, problems

    def statement(self, st: Statement, known: set[int]) -> Node | None:
        self.begin(st, known)
        node = self.expr(0, top=True)
        while (t := self.leftover()) is not None:
            self.unexpected(t)
        return merge_fielded_or(fold_own_limits(node, self.p))

    def show(self, t: Token) -> str:
        return repr(t.extra.get("written", _val(t)))

    def _prec(self, t: Token) -> int | None:
        if t.kind == "PROX":
            return 100
        if t.kind == "OP":
            return self.s.precedence[_val(t)]
        if t.kind in ("WORD", "PHRASE", "LP", "HEAD", "REF", "FIELD", "FILTER"):
            return self.s.precedence["and"]      # side by side: AND
        return None

    def expr(self, min_prec: int, top: bool = False, group_ops: set[str] | None = None) -> Node | None:
        """``group_ops``: the operators met so far in this parenthesis group, at any depth of precedence (Scopus
        reads OR first, so `a b OR c d` nests its AND and OR on two levels and is still a mix)."""
        left = self.unary()
        ops: set[str] = set() if group_ops is None else group_ops
        while (t := self.peek()) is not None:
            prec = self._prec(t)
            if prec is None or prec < min_prec:
                break
            if t.kind in ("OP", "PROX"):
                self.i += 1
            op = "prox" if t.kind == "PROX" else (_val(t) if t.kind == "OP" else "and")
            if op != "prox":
                ops.add(op)
            right = self.expr(prec + 1, group_ops=ops)
            if left is None or right is None:
                self.p.add("EMPTY_GROUP", f"{str(t.extra.get('written', op)).upper()} needs an "
                           "operand on both sides", t.line, t.col)
                left = left or right
                continue
            left = self._combine(op, t, left, right)
        if group_ops is None and len(ops) > 1 and left is not None:
            self.p.add("MIXED_OPERATORS", f"{' and '.join(sorted(o.upper() for o in ops))} mixed "
                       f"without parentheses: read as {self.s.label} does ({self.s.precedence_note}); "
                       "add parentheses to be sure", left.line, left.col)
        return left

    def _combine(self, op: str, t: Token, left: Node, right: Node) -> Node:
        if op == "prox":
            dist, ordered = _val(t)
            for side in (left, right):
                bad = next((n for n in side.walk() if isinstance(n, (Heading, LineRef, FilterNode))), None)
                if bad is not None:
                    self.p.add("SYNTAX_ERROR", f"{t.extra.get('written')} takes words, not a "
                               "heading, a line reference or a limit", bad.line, bad.col)
            if isinstance(left, Proximity) and left.distance == dist and left.ordered == ordered \
                    and not getattr(left, "_paren", False):
                left.operands = left.operands + (right,)
                return left
            return Proximity(left.line, left.col, (left, right), distance=dist, ordered=ordered)
        if isinstance(left, BoolOp) and left.op == op and op != "not" and not getattr(left, "_paren", False):
            left.operands = left.operands + (right,)
            return left
        return BoolOp(left.line, left.col, op, (left, right))

    def unary(self) -> Node | None:
        t = self.peek()
        if t is None:
            return None
        if t.kind == "LP":
            self.i += 1
            inner = close_group(self, t, self.expr(0))
            if inner is None:
                return None
            if (sfx := self.peek()) is not None and sfx.kind == "SUFFIX":
                self.i += 1
                self._apply(inner, _val(sfx))
            return inner
        if t.kind == "FIELD":
            self.i += 1
            node = self.unary()
            if node is None:
                self.p.add("EMPTY_GROUP", f"{t.extra.get('written')} needs a term or a group after "
                           "it", t.line, t.col)
                return None
            self._apply(node, _val(t))
            return node
        if t.kind == "HEAD":
            self.i += 1
            return _val(t)
        if t.kind == "FILTER":
            self.i += 1
            return FilterNode(_val(t))
        if t.kind == "REF":
            self.i += 1
            if _val(t) not in self.known:
                self.p.add("BAD_LINE_REFERENCE", bad_reference(_val(t), self.number, self.numbers,
                                                               self.s.ref_prefix or "line "), t.line, t.col)
            return LineRef(t.line, t.col, _val(t))
        if t.kind in ("WORD", "PHRASE"):
            words = [t]
            self.i += 1
            if t.kind == "WORD" and self.s.juxtapose == "phrase":
                while (w := self.peek()) is not None and w.kind == "WORD":
                    words.append(w)
                    self.i += 1
            text = " ".join(str(w.value) for w in words)
            node = Term(t.line, t.col, text=text, phrase=t.kind == "PHRASE",
                        fields=self.s.default_fields)
            if (sfx := self.peek()) is not None and sfx.kind == "SUFFIX":
                self.i += 1
                self._apply(node, _val(sfx))
            return node
        if t.kind == "SUFFIX":
            self.i += 1
            self.p.add("SYNTAX_ERROR", "a field list with nothing before it (skipped)", t.line, t.col)
            return self.unary()
        return None

    def _apply(self, node: Node, fields: tuple[str, ...]) -> None:
        """Fields written on a term or a group go to every term inside that has none of its own."""
        if not fields:
            return
        for n in node.walk():
            if isinstance(n, Term) and n.implicit:
                n.fields, n.implicit = tuple(fields), False
        if isinstance(node, (Term, BoolOp, Proximity)) and node.suffix is None:
            node.suffix = tuple(fields)



def _shape(node: Node) -> tuple | None:
    """What a node searches, without its fields (None: something a field list cannot cover)."""
    if isinstance(node, Term):
        return ("term", node.text, node.phrase)
    if isinstance(node, BoolOp):
        inner = tuple(_shape(o) for o in node.operands)
        return None if None in inner else ("bool", node.op, inner)
    if isinstance(node, Proximity):
        inner = tuple(_shape(o) for o in node.operands)
        return None if None in inner else ("prox", node.distance, node.ordered, inner)
    return None


def _one_field_set(node: Node) -> tuple[str, ...] | None:
    sets = {n.fields for n in node.walk() if isinstance(n, Term)}
    return next(iter(sets)) if len(sets) == 1 else None


def merge_fielded_or(node: Node | None) -> Node | None:
    """``TI x OR AB x`` (how the prefix-field targets write one term in several fields) → one
    ``x`` searched in both: the tree the Ovid reader builds for ``x.ti,ab.``. Only operands that
    search the very same words with one field set each are merged; the meaning is unchanged."""
    if node is None:
        return None
    for n in list(node.walk()):
        if not (isinstance(n, BoolOp) and n.op == "or" and len(n.operands) > 1):
            continue
        groups: dict[tuple, list[Node]] = {}
        order: list[Node] = []
        for o in n.operands:
            shape, fields = _shape(o), _one_field_set(o)
            key = (shape,) if shape is not None and fields is not None else (id(o),)
            if key in groups:
                groups[key].append(o)
            else:
                groups[key] = [o]
                order.append(o)
        if all(len(g) == 1 for g in groups.values()):
            continue
        merged = []
        for o in order:
            same = next(g for g in groups.values() if g[0] is o)
            if len(same) > 1:
                fields = tuple(dict.fromkeys(f for x in same for f in (_one_field_set(x) or ())))
                for t in o.walk():
                    if isinstance(t, Term):
                        t.fields, t.implicit = fields, False
                if isinstance(o, (Term, BoolOp, Proximity)):
                    o.suffix = fields
            merged.append(o)
        if len(merged) == 1 and n is node:
            return merged[0]
        n.operands = tuple(merged) if len(merged) > 1 else n.operands[:1]
    return node


def parse_fielded(source: str, read: str) -> Strategy:
    syntax = SYNTAXES[read]
    return read_strategy(source, read, _assembler(syntax), lambda problems: Parser(syntax, problems))
