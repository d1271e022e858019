"""Reading a strategy: the one entry point to the readers (Ovid, PubMed) and the check that it
has no errors. Re-exported by ``screener.query``; here so that ``translate`` can parse without
importing the package that re-exports it."""

from __future__ import annotations

from screener.errors import StrategyParseError, UsageError
from screener.output import counted
from screener.query.codes import problem
from screener.query.line_use import unused_lines
from screener.query.mesh import check_headings, headings_without_slash
from screener.query.nodes import Heading, Strategy
from screener.query.syntax_guess import SYNTAX_NAMES, dominant_other, line_col

#: every syntax ``parse`` reads: Ovid (any Ovid database), PubMed, and each target's own syntax
#: except Google Scholar's (``screener.query.readers.fielded``); ``ovid-medline``… are names for "ovid"
READERS = ("ovid", "pubmed", "ovid-medline", "ovid-embase", "ovid-psycinfo", "ovid-amed",
           "ebsco-cinahl", "scopus", "wos", "embase-com", "cochrane", "proquest", "ebsco-psycinfo",
           "europepmc")
# the Ovid databases by name: each is read as "ovid"
OVID_NAMES = ("ovid-medline", "ovid-embase", "ovid-psycinfo", "ovid-amed")
# the thesaurus of an Ovid database's headings (`X/` in Ovid Embase is Emtree, not MeSH)
OVID_THESAURI = {"ovid-embase": "emtree", "ovid-psycinfo": "apa", "ovid-amed": "amed"}


def parse(text: str, read: str = "ovid", *, suggest: bool = True) -> Strategy:
    """Parse a strategy written in ``read`` syntax (one of ``READERS``). Every heading the reader
    marks as MeSH that is not a MeSH descriptor gets an UNKNOWN_HEADING warning
    (``screener.query.mesh``, offline); Emtree, CINAHL and APA headings are not checked. A text that
    looks written in another syntax, which reads it with no more errors, gets SYNTAX_MISMATCH naming
    that syntax (``suggest=False``: not looked for)."""
    name = "ovid" if read in OVID_NAMES else read
    if name == "ovid":
        # lazy: a reader takes 0.05 s to load, and every command loads screener.query (most parse nothing)
        from screener.query.readers.ovid import parse_ovid
        strategy = parse_ovid(text)
    elif name == "pubmed":
        # lazy: a reader takes 0.05 s to load, and every command loads screener.query (most parse nothing)
        from screener.query.readers.pubmed import parse_pubmed
        strategy = parse_pubmed(text)
    elif name in READERS:
        # lazy: a reader takes 0.05 s to load, and every command loads screener.query (most parse nothing)
        from screener.query.readers.fielded import parse_fielded
        strategy = parse_fielded(text, name)
    else:
        raise UsageError(f"unknown query syntax {read!r}; use one of: {', '.join(READERS)}")
    if read in OVID_THESAURI:
        _headings_of(strategy, OVID_THESAURI[read])
        strategy.database = read
    found = check_headings(strategy) + unused_lines(strategy)
    if read in ("ovid", "ovid-medline"):      # MeSH is Ovid MEDLINE's thesaurus (Embase's is Emtree)
        found += headings_without_slash(strategy)
    if suggest:
        found += _other_syntax(text, name, strategy)
    if found:
        strategy.problems = sorted(strategy.problems + found,
                                   key=lambda p: (p.line or 0, p.col or 0, p.code))
    return strategy


def _other_syntax(text: str, name: str, strategy: Strategy) -> list:
    """One SYNTAX_MISMATCH warning when another syntax's own tokens outnumber the chosen one's and that
    syntax reads the text with no more errors (a PubMed strategy in the Ovid box, CINAHL's S1 lines)."""
    other = dominant_other(text, name)
    if other is None:
        return []
    errors = len([p for p in strategy.problems if p.severity == "error"])
    theirs = len(parse(text, other.syntax, suggest=False).errors)
    if theirs > errors:
        return []
    line, col = line_col(text, other.first)
    said, chosen = SYNTAX_NAMES[other.syntax], SYNTAX_NAMES.get(name, name)
    token = other.token if len(other.token) <= 30 else other.token[:29] + "…"
    outcome = (f"read as {chosen}, it has {counted(errors, 'error')}; as {said}, {theirs or 'none'}" if errors
               else f"read as {chosen}, {said}'s own syntax is only guessed at or searched as words")
    return [problem("SYNTAX_MISMATCH",
                    f"this looks like {said} syntax (`{token}` and {other.count - 1} more of its own), not "
                    f"{chosen}'s: choose {said} as the source syntax (--from {other.syntax}); {outcome}",
                    line, col)]


def _headings_of(strategy: Strategy, thesaurus: str) -> None:
    """An Ovid Embase, PsycINFO or AMED strategy's headings are that database's thesaurus: not checked
    against MeSH, and mapped (HEADING_NEEDS_MAPPING) when written for a MeSH database."""
    for ln in strategy.lines:
        if ln.node is not None:
            for node in ln.node.walk():
                if isinstance(node, Heading) and node.thesaurus == "mesh":
                    node.thesaurus = thesaurus


def parse_or_raise(text: str, read: str = "ovid") -> Strategy:
    """Like ``parse`` but raises ``StrategyParseError`` (with ``.problems``) when there are errors."""
    return raise_for_errors(parse(text, read))


def raise_for_errors(strategy: Strategy) -> Strategy:
    """``strategy`` itself, or ``StrategyParseError`` naming its first error's line and column
    (``.problems``: all of them) — for anything that must not run a strategy with errors."""
    errors = strategy.errors
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise StrategyParseError(f"line {first.line}, column {first.col}: {first.code}: "
                                 f"{first.message}{more}", strategy.problems)
    return strategy
