"""A history kept as a Markdown table (a README or course notes: `| ID | Search | Hits |`, a rule line `|:---:|:---:|`,
then `| #1 | MeSH descriptor: [x] explode all trees | 1065 |`): the pipes are column breaks, not searched.

``without_markdown_table(source, problems)``: ``source`` with the rule lines blanked and each pipe of the table's rows
a space (every column stays where it was), said once in a note; the header and count columns are then read as each
syntax reads its history's (the Search Manager's `ID Search Hits`, Ovid's `# Searches Results`). Unchanged when there
is no rule line.
"""

from __future__ import annotations

import re
from typing import Any

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?\|?\s*$")


def without_markdown_table(source: str, problems: Any) -> str:
    """``problems``: the reader's Problems (``add(code, message, line, col)``)."""
    if "|" not in source:
        return source
    lines = source.split("\n")
    rules = [k for k, t in enumerate(lines) if _RULE.match(t)]
    rows: set[int] = set()
    for rule in rules:
        if rule > 0 and _ROW.match(lines[rule - 1]):
            rows.add(rule - 1)       # the header row, above the rule
        k = rule + 1
        while k < len(lines) and _ROW.match(lines[k]):
            rows.add(k)
            k += 1
    if not rows:
        return source
    problems.add("ANNOTATION_IGNORED", "a Markdown table: its rule line removed and each | read as a column break",
                 min(rows) + 1, 1)
    for k in rules:
        lines[k] = ""
    for k in rows:
        lines[k] = lines[k].replace("|", " ")
    return "\n".join(lines)
