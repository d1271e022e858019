"""Typed problems: every warning and error the parser and the compilers report.

``CODES`` is the one table of codes (code → default severity, what it means); the README's
warning-code table is this table. A ``Problem`` is one occurrence, with the physical line and
column (1-based) of the source it is about.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"

CODES: dict[str, tuple[str, str]] = {
    # problems of the strategy itself (reported by `query check`)
    "SYNTAX_ERROR": (ERROR, "a token that cannot stand where it is (skipped)"),
    "UNBALANCED_QUOTE": (ERROR, "a quote without its partner (ignored)"),
    "UNBALANCED_PARENTHESIS": (ERROR, "a parenthesis without its partner"),
    "EMPTY_STRATEGY": (ERROR, "the strategy has no search lines (an empty file, or only blank lines "
                              "and notes): nothing to check, translate or run"),
    "BAD_LINE_REFERENCE": (ERROR, "a reference to a line that does not exist or comes later"),
    "EMPTY_GROUP": (ERROR, "parentheses with nothing inside, or an operator with a missing operand"),
    "HEADING_SYNTAX": (ERROR, "`exp` or `*` not followed by a subject heading ending in `/`"),
    "BAD_LIMIT": (ERROR, "a `limit` line that is not `limit N to …`"),
    "UNKNOWN_LIMIT": (ERROR, "a `limit` value that is not an Ovid limit this reader knows (check "
                             "its spelling; no target can apply it)"),
    "UNKNOWN_FIELD": (ERROR, "a field suffix or tag that is not a field of the strategy's syntax "
                             "(a misspelling such as .tiab. or [tiabb]): the term is searched in "
                             "the default fields, never with the code inside the word"),
    "UNKNOWN_OPERATOR": (ERROR, "a word that is meant as an operator but is not one in this "
                                "syntax (ajd3, adj/3, NEAR/3 in Ovid): read as the operator it "
                                "looks like, never as a search word"),
    "FIELD_LOOKALIKE": (WARNING, "a rare field code that is an everyday one with two letters swapped "
                                 "(`.ti,ba.` for .ti,ab.): read as written, the code meant is named"),
    "FOREIGN_SYNTAX": (WARNING, "another database's syntax (a PubMed tag in an Ovid strategy, an "
                                "Ovid suffix in a PubMed one, S1 line references): read as what it "
                                "means there"),
    "SYNTAX_MISMATCH": (WARNING, "the strategy is written in another database's syntax (PubMed tags "
                                 "read as Ovid, CINAHL's S1 lines and (MH \"x\") read as Ovid …): the "
                                 "syntax it looks like is named, to choose as the source"),
    "UNKNOWN_HEADING": (WARNING, "a MeSH heading that is not a MeSH descriptor (checked offline "
                                 "against the MeSH list shipped with screener): the nearest real "
                                 "headings are named"),
    "UNKNOWN_SUBHEADING": (WARNING, "a subheading code not in the MeSH subheading table"),
    "SUFFIX_SCOPE": (WARNING, "a trailing field suffix binds only to the last operand of an "
                              "unparenthesised Boolean line"),
    "MIXED_OPERATORS": (WARNING, "a line mixes AND/OR/NOT without parentheses (read with "
                                 "precedence adj > and > not > or for Ovid, left to right for PubMed)"),
    "SUFFIX_WITHOUT_DOT": (INFO, "a field suffix without its final dot (accepted)"),
    "HEADING_WITHOUT_SLASH": (INFO, "an Ovid MEDLINE line that is a MeSH heading's exact name without its `/` "
                                    "(`Chronic Pain`): searched as words in the default fields, not as the heading"),
    "FIELD_REDUNDANT": (INFO, "an Ovid field list naming a field another of its codes already covers "
                              "(`.tw,ab.`: .tw. is title and abstract)"),
    "ANNOTATION_IGNORED": (INFO, "Ovid history residue such as `[mp=…]` or `[Block A]` (removed)"),
    "HIT_COUNT_IGNORED": (INFO, "a pasted hit count such as `(1234)` (removed)"),
    "LABEL_IGNORED": (INFO, "a line that labels a block rather than searching (skipped)"),
    "REMOVE_DUPLICATES": (INFO, "Ovid's `remove duplicates from N`, searched as line N (`screener "
                                "dedupe` removes duplicates after import)"),
    "STRAY_CHARACTER": (WARNING, "a character that means nothing where it stands (ignored)"),
    "EXP_AFTER_HEADING": (WARNING, "`X/ exp` (explode written after the heading) read as `exp X/`"),
    "QUOTE_STYLE": (WARNING, "a phrase in single quotes (read as a phrase; Ovid uses double quotes)"),
    "UNUSED_LINES": (WARNING, "searching lines the final line does not use (a combining line left "
                              "out?): only the final line is searched"),
    "LIMIT_EXCEEDED": (ERROR, "a strategy past a size limit: characters, lines, a line range, "
                              "nesting, a chain of line references or the compiled query's length "
                              "(README: Security and reliability)"),
    # a target's rules (reported by `query translate --to TARGET`)
    "PROXIMITY_DEGRADED": (WARNING, "proximity the target cannot express, replaced by AND "
                                    "(broader) or a phrase"),
    "PROXIMITY_DISTRIBUTED": (INFO, "proximity over an OR-group written as one proximity "
                                    "clause per alternative"),
    "WILDCARD_BROADENED": (WARNING, "a wildcard the target lacks, replaced by unlimited `*`"),
    "FIELD_APPROXIMATED": (WARNING, "a field the target lacks, replaced by the nearest one"),
    "FIELD_UNSUPPORTED": (ERROR, "a field the target cannot search at all (part dropped)"),
    "HEADING_NEEDS_MAPPING": (WARNING, "a MeSH heading sent to another thesaurus or none: check "
                                       "the target's own heading (free text offered)"),
    "HEADING_EXPLOSION_LOST": (WARNING, "the target cannot explode a heading"),
    "SHORT_TRUNCATION": (ERROR, "fewer characters before the wildcard than the target allows "
                                "(term dropped)"),
    "LIMIT_UNSUPPORTED": (ERROR, "a limit the target cannot apply (limit dropped)"),
    "LIMIT_APPROXIMATED": (WARNING, "a limit applied through the nearest filter the target has"),
    "HEADING_APPROXIMATED": (WARNING, "a major-topic or subheading restriction the target cannot "
                                      "express: the heading is searched without it (broader)"),
    "WILDCARD_UNSUPPORTED": (ERROR, "the target has no truncation at all: the stem is searched as "
                                    "a whole word (narrower; list the word forms by hand)"),
    "QUERY_TOO_LONG": (ERROR, "the compiled query is longer than the target accepts (it would "
                              "be cut or refused): split it into several searches"),
    "GROUPING_UNDOCUMENTED": (WARNING, "the target does not document parentheses or nested "
                                       "Boolean logic: check the results of each part"),
    "NOT_UNSUPPORTED": (ERROR, "the target cannot exclude this part (only single words can be "
                               "excluded): the part is dropped and the set is broader"),
    "UNTAGGED_TERM": (WARNING, "a term left without a field tag (PubMed maps it automatically)"),
    "NOTHING_TO_TRANSLATE": (ERROR, "no query for the target could be compiled from the strategy's "
                                    "lines (see the other errors)"),
}


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    line: int | None = None
    col: int | None = None
    severity: str = WARNING

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "line": self.line, "col": self.col}

    def format(self, source: str | None = None, path: str | None = None) -> str:
        """``path:line:col: severity CODE: message`` and, with ``source``, the line and a caret."""
        where = ":".join(str(x) for x in (path, self.line, self.col) if x is not None)
        head = f"{where}: " if where else ""
        text = f"{head}{self.severity} {self.code}: {self.message}"
        if source is not None and self.line:
            lines = source.splitlines()
            if 0 < self.line <= len(lines):
                src = lines[self.line - 1].replace("\t", " ")
                at = max(self.col or 1, 1) - 1
                if len(src) > 100:  # a window around the column, so the caret stays readable
                    start = max(0, min(at - 50, len(src) - 100))
                    head = "…" if start else ""
                    tail = "…" if start + 100 < len(src) else ""
                    src = head + src[start:start + 100] + tail
                    at = at - start + len(head)
                caret = " " * at + "^"
                text += f"\n    {src}\n    {caret}"
        return text


def problem(code: str, message: str, line: int | None = None, col: int | None = None,
            severity: str | None = None) -> Problem:
    """A problem with ``code``'s default severity unless ``severity`` is given."""
    if code not in CODES:
        raise KeyError(f"unknown problem code {code}")
    return Problem(code, message, line, col, severity or CODES[code][0])
