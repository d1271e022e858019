"""Ovid strategies as statements: physical lines to numbered (``1.``, ``1 ``, ``#1``, tabs) or
counted statements, each scanned by ``ovid_scanner.OvidScanner``. A line continues the one above
when the strategy is numbered and it has no number, when it starts with an operator or the line
above ends with one, or when it is the wrapped end of a long line (indented further than the
first line: an appendix pasted as printed); ``limit N to …`` and ``remove duplicates from N`` are
always lines of their own. Lines starting ``//`` are comments.
"""

from __future__ import annotations

import re

from screener.query.readers.ovid_history import COLUMN_HEADING_RE, TRAILING_COUNT_RE, counted_rows, history_residue
from screener.query.readers.ovid_patterns import HIT_COUNT_RE, TYPOGRAPHIC_DASHES
from screener.query.readers.ovid_scanner import OvidScanner
from screener.query.tokens import Problems, Statement, Token, plain_hyphens

# (`(4) [a OR b]`: a review's Methods list its searches numbered in parentheses, as `4.` or `4)` elsewhere; a count
# `(355608)` left alone on a line is no number)
NUMBER_PREFIX_RE = re.compile(r"^(\s*)(?:\((?=\d{1,3}\)[ \t]+\S))?#?(\d+)(?:[.):])?(?=\s|$)\s*")
# (`or 1-14`, also with a dash as Word writes it, is a whole line's combination, not a continuation)
STARTS_WITH_OP_RE = re.compile(rf"(?i)\s*(and|or|not)\b(?!\s*/)(?!\s+\d+\s*[-{TYPOGRAPHIC_DASHES}]\s*\d+\s*$)")
LIMIT_RE = re.compile(r"^\s*limit\s+(\d+)\s+to\s+(.+?)\s*$", re.I)
REMOVE_DUPLICATES_RE = re.compile(r"^\s*remove\s+duplicates\s+from\s+(\d+)\s*$", re.I)
# Ovid's note after a limit run over several databases at once, as its export prints it
LIMIT_NOTE_RE = re.compile(r"\s*\[\s*limit not valid in [^\]]*\]\s*$", re.I)
REMOVE_DUPLICATES_COUNTED_RE = re.compile(r"^\s*remove\s+duplicates\s+from\s+\d+\s+\(\s*\d[\d,]*\s*\)\s*$", re.I)


OPERATOR_ALONE_RE = re.compile(r"(?i)\s*(and|or|not)\s*$")


HASH_NOTE_RE = re.compile(r"^\s*#(?!\s*\d)")
# Ovid's search history copied as its table: a header (`#<TAB>Searches<TAB>Results<TAB>Type…`, or
# `# Search Terms   Results`) and rows `1<TAB>exp Back Pain/<TAB>12345<TAB>Advanced`
HISTORY_HEADER_RE = re.compile(r"(?i)^\s*#\s+search(?:es|\s+terms|\s+history)?\s+results\b")
HISTORY_ROW_RE = re.compile(r"^(\s*#?\d+[.)]?\t+)(\S.*?)(\t+\d[\d,]*(?:\t.*)?)\s*$")
# Ovid's exported history: `Database: Embase <1974 to 2021 June 23>` (wrapped onto further lines when
# long), `Search Strategy:`, a rule of dashes, and a rule of asterisks at its end
DATABASE_HEADER_RE = re.compile(r"(?i)^\s*database:\s")
SEARCH_STRATEGY_RE = re.compile(r"(?i)^\s*search\s+strategy:\s*$")
RULE_RE = re.compile(r"^\s*([-*=_])\1{4,}\s*$")
# Ovid's `[mp=title, abstract, …` echo left open at the end of a line: a PDF wrapped it onto the next ones
ECHO_OPEN_RE = re.compile(r"\[[a-z]{2}=[^\]]*$", re.I)
SPACED_COUNT_RE = re.compile(r"^(\s*#?\d+[.)]?\s+)(\S.*?\S)(\s{2,}\d[\d,]*)\s*$")


def _echoes_closed(lines: list[tuple[int, str]], problems: Problems | None) -> list[tuple[int, str]]:
    """``lines`` with an Ovid ``[mp=…]`` echo that runs on over the next lines blanked out (columns kept):
    the part from its ``[`` on, the lines inside it, and the next line up to its ``]`` (at most 4 lines)."""
    out: list[tuple[int, str]] = []
    left = 0
    for i, text in lines:
        if left:
            close = text.find("]")
            left = 0 if close >= 0 else left - 1
            if close < 0:
                continue
            text = " " * (close + 1) + text[close + 1:]
            if not text.strip():
                continue
        elif (m := ECHO_OPEN_RE.search(text)) is not None:
            if problems is not None:
                problems.add("ANNOTATION_IGNORED", f"removed Ovid's {m.group(0)[:4]}…] echo (it runs on over the "
                             "next lines)", i, m.start() + 1)
            text, left = text[:m.start()], 4
        out.append((i, text))
    return out


def split_comments(source: str, problems: Problems | None = None) -> list[tuple[int, str]]:
    """(physical line number, text) of every line that is not blank and not a ``//`` comment. A line
    starting ``#`` and no number (`# Lung diseases`) is a note too, and an error: Ovid has no
    comments and would search its words (it was an unnumbered search line, or the end of the line
    above)."""
    out = []
    header = False
    database = 0           # lines left of Ovid's `Database: …` header (wrapped at most twice), up to `Search Strategy:`
    physical = _echoes_closed([(i, t) for i, t in enumerate(source.splitlines(), start=1) if t.strip()], problems)
    residue = history_residue(physical)
    for i, text in physical:
        if text.lstrip().startswith("//"):
            continue
        if i in residue:
            if problems is not None:
                problems.add(residue[i][0], residue[i][1], i, 1)
            continue
        if DATABASE_HEADER_RE.match(text) or SEARCH_STRATEGY_RE.match(text) or RULE_RE.match(text) or (
                database and not NUMBER_PREFIX_RE.match(text)):
            if problems is not None and DATABASE_HEADER_RE.match(text):
                problems.add("ANNOTATION_IGNORED", "Ovid's export header (Database: …, Search Strategy:) removed",
                             i, 1)
            database = 2 if DATABASE_HEADER_RE.match(text) else (
                database - 1 if database and not SEARCH_STRATEGY_RE.match(text) else 0)
            continue
        database = 0
        # `37     limit 36 to yr="2012 -Current" (2030)`, `6  remove duplicates from 5 (2606)`: the count is
        # no part of the command
        body = text[m.end():] if (m := NUMBER_PREFIX_RE.match(text)) else text
        if (LIMIT_RE.match(body) or REMOVE_DUPLICATES_COUNTED_RE.match(body)) and (count := HIT_COUNT_RE.search(text)):
            if problems is not None:
                problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({count.group(1)})", i,
                             count.start() + 2)
            text = text[:count.start()]
        if HISTORY_HEADER_RE.match(text):
            header = True
            if problems is not None:
                problems.add("ANNOTATION_IGNORED", "Ovid's search-history header (removed)", i, 1)
            continue
        # a row of the history table: its hit count (and Type, Annotations) after a tab, or after
        # two spaces below the table's header, is no part of the search
        row = HISTORY_ROW_RE.match(text) or (SPACED_COUNT_RE.match(text) if header else None)
        if row:
            if problems is not None:
                problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({row.group(3).split()[0]})",
                             i, row.end(2) + len(row.group(3)) - len(row.group(3).lstrip()) + 1)
            text = row.group(1) + row.group(2)
        if HASH_NOTE_RE.match(text):
            if problems is not None:
                problems.add("SYNTAX_ERROR", f"'{text.strip()}': Ovid has no comments (it would search the words); "
                             "start a note with // instead (ignored)", i, len(text) - len(text.lstrip()) + 1)
            continue
        out.append((i, text))
    return out


def assemble(source: str, problems: Problems) -> list[Statement]:
    """Physical lines → statements with tokens (numbered or counted)."""
    scanner = OvidScanner(problems)
    lines = [(i, plain_hyphens(i, t, problems)) for i, t in split_comments(source, problems)]
    prefixes = [NUMBER_PREFIX_RE.match(t) for _, t in lines]
    wrapped = wrapped_lines(lines, prefixes)
    # a long line wrapped onto indented lines (an appendix pasted as printed) is one line, not an
    # unnumbered one: with more wraps than numbers the strategy was taken for an unnumbered one
    rows = counted_rows([int(m.group(2)) if m else None for m in prefixes])
    numbered = rows or is_numbered([m for m, w in zip(prefixes, wrapped) if not w])
    if rows:  # a row's search wrapped by the PDF: a phrase broken there is one phrase
        wrapped = [w or m is None for w, m in zip(wrapped, prefixes)]
    statements: list[Statement] = []
    counter = 0
    joining_line = False       # the line before was an operator alone (`AND` between numbered blocks)
    pending: int | None = None  # a PDF row's number alone on its line: the next line is its search
    for k, ((lineno, text), m) in enumerate(zip(lines, prefixes)):
        start = 0
        number = None
        if numbered and m:
            number = int(m.group(2))
            start = m.end()
        if rows:
            text, number, start, pending, skip = _pdf_row(lines, prefixes, k, statements, pending, problems)
            if skip:
                continue
        resume, scanner.resume_next = scanner.resume_next, 0
        if max(start, resume) >= len(text.rstrip()):
            continue  # a number with nothing after it (or only the end of a phrase begun above)
        scanner.wrap_next = lines[k + 1][1] if k + 1 < len(lines) and wrapped[k + 1] else None
        tokens = scanner.scan(text, lineno, max(start, resume))
        hit = scanner._hit
        body = text[start:]
        starts_with_op = bool(STARTS_WITH_OP_RE.match(body))
        # `limit 3 to …` is a command of its own even where its number was not pasted
        command = bool(LIMIT_RE.match(body) or REMOVE_DUPLICATES_RE.match(body))
        # a line numbered as the next statement starts it, even after a line that ends in an operator
        # (`1 qualitative or interview* adj9` / `2 pain.ti.`: line 1 lacks its last operand, an error
        # there; read as one line, line 2 vanished and `3 1 and 2` was blamed for naming it) — but not
        # after a line that is an operator alone: numbered blocks joined by `AND` lines are one search
        next_numbered = (numbered and number is not None and bool(statements) and not joining_line
                         and number == statements[-1].number + 1)
        continuation = statements and not command and (
            (numbered and number is None) or starts_with_op
            or (_ends_with_operator(statements[-1].tokens) and not next_numbered
                # `1 or 2 or` then `exp Pain/`: a combination of line numbers is never wrapped onto a
                # search — its trailing `or` is the slip (it swallowed the next line, unsaid, before)
                and not (_refs_only(statements[-1].tokens) and not _refs_only(tokens)))
            # an unnumbered statement wrapped inside its parentheses (a filter printed in a PDF,
            # `… or ((disability or well` / `being) adj2 (index or …`) goes on where they close
            or (not numbered and _open_parentheses(statements[-1].tokens) > 0))
        if hit is not None:
            n, hl, hc, cut = hit
            current = statements[-1].number if continuation else (number if number is not None else counter + 1)
            if n >= current or n > 999:
                problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({n})", hl, hc)
                tokens = [t for t in tokens if t.col <= cut]
        if not tokens:
            if m is None or not numbered:
                continue
        joining_line = bool(OPERATOR_ALONE_RE.match(body))
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


def _pdf_row(lines, prefixes, k, statements, pending, problems):
    """One line of a history copied from a PDF table (``counted_rows``): (text without its row's count,
    its statement number or None, where its search starts, the pending row number, skip the line?)."""
    lineno, text = lines[k]
    m = prefixes[k]
    expected = statements[-1].number + 1 if statements else 1
    if m and not text[m.end():].strip():
        if pending is None and int(m.group(2)) == expected:
            return text, None, 0, int(m.group(2)), True
        problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({m.group(2)})", lineno, m.start(2) + 1)
        return text, None, 0, pending, True
    if COLUMN_HEADING_RE.match(text):
        problems.add("ANNOTATION_IGNORED", f"{text.strip()!r}: a column heading of the copied history (removed)",
                     lineno, 1)
        return text, None, 0, pending, True
    number, start = (int(m.group(2)), m.end()) if m else (pending, 0)
    current = number if number is not None else expected - 1
    after = next((j for j in range(k + 1, len(lines)) if not COLUMN_HEADING_RE.match(lines[j][1])), None)
    ends_row = after is None or bool(LIMIT_RE.match(lines[after][1])) or (
        prefixes[after] is not None and int(prefixes[after].group(2)) == current + 1)
    count = TRAILING_COUNT_RE.search(text)
    if ends_row and count and count.start() > start:
        problems.add("HIT_COUNT_IGNORED", f"removed the hit count ({count.group(1)})", lineno, count.start() + 2)
        text = text[:count.start()]
    return text, number, start, None, False


def wrapped_lines(lines: list[tuple[int, str]], prefixes: list) -> list[bool]:
    """For each physical line: is it the wrapped end of the line above (not numbered, and indented
    further than the strategy's first line)?"""
    if not lines:
        return []
    first = _indent(lines[0][1])
    return [m is None and i > 0 and _indent(text) > first for i, ((_, text), m) in enumerate(zip(lines, prefixes))]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def is_numbered(prefixes: list) -> bool:
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


def _open_parentheses(tokens: list[Token]) -> int:
    depth = 0
    for t in tokens:
        depth += (t.kind == "LP") - (t.kind == "RP")
    return depth


def _refs_only(tokens: list[Token]) -> bool:
    return bool(tokens) and all(t.kind in ("NUMBER", "OP", "COMBINE", "LP", "RP") for t in tokens)


def _ends_with_operator(tokens: list[Token]) -> bool:
    return bool(tokens) and tokens[-1].kind in ("OP", "ADJ")


