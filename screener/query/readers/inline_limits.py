"""Limits written inside a search line, as the readers meet them: PubMed's publication-date range
(``2000:2015[dp]``) and Embase.com's ``[x]/lim`` and ``[2000-2015]/py`` — in a strategy of their
own syntax, or pasted into an Ovid strategy, whose limits are whole lines (``limit N to …``).

    date_range(text) -> (first, last | None, with_days) | None
        ``2000:2015``, ``2000/01/15:2015/06/30`` (PubMed's ``[dp]`` range; 3000 and later: to date).

    embase_limit(name, languages) -> (kind, value) | None
        What Embase.com's ``[name]/lim`` limits to, as a ``Filter`` kind and value: ``humans``,
        ``animals``, a ``language``, a ``publication_type`` MEDLINE shares (randomized controlled
        trial, systematic review…), or ``embase`` for a limit only Embase has (``[article]/lim``,
        ``[conference abstract]/lim``, age groups, sexes, record status): Embase.com writes it back,
        Ovid Embase keeps it approximated, every other target refuses it with LIMIT_UNSUPPORTED.
        None: not an Embase.com limit (an UNKNOWN_LIMIT error for the reader, never a language).

    FilterNode
        Such a limit, where the reader met it in the line, until one of the two folds below makes
        it part of a ``Limit``. Both fold ``X AND <limit>`` into ``Limit(X, filters)`` at any depth;
        they differ in whose fault a limit anywhere else is:

    fold_foreign_limits(node, add, advice)
        For the Ovid reader, where an inline limit is another database's syntax (Ovid limits a
        whole line, ``limit N to …``): anywhere but ANDed with a search — ORed, NOTed, in a
        proximity, alone on its line — it is a BAD_LIMIT error, the strategy's to fix, saying
        ``advice`` (the Ovid limit line to write), and dropped.

    fold_own_limits(node, problems)
        For the readers whose own syntax has inline limits (PubMed, Embase.com and the other
        fielded syntaxes): ORed, NOTed or in a proximity the limit is valid there, but the tree
        has no place for it, so it is LIMIT_UNSUPPORTED (dropped: the set is broader) — except the
        humans and animals limits, which are the sets of the MeSH headings Humans and Animals
        (Embase.com's animal filter ``NOT ([animals]/lim NOT [humans]/lim)``); alone on a line
        it is a SYNTAX_ERROR.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from screener.query.nodes import BoolOp, Filter, Heading, Limit, Node, Proximity
from screener.query.tokens import Problems

#: `2010:2020`, `2010/01/15:2020/06/30`: PubMed's publication-date range ([dp], [pdat])
DATE_RANGE_RE = re.compile(r"(\d{4})((?:/\d{1,2}){0,2})\s*:\s*(\d{4})((?:/\d{1,2}){0,2})")
#: PubMed's tags of the publication date
PUBMED_DATE_TAGS = frozenset({"dp", "pdat", "publication date"})

#: Embase.com's limits MEDLINE has no equivalent of (Embase.com's Limits panel: publication types,
#: record sources and status, age groups, sexes, study types)
EMBASE_ONLY_LIMITS = frozenset({
    "article", "article in press", "book", "chapter", "conference abstract", "conference paper",
    "conference review", "data papers", "editorial", "erratum", "letter", "note", "short survey",
    "preprint", "embase classic", "in process", "priority journals", "abstracts", "full text",
    "embryo", "fetus", "newborn", "infant", "child", "preschool", "school", "adolescent", "adult",
    "aged", "very elderly", "young adult", "middle aged", "male", "female", "human cell",
    "animal cell", "animal experiment", "animal model", "animal tissue", "nonhuman",
    "human tissue", "clinical article", "case report", "case control study",
    "cohort analysis", "cross-sectional study", "diagnostic test accuracy study",
    "cochrane review", "evidence based medicine", "consensus development", "practice guideline",
    "open access", "embase medline",
})
#: Embase.com limits that are MEDLINE publication types of the same name
EMBASE_PUBLICATION_TYPES = frozenset({
    "randomized controlled trial", "controlled clinical trial", "systematic review",
    "meta analysis", "review", "clinical trial",
})
#: record sources the readers already keep as Ovid limits of the same name
EMBASE_SOURCES = frozenset({"embase", "medline"})


def date_range(text: str) -> tuple[int, int | None, bool] | None:
    m = DATE_RANGE_RE.fullmatch(text.strip())
    if m is None:
        return None
    first, last = int(m.group(1)), int(m.group(3))
    return first, (None if last >= 3000 else last), bool(m.group(2) or m.group(4))


def embase_limit(name: str, languages: frozenset[str]) -> tuple[str, object] | None:
    """``languages``: the language names the reader knows (``ovid.LANGUAGES``)."""
    v = " ".join(name.lower().split())
    if v in ("humans", "human"):
        return "humans", None
    if v in ("animals", "animal"):
        return "animals", None
    if v in ("female", "male"):     # MEDLINE's check tags Female, Male: PubMed's Sex filter
        return "sex", v
    if v in languages:
        return "language", v
    if v in EMBASE_PUBLICATION_TYPES:
        return "publication_type", v
    if v in EMBASE_SOURCES:
        return "unknown", v
    if v in EMBASE_ONLY_LIMITS:
        return "embase", v
    return None


def unknown_embase_limit(name: str, languages: frozenset[str]) -> str:
    """The UNKNOWN_LIMIT message for ``[name]/lim``, with the nearest known limits."""
    v = " ".join(name.lower().split())
    known = sorted(EMBASE_ONLY_LIMITS | EMBASE_PUBLICATION_TYPES | EMBASE_SOURCES | languages
                   | {"humans", "animals"})
    near = difflib.get_close_matches(v, known, n=3, cutoff=0.75)
    mean = f" (did you mean {' or '.join(f'[{n}]/lim' for n in near)}?)" if near else ""
    return (f"[{name}]/lim is not an Embase.com limit this reader knows{mean}; it is not applied "
            "(Embase.com limits: humans, animals, a language such as english, article, review, "
            "conference abstract, age groups such as aged)")


class FilterNode(Node):
    """A limit written inside a search line, until ``fold_foreign_limits`` or ``fold_own_limits``
    makes it part of a ``Limit``."""

    def __init__(self, f: Filter):
        super().__init__(f.line, f.col)
        self.filter = f


Add = Callable[..., None]


def fold_foreign_limits(node: Node | None, add: Add, advice: Callable[[Filter], str]) -> Node | None:
    """Another database's limits in this strategy: ``X and <limit>`` → ``Limit(X, filters)`` at any
    depth; a limit anywhere else limits nothing — a BAD_LIMIT error (``add(code, message, line,
    col)``) saying ``advice(filter)``, and dropped. (The strategy's own inline limits:
    ``fold_own_limits``.)"""
    if node is None:
        return None
    if isinstance(node, FilterNode):
        add("BAD_LIMIT", f"{node.filter.text} limits nothing here (it is not ANDed with a search on "
            f"its line); {advice(node.filter)}", node.line, node.col)
        return None
    if not isinstance(node, (BoolOp, Proximity)):
        return node
    kept, filters = [], []
    for o in node.operands:
        if isinstance(o, FilterNode):
            if isinstance(node, BoolOp) and node.op == "and":
                filters.append(o.filter)
            else:
                how = "NOT" if isinstance(node, BoolOp) and node.op == "not" else (
                    "OR" if isinstance(node, BoolOp) else "a proximity")
                add("BAD_LIMIT", f"{o.filter.text} combined with {how} limits nothing (only a limit "
                    f"ANDed with a search does; dropped); {advice(o.filter)}", o.line, o.col)
            continue
        folded = fold_foreign_limits(o, add, advice)
        if folded is not None:
            kept.append(folded)
    if not kept:
        return None
    if isinstance(node, BoolOp) and node.op == "not" and len(kept) < 2:
        return kept[0]
    if isinstance(node, Proximity) and len(kept) < 2:
        return kept[0]
    if len(kept) == 1 and isinstance(node, BoolOp):
        base: Node = kept[0]
    else:
        node.operands = tuple(kept)
        base = node
    if filters:
        return Limit(node.line, node.col, base, tuple(filters))
    return base



def fold_own_limits(node: Node | None, problems: Problems) -> Node | None:
    """The strategy's own inline limits: ``X AND [english]/lim`` → ``Limit(X, filters)`` at any
    depth (single-string targets write an Ovid limit line inline, ``(… AND LANGUAGE(english))``);
    ORed, NOTed or in a proximity the limit is valid in its database but has no place in the tree:
    LIMIT_UNSUPPORTED, dropped; alone on a line, a SYNTAX_ERROR. (Another database's limits:
    ``fold_foreign_limits``.)"""
    if node is None:
        return None
    node = _merge_ored_filters(node)
    if isinstance(node, FilterNode):
        problems.add("SYNTAX_ERROR", "a limit with nothing to limit", node.line, node.col)
        return None
    if isinstance(node, (BoolOp, Proximity)):
        kept: list[Node] = []
        filters = []
        for o in map(_merge_ored_filters, node.operands):
            if isinstance(o, FilterNode) and o.filter.kind in ("humans", "animals") and not (
                    isinstance(node, BoolOp) and node.op == "and"):
                # `#24 NOT ([animals]/lim NOT [humans]/lim)`: the records the limit keeps, as a set (the MeSH
                # heading MEDLINE's humans and animals limits search; Embase.com gets its limit back)
                kept.append(Heading(o.line, o.col, name=o.filter.kind.capitalize(), explode=True,
                                    written=o.filter.text, limit=o.filter.text))
                continue
            if isinstance(o, FilterNode):
                if isinstance(node, BoolOp) and node.op == "and":
                    filters.append(o.filter)
                else:   # `#1 NOT [medline]/lim`: valid there, no equivalent in the tree
                    problems.add("LIMIT_UNSUPPORTED", f"{o.filter.text} combined with "
                                 f"{'NOT' if isinstance(node, BoolOp) and node.op == 'not' else 'OR or proximity'}"
                                 " is not translated: only a limit ANDed with a search is (dropped here; "
                                 "the set is broader)", o.line, o.col)
                continue
            folded = fold_own_limits(o, problems)
            if folded is not None:
                kept.append(folded)
        if not kept:
            return None
        if filters:
            base: Node = kept[0] if len(kept) == 1 else BoolOp(node.line, node.col, "and", tuple(kept))
            if len(kept) > 1 and getattr(node, "_paren", False):
                base._paren = True  # type: ignore[attr-defined]
            return Limit(node.line, node.col, base, tuple(filters))
        node.operands = tuple(kept)
        if len(kept) == 1 and isinstance(node, BoolOp):
            return kept[0]
    return node


def _merge_ored_filters(node: Node) -> Node:
    """``(LIMIT-TO(DOCTYPE, "ar") OR LIMIT-TO(DOCTYPE, "re"))``, ``(LA English OR LA French)``: limits of one kind
    ORed are one limit to any of them (a language list, Embase.com's publication types, or Scopus's refine limits
    written back as they are)."""
    if not (isinstance(node, BoolOp) and node.op == "or" and len(node.operands) > 1
            and all(isinstance(o, FilterNode) for o in node.operands)):
        return node
    filters = [o.filter for o in node.operands if isinstance(o, FilterNode)]
    kinds = {f.kind for f in filters}
    if kinds == {"language"} and all(isinstance(f.value, str) for f in filters):
        value: object = tuple(str(f.value) for f in filters)
    elif kinds <= {"embase", "publication_type"} and all(isinstance(f.value, str) for f in filters):
        # `([article]/lim OR [article in press]/lim OR [conference abstract]/lim)`: Embase.com's publication types,
        # any of them (Embase.com writes them back; a target without them refuses the one limit)
        value = tuple(str(f.value) for f in filters)
        kinds = {"embase"}
    elif kinds == {"scopus"}:
        value = "(" + " OR ".join(str(f.value) for f in filters) + ")"
    elif kinds == {"year"} and all(isinstance(f.value, tuple) and None not in f.value for f in filters):
        # `LIMIT-TO ( PUBYEAR , 2021 ) OR LIMIT-TO ( PUBYEAR , 2020 )`: one range when the years touch
        spans = sorted(f.value for f in filters if isinstance(f.value, tuple))
        if any(nxt[0] > prev[1] + 1 for prev, nxt in zip(spans, spans[1:])):
            return node
        value = (spans[0][0], max(last for _, last in spans))
    else:
        return node
    text = " OR ".join(f.text for f in filters)
    return FilterNode(Filter(node.line, node.col, next(iter(kinds)), value, text))


__all__ = ["DATE_RANGE_RE", "PUBMED_DATE_TAGS", "EMBASE_ONLY_LIMITS", "date_range", "embase_limit",
           "unknown_embase_limit", "FilterNode", "fold_foreign_limits", "fold_own_limits"]
