"""Tokens and the bookkeeping the readers share (problems, statement assembly, closing a group)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from screener.query import limits
from screener.query.codes import Problem, problem
from screener.query.markdown_table import without_markdown_table
from screener.query.nodes import Line, LineRef, Node, Strategy

QUOTES_DOUBLE = '"“”„'
QUOTES_SINGLE = "'‘’"


class Token:
    """kind: WORD NUMBER PHRASE LP RP OP ADJ SUFFIX HEAD EXP COMBINE TAG REF STAR."""

    __slots__ = ("kind", "value", "line", "col", "extra")

    def __init__(self, kind: str, value: Any, line: int, col: int, extra: dict | None = None):
        self.kind, self.line, self.col = kind, line, col
        # a str for words, phrases, operators and tags, an int for line references (REF, NUMBER):
        # the parsers know which from ``kind``, so it is typed Any rather than narrowed at each use
        self.value: Any = value
        self.extra = extra if extra is not None else {}

    def __repr__(self) -> str:  # compact, for debugging and test failures
        return f"{self.kind}({self.value!r}@{self.line}:{self.col})"


class Problems:
    """Collects problems; keeps one per (code, line, col, message)."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._seen: set = set()

    def add(self, code: str, message: str, line: int | None, col: int | None,
            severity: str | None = None) -> None:
        p = problem(code, message, line, col, severity)
        key = (p.code, p.line, p.col, p.message)
        if key not in self._seen:
            self._seen.add(key)
            self.items.append(p)

    def drop(self, code: str, line: int | None, col: int | None) -> None:
        """Take back a problem said too early (a reader that learns more later in the line)."""
        gone = [p for p in self.items if (p.code, p.line, p.col) == (code, line, col)]
        self.items = [p for p in self.items if p not in gone]
        self._seen -= {(p.code, p.line, p.col, p.message) for p in gone}

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.line or 0, p.col or 0, p.code))


@dataclass
class Statement:
    """Physical lines assembled into one statement: the tokens, where it starts, its number."""

    number: int
    tokens: list[Token]
    line: int
    col: int
    text: str
    numbered: bool = False
    raw_parts: list[tuple[int, int, str]] = field(default_factory=list)  # (line, col, text)


class StatementParser(Protocol):
    numbers: frozenset[int]

    def statement(self, st: Statement, known: set[int]) -> Node | None: ...


def number_span(numbers, prefix: str = "") -> str:
    """Line numbers as a person reads them: runs as ranges ('1-6, 8')."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{prefix}{r[0]}" if len(r) == 1 else f"{prefix}{r[0]}-{prefix}{r[-1]}" for r in runs)


def bad_reference(n: int, number: int, numbers: frozenset[int], prefix: str = "line ") -> str:
    """Why line ``number`` cannot combine line ``n``: there is no such line (a slip in renumbering:
    saying it 'comes later' sent people looking for it), it is this line, or it comes later."""
    if n not in numbers:
        return f"there is no {prefix}{n} (the strategy's lines are {number_span(numbers, '' if prefix == 'line ' else prefix)})"
    if n == number:
        return f"{prefix}{n} is this line: a line can only combine the lines above it"
    return f"{prefix}{n} comes later: a line can only combine the lines above it (move {prefix}{number} below {prefix}{n})"


def bad_references(written: str, refs, number: int, numbers: frozenset[int]) -> str:
    """Why ``written`` (`or/1-9`) on line ``number`` cannot combine the lines ``refs`` it names."""
    missing = [n for n in refs if n not in numbers]
    later = [n for n in refs if n in numbers]
    parts = []
    if missing:
        parts.append(f"line{'s' if len(missing) > 1 else ''} {number_span(missing)}, which "
                     f"do{'es' if len(missing) == 1 else ''} not exist (the strategy's lines are {number_span(numbers)})")
    if later == [number]:
        parts.append(f"line {number}, which is this line (a line can only combine the lines above it)")
    elif later:
        parts.append(f"line{'s' if len(later) > 1 else ''} {number_span(later)}, which "
                     f"come{'s' if len(later) == 1 else ''} later (a line can only combine the lines above it)")
    return f"{written} refers to " + " and to ".join(parts)


class StatementCursor:
    """What every reader's parser (Ovid, PubMed, the fielded syntaxes) does alike over one
    statement's tokens: keep its place, look at the next token, and deal with what its grammar
    left over — a closing parenthesis without an opening one is reported and skipped by
    ``leftover``; anything else the reader either reads on from or skips with ``unexpected``."""

    p: Problems
    toks: list[Token]
    i: int
    number: int
    known: set[int]
    numbers: frozenset[int] = frozenset()     # every line of the strategy, to tell a missing line from a later one

    def begin(self, st: Statement, known: set[int]) -> None:
        self.toks, self.i, self.number, self.known = st.tokens, 0, st.number, known

    def peek(self) -> Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def leftover(self) -> Token | None:
        """The next token the statement's expression did not read (not consumed), after
        skipping, each with an UNBALANCED_PARENTHESIS problem, closing parentheses without an
        opening one; None at the end of the statement."""
        while (t := self.peek()) is not None and t.kind == "RP":
            self.i += 1
            self.p.add("UNBALANCED_PARENTHESIS", "a closing parenthesis without an opening one "
                       "(ignored): add its '(' where the group starts, or delete it", t.line, t.col)
        return t

    def unexpected(self, t: Token) -> None:
        """Skip the leftover token ``t`` with a SYNTAX_ERROR naming it as the reader shows it."""
        self.i += 1
        self.p.add("SYNTAX_ERROR", f"unexpected {self.show(t)} (skipped)", t.line, t.col)

    def show(self, t: Token) -> str:
        return repr(t.value)


def close_group(parser: StatementCursor, opener: Token, inner: Node | None) -> Node | None:
    """The end of a group the parser has read ``inner`` of, after the parenthesis ``opener``: the
    closing parenthesis is consumed, or an UNBALANCED_PARENTHESIS problem closes the group at the
    end of the line; ``()`` is an EMPTY_GROUP problem and None; else ``inner``, marked as written
    in parentheses (``_paren``: an operator after it starts a new node instead of extending it)."""
    closing = parser.peek()
    if closing is not None and closing.kind == "RP":
        parser.i += 1
    else:
        parser.p.add("UNBALANCED_PARENTHESIS", "this parenthesis is never closed (closed at the "
                     "end of the line): add its ')' where the group ends", opener.line, opener.col)
    if inner is None:
        parser.p.add("EMPTY_GROUP", "empty parentheses", opener.line, opener.col)
        return None
    inner._paren = True  # type: ignore[attr-defined]
    return inner


def closing_quote(text: str, i: int, closers: str, problems: Problems, line: int, col: int,
                  end: int | None = None) -> int | None:
    """Where the phrase opened by the quote at ``text[i]`` closes: the first of ``closers`` after
    it (before ``end``); None, with an UNBALANCED_QUOTE problem, when none does (the reader then
    skips the lone quote)."""
    j = min((k for k in (text.find(q, i + 1, end) for q in closers) if k >= 0), default=-1)
    if j < 0:
        problems.add("UNBALANCED_QUOTE", f"the quote {text[i]} at column {col} is never closed "
                     "(ignored; close it or delete it)", line, col)
        return None
    return j


# U+2010/U+2011 with a letter beside it (`follow‐up`, `sf‐36`): a hyphen as a web page or Word prints it
WORD_HYPHEN_RE = re.compile(r"(?<=[^\W_])[\u2010\u2011](?=[^\W\d_])|(?<=[^\W\d_])[\u2010\u2011](?=[^\W_])")


def plain_hyphens(lineno: int, text: str, problems: Problems, database: str = "Ovid") -> str:
    """A line's typographic hyphens inside words as '-' (Cochrane's appendices print `follow‐up studies/`;
    searched with U+2010, no database would match them), with one warning a line."""
    found = list(WORD_HYPHEN_RE.finditer(text))
    if not found:
        return text
    first = found[0]
    word = re.split(r"[\s()\"/]", text[:first.start()])[-1] + re.split(r"[\s()\"/.]", text[first.start():])[0]
    problems.add("STRAY_CHARACTER", f"'{first.group(0)}' (U+{ord(first.group(0)):04X}, a hyphen as a web page or Word "
                 f"prints it) in {word} read as '-' ({len(found)} on this line); {database} searches '-'",
                 lineno, first.start() + 1)
    return WORD_HYPHEN_RE.sub("-", text)


# a backslash before one of these is a Markdown escape (a document saved as Markdown writes `replac\*`,
# `\[Limit not valid …\]`): the character escaped is meant, not a space before it
MARKDOWN_ESCAPE_RE = re.compile(r"\\([*_\[\]<>#+!|~{}()`.-])")


def _markdown_unescaped(text: str) -> str:
    """``text`` with each Markdown escape's backslash dropped and a space put where the word it is in
    begins, so that the word is whole and every column after it stays where it was."""
    while (m := MARKDOWN_ESCAPE_RE.search(text)) is not None:
        start = max(text.rfind(" ", 0, m.start()), text.rfind("\t", 0, m.start())) + 1
        text = text[:start] + " " + text[start:m.start()] + text[m.start() + 1:]
    return text


# `…); Limit: Document type = Article; …`, `…; Filter: Humans, …`: a review's table cell, the search and then a note on it
TRAILING_NOTE_RE = re.compile(r";\s*(?:limits?|limiters?|refined\s+by|filters?|restricted\s+to)\s*:"
                              # EBSCOhost's history: `S32  Limiters - Published Date: 19800101-; English Language`
                              r"|[ \t]Limiters\s+-\s", re.I)


def trailing_note(text: str, start: int, end: int, problems: Problems, line: int) -> int:
    """Where the search in ``text[start:end]`` ends: before a note after it (``; Limit: …``), which is said
    with a warning at its ';' and not searched; ``end`` when there is none."""
    note = TRAILING_NOTE_RE.search(text, start, end)
    if note is None or text.count('"', start, note.start()) % 2:
        return end
    problems.add("STRAY_CHARACTER", f"{text[note.start() + 1:end].strip()!r} after the search is a note on it, not a "
                 "search: not searched; apply its limits by hand or delete it", line,
                 note.start() + 1 + len(note.group(0)) - len(note.group(0).lstrip()))
    return note.start()


#: what Web of Science's search history prints after a search (`Databases = WOS, MEDLINE  Timespan = All years  Search
#: language = English`, the older `Indexes=SCI-EXPANDED, SSCI Timespan=2000-2020`): the settings it ran with, no search
WOS_HISTORY_NOTE_RE = re.compile(r"(?<![\w=])(?:Databases|Indexes|Editions|Timespan|Search\s+language)\s*=", re.I)


def wos_history_note(text: str, start: int, end: int, problems: Problems, line: int) -> int:
    """Where the search in ``text[start:end]`` ends: before Web of Science's history note on it, said with a warning
    and not searched; ``end`` when there is none (or the note's words are inside a quoted phrase)."""
    note = WOS_HISTORY_NOTE_RE.search(text, start, end)
    if note is None or text.count('"', start, note.start()) % 2:
        return end
    problems.add("STRAY_CHARACTER", f"{' '.join(text[note.start():end].split())!r} is Web of Science's note on the "
                 "search (the databases, years and language it ran with), not a search: not searched; set them "
                 "on the search page or delete it", line, note.start() + 1)
    return note.start()


def _without_backslashes(source: str, problems: Problems) -> str:
    """Backslashes mean nothing to Ovid or PubMed; ``\\"`` is an escaped quote left by a program
    or a JSON file. Each becomes a space (columns stay where they were) with a warning; ``//``
    comment lines are left alone. A Markdown escape (``\\*``, ``\\[``) is the character escaped,
    with one warning a line."""
    if "\\" not in source:
        return source
    lines = source.splitlines()
    for number, text in enumerate(lines, start=1):
        if "\\" not in text or text.lstrip().startswith("//"):
            continue
        if (esc := MARKDOWN_ESCAPE_RE.search(text)) is not None:
            n = len(MARKDOWN_ESCAPE_RE.findall(text))
            problems.add("STRAY_CHARACTER", f"{esc.group(0)} is a Markdown escape (the strategy was saved as "
                         f"Markdown): read as {esc.group(1)} ({n} on this line); write {esc.group(1)}",
                         number, esc.start() + 1)
            text = _markdown_unescaped(text)
        for col, char in enumerate(text, start=1):
            if char == "\\":
                problems.add("STRAY_CHARACTER", "a backslash means nothing in a strategy (read as a space; "
                             "\\\" is an escaped quote left by a program or a JSON file: write \")", number, col)
        lines[number - 1] = text.replace("\\", " ")
    return "\n".join(lines)


# a line that starts with Markdown's bold (`**#1:** (…)`, `**#4: #1 AND #2 AND #3**`, a history kept on a web page):
# its `**` at the line's start, after the label's ':' and at the line's end
MARKDOWN_BOLD_RE = re.compile(r"^\s*\*\*|(?<=:)\*\*|\*\*(?=\s*$)")


def _without_markdown_bold(source: str, problems: Problems) -> str:
    """Markdown's bold around a history line's label or the whole line: each `**` a pair of spaces (columns
    kept), with a note; a `**` inside a search (`child**`, Ovid's slip) is left to the reader."""
    if "**" not in source:
        return source
    lines = source.split("\n")
    for number, text in enumerate(lines, start=1):
        if not text.lstrip().startswith("**") or text.count("**") < 2:
            continue
        lines[number - 1] = MARKDOWN_BOLD_RE.sub(lambda m: m.group(0).replace("*", " "), text)
        problems.add("ANNOTATION_IGNORED", "** is Markdown's bold (the strategy was saved as Markdown): not "
                     "searched", number, text.index("**") + 1)
    return "\n".join(lines)


#: a database's name before the query on the strategy's first line (`PubMed ("a"[mh] OR …`, `Cochrane: (…`): the
#: row label of a table of strategies copied from a PDF, not a search word
DATABASE_LABEL_RE = re.compile(
    r"^(\s*)((?:Ovid\s+)?MEDLINE|PubMed|Embase(?:\.com)?|Cochrane(?:\s+(?:Library|CENTRAL))?|CENTRAL|CINAHL|Scopus|"
    r"Web\s+of\s+Science|WoS|(?:APA\s+)?PsycINFO)\s*:?\s+(?=[(\"“])", re.I)


DATABASE_NAME_LINE_RE = re.compile(
    r"^(\s*)((?:Ovid\s+)?MEDLINE|PubMed|Embase(?:\.com)?|Cochrane(?:\s+(?:Library|CENTRAL))?|CENTRAL|CINAHL|Scopus|"
    r"Web\s+of\s+Science|WoS|(?:APA\s+)?Psych?INFO)\s*:?\s*$", re.I)


def _without_database_label(source: str, problems: Problems) -> str:
    """The strategy's first line starting with a database's name before a parenthesis or a quote: the name is a
    label (a table's row, `PubMed (…`), each of its characters a space (columns kept), with a warning."""
    first = next((i for i, t in enumerate(source.splitlines()) if t.strip()), None)
    if first is None:
        return source
    lines = source.splitlines(keepends=True)
    if (alone := DATABASE_NAME_LINE_RE.match(lines[first])) is not None:
        # `Central` alone above a PDF table's rows: its heading, not the first search
        problems.add("LABEL_IGNORED", f"{alone.group(2)!r} alone on the first line names the database (a table's "
                     "heading): not searched", first + 1, len(alone.group(1)) + 1, severity="warning")
        lines[first] = "\n" if lines[first].endswith("\n") else ""
        return "".join(lines)
    m = DATABASE_LABEL_RE.match(lines[first])
    if m is None:
        return source
    problems.add("LABEL_IGNORED", f"{m.group(2)!r} before the query names the database (a table's label): not searched",
                 first + 1, len(m.group(1)) + 1, severity="warning")
    lines[first] = m.group(1) + " " * (m.end() - m.end(1)) + lines[first][m.end():]
    return "".join(lines)


#: a line that says when the search was run (`(accessed on 25 September 2024)` below a README's Scopus query,
#: `Last searched: 4 June 2022` under a history): a note, not a search. (Ovid's `Date searched: … Search Strategy:`
#: header is the Ovid reader's, removed there.)
DATE_NOTE_RE = re.compile(
    r"^(?!.*strategy)\s*\(?\s*(?:last\s+)?(?:accessed|searched|retrieved|run\s+on)\b"
    r"[^()\[\]\"=]*?\b(?:19|20)\d{2}\b[^()\[\]\"=]*\)?\s*$", re.I)


def _without_date_notes(source: str, problems: Problems) -> str:
    """Each line that only says when the search was run becomes blank (its line number kept), with a warning."""
    if not any(DATE_NOTE_RE.match(t) for t in source.splitlines()):
        return source
    lines = source.splitlines(keepends=True)
    for number, text in enumerate(lines, start=1):
        if DATE_NOTE_RE.match(text):
            problems.add("ANNOTATION_IGNORED", f"{text.strip()!r} says when the search was run, not what it searched: "
                         "not searched", number, len(text) - len(text.lstrip()) + 1, severity="warning")
            lines[number - 1] = "\n" if text.endswith("\n") else ""
    return "".join(lines)


def read_strategy(source: str, dialect: str, assemble: Callable[[str, Problems], list[Statement]],
                  parser: Callable[[Problems], StatementParser]) -> Strategy:
    """Source text → ``Strategy``: the same driver for every reader (assemble physical lines into
    statements, parse each with the lines before it known, report an empty strategy). The size
    limits of ``screener.query.limits`` are enforced here, for every reader."""
    problems = Problems()
    if _over_size(source, problems):
        return Strategy(lines=[], problems=problems.sorted(), dialect=dialect, source=source)
    source_read = without_markdown_table(_without_markdown_bold(_without_backslashes(source, problems), problems),
                                         problems)
    statements = assemble(_without_date_notes(_without_database_label(source_read, problems), problems), problems)
    if len(statements) > limits.MAX_LINES:
        extra = statements[limits.MAX_LINES]
        problems.add("LIMIT_EXCEEDED", f"the strategy has {len(statements):,} lines; at most "
                     f"{limits.MAX_LINES:,} are read (split it into several strategies)",
                     extra.line, extra.col)
        return Strategy(lines=[], problems=problems.sorted(), dialect=dialect, source=source)
    statement_parser = parser(problems)
    statement_parser.numbers = frozenset(st.number for st in statements)
    lines: list[Line] = []
    known: set[int] = set()
    chain: dict[int, int] = {}    # line number → longest chain of references below it
    for st in statements:
        node = _parse_bounded(statement_parser, st, known, problems)
        if node is not None:
            refs = [chain.get(n.number, 0) for n in node.walk() if isinstance(n, LineRef)]
            depth = 1 + max(refs, default=0)
            if depth > limits.MAX_REFERENCE_DEPTH:
                problems.add("LIMIT_EXCEEDED", f"line {st.number} sits on a chain of {depth} lines "
                             f"each referring to the one before; at most "
                             f"{limits.MAX_REFERENCE_DEPTH} (combine the search lines directly)",
                             st.line, st.col)
                node, depth = None, 0
            chain[st.number] = depth
        lines.append(Line(st.number, node, st.line, st.col, st.text, st.numbered))
        known.add(st.number)
    if not lines:
        # the strategy's own fault, said by `check` too: not a translation's NOTHING_TO_TRANSLATE
        problems.add("EMPTY_STRATEGY", "the strategy has no search lines; write or paste its lines", None, None)
    return Strategy(lines=lines, problems=problems.sorted(), dialect=dialect, source=source)


_LONG_NUMBER_RE = re.compile(rf"\d{{{limits.MAX_NUMBER_DIGITS + 1},}}")


def _over_size(source: str, problems: Problems) -> bool:
    """LIMIT_EXCEEDED (at the first character past it) for a strategy too long to read, or a
    number too long to convert; True when the strategy is refused."""
    if len(source) > limits.MAX_STRATEGY_CHARS:
        line, col = _position(source, limits.MAX_STRATEGY_CHARS)
        problems.add("LIMIT_EXCEEDED", f"the strategy is {len(source):,} characters; at most "
                     f"{limits.MAX_STRATEGY_CHARS:,} are read (split it into several strategies)",
                     line, col)
        return True
    m = _LONG_NUMBER_RE.search(source)
    if m:
        line, col = _position(source, m.start())
        problems.add("LIMIT_EXCEEDED", f"a number of {len(m.group(0)):,} digits; at most "
                     f"{limits.MAX_NUMBER_DIGITS:,} are read", line, col)
        return True
    return False


def _position(source: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of ``source[index]``, with the line breaks ``splitlines`` uses."""
    start = 0
    for number, text in enumerate(source.splitlines(keepends=True), start=1):
        if index < start + len(text):
            return number, index - start + 1
        start += len(text)
    return max(1, len(source.splitlines())), 1


def _parse_bounded(statement_parser, st: Statement, known: set[int], problems: Problems) -> Node | None:
    """One statement parsed within the nesting limit: parentheses open at once and the depth
    of the tree built (a LIMIT_EXCEEDED error and no tree past either)."""
    depth = 0
    for t in st.tokens:
        if t.kind == "LP":
            depth += 1
            if depth > limits.MAX_DEPTH:
                problems.add("LIMIT_EXCEEDED", f"more than {limits.MAX_DEPTH} parentheses open at "
                             "once (split the line into several lines)", t.line, t.col)
                return None
        elif t.kind == "RP":
            depth = max(0, depth - 1)
    try:
        node = statement_parser.statement(st, known)
    except RecursionError:
        node, depth = None, limits.MAX_DEPTH + 1
    else:
        depth = limits.tree_depth(node)
    if depth > limits.MAX_DEPTH:
        problems.add("LIMIT_EXCEEDED", f"line {st.number} nests operators more than "
                     f"{limits.MAX_DEPTH} deep (a long chain of NOT or of different adj distances "
                     "nests one level per operator); split it into several lines", st.line, st.col)
        return None
    return node
