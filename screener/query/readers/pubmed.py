"""Reader for PubMed query syntax (so compiled output parses back, and PubMed strategies can be
translated to the other targets).

One statement per line (``#n`` refers to the n-th statement, or to the line numbered ``n`` when
the lines are numbered as a search history: ``1 …``, ``1. …``, ``#1 …``); a line continues the previous one
when the previous one left a parenthesis open or ended with an operator, or this one starts with
an operator. Lines that only label a block (``1a``, ``2. Population: …``) are skipped with
LABEL_IGNORED. Operators are read left to right with no precedence, as PubMed does.

Terms: words or ``"quoted phrases"`` with an optional ``[tag]`` (short or long spelling, space
before it allowed). ``[mh]``/``[mh:noexp]``/``[majr]``/``[majr:noexp]`` make headings
(``"Sepsis/blood"[mh]`` has a subheading); ``"a b"[tiab:~N]`` makes a proximity node; an
untagged term gets the field ``atm`` (automatic term mapping). What each tag searches comes from
``fields.PUBMED_FIELDS``, the table the PubMed compiler uses too (``[tiab]`` is title, abstract
and author keywords; ``[tt]`` is the original-language title, Ovid's ``.ot.``).
"""

from __future__ import annotations

import re

from screener.query.fields import OVID_FIELD_CODES, PUBMED_FIELDS, PUBMED_TAG_ALIASES, PUBMED_TAGS, SUBHEADING_CODES
from screener.query.nodes import BoolOp, Filter, Heading, LineRef, Node, Proximity, Strategy, Term
from screener.query.readers.inline_limits import FilterNode, fold_own_limits
from screener.query.readers.lookalike import boolean_lookalike, operator_lookalike, suggest_fields
from screener.query.readers.ovid_lines import NUMBER_PREFIX_RE, is_numbered, split_comments, wrapped_lines
from screener.query.readers.ovid_patterns import (
    ATTACHED_SLIP_RE,
    LOOSE_SUFFIX_RE,
    SUFFIX_ONLY_RE,
    SUFFIX_SLIP_RE,
    WORD_RE,
    field_codes,
    suffix_slip,
)
from screener.query.tokens import (
    QUOTES_DOUBLE,
    Problems,
    Statement,
    StatementCursor,
    Token,
    bad_reference,
    close_group,
    closing_quote,
    read_strategy,
    trailing_note,
)

LABEL_RE = re.compile(r"^\s*#?\d+[a-z]?[.):]?(?:\s+(?P<rest>.*))?$", re.I)
STARTS_WITH_OP_RE = re.compile(r"(?i)(and|or|not)\b")
TOTAL_RE = re.compile(r"(?i)total\s+(?:references|records|results)\s*=\s*[\d,]+\s*$")
PROX_TAG_RE = re.compile(r"^(ti|tiab|title|title/abstract|ad|affiliation):~(\d+)$", re.I)
# `2010:2020[dp]`, `2010/01/15:2020/06/30[dp]`: a publication-date range, read as a year limit (as
# a word it compiled to `2010:2020.yr.`, `'2010:2020':py`, … which find nothing); 3000 = to date
# `("2015/01/01"[PDAT] : "3000/12/31"[PDAT])`: PubMed's date range with each end tagged, the colon spaced
TAGGED_RANGE_RE = re.compile(r'"?(\d{4}(?:/\d{1,2}){0,2})"?\s*\[([^\]]+)\]\s*:\s*"?(\d{4}(?:/\d{1,2}){0,2})"?\s*\[\2\]',
                             re.I)
# a numbered history's count after its search: `#4  #1 OR #2 OR #3        4,767,145`
HISTORY_COUNT_RE = re.compile(r"\s{2,}(\d{1,3}(?:,\d{3})+|\d+)\s*$")
# PubMed's old search history writes each search after `Search `
# `1 AND 2 AND 3 AND 4`: numbered lines combined as Ovid writes it
DIGITS_RE = re.compile(r"(\d+)")
BARE_COMBINATION_RE = re.compile(r"^\s*\d+(?:\s+(?:AND|OR|NOT)\s+\d+)+\s*$", re.I)
HISTORY_SEARCH_RE = re.compile(r"Search\s+(?=\S)")
DATE_RANGE_RE = re.compile(r"(\d{4})((?:/\d{1,2}){0,2})\s*:\s*(\d{4})((?:/\d{1,2}){0,2})")
#: a wildcard of other databases inside a word (`self?harm`, `behavio?r`, `attitude$`): PubMed has only *
WILDCARD_ELSEWHERE_RE = re.compile(r"\w[?$]")


class PubMedScanner:
    def __init__(self, problems: Problems):
        self.p = problems
        self.wrap_next: str | None = None   # the next physical line, when it is this one's wrapped end
        self.wrap_indented = False           # …and indented as a wrapped line is (else a line of an unnumbered query)
        self.resume_next = 0                 # where the next line's scan starts (after a wrapped phrase)
        self.history = False                 # a numbered search history (counts may follow its searches)

    def scan(self, text: str, line: int, start: int = 0) -> list[Token]:
        """Tokens of one physical line from index ``start`` (columns are 1-based indexes)."""
        p = self.p
        toks: list[Token] = []
        # one range `A:B[tag]`, padded to the written length so the columns after it stay true
        text = TAGGED_RANGE_RE.sub(lambda r: f"{r.group(1)}:{r.group(3)}[{r.group(2)}]".ljust(len(r.group(0))), text)
        m = TOTAL_RE.search(text) or (HISTORY_COUNT_RE.search(text, start) if self.history else None)
        end = trailing_note(text, start, m.start() if m else len(text), p, line)
        if m:
            p.add("HIT_COUNT_IGNORED", f"removed {m.group(0).strip()!r}", line, m.start() + len(m.group(0)) -
                  len(m.group(0).lstrip()) + 1)
        i = start
        lower: list[tuple[str, int]] = []     # operators written in lower case, said once a line
        while i < end:
            c = text[i]
            col = i + 1
            if c.isspace():
                i += 1
                continue
            if c == "[":
                j = text.find("]", i)
                if j < 0 and (tag := self._wrapped_tag(text[i + 1:end])) is not None:
                    # `"sexualize"[All` / `Fields]`: a tag broken where a PDF wrapped the line
                    toks.append(Token("TAG", tag, line, col))
                    self.resume_next = self.wrap_next.index("]") + 1 if self.wrap_next else 0
                    break
                if j < 0:
                    p.add("SYNTAX_ERROR", "a '[' field tag is never closed (ignored)", line, col)
                    i += 1
                    continue
                inside = " ".join(text[i + 1:j].split())
                if (not toks or toks[-1].kind in ("OP", "LP")) and re.search(r"\s(?:and|or|not)\s", inside, re.I):
                    # `(4) [cognition disorders OR cognition] AND …`: brackets meant as a group (a review's Methods
                    # print its searches so); PubMed would read a tag: one error, read as the group meant
                    p.add("SYNTAX_ERROR", f"square brackets hold a PubMed tag, not a group: write ({inside}) "
                          "(read so)", line, col)
                    text = text[:i] + "(" + text[i + 1:j] + ")" + text[j + 1:]
                    continue
                value = " ".join(text[i + 1:j].split()).lower()
                if ": " in value and (PUBMED_TAGS.get(value.replace(": ", ":")) or PROX_TAG_RE.match(
                        value.replace(": ", ":"))):
                    # `[mesh: noexp]`, `[tiab: ~2]`: the tag meant, with a space PubMed does not write
                    p.add("STRAY_CHARACTER", f"[{value}] has a space after its ':'; read as "
                          f"[{value.replace(': ', ':')}]", line, col)
                    value = value.replace(": ", ":")
                elif text[i + 1:j] != text[i + 1:j].strip() and value:
                    # `[tw ]`: PubMed's tags are written closed up
                    p.add("STRAY_CHARACTER", f"a space inside the tag {text[i:j + 1]}: write [{value}] (read so)", line, col)
                toks.append(Token("TAG", value, line, col))
                i = j + 1
                continue
            if c == "]":
                tag = f"[{toks[-1].value}]" if toks and toks[-1].kind == "TAG" and text[i - 1] == "]" else None
                p.add("STRAY_CHARACTER", f"a second ']' after {tag} (ignored): write {tag}" if tag
                      else "a ']' without '[' (ignored): delete it, or add its '['", line, col)
                i += 1
                continue
            if c in "()":
                toks.append(Token("LP" if c == "(" else "RP", c, line, col))
                i += 1
                continue
            if c in QUOTES_DOUBLE and self.wrap_next is not None and not any(
                    q in text[i + 1:end] for q in QUOTES_DOUBLE) and (
                    q := min((k for k in map(self.wrap_next.find, QUOTES_DOUBLE) if k >= 0), default=-1)) >= 0 and (
                    self.wrap_indented or sum(self.wrap_next.count(x) for x in QUOTES_DOUBLE) % 2):
                # `OR "Patient Outcome` / `  Assessment"[Mesh]`: a phrase broken where the line wrapped (unindented, as a
                # PDF wraps a query, when the next line's quotes are odd: its first closes this phrase)
                toks.append(Token("PHRASE", " ".join((text[i + 1:end] + " " + self.wrap_next[:q]).split()), line, col))
                self.resume_next = q + 1
                break
            if c in QUOTES_DOUBLE and text[i + 1:i + 2] in QUOTES_DOUBLE and text[i + 2:i + 3].isalnum() and \
                    sum(text.count(q, i, end) for q in QUOTES_DOUBLE) % 2:
                # `(""Acute Coronary Syndrome"[Mesh] OR …`: a quote typed twice; read as one, which closes every
                # phrase after it where it was meant (else the rest of the line is phrases of the wrong words)
                p.add("STRAY_CHARACTER", 'a doubled quote "" before a word: read as one quote (delete one)', line, col)
                i += 1
                continue
            if c in QUOTES_DOUBLE:
                close = closing_quote(text, i, QUOTES_DOUBLE, p, line, col, end)
                if close is None:
                    i += 1
                    continue
                toks.append(Token("PHRASE", " ".join(text[i + 1:close].split()), line, col))
                i = close + 1
                continue
            m = WORD_RE.match(text, i)
            assert m is not None        # text[i] is neither space, bracket, parenthesis nor quote
            word = m.group(0) if m.end() <= end else text[i:end]
            i += len(word)
            low = word.lower()
            if low in ("and", "or", "not"):
                if word != word.upper():
                    lower.append((word, col))
                toks.append(Token("OP", low, line, col))
            elif re.fullmatch(r"#\d+", word):
                toks.append(Token("REF", int(word[1:]), line, col))
            elif word == "*" and toks and toks[-1].kind in ("RP", "TAG"):
                p.add("STRAY_CHARACTER", "a '*' after a closing parenthesis or tag truncates nothing "
                      "(ignored)", line, col)
            elif not any(ch.isalnum() for ch in word) and not text[i:end].lstrip().startswith("["):
                # `Humans[Mesh]/))`: a slip with no letter or digit and no tag; it was sent as a term
                p.add("STRAY_CHARACTER", f"{word!r} is neither a term nor PubMed syntax (ignored)", line, col)
            else:
                toks.extend(self._lookalike(word, line, col))
        if lower:
            # NLM: "PubMed only recognizes Boolean operators in uppercase" — a lower-case one may be
            # searched as a word: read as meant, but said (once a line: a pasted strategy has dozens)
            (word, col), more = lower[0], len(lower) - 1
            p.add("UNKNOWN_OPERATOR", f"`{word}` in lower case: PubMed takes its operators in capitals — write "
                  f"{word.upper()} (read so)" + (f"; {more} more lower-case operator{'s' * (more > 1)} on this line"
                                                 if more else ""), line, col, severity="warning")
        if foreign := [t for t in toks if t.kind in ("WORD", "PHRASE") and WILDCARD_ELSEWHERE_RE.search(str(t.value))]:
            # `self?poisoning[tiab]`, `attitude$[tiab]`: Ovid's, Embase.com's or EBSCOhost's wildcards, none of PubMed's
            more = len(foreign) - 1
            p.add("FOREIGN_SYNTAX", f"`{foreign[0].value}`: PubMed has no wildcard ? or $ (it truncates with * only); "
                  "? is read as Ovid's optional character, $ as written — write * or spell the forms out"
                  + (f"; {more} more on this line" if more else ""), line, foreign[0].col)
        return toks

    def _wrapped_tag(self, head: str) -> str | None:
        """The tag a ``[`` left open at the line's end makes with the next line's start (``[All`` / ``Fields]``), when
        the two are one of PubMed's tags; None otherwise."""
        if self.wrap_next is None or (k := self.wrap_next.find("]")) < 0 or "[" in self.wrap_next[:k] or "[" in head:
            return None
        tag = " ".join((head + " " + self.wrap_next[:k]).split()).lower()
        return tag if tag in PUBMED_TAGS else None

    def _lookalike(self, word: str, line: int, col: int) -> list[Token]:
        """A word that is Ovid syntax or a misspelt operator, never a search word here: an Ovid
        suffix (`pain.ti,ab.`) is read as the fields it names (FOREIGN_SYNTAX; unknown codes
        UNKNOWN_FIELD), an operator (`adj3`, `NEAR/3`, `andnot`) is an UNKNOWN_OPERATOR error."""
        p = self.p
        low = word.lower()
        look = operator_lookalike(word) or (
            (int(low[3:] or 1), False, f"`{word}` is Ovid's proximity operator")
            if re.fullmatch(r"adj\d*", low) else None)
        if look is not None:
            p.add("UNKNOWN_OPERATOR", f"{look[2]}; PubMed has no such operator: read as AND (PubMed "
                  f"writes proximity as \"a b\"[tiab:~{max(look[0] - 1, 0)}])", line, col)
            return [Token("OP", "and", line, col)]
        if (op := boolean_lookalike(word)) is not None:
            p.add("UNKNOWN_OPERATOR", f"`{word}` is not a PubMed operator; read as {op.upper()}",
                  line, col)
            return [Token("OP", op, line, col)]
        m = (SUFFIX_SLIP_RE.match(word) if word[0] in ".:" else None) or ATTACHED_SLIP_RE.match(word)
        if m and (slip := suffix_slip(m)) is not None:
            # `pain.ti.ab.`, `pain.ti;ab.`: the word "pain.ti" in [tiab], or one literal word, before
            before, meant, written, how = slip
            p.add("UNKNOWN_FIELD", f"Ovid field suffix {written} {how}; Ovid writes .{','.join(meant)}. "
                  "(read as its fields; PubMed writes a [tag])", line, col + len(before))
            return ([Token("WORD", before, line, col)] if before else []) + [
                Token("TAG", ",".join(meant), line, col + len(before), {"ovid": meant})]
        m = SUFFIX_ONLY_RE.match(word) if word[0] == "." else None
        stem, codes, scol = None, None, col
        if m and (word.endswith(".") or "," in word):
            codes = field_codes(m.group(1))
        elif "." in word and (m := LOOSE_SUFFIX_RE.match(word)) and (
                m.group(4) or "," in m.group(2) or m.group(3)) and \
                not m.group(1).replace(".", "").isdigit():
            stem, codes, scol = m.group(1), field_codes(m.group(2)), col + len(m.group(1))
        if codes is None:
            return [Token("WORD", word, line, col)]
        known = tuple(c for c in codes if c in OVID_FIELD_CODES)
        for c in codes:
            if c not in OVID_FIELD_CODES:
                hint = suggest_fields(c, OVID_FIELD_CODES)
                p.add("UNKNOWN_FIELD", f"Ovid-style field suffix .{c}. is not a field code"
                      + (f" (did you mean .{hint[0]}.?)" if hint else "") + "; not used", line, scol)
        if known:
            p.add("FOREIGN_SYNTAX", f"Ovid field suffix .{','.join(codes)}. in a PubMed strategy; "
                  f"read as its fields (PubMed writes a [tag])", line, scol)
        out = [Token("WORD", stem, line, col)] if stem else []
        return out + [Token("TAG", ",".join(known), line, scol, {"ovid": known})]



def _unwrapped(source: str, problems: Problems) -> str:
    """A query pasted inside a pair of curly quotes (`“(\"a\"[mh]) AND b[tiab]”`, as a document quotes it):
    the pair is no phrase when the query holds tags; each becomes a space (columns kept), with a warning."""
    body = source.strip()
    if len(body) < 3 or body[0] != "\u201c" or body[-1] != "\u201d" or "[" not in body \
            or "\u201c" in body[1:-1] or "\u201d" in body[1:-1]:
        return source
    first, last = source.index("\u201c"), source.rindex("\u201d")
    line = source.count("\n", 0, first) + 1
    problems.add("STRAY_CHARACTER", "the whole query is inside curly quotes, as a document quotes it: read "
                 "without them", line, first - (source.rfind("\n", 0, first) + 1) + 1)
    return source[:first] + " " + source[first + 1:last] + " " + source[last + 1:]


def assemble(source: str, problems: Problems) -> list[Statement]:
    """Physical lines → statements. A strategy whose lines are numbered as a search history
    (``1 …``, ``1. …``, ``#1 …``; see ``numbered_lines``) keeps its numbers, so ``#n`` refers
    to the line written ``n``; otherwise statements are counted from 1. Lines that label a block
    are skipped with LABEL_IGNORED — unless that would leave nothing to search (a query such as
    ``2019 novel coronavirus`` is a search, not a label)."""
    labels: list[tuple[int, str, str]] = []
    source = _unwrapped(source, problems)
    statements = _assemble(source, problems, labels)
    if not statements and any(rest for _, _, rest in labels):
        return _assemble(source, problems, None)
    for lineno, text, _ in labels:
        problems.add("LABEL_IGNORED", f"{text.strip()!r} labels a block; skipped", lineno, 1)
    return statements


def _assemble(source: str, problems: Problems, labels: list | None) -> list[Statement]:
    """``assemble`` with label lines collected in ``labels`` (None: no line is a label)."""
    scanner = PubMedScanner(problems)
    statements: list[Statement] = []
    depth_open = False
    lines = split_comments(source)
    # `#1 OR #2` starts with a reference, not a line number
    prefixes = [m if m and not STARTS_WITH_OP_RE.match(t, m.end()) else None
                for m, (_, t) in ((NUMBER_PREFIX_RE.match(t), (n, t)) for n, t in lines)]
    # a long line wrapped onto indented lines is the line above, not an unnumbered line (as for Ovid)
    wrapped = wrapped_lines(lines, prefixes)
    numbered = numbered_lines([m for m, w in zip(prefixes, wrapped) if not w])
    scanner.history = numbered
    counter = 0
    last_label = None          # the number of the last block label (`2 Population: …`)
    for k, ((lineno, text), prefix) in enumerate(zip(lines, prefixes)):
        resume, scanner.resume_next = scanner.resume_next, 0
        # the next line may end a phrase or a tag this one leaves open: when it is indented as a wrapped line is, or
        # when the query is unnumbered (a PDF wraps it where the page ends, without indent)
        follows = k + 1 < len(lines) and (wrapped[k + 1] or (not numbered and prefixes[k + 1] is None))
        scanner.wrap_next = lines[k + 1][1] if follows else None
        scanner.wrap_indented = k + 1 < len(lines) and wrapped[k + 1]
        m = LABEL_RE.match(text)
        rest = (m.group("rest") or "") if m else ""
        label_number = int(m_number.group(1)) if m and (m_number := re.match(r"\s*#?(\d+)", text)) else None
        # in a numbered history `3 pain` is a search; `3. Population: …` still labels a block
        is_label = bool(m and _is_label(rest) and not (numbered and prefix and ":" not in rest))
        # `4 Methodological filter (primary diagnostic studies)` after labels 1-3: the next label
        is_label = is_label or bool(m and rest and last_label is not None and label_number == last_label + 1
                                    and _is_label(rest, parentheses=True))
        if is_label and labels is not None:
            if rest:
                last_label = label_number
            labels.append((lineno, text, rest))
            continue
        start, number = 0, None
        if numbered and prefix:
            start, number = prefix.end(), int(prefix.group(2))
            if search := HISTORY_SEARCH_RE.match(text, start):
                problems.add("ANNOTATION_IGNORED", "PubMed's history word 'Search' before the search (removed)",
                             lineno, start + 1)
                start = search.end()
        tokens = scanner.scan(text, lineno, max(start, resume))
        if not tokens:
            continue
        body = text[start:].strip()
        bare = numbered and prefix is None and statements and BARE_COMBINATION_RE.match(text) is not None
        # `3. 1 OR 2`: a numbered line combining earlier lines written without '#'
        bare = bare or bool(numbered and number is not None and statements and BARE_COMBINATION_RE.match(body)
                            and all(int(d) < number for d in DIGITS_RE.findall(body)))
        if bare:
            # `1 AND 2 AND 3 AND 4` closing a numbered history: the lines, written without PubMed's '#'
            meant = DIGITS_RE.sub(r"#\1", body)
            problems.add("FOREIGN_SYNTAX", f"line numbers combined without '#': read as references ({meant}); "
                         "PubMed searches a bare number as a word", lineno, tokens[0].col)
            tokens = [Token("REF", int(t.value), t.line, t.col) if t.kind == "WORD" and str(t.value).isdigit()
                      else t for t in tokens]
        # a parenthesis left open (`2 ((a OR b) AND (c OR d)`, reported) does not swallow the next numbered line
        next_numbered = numbered and number is not None and bool(statements) and number > statements[-1].number
        continuation = statements and not bare and (
            (numbered and number is None) or (depth_open and not next_numbered) or tokens[0].kind == "OP"
            or statements[-1].tokens[-1].kind == "OP")
        if continuation:
            st = statements[-1]
            st.tokens.extend(tokens)
            st.text += " " + body
        else:
            counter = number if number is not None else counter + 1
            st = Statement(counter, tokens, lineno, tokens[0].col, body, numbered=numbered)
            statements.append(st)
        depth = sum(1 if t.kind == "LP" else -1 if t.kind == "RP" else 0 for t in st.tokens)
        depth_open = depth > 0
    return statements


def numbered_lines(prefixes: list) -> bool:
    """Is this PubMed strategy a numbered search history? As for Ovid (``ovid_lines.is_numbered``:
    the first line and most lines numbered consecutively), and the history starts at 1 or is
    written with ``#`` — so a query whose first term starts with a number (``5 fluorouracil``,
    ``2019 guideline``) is not taken for a numbered line."""
    if not is_numbered(prefixes):
        return False
    first = prefixes[0]
    return int(first.group(2)) == 1 or first.group(0).lstrip().startswith("#")


def _is_label(rest: str, parentheses: bool = False) -> bool:
    """Words that name a block rather than search: no tags, quotes, wildcards or Boolean
    operators (and, unless ``parentheses``, no parentheses)."""
    if not rest:
        return True
    if any(ch in rest for ch in '[]"“”*#' + ("" if parentheses else "()")):
        return False
    return not re.search(r"\b(AND|OR|NOT)\b", rest)


class PubMedParser(StatementCursor):
    default_fields = ("atm",)
    # `X AND 2010:2020[dp]` → Limit(X, year filter), as the fielded readers fold `[2010-2020]/py`

    def __init__(self, problems: Problems):
        self.p = problems

    def statement(self, st: Statement, known: set[int]) -> Node | None:
        self.begin(st, known)
        node = self.expr(top=True)
        while (t := self.leftover()) is not None:
            if t.kind == "OP" and node is not None and self.toks[self.i - 1].kind == "RP":
                # `(a OR b) ) AND c`: PubMed reads on after the stray ')'
                self.i += 1
                rest = self.expr(top=True)
                if rest is not None:
                    node = self._combine(t.value, node, rest)
            else:
                self.unexpected(t)
        return fold_own_limits(node, self.p)

    @staticmethod
    def _shown(t: Token) -> str:
        return {"LP": "'('", "REF": f"#{t.value}", "PHRASE": f'"{t.value}"'}.get(t.kind, f"'{t.value}'")

    def _combine(self, op: str, left: Node, right: Node) -> Node:
        if isinstance(left, BoolOp) and left.op == op and op != "not" and not getattr(left, "_paren", False):
            left.operands = left.operands + (right,)
            return left
        return BoolOp(left.line, left.col, op, (left, right))

    def expr(self, top: bool = False) -> Node | None:
        node = self.operand()
        ops = set()
        seq: list[str] = []
        tagged_then_term: list[Token] = []   # juxtapositions right after a tagged term or a group
        while (t := self.peek()) is not None:
            if t.kind == "OP":
                self.i += 1
                ops.add(t.value)
                seq.append(t.value)
                right = self.operand()
                if right is None or node is None:
                    self.p.add("EMPTY_GROUP", f"{t.value.upper()} needs an operand on both sides",
                               t.line, t.col)
                    node = node or right
                    continue
                node = self._combine(t.value, node, right)
            elif t.kind in ("WORD", "PHRASE", "LP", "REF"):
                # PubMed reads juxtaposed terms as AND
                if self.i and self.toks[self.i - 1].kind in ("TAG", "RP"):
                    tagged_then_term.append(t)
                right = self.operand()
                if right is None:
                    self.i += 1
                    continue
                ops.add("and")
                seq.append("and")
                node = right if node is None else self._combine("and", node, right)
            else:
                break
        # `a AND b NOT c` means the same whichever of AND and NOT is read first (the usual
        # `… AND … NOT (animals NOT humans)`): only a NOT before an AND, or OR among them, is ambiguous
        unambiguous = ops == {"and", "not"} and "and" not in seq[seq.index("not"):]
        if tagged_then_term and "or" in seq and seq.count("and") == len(tagged_then_term):
            # `a[tiab] OR b[tiab] c[tiab] OR …`: an OR left out of a list of ORs (PubMed ANDs the two);
            # said where it is missing, not as 'AND and OR mixed' at the line's start
            for t in tagged_then_term:
                self.p.add("MIXED_OPERATORS", f"no operator before {self._shown(t)} in a list joined by OR: "
                           "PubMed reads AND here — write OR if it was meant (AND to keep it)", t.line, t.col)
            if "not" not in ops:
                ops.discard("and")
        if len(ops) > 1 and node is not None and not unambiguous:
            self.p.add("MIXED_OPERATORS", f"{' and '.join(sorted(o.upper() for o in ops))} mixed "
                       "without parentheses: PubMed reads them left to right", node.line, node.col)
        return node

    def operand(self) -> Node | None:
        t = self.peek()
        if t is None:
            return None
        if t.kind == "LP":
            self.i += 1
            inner = close_group(self, t, self.expr())
            if inner is None:
                return None
            if (tag := self.peek()) is not None and tag.kind == "TAG":
                self.i += 1
                self._tag_group(inner, tag)
            return inner
        if t.kind == "REF":
            self.i += 1
            if t.value not in self.known:
                # kept, as the Ovid reader keeps it: None here made the AND before it a second error
                # ('AND needs an operand on both sides')
                self.p.add("BAD_LINE_REFERENCE", bad_reference(t.value, self.number, self.numbers, "#"), t.line, t.col)
            return LineRef(t.line, t.col, t.value)
        if t.kind in ("WORD", "PHRASE"):
            words: list[Token] = []
            while (w := self.peek()) is not None and w.kind in ("WORD", "PHRASE"):
                if words and (w.kind == "PHRASE" or words[-1].kind == "PHRASE"):
                    break
                words.append(w)
                self.i += 1
            text = " ".join(w.value for w in words if w.value)
            phrase = words[0].kind == "PHRASE"
            tag = None
            if (n := self.peek()) is not None and n.kind == "TAG":
                tag = n
                self.i += 1
            return self._term(text, phrase, tag, t)
        return None

    def _tag_group(self, node: Node, tag: Token) -> None:
        if "ovid" in tag.extra and not tag.extra["ovid"]:
            return
        fields = self._fields(tag)
        if fields is None or fields[0].startswith("@"):
            self.p.add("SYNTAX_ERROR", f"tag [{tag.value}] on a parenthesised group is not valid "
                       "PubMed (ignored)", tag.line, tag.col)
            return
        if "ovid" not in tag.extra:  # an Ovid suffix on a group: FOREIGN_SYNTAX said it
            self.p.add("SYNTAX_ERROR", f"PubMed does not allow a tag on a group; [{tag.value}] "
                       "distributed to its terms", tag.line, tag.col, severity="warning")
        for n in node.walk():
            if isinstance(n, Term) and n.implicit:
                n.fields, n.implicit, n.suffix = fields, False, fields

    def _fields(self, tag: Token) -> tuple[str, ...] | None:
        """The canonical fields of a tag; None (the term stays untagged) for an unknown tag or an
        Ovid suffix whose codes were all unknown (both already reported)."""
        if "ovid" in tag.extra:
            return tag.extra["ovid"] or None
        code = PUBMED_TAGS.get(tag.value)
        if code is None:
            if PROX_TAG_RE.match(tag.value):
                self.p.add("SYNTAX_ERROR", f"[{tag.value}] needs two or more words in quotes "
                           "before it", tag.line, tag.col)
                return None
            hint = suggest_fields(tag.value, PUBMED_TAGS)
            self.p.add("UNKNOWN_FIELD", f"[{tag.value}] is not a PubMed tag"
                       + (f" (did you mean [{hint[0]}]?)" if hint else "")
                       + "; the term is searched untagged (automatic term mapping)", tag.line, tag.col)
            return None
        return tuple(code.split(",")) if not code.startswith("@") else (code,)

    def _term(self, text: str, phrase: bool, tag: Token | None, t: Token) -> Node:
        if tag is not None and (m := PROX_TAG_RE.match(tag.value)):
            words = text.split()
            field = PUBMED_FIELDS[PUBMED_TAG_ALIASES[m.group(1).lower()]][0]
            if len(words) < 2:
                # one hyphenated word (`"PRISMA-P"[tiab:~0]`, as a published filter writes it) is two
                # words side by side: the word itself in that field
                if "-" not in text.strip("-"):
                    self.p.add("SYNTAX_ERROR", "proximity needs two or more words in quotes", tag.line, tag.col)
                return Term(t.line, t.col, text=text, phrase=phrase, fields=field, implicit=False, suffix=field)
            operands = tuple(Term(t.line, t.col, text=w, fields=field, implicit=False) for w in words)
            return Proximity(t.line, t.col, operands, distance=int(m.group(2)) + 1, ordered=False,
                             suffix=field)
        if tag is None:
            return Term(t.line, t.col, text=text, phrase=phrase, fields=self.default_fields)
        fields = self._fields(tag)
        if fields is None:
            return Term(t.line, t.col, text=text, phrase=phrase, fields=self.default_fields)
        if fields == ("dp",) and (m := DATE_RANGE_RE.fullmatch(text.strip())):
            first, last = int(m.group(1)), int(m.group(3))
            if m.group(2) or m.group(4):
                self.p.add("LIMIT_APPROXIMATED", f"{text}[{tag.value}] read as the publication years "
                           f"{first}-{last}: the months and days are not kept (broader)", t.line, t.col)
            return FilterNode(Filter(t.line, t.col, "year", (first, None if last >= 3000 else last),
                                      f"{text}[{tag.value}]"))
        if fields[0].startswith("@"):
            kind = fields[0][1:]
            parts = text.split("/")
            subs_rev = []
            while len(parts) > 1 and parts[-1].strip().lower() in SUBHEADING_CODES:
                subs_rev.append(parts.pop().strip().lower())
            name, subs = "/".join(parts), tuple(reversed(subs_rev))
            # `neoplasm*[mh]`: every MeSH term beginning with neoplasm, not exploded (PubMed's truncation turns
            # explosion off); Ovid's heading-field search `neoplasm*.sh.` is the same search
            truncated = name.rstrip().endswith("*")
            return Heading(t.line, t.col, name=" ".join(name.split()),
                           explode=not kind.endswith(":noexp") and not truncated, major=kind.startswith("majr"),
                           subheadings=subs, written=text, quoted=phrase, via_field="sh" if truncated else None)
        return Term(t.line, t.col, text=text, phrase=phrase, fields=fields, implicit=False,
                    suffix=fields)


def parse_pubmed(source: str) -> Strategy:
    return read_strategy(source, "pubmed", assemble, PubMedParser)
