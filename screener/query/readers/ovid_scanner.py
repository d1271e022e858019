"""Ovid strategy lines scanned into tokens: words, phrases, headings, field suffixes, operators,
line references and inline limits, with pasted search-history residue removed (hit counts,
bracketed annotations) and every slip reported at its column.

Physical lines become statements in ``ovid_lines.py``; the patterns the scanner matches are
``ovid_patterns.py``'s; the grammar the tokens feed is ``ovid.py``'s; the limit vocabulary is
``ovid_limits.py``'s.
"""

from __future__ import annotations

import re

from screener.query.fields import OVID_FIELD_CODES, PUBMED_TAGS, SUBHEADINGS
from screener.query.limits import MAX_LINES
from screener.query.readers.lookalike import boolean_lookalike, operator_lookalike, suggest_fields
from screener.query.readers.ovid_limits import (
    embase_limit_tokens,
    known_limit,
    parse_filter,
    pubmed_date_token,
    split_and,
    unknown_limit,
)
from screener.query.readers.ovid_patterns import (
    ADJ_RE,
    ADJ_SPACED_RE,
    ANY_DASH,
    ATTACHED_SLIP_RE,
    BARE_CODES_RE,
    BARE_SUFFIX_RE,
    COLON_TRUNCATION_RE,
    COMBINE_RE,
    DIGIT_CODE_RE,
    EMBASE_LIMIT_RE,
    FINAL_DOT_RE,
    GLUED_PAREN_IN_HEADING_RE,
    HASH_REF_RE,
    HEAD_THEN_SUFFIX_RE,
    HIT_COUNT_RE,
    INLINE_LIMIT_RE,
    LOOSE_SUFFIX_RE,
    MORE_CODES_RE,
    MORE_SUBS_RE,
    NODOT_CODE_RE,
    NONSPACE_RE,
    OPERATOR_WORD_RE,
    PAREN_IN_HEADING_RE,
    S_REFS_LINE_RE,
    SPLIT_CODE_RE,
    SUBS_RE,
    SUFFIX_ATTACHED_RE,
    SUFFIX_ONLY_RE,
    SUFFIX_SLIP_RE,
    TAG_LIKE_RE,
    TRUNCATED_HIT_RE,
    TYPOGRAPHIC_DASHES,
    WORD_RE,
    check_codes,
    field_codes,
    no_dot_note,
    normalise_wildcards,
    suffix_slip,
)
from screener.query.readers.ovid_slips import (
    EXP_SLASH_RE,
    SLASH_EXP_RE,
    combine_slip,
    comma_suffix,
    curly_quotes,
    doubled_truncation,
    exp_slash,
    heading_slip,
    redundant_fields,
    single_close,
    spaced_suffix,
    spaced_truncation,
)
from screener.query.tokens import (
    QUOTES_DOUBLE,
    QUOTES_SINGLE,
    Problems,
    Token,
    closing_quote,
)

# --------------------------------------------------------------------------- scanning


class OvidScanner:
    def __init__(self, problems: Problems):
        self.p = problems
        #: the last line's pasted hit count: (count, line, column, where its tokens end), for assemble
        self._hit: tuple[int, int, int, int] | None = None
        #: the next physical line when it is the wrapped end of this one (set by assemble), and where
        #: scanning it starts when a phrase opened on this line closes there
        self.wrap_next: str | None = None
        self.resume_next = 0
        self._body = 0      # where the line's search starts (after its number), for combine_slip

    def scan(self, text: str, line: int, start: int = 0) -> list[Token]:
        """Tokens of one physical line from index ``start`` (columns are 1-based indexes)."""
        p = self.p
        toks: list[Token] = []
        end = len(text)
        self._body = start
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
            if c == "#" and (i == start or text[i - 1].isspace()) and not text[i + 1:i + 2].isdigit():
                # `pain.ti,ab. # my note`: Ovid has no comments — it would search the words (and '#' is
                # its one-character wildcard); before, a 'missing operator' error ORed them into the line
                note = text[i:end].strip()
                p.add("SYNTAX_ERROR", f"'{note}' after the search: Ovid has no comments (it would search the "
                      "words); move the note to a line of its own starting with // (ignored)", line, col)
                break
            if c == "[":
                i = self._bracket(toks, text, i, line, col)
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
            if c == "(" and toks and toks[-1].kind == "WORD" and text[i - 1].isalnum() and (
                    m := GLUED_PAREN_IN_HEADING_RE.match(text, i)) and not OPERATOR_WORD_RE.search(m.group(0)):
                # Poly(ADP-ribose) Polymerase Inhibitors/ — part of the word, not a group
                toks[-1].value += m.group(1)
                i = m.end(1)
                continue
            if c in "()":
                toks.append(Token("LP" if c == "(" else "RP", c, line, col))
                i += 1
                continue
            if c in QUOTES_DOUBLE and self.wrap_next is not None and not any(
                    q in text[i + 1:end] for q in QUOTES_DOUBLE) and (
                    q := min((k for k in map(self.wrap_next.find, QUOTES_DOUBLE) if k >= 0), default=-1)) >= 0:
                # `"national` / `   longitudinal study of adolescent health"/`: a phrase broken where a
                # printed appendix wrapped the line (two unbalanced quotes before)
                words = (text[i + 1:end] + " " + self.wrap_next[:q]).split()
                toks.append(Token("PHRASE", normalise_wildcards(" ".join(words)), line, col))
                self.resume_next = q + 1
                break
            if c in QUOTES_DOUBLE:
                j = closing_quote(text, i, QUOTES_DOUBLE, p, line, col)
                if j is None:
                    i += 1
                    continue
                curly_quotes(p, text, i, j, line, col)
                # `"growth factor$"`: Ovid truncates inside quotes too; `$` alone is `*`
                toks.append(Token("PHRASE", normalise_wildcards(" ".join(text[i + 1:j].split())),
                                  line, col))
                i = j + 1
                continue
            if c in QUOTES_SINGLE and (i == start or text[i - 1] in " \t(]"):
                j = single_close(text, i)
                if j is not None:
                    phrase = " ".join(text[i + 1:j].split())
                    p.add("QUOTE_STYLE", f"single-quoted phrase {text[i:j + 1]}: Ovid phrases take double quotes "
                          f"— write \"{phrase}\" (read so)", line, col)
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
                typographic = [ch for ch in written if ch in TYPOGRAPHIC_DASHES]
                if typographic:
                    written = re.sub(ANY_DASH, "-", written)
                    self.p.add("STRAY_CHARACTER", f"'{typographic[0]}' (U+{ord(typographic[0]):04X}, a dash as Word "
                               f"writes it) in {m.group(0).strip()} read as '-' ({re.sub(ANY_DASH, '-', m.group(0).strip())}); "
                               "Ovid takes only '-'",
                               line, col)
                numbers = self._numbers(re.sub(ANY_DASH, "-", m.group(2)), written, line, col)
                toks.append(Token("COMBINE", op, line, col, {"numbers": numbers, "written": written}))
                i = m.end()
                continue
            if c in "lL" and toks and toks[-1].kind in ("LP", "OP") and (m := INLINE_LIMIT_RE.match(text, i)) \
                    and (limit := self._inline_limit(m, text, end, toks[-1].kind == "LP", line, col)) is not None:
                toks.extend(limit[0])
                i = limit[1]
                continue
            if ((c in "eE" and (m := EXP_SLASH_RE.match(text, i))) or (c == "/" and (m := SLASH_EXP_RE.match(text, i)))) \
                    and (i == start or not text[i - 1].isalnum()):
                toks.extend(exp_slash(p, m, line, col))
                i = m.end()
                continue
            m = WORD_RE.match(text, i)
            assert m is not None        # text[i] is not a space, bracket, parenthesis or quote
            word = m.group(0)
            i = m.end()
            toks.extend(self._classify(word, line, col, text, i))
            i = self._after_word(toks, text, i, end, line, col)
        for tok in toks:
            if tok.kind == "SUFFIX":
                redundant_fields(p, tok, line)
        return toks

    def _bracket(self, toks: list[Token], text: str, i: int, line: int, col: int) -> int:
        """``[…]`` at ``text[i]``: an Embase.com limit, a PubMed date or tag, or Ovid history
        residue (removed); the tokens are added to ``toks``; returns where scanning goes on."""
        if m := EMBASE_LIMIT_RE.match(text, i):
            # Embase.com's `[humans]/lim`, `[2000-2015]/py`: a limit, never a word
            toks.extend(embase_limit_tokens(self.p, m, line, col))
            return m.end()
        j = text.find("]", i)
        j = len(text) if j < 0 else j + 1
        if (date := pubmed_date_token(self.p, toks, text, i, j)) is not None:
            toks[-1] = date
            return j
        tag = self._bracket_tag(text, i, j, line, col)
        if tag is not None:
            toks.extend(tag)
        else:
            self.p.add("ANNOTATION_IGNORED", f"removed {text[i:j]!s} (Ovid history residue)", line, col)
        return j

    def _after_word(self, toks: list[Token], text: str, i: int, end: int, line: int, col: int) -> int:
        """What Ovid reads together with the word just scanned (ending at ``i``): a spaced
        ``adj 3``, a field list after a word ending in '.', field codes split by stray spaces or
        dots, a subheading list continued after a comma. Returns where scanning goes on."""
        p = self.p
        spaced_truncation(p, toks, text[col - 1:i], line, col)
        if len(toks) >= 2 and toks[-1].kind in ("WORD", "_DOT_PENDING") and toks[-1].col == col \
                and toks[-2].kind in ("WORD", "PHRASE", "RP") and (m2 := BARE_CODES_RE.match(text[col - 1:i])) \
                and "," in m2.group(1) and all(c in OVID_FIELD_CODES for c in field_codes(m2.group(1))):
            # `pain ti,ab.`, `(a or b) ti,ab,kf.`: the suffix without its leading dot (a phrase or a
            # missing operator before)
            codes = field_codes(m2.group(1))
            p.add("UNKNOWN_FIELD", f"field suffix {m2.group(0)} has no leading '.'; Ovid writes "
                  f".{','.join(codes)}. (read so)", line, col)
            toks[-1] = Token("SUFFIX", codes, line, col)
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
            if m2 and all(c in OVID_FIELD_CODES for c in field_codes(m2.group(1))):
                if pending.value:
                    toks.append(Token("WORD", pending.value, line, col))
                lead = len(m2.group(0)) - len(m2.group(0).lstrip())
                toks.append(Token("SUFFIX", check_codes(p, field_codes(m2.group(1)), line, i + 1 + lead), line, i + 1 + lead))
                if not m2.group(2):
                    p.add("SUFFIX_WITHOUT_DOT", f"field suffix .{m2.group(1)} without its final dot "
                          "(accepted)", line, toks[-1].col)
                i = m2.end()
            elif pending.value:
                toks.append(Token("WORD", pending.value + ".", line, col))
            elif not (toks and toks[-1].kind == "SUFFIX"):
                p.add("STRAY_CHARACTER", "a '.' that ends nothing (ignored)", line, col)
        if toks and toks[-1].kind == "SUFFIX":
            # `.ti, ab.` — field codes split by stray spaces: one suffix; `.ti. ab .` — split by a dot
            # too: the slip `.ti.ab.` is (an error, read as .ti,ab.)
            suffix, dotted, merged, ended = toks[-1], False, False, False
            while (m2 := MORE_CODES_RE.match(text, i)) and all(
                    c in OVID_FIELD_CODES for c in field_codes(m2.group(1))):
                dotted = dotted or "." in text[i - 1:m2.start(1)]
                suffix.value = tuple(dict.fromkeys(suffix.value + field_codes(m2.group(1))))
                merged, ended = True, bool(m2.group(2))
                i = m2.end()
            m2 = FINAL_DOT_RE.match(text, i)
            if m2:
                i = m2.end()
            spaced_suffix(p, text[suffix.col - 1:i], suffix, merged, dotted, line)
            if merged and not dotted:   # `pain.ti ab.` was noted '.ti without its final dot' (of .ti alone)
                p.drop("SUFFIX_WITHOUT_DOT", line, suffix.col)
                if not (ended or m2):
                    p.add("SUFFIX_WITHOUT_DOT", no_dot_note(",".join(suffix.value), ""), line, suffix.col)
            if dotted:
                p.add("UNKNOWN_FIELD", f"field suffix {text[suffix.col - 1:i].strip()} separates its codes "
                      f"with '.'; Ovid writes .{','.join(suffix.value)}. (read so)", line, suffix.col)
        if toks and toks[-1].kind == "_SUBS_OPEN":
            # `Dementia/bl, cf` — a subheading list continued after a comma and a space
            head = toks.pop()
            subs = list(head.extra["subheadings"])
            while True:
                m2 = MORE_SUBS_RE.match(text, i)
                if not m2 or any(c not in SUBHEADINGS for c in field_codes(m2.group(1))):
                    break
                subs.extend(field_codes(m2.group(1)))
                i = m2.end()
                if not m2.group(2):
                    break
            head.kind = "HEAD"
            head.extra["subheadings"] = tuple(subs)
            toks.append(head)
        return i

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
        if len(word) <= 5 and (toks := combine_slip(p, word, text, self._body, line, col, after)):
            return toks
        if low.isalnum() and not low.isdecimal():  # the common case: a plain word (² is a word)
            return [Token("WORD", word, line, col)]
        if "." in word and (m := SPLIT_CODE_RE.match(word)) and (toks := self._split_code(m, line, col, text, after)):
            return toks
        # `(pain or ache).ti.ab.`: the suffix alone, after a group or a phrase (read silently before)
        if word[0] in ".:" and (m := SUFFIX_SLIP_RE.match(word)) is not None and (
                toks := self._suffix_slip(m, line, col, text, after)):
            return toks
        if word[0] == "." and (m := DIGIT_CODE_RE.match(word)):
            return [Token("SUFFIX", check_codes(self.p, (m.group(1).lower(),), line, col), line, col)]
        m = SUFFIX_ONLY_RE.match(word) if word[0] == "." else None
        if m:
            codes = check_codes(self.p, field_codes(m.group(1)), line, col)
            if not m.group(2):
                p.add("SUFFIX_WITHOUT_DOT", no_dot_note(m.group(1), word), line, col)
            return [Token("SUFFIX", codes, line, col)]
        if "/" in word and (m := HEAD_THEN_SUFFIX_RE.match(word)) and (toks := self._head_then_suffix(m, line, col, text, after)):
            return toks
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
        if "/" in word and (m := ATTACHED_SLIP_RE.match(word)) is not None and "/" in m.group("codes") and (
                toks := self._suffix_slip(m, line, col, text, after)):
            # `pain.ti/ab`: the heading "pain.ti" with the subheading /ab (abnormalities), before
            return toks
        if "/" in word:
            toks = self._heading_word(word, line, col, text, after)
            if toks is not None:
                return toks
        # before the attached suffix below, which read `pain.ti.ab.` as two suffixes (the second used)
        if (m := ATTACHED_SLIP_RE.match(word)) is not None and (toks := self._suffix_slip(m, line, col, text, after)):
            return toks
        m = SUFFIX_ATTACHED_RE.match(word) if "." in word else None
        if m and all(c in OVID_FIELD_CODES for c in field_codes(m.group(2))):
            inner = self._classify(m.group(1), line, col, text, after)
            scol = col + len(m.group(1))
            if not m.group(3):
                p.add("SUFFIX_WITHOUT_DOT", no_dot_note(m.group(2), word), line, scol)
            return inner + [Token("SUFFIX", check_codes(p, field_codes(m.group(2)), line, scol), line, scol)]
        m = LOOSE_SUFFIX_RE.match(word) if "." in word else None
        if m and (m.group(4) or "," in m.group(2) or m.group(3)) and not m.group(1).replace(".", "").isdigit():
            # `pain.tiab.`, `back.ab,xx.`: Ovid reads a suffix; its unknown codes are errors
            inner = self._classify(m.group(1), line, col, text, after)
            scol = col + len(m.group(1))
            codes = check_codes(self.p, field_codes(m.group(2)), line, scol)
            return inner + [Token("SUFFIX", codes, line, scol)]
        if "." in word and (m := NODOT_CODE_RE.match(word)) and not m.group(1).replace(".", "").isdigit():
            # `english.la and …` was the word 'english.la' searched, nothing said: a suffix whose code is unknown
            inner = self._classify(m.group(1), line, col, text, after)
            scol = col + len(m.group(1))
            return inner + [Token("SUFFIX", check_codes(self.p, (m.group(2).lower(),), line, scol), line, scol)]
        if "," in word and (cs := comma_suffix(p, word, line, col)):
            return (self._classify(cs[0], line, col, text, after) if cs[0] else []) + [Token("SUFFIX", cs[1], line, cs[2])]
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
        word = doubled_truncation(p, word, line, col)
        return [Token("WORD", normalise_wildcards(COLON_TRUNCATION_RE.sub("*", word)), line, col)]

    def _split_code(self, m: re.Match, line: int, col: int, text: str, after: int) -> list[Token] | None:
        """``SPLIT_CODE_RE``: one UNKNOWN_FIELD error naming the code meant, read as it (None when
        the two letters joined are no code, or either alone is one)."""
        a, b = m.group("a").lower(), m.group("b").lower()
        code = a + b
        if code not in OVID_FIELD_CODES or a in OVID_FIELD_CODES or b in OVID_FIELD_CODES:
            return None
        word = m.group("word")
        scol = col + len(word)
        self.p.add("UNKNOWN_FIELD", f"field suffix {m.group(0)[len(word):]} has a '.' inside the code .{code}.; "
                   f"Ovid writes .{code}. (read so)", line, scol)
        inner = self._classify(word, line, col, text, after) if word else []
        return inner + [Token("SUFFIX", (code,), line, scol)]

    def _head_then_suffix(self, m: re.Match, line: int, col: int, text: str, after: int) -> list[Token] | None:
        """``HEAD_THEN_SUFFIX_RE``: the heading, then its suffix as one SUFFIX token that the parser
        reports once (a slip in the suffix is named in that one error, not a second one)."""
        suffix = m.group("suffix")
        codes: tuple[str, ...] | None = None
        if (slip_m := SUFFIX_SLIP_RE.match(suffix)) is not None and (slip := suffix_slip(slip_m)) is not None:
            codes = slip[1]
        elif (only := SUFFIX_ONLY_RE.match(suffix)) is not None and all(
                c in OVID_FIELD_CODES for c in field_codes(only.group(1))):
            codes = field_codes(only.group(1))
        if not codes:
            return None
        head = self._heading_word(m.group("head"), line, col, text, after)
        if head is None:
            return None
        return head + [Token("SUFFIX", codes, line, col + len(m.group("head")), {"written": suffix})]

    def _heading_word(self, word: str, line: int, col: int, text: str, after: int):
        if (slip := heading_slip(self.p, word, line, col, text)) is not None:
            return slip
        pre, _, post = word.rpartition("/")
        post_low = post.lower()
        star = []
        if pre.startswith("*"):
            star = [Token("STAR", "*", line, col)]
            pre, col = pre[1:], col + 1
        if post == "" and len(pre) > 1 and pre.endswith(".") and not pre.endswith(".."):
            # `exp Back Pain./`: the heading searched with its dot ("Back Pain."[mh]), only a warning
            # that no such heading exists, before
            return star + [Token("HEAD", pre[:-1], line, col, {"subheadings": (), "dot_before": col + len(pre) - 1})]
        if post == "":
            return star + [Token("HEAD", pre, line, col, {"subheadings": ()})]
        if post == ".":
            # `Back Pain/.`: the parser reports the dot with the heading as it should be written
            return star + [Token("HEAD", pre, line, col, {"subheadings": (), "stray_dot": col + len(pre) + 1})]
        if post_low in ("or", "and", "not"):
            return star + [Token("HEAD", pre, line, col, {"subheadings": ()}),
                           Token("OP", post_low, line, col + len(pre) + 1)]
        m = SUBS_RE.match(post_low)
        if m:
            codes = field_codes(m.group(1))
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

    def _suffix_slip(self, m: re.Match, line: int, col: int, text: str, after: int) -> list[Token] | None:
        """A suffix of known field codes mistyped (``suffix_slip``): an UNKNOWN_FIELD error naming the
        slip and what Ovid writes, read as the suffix meant; None when it is not one."""
        slip = suffix_slip(m)
        if slip is None:
            return None
        word, codes, written, how = slip
        scol = col + len(word)
        self.p.add("UNKNOWN_FIELD", f"field suffix {written} {how}; Ovid writes .{','.join(codes)}. (read so)",
                   line, scol)
        inner = self._classify(word, line, col, text, after) if word else []
        return inner + [Token("SUFFIX", codes, line, scol)]

    def _inline_limit(self, m: re.Match, text: str, end: int, grouped: bool, line: int,
                      col: int) -> tuple[list[Token], int] | None:
        """``limit [N] to …`` inside a search line (after '(' or an operator; ``grouped``: up to the
        group's ')', else to the end of the line): a BAD_LIMIT error naming the limit line to write,
        and the limits as FILTER tokens joined by AND — folded, like a foreign limit, into what they
        are ANDed with. None (words, as before) when a field suffix follows: a phrase searched."""
        stop, depth = m.end(), 0
        while stop < end and not (grouped and depth == 0 and text[stop] == ")"):
            depth += {"(": 1, ")": -1}.get(text[stop], 0)
            stop += 1
        spec = text[m.end():stop].rstrip()
        if not spec or re.match(r"\s*\.[a-z]{2,3}\b", text[stop + 1:stop + 6] if grouped else "", re.I):
            return None
        self.p.add("BAD_LIMIT", f"`{' '.join(text[m.start():stop].split())}` inside a search line: Ovid limits "
                   f"a whole line — write `limit N to {spec}` on a line of its own (N: the line to limit); "
                   "read as that limit of the search it is ANDed with"
                   + (f" (line {m.group(1)} is not used)" if m.group(1) else ""), line, col)
        inner, offset = spec, m.end()
        if inner.startswith("(") and inner.endswith(")"):
            inner, offset = inner[1:-1], offset + 1
        toks: list[Token] = []
        for piece, at in split_and(inner):
            flt = parse_filter(piece, line, offset + at + 1)
            if flt.kind == "unknown" and not known_limit(flt.text):
                self.p.add("UNKNOWN_LIMIT", unknown_limit(flt.text), flt.line, flt.col)
            if toks:
                toks.append(Token("OP", "and", line, flt.col))
            toks.append(Token("FILTER", flt, line, flt.col))
        return toks, stop

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
