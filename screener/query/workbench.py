"""What the search workbench shows for a strategy: its problems with the exact span each is about,
every line's parsed meaning, and every target's translation with what changed — from the public
query API only (``parse``, ``translate_strategy``, ``TARGETS``, ``READERS``), so a new target or
reader appears on the page without a change here.

    check_strategy(text, read="ovid") -> dict
        {"syntax", "lines": [{"number", "line", "col", "text", "meaning"}], "problems": [...],
         "errors", "warnings", "infos"} — each problem is ``Problem.to_dict()`` plus "severity",
        "end_col" (exclusive, 1-based: the span ``[col, end_col)`` of its physical line) and
        "strategy_line" (the number of the statement it is in).

    translate_all(text, read="ovid", to="all") -> dict
        the strategy parsed once and compiled for each target of ``to`` ("all" or a list):
        {"syntax", "targets": {target: {"query", "problems", "lines", "segments"}}, "check"}.

    forget_answers() — the last ``ANSWERS_KEPT`` answers are kept and a text asked again (undo, a
        word typed and deleted) is answered from them: a copy of the same answer (its top level;
        the nested lists and dicts are shared with the kept answer: read them, do not change them).

    check_input(text, read, to=None) -> raises UsageError for empty text, a strategy over
        ``MAX_STRATEGY_CHARS``, an unknown syntax or target (one line saying what to do).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict
from typing import Any

from screener.errors import UsageError
from screener.query import READERS, TARGETS, parse, translate_strategy
from screener.query.dialects import reuse
from screener.query.nodes import BoolOp, Heading, Limit, LineRef, Proximity, Strategy, Term
from screener.query.syntax_guess import suggested_syntax

MAX_STRATEGY_CHARS = 100_000     # the CLEF corpus's longest strategy is ~17,000 characters
MAX_STRATEGY_LINES = 2_000

#: how a target's approximation changes what is found (shown beside the warning)
EFFECT = {
    "PROXIMITY_DEGRADED": "broader", "WILDCARD_BROADENED": "broader", "LIMIT_UNSUPPORTED": "broader",
    "LIMIT_APPROXIMATED": "approximate", "FIELD_APPROXIMATED": "approximate",
    "FIELD_UNSUPPORTED": "narrower", "SHORT_TRUNCATION": "narrower", "HEADING_EXPLOSION_LOST": "narrower",
    "HEADING_NEEDS_MAPPING": "check the heading", "PROXIMITY_DISTRIBUTED": "same meaning",
    "UNTAGGED_TERM": "approximate",
    # issue #19's codes
    "HEADING_APPROXIMATED": "broader", "WILDCARD_UNSUPPORTED": "narrower", "NOT_UNSUPPORTED": "broader",
    "QUERY_TOO_LONG": "cut by the database", "GROUPING_UNDOCUMENTED": "check the results",
    "FOREIGN_SYNTAX": "same meaning", "UNKNOWN_HEADING": "check the heading",
}

_FIELD_NAMES = {"ti": "title", "ab": "abstract", "kf": "author keywords", "kw": "keywords",
                "tw": "title, abstract", "mp": "Ovid's default fields", "atm": "PubMed's term mapping",
                "sh": "subject heading", "pt": "publication type", "fs": "floating subheading",
                "all": "all fields", "af": "all fields", "ot": "original title", "hw": "heading word"}
#: characters no strategy holds: C0 and C1 controls but tab, line ends, vertical tab and form feed
#: (a PDF's page break); the bytes of an image or a word processor's file read as text are full of them
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_QUOTED = re.compile(r"'([^']{1,200})'|`([^`]{1,200})`|\"([^\"]{1,200})\"")


def check_input(text: Any, read: Any = "ovid", to: Any = None, *, allow_empty: bool = False) -> None:
    """Refuse what the workbench cannot work on, before anything runs or is written. ``allow_empty``:
    for a draft, which may be empty (a cleared editor is a draft too)."""
    if not isinstance(text, str):
        raise UsageError(f"'text' must be the strategy as text, not {type(text).__name__}")
    if not allow_empty and not text.strip():
        raise UsageError("the strategy is empty: paste or type an Ovid MEDLINE or PubMed strategy in 'text'")
    if len(text) > MAX_STRATEGY_CHARS:
        # (the workbench is the web's: the command line's `query check` takes longer ones)
        raise UsageError(f"the strategy is {len(text):,} characters long; the workbench takes at most "
                         f"{MAX_STRATEGY_CHARS:,}: split it into parts")
    lines = text.count("\n") + 1
    if lines > MAX_STRATEGY_LINES:
        raise UsageError(f"the strategy has {lines:,} lines; the workbench takes at most {MAX_STRATEGY_LINES:,}")
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        col = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise UsageError(f"line {line}, column {col}: a control character (U+{ord(control.group()):04X}), which a "
                         "strategy never holds: this looks like the bytes of a file that is not text; paste the "
                         "strategy as text, or open a plain-text (.txt) file")
    if read not in READERS:
        raise UsageError(f"'from' {read!r} is not a syntax this tool reads; use one of: {', '.join(READERS)}")
    if to is None:
        return
    targets(to)


def targets(to: Any) -> list[str]:
    """``"all"`` or a list of target names, checked."""
    if to == "all":
        return list(TARGETS)
    if isinstance(to, str):
        to = [to]
    if not isinstance(to, list) or not to or not all(isinstance(t, str) for t in to):
        raise UsageError(f"'to' must be \"all\" or a list of targets, e.g. [\"pubmed\", \"scopus\"]; "
                         f"the targets are: {', '.join(TARGETS)}")
    unknown = [t for t in to if t not in TARGETS]
    if unknown:
        raise UsageError(f"unknown target {unknown[0]!r}; the targets are: {', '.join(TARGETS)}")
    return list(dict.fromkeys(to))


# ---- problems and their spans --------------------------------------------------------------

def _span_end(source_lines: list[str], problem) -> int | None:
    """The column just after the text a problem is about: the token its message quotes when that
    token stands at the problem's column, else one bracket or quote, else the word there."""
    if not problem.line or not problem.col or problem.line > len(source_lines):
        return None
    text = source_lines[problem.line - 1]
    start = problem.col - 1
    if start >= len(text):
        return problem.col + 1 if start == len(text) else None
    rest = text[start:]
    for match in _QUOTED.finditer(problem.message or ""):
        quoted = next(g for g in match.groups() if g is not None)
        if not quoted:
            continue
        low = rest.lower()
        if low.startswith(quoted.lower()):
            return problem.col + len(quoted)
        if low[:1] in "'\"“‘`" and low[1:].startswith(quoted.lower()):    # the phrase with its quotes
            close = len(quoted) + 1
            return problem.col + close + (1 if len(rest) > close and rest[close] in "'\"”’`" else 0)
    head = rest[0]
    if head in "()\"'“”‘’[]":
        if problem.code in ("UNBALANCED_PARENTHESIS", "UNBALANCED_QUOTE", "STRAY_CHARACTER", "SYNTAX_ERROR",
                            "EMPTY_GROUP") or head in "()":
            return problem.col + 1
    if problem.code in ("HEADING_SYNTAX", "EXP_AFTER_HEADING"):
        # `exp Name` up to the next `exp`, `/` or the end: the heading that lacks its slash
        heading = re.match(r"(?i)(?:exp\s+)?\*?[^/]*?(?=\s+exp\b|/|$)", rest)
        if heading and heading.end() > 0:
            return problem.col + len(heading.group(0).rstrip())
    if problem.code in ("ANNOTATION_IGNORED", "HIT_COUNT_IGNORED") and head in "([":
        close = rest.find(")" if head == "(" else "]")
        if close > 0:
            return problem.col + close + 1
    word = re.match(r"[^\s()\"']+", rest)
    return problem.col + (len(word.group(0)) if word else 1)


#: (source line, col, code, message) → end column: the same problem on the same line text has the
#: same span whatever request asks (the targets' warnings come back at every keystroke)
_SPANS: dict[tuple, int | None] = {}
_SPANS_KEPT = 50_000


def _span_end_of(source_lines: list[str], problem) -> int | None:
    line = problem.line
    text = source_lines[line - 1] if line and 0 < line <= len(source_lines) else None
    if text is None:
        return _span_end(source_lines, problem)
    key = (text, problem.col, problem.code, problem.message)
    try:
        return _SPANS[key]
    except KeyError:
        pass
    end = _span_end(source_lines, problem)
    if len(_SPANS) >= _SPANS_KEPT:
        _SPANS.clear()
    _SPANS[key] = end
    return end


def _statement_of(strategy: Strategy, physical_line: int | None, starts: list[int] | None = None) -> int | None:
    """The number of the statement a physical line belongs to (the last one starting at or before it);
    ``starts``: the statements' first physical lines, in order (``_starts``), when asked many times."""
    if physical_line is None or not strategy.lines:
        return None
    starts = starts if starts is not None else _starts(strategy)
    at = bisect.bisect_right(starts, physical_line) - 1
    return strategy.lines[at].number if at >= 0 else None


def _starts(strategy: Strategy) -> list[int]:
    return [ln.line for ln in strategy.lines]


def problem_dict(problem, strategy: Strategy, source_lines: list[str],
                 starts: list[int] | None = None) -> dict[str, Any]:
    data = problem.to_dict()
    data["severity"] = getattr(problem, "severity", "warning")
    data["end_col"] = _span_end_of(source_lines, problem)
    data["strategy_line"] = _statement_of(strategy, problem.line, starts)
    effect = EFFECT.get(problem.code)
    if effect:
        data["effect"] = effect
    other = suggested_syntax(problem)
    if other:       # the page offers a button that chooses it in the Syntax menu
        data["syntax"] = other
    return data


# ---- what each line means ------------------------------------------------------------------

def _fields(fields: tuple[str, ...]) -> str:
    # each field named once: `.tw,ab.` is title and abstract, not 'title, abstract, abstract'
    names = [name for f in fields for name in _FIELD_NAMES.get(f, f).split(", ")]
    return ", ".join(dict.fromkeys(names))


def describe(node, limit: int = 400) -> str:
    """One line of plain words for a node: fields, proximity, explosion, line references."""
    text = _describe(node, True)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _leaf_fields(node) -> set:
    if isinstance(node, Term):
        return {(node.fields, node.implicit)}
    found: set = set()
    for child in node.children():
        if isinstance(child, (LineRef, Heading)):
            return {None}
        found |= _leaf_fields(child)
    return found


def _where(fields: tuple[str, ...], implicit: bool) -> str:
    return f" in {_fields(fields)}" + (" (no field given)" if implicit else "")


def _flat(node: BoolOp) -> list:
    """The operands of an AND or OR with nested groups of the same operator inlined (a or b) or c."""
    out = []
    for o in node.operands:
        if isinstance(o, BoolOp) and o.op == node.op and node.op in ("and", "or") and not o.combined:
            out.extend(_flat(o))
        else:
            out.append(o)
    return out


def _describe(node, show_fields: bool) -> str:
    if node is None:
        return "(could not be read)"
    if isinstance(node, Term):
        words = f'"{node.text}"' if " " in node.text or node.phrase else node.text
        return words + (_where(node.fields, node.implicit) if show_fields else "")
    if isinstance(node, Heading):
        parts = [f"MeSH heading \"{node.name}\""]
        parts.append("exploded" if node.explode else "not exploded")
        if node.major:
            parts.append("major topic only")
        if node.subheadings:
            parts.append("subheadings: " + ", ".join(node.subheadings))
        return " ".join(parts[:1]) + " (" + ", ".join(parts[1:]) + ")"
    if isinstance(node, Limit):
        filters = ", ".join(f.text or f.kind for f in node.filters)
        return f"{_describe(node.operand, show_fields)} limited to {filters}"
    if isinstance(node, LineRef):
        return f"line {node.number}"
    shared = _leaf_fields(node) if show_fields else {None}
    common = next(iter(shared)) if len(shared) == 1 and None not in shared else None
    inner_fields = show_fields and common is None
    suffix = _where(*common) if common else ""
    if isinstance(node, Proximity):
        inner = " ; ".join(_describe(o, inner_fields) for o in node.operands)
        if node.distance == 1 and node.ordered:
            return f"[{inner}] next to each other, in this order{suffix}"
        between = node.distance - 1
        order = "in this order" if node.ordered else "any order"
        return f"[{inner}] at most {between} word{'s' if between != 1 else ''} apart ({order}){suffix}"
    if isinstance(node, BoolOp):
        if node.combined:
            return f"{node.combined}: {node.op.upper()} of lines " + ", ".join(
                str(o.number) for o in node.operands if isinstance(o, LineRef))
        parts = []
        for o in _flat(node):
            text = _describe(o, inner_fields)
            parts.append(f"({text})" if isinstance(o, (BoolOp, Proximity)) and not getattr(o, "combined", None)
                         and o is not node else text)
        return f" {node.op.upper()} ".join(parts) + suffix
    return type(node).__name__


# ---- the two calls --------------------------------------------------------------------------

def _check(strategy: Strategy, text: str) -> dict[str, Any]:
    source_lines = text.splitlines()
    starts = _starts(strategy)
    problems = [problem_dict(p, strategy, source_lines, starts) for p in strategy.problems]
    lines = [{"number": ln.number, "line": ln.line, "col": ln.col, "text": ln.text,
              "meaning": describe(ln.node)} for ln in strategy.lines]
    count = {s: sum(1 for p in problems if p["severity"] == s) for s in ("error", "warning", "info")}
    return {"syntax": strategy.dialect, "lines": lines, "problems": problems,
            "errors": count["error"], "warnings": count["warning"], "infos": count["info"]}


# ---- answers already given --------------------------------------------------------------------
# The page asks again for a text it has had an answer for — undo, typing a word and deleting it,
# saving, switching the syntax back — and several users of a review paste the same strategy. The
# answer is a pure function of (text, syntax, targets), so the last few are kept (by the text
# itself: a dict lookup hashes it once) and a copy is returned: callers add keys (server_ms).

ANSWERS_KEPT = 8
_answers: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
_answers_lock = threading.Lock()


def _remembered(key: tuple) -> dict[str, Any] | None:
    with _answers_lock:
        found = _answers.get(key)
        if found is not None:
            _answers.move_to_end(key)
        return found


def _remember(key: tuple, answer: dict[str, Any]) -> None:
    with _answers_lock:
        _answers[key] = answer
        _answers.move_to_end(key)
        while len(_answers) > ANSWERS_KEPT:
            _answers.popitem(last=False)


def forget_answers(lines: bool = True) -> None:
    """Empty the kept answers and (``lines``) the compiled lines kept across compilations
    (benchmarks measure the work, not the memory)."""
    with _answers_lock:
        _answers.clear()
    if lines:
        reuse.forget()


def check_strategy(text: str, read: str = "ovid") -> dict[str, Any]:
    check_input(text, read)
    known = _remembered((text, read, tuple(TARGETS)))
    if known is not None:
        return dict(known["check"])
    return _check(parse(text, read), text)


def translate_all(text: str, read: str = "ovid", to: Any = "all") -> dict[str, Any]:
    check_input(text, read, to)
    wanted = targets(to)
    key = (text, read, tuple(wanted))
    known = _remembered(key)
    if known is None:
        known = _translate_all(text, read, wanted)
        _remember(key, known)
    return dict(known)


def _translate_all(text: str, read: str, wanted: list[str]) -> dict[str, Any]:
    strategy = parse(text, read)
    source_lines = text.splitlines()
    starts = _starts(strategy)
    own = {(p.code, p.line, p.col) for p in strategy.problems}
    # the strategy's own problems, and many targets' warnings (the same heading or field note), come
    # back from every target: each distinct problem's span and statement are worked out once
    described: dict[Any, dict[str, Any]] = {}
    out: dict[str, Any] = {}
    for target in wanted:
        t = translate_strategy(strategy, write=target, reuse=True)
        problems = []
        errors = {id(p) for p in t.errors}
        for p in list(t.errors) + list(t.warnings):
            base = described.get(p)
            if base is None:
                base = described[p] = problem_dict(p, strategy, source_lines, starts)
                base["own"] = (p.code, p.line, p.col) in own    # the strategy's own problem, not the target's
            data = dict(base)
            data["severity"] = "error" if id(p) in errors else data["severity"]
            problems.append(data)
        problems.sort(key=lambda d: (d["line"] or 0, d["col"] or 0))
        out[target] = {"query": t.query, "problems": problems,
                       "lines": [{"number": n, "query": q} for n, q in t.lines],
                       "segments": [{"start": s.start, "end": s.end, "line": s.line} for s in t.segments]}
    return {"syntax": strategy.dialect, "targets": out, "check": _check(strategy, text)}


__all__ = ["check_strategy", "translate_all", "check_input", "targets", "describe", "MAX_STRATEGY_CHARS",
           "EFFECT", "forget_answers"]
