"""Reading a strategy: the one entry point to the readers (Ovid, PubMed) and the check that it
has no errors. Re-exported by ``screener.query``; here so that ``translate`` can parse without
importing the package that re-exports it."""

from __future__ import annotations

from screener.query.nodes import Strategy

READERS = ("ovid", "pubmed")


def parse(text: str, read: str = "ovid") -> Strategy:
    """Parse a strategy written in ``read`` syntax ("ovid" or "pubmed")."""
    if read == "ovid":
        from screener.query.ovid import parse_ovid
        return parse_ovid(text)
    if read == "pubmed":
        from screener.query.pubmed import parse_pubmed
        return parse_pubmed(text)
    from screener.errors import UsageError
    raise UsageError(f"unknown query syntax {read!r}; use one of: {', '.join(READERS)}")


def parse_or_raise(text: str, read: str = "ovid") -> Strategy:
    """Like ``parse`` but raises ``StrategyParseError`` (with ``.problems``) when there are errors."""
    return raise_for_errors(parse(text, read))


def raise_for_errors(strategy: Strategy) -> Strategy:
    """``strategy`` itself, or ``StrategyParseError`` naming its first error's line and column
    (``.problems``: all of them) — for anything that must not run a strategy with errors."""
    errors = strategy.errors
    if errors:
        from screener.errors import StrategyParseError
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise StrategyParseError(f"line {first.line}, column {first.col}: {first.code}: "
                                 f"{first.message}{more}", strategy.problems)
    return strategy
