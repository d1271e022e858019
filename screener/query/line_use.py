"""Lines the final line does not use.

A database runs a strategy's final line; a line that the final line does not reach through its
line references is searched by nobody. In a pasted Ovid history that is almost always a slip: the
combining line (`7 3 and 6`) was left out, and the compiled query would search one concept alone
(lines 1–3 dropped without a word, a far larger result set). ``unused_lines`` says so once, at the
first such line, naming them all (a warning: a history may keep a line on purpose)."""

from __future__ import annotations

from screener.query.codes import Problem, problem
from screener.query.nodes import LineRef, Strategy

# how each syntax writes a line number in a combining line (`3 and 7`, `#3 AND #7`); EBSCOhost's are
# S-numbers, every other numbered-history syntax's #-numbers
REFERENCE_PREFIX = {"ovid": "", "pubmed": "#"}


def unused_lines(strategy: Strategy) -> list[Problem]:
    """One UNUSED_LINES warning when some searching line is not reached from the final line."""
    final = strategy.final
    if final is None or final.node is None:
        return []
    used = {final.number}
    pending = [final.node]
    while pending:
        for node in pending.pop().walk():
            if isinstance(node, LineRef) and node.number not in used:
                referred = strategy.line(node.number)
                if referred is not None and referred.node is not None:
                    used.add(node.number)
                    pending.append(referred.node)
    unused = [ln for ln in strategy.lines if ln.node is not None and ln.number not in used]
    if not unused:
        return []
    # the unused lines no other unused line refers to: what a combining line would name
    referred_by_unused = {node.number for ln in unused for node in ln.node.walk()    # type: ignore[union-attr]
                          if isinstance(node, LineRef)}
    # (none when unused lines refer to one another in a loop: a BAD_LINE_REFERENCE error says so)
    tops = [ln.number for ln in unused if ln.number not in referred_by_unused] or [unused[-1].number]
    last = max(ln.number for ln in strategy.lines)
    # in the strategy's own syntax: PubMed and EBSCOhost do not read Ovid's `8 3 and 7`
    prefix = REFERENCE_PREFIX.get(strategy.dialect, "S" if strategy.dialect.startswith("ebsco") else "#")
    joiner = " and " if prefix == "" else " AND "
    example = f"{prefix}{last + 1} " + joiner.join(f"{prefix}{n}" for n in [*tops, final.number])
    first = unused[0]
    numbers = [ln.number for ln in unused]
    return [problem("UNUSED_LINES", f"{_lines(numbers)} {'is' if len(numbers) == 1 else 'are'} not used by "
                    f"line {final.number}, the final line (the one searched): add the line that combines "
                    f"{_lines(tops)} with it (e.g. `{example}`), or delete "
                    f"{'it' if len(numbers) == 1 else 'them'}", first.line, first.col)]


def _lines(numbers: list[int]) -> str:
    """'line 4', 'lines 1–3 and 5'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [part for r in runs for part in ([f"{r[0]}–{r[-1]}"] if len(r) > 2 else map(str, r))]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return ("line " if len(numbers) == 1 else "lines ") + text
