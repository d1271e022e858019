"""Size limits of a strategy (README: Security and reliability). Past each one the reader or the
compiler reports LIMIT_EXCEEDED with the line and column where the limit was crossed, and does no
more work on that part: no input can make the readers or compilers build a list, a tree or a
string larger than these bounds, or recurse deeper than Python's stack allows.

Real strategies are far inside them (the largest in queries/ has 60 lines, 6 levels of
parentheses and compiles to a few thousand characters).
"""

from __future__ import annotations

#: characters of strategy text read at all (a strategy file is a few kilobytes)
MAX_STRATEGY_CHARS = 200_000
#: digits of one number (Python refuses to convert more than 4,300)
MAX_NUMBER_DIGITS = 1_000
#: statements (numbered lines); also the highest line number a range such as or/1-N may name
MAX_LINES = 1_000
#: parentheses open at once, and the depth of a line's tree (a long NOT or mixed-adj chain
#: nests one level per operator)
MAX_DEPTH = 50
#: a line referring to a line referring to a line …: the longest such chain
MAX_REFERENCE_DEPTH = 200
#: characters of one compiled query for targets that inline line references (PubMed, Scopus,
#: Web of Science, CINAHL): a line repeating earlier lines can double the output per line
#: (real strategies compile to a few thousand; PubMed's own search box stops far below this)
MAX_OUTPUT_CHARS = 250_000


class OutputTooLarge(Exception):
    """Raised inside a generator when the compiled query would pass MAX_OUTPUT_CHARS; carries
    the strategy line being compiled (caught by the generator's driver, never seen by callers)."""

    def __init__(self, node, size: int):
        super().__init__(size)
        self.node = node
        self.size = size


def tree_depth(node) -> int:
    """Depth of ``node``'s tree (a leaf is 1), without recursion."""
    if node is None:
        return 0
    deepest = 0
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH + 1:
            break
        stack.extend((child, depth + 1) for child in current.children())
    return deepest
