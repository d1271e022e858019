"""Which database's syntax a strategy is written in, from the tokens only one syntax writes: a PubMed
tag (`[tiab]`), an Ovid suffix or heading (`.ti,ab.`, `exp X/`, `adj3`, `or/1-5`), EBSCOhost's `S1` lines
and `(MH "x")`, Embase.com's `'x'/exp`, Scopus's `TITLE-ABS-KEY(`, Web of Science's `TS=` …

A strategy pasted in the wrong box (PubMed's into Ovid's, CINAHL's into Ovid's) is read by the reader
chosen, which reports what it cannot read ('missing operator before (') or, worse, nothing (Scopus's
`TITLE-ABS-KEY(…)` read as PubMed words). ``syntax_signals`` counts each syntax's own tokens;
``screener.query.parsing`` names the one that dominates (SYNTAX_MISMATCH) when it also reads the text
with no more errors than the syntax chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: how a syntax is named in messages (and the workbench's Syntax menu names the same)
SYNTAX_NAMES = {
    "ovid": "Ovid", "pubmed": "PubMed", "embase-com": "Embase.com", "cochrane": "Cochrane Library",
    "ebsco-cinahl": "EBSCOhost CINAHL", "ebsco-psycinfo": "EBSCOhost APA PsycInfo", "scopus": "Scopus",
    "wos": "Web of Science", "proquest": "ProQuest", "europepmc": "Europe PMC",
}

_I, _M = re.I, re.M
_OVID_CODES = r"(?:ti|ab|tw|mp|kf|kw|sh|pt|fs|hw|ot|nm|rn|jn|lg|id|xm|af|tx)"
_EBSCO_GENERIC = [
    re.compile(r"^[ \t]*(?P<at>S\d+)\.?[ \t]+\S", _M),                      # an EBSCOhost history line: S1 …
    re.compile(r"\bS\d+[ \t]+(?:AND|OR|NOT)[ \t]+S\d+\b", _I),      # S1 AND S2
    re.compile(r"\b(?:TI|AB|TX|SU|MW|PT)[ \t]*(?=[(\"“])|\b(?:TI|AB|TX|SU|MW)[ \t]+(?=\w)"),   # TI x, AB (…)
    re.compile(r"[ \t](?<=\w[ \t])[ \t]*[NW]\d+[ \t]+(?=[\w(\"])"),   # a N3 b, a W2 b
]

#: syntax → its own tokens (compiled patterns; a token two syntaxes share counts for both). A pattern
#: that would open with a look-behind opens with its literal instead, the look-behind after it
#: (`:(?<=[\w)]:)` for `(?<=[\w)]):`, the same matches): the regular-expression engine then jumps from
#: one ':' or '.' to the next instead of trying the look-behind at every character (Table 1: 3.7 ms
#: for every syntax's patterns before)
SIGNALS: dict[str, list[re.Pattern]] = {
    "ovid": [
        re.compile(rf"\.(?<=[\w*$?#\")]\.){_OVID_CODES}(?:,{_OVID_CODES})*\.(?=[\s)]|$)", _I),
        re.compile(r"\bexp[ \t]+\*?[^/\n]{2,80}/", _I),
        re.compile(r"^[ \t]*\d+\.?[ \t]+(?P<at>\*?[A-Za-z][^/\[\]:=\n]{1,80}/)[ \t]*(?:\(\d[\d,]*\))?[ \t]*$", _M),
        re.compile(r"\badj\d{0,2}\b", _I),
        re.compile(r"\b(?:or|and)/\d+\s*[-,]", _I),
        re.compile(r"^[ \t]*(?:\d+\.?[ \t]+)?(?P<at>limit)[ \t]+\d+[ \t]+to\b", _I | _M),
    ],
    "pubmed": [
        re.compile(r"\[(?:tiab|ti|ab|mh|mesh|majr|pt|tw|ot|sh|dp|la|au|ta|nm|sb|all fields|title/abstract"
                   r"|title|text word|mesh terms|mesh major topic|publication type|language|filter)"
                   r"(?::[^\]\n]{0,12})?\]", _I),
    ],
    "embase-com": [
        re.compile(r"'[^'\n]{1,120}'/(?:exp|de|mj|br|dd|lim)\b", _I),
        re.compile(r"\[[^\]\n]{2,40}\]/(?:lim|py)\b", _I),
        re.compile(r":(?<=[\w*?')]:)(?:ti|ab|kw|de|it|lnk|tn|dn)(?:,(?:ti|ab|kw|de|it|tn|dn))*\b", _I),
        re.compile(r"\b(?:NEAR|NEXT)/\d+\b", _I),
    ],
    "cochrane": [
        re.compile(r"\[mh[ \t]+\^?[\"\w]", _I),
        re.compile(r"MeSH descriptor:[ \t]*\[", _I),
        re.compile(r":(?<=[\w*?\")]:)(?:ti|ab|kw)(?:,(?:ti|ab|kw))*\b", _I),
        re.compile(r"\b(?:NEAR|NEXT)/\d+\b", _I),
    ],
    "ebsco-cinahl": [re.compile(r"\((?:MH|MM)[ \t]*[\"“]"), re.compile(r"\b(?:MH|MM)[ \t]+[\"“]")] + _EBSCO_GENERIC,
    "ebsco-psycinfo": [re.compile(r"\b(?:DE|MJ)[ \t]+[\"“]")] + _EBSCO_GENERIC,
    "scopus": [
        re.compile(r"\b(?:TITLE-ABS-KEY|TITLE-ABS|AUTHKEY|INDEXTERMS|SRCTITLE|AFFILCOUNTRY|DOCTYPE|LIMIT-TO|"
                   r"EXCLUDE|ALL|ABS|KEY|TITLE)[ \t]*\(", _I),
        re.compile(r"\bPUBYEAR[ \t]*(?:[<>=]|AFT\b|BEF\b|IS\b)", _I),
        re.compile(r"\b(?:W|PRE)/\d+\b", _I),
    ],
    "wos": [re.compile(r"\b(?:TS|TI|AB|AK|KP|SO|AU|WC|SU|PY|DO|OG|IS|TMAC|TMSO|TMIC|ALL)[ \t]*=[ \t]*(?=[(\"“\w])"),
            re.compile(r"\bNEAR/\d+\b", re.I)],     # Web of Science's proximity is Embase.com's and Cochrane's too
    "proquest": [
        re.compile(r"\b(?:ti|ab|su|noft|ft|ti,ab)\((?!\))"),
        re.compile(r"\.(?:EXACT|exact)(?:\.EXPLODE|\.explode)?\("),
    ],
    "europepmc": [re.compile(r"\b(?:TITLE|ABSTRACT|AUTH|KW|MESH|PUB_YEAR|IN_EPMC|OPEN_ACCESS|SRC|METHODS):"
                             r"(?=[\"\w(\[])")],
}
#: on a tie, the syntax named first here is named
ORDER = ("ovid", "pubmed", "ebsco-cinahl", "embase-com", "cochrane", "scopus", "wos", "proquest",
         "ebsco-psycinfo", "europepmc")
#: fewer of a syntax's own tokens than this is a slip, not a strategy written in it
ENOUGH = 2


@dataclass(frozen=True)
class Signals:
    syntax: str
    count: int
    first: int          # offset of its first token in the text
    token: str          # that token, as written


def syntax_signals(text: str) -> dict[str, Signals]:
    """Each syntax with at least one token of its own in ``text``."""
    found: dict[str, Signals] = {}
    scanned: dict[re.Pattern, tuple[int, int, str]] = {}   # a pattern two syntaxes share is scanned once
    for syntax, patterns in SIGNALS.items():
        count, first, token = 0, len(text), ""
        for pattern in patterns:
            if pattern not in scanned:
                scanned[pattern] = _scan(pattern, text)
            n, at, written = scanned[pattern]
            count += n
            if at < first:
                first, token = at, written
        if count:
            found[syntax] = Signals(syntax, count, first, token.strip())
    return found


def _scan(pattern: re.Pattern, text: str) -> tuple[int, int, str]:
    """How many tokens ``pattern`` finds in ``text``, and where its first starts and what it is."""
    at = "at" if "at" in pattern.groupindex else 0    # where the token itself starts
    count, first, token = 0, len(text), ""
    for m in pattern.finditer(text):
        count += 1
        if m.start(at) < first:
            first, token = m.start(at), m.group(at)
    return count, first, token


def dominant_other(text: str, chosen: str) -> Signals | None:
    """The syntax whose own tokens outnumber the chosen syntax's (at least ``ENOUGH`` of them), or None."""
    signals = syntax_signals(text)
    own = signals[chosen].count if chosen in signals else 0
    best = None
    for syntax in ORDER:
        s = signals.get(syntax)
        if s is None or syntax == chosen or s.count < ENOUGH or s.count <= own:
            continue
        if best is None or s.count > best.count:
            best = s
    return best


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based physical line and column of ``offset``."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


_SUGGESTED = re.compile(r"\(--from ([a-z-]+)\)")


def suggested_syntax(problem) -> str | None:
    """The syntax a SYNTAX_MISMATCH problem names (what the workbench's button switches to)."""
    if getattr(problem, "code", None) != "SYNTAX_MISMATCH":
        return None
    m = _SUGGESTED.search(problem.message)
    return m.group(1) if m else None
