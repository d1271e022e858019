"""The syntaxes the fielded reader reads, as data: one ``Syntax`` per database (``SYNTAXES``):
field style and codes, heading forms, proximity operators, wildcards, line references, limits and
the precedence of AND, OR and NOT. ``fielded.py`` reads any of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from screener.query.fields import SUBHEADINGS, heading_display_name
from screener.query.nodes import BoolOp, Heading, Term
from screener.query.readers.cochrane_export import ADDED, added_limit, export_read
from screener.query.readers.ebsco_history import ebsco_history_read
from screener.query.tokens import Problems

QUOTES = '"“”'


@dataclass
class Syntax:
    name: str
    label: str
    #: field code (lower case) → canonical fields it searches
    fields: Mapping[str, tuple[str, ...]]
    #: "suffix" (term:ti,ab), "paren" (TITLE(x)), "equals" (TS=x), "colon" (TITLE:x),
    #: "space" (TI x)
    field_style: str
    #: fields of a term written without one
    default_fields: tuple[str, ...] = ("all",)
    #: (regex matched at the token's start, builder(match, line, col) -> Node)
    headings: list = field(default_factory=list)
    #: (regex, (n → Ovid distance, ordered)) for proximity operators
    proximity: list = field(default_factory=list)
    #: target wildcard → canonical (Ovid) notation; "[*n]" handled by limited_re
    wildcards: dict[str, str] = field(default_factory=lambda: {"*": "*", "?": "#"})
    limited_re: re.Pattern | None = None
    #: line reference prefix: "#" or "S"
    ref_prefix: str = "#"
    #: (regex, builder(match) -> Filter kind, value, text)
    limits: list = field(default_factory=list)
    #: precedence of and/or/not (higher binds tighter); equal values: left to right
    precedence: dict[str, int] = field(default_factory=lambda: {"not": 3, "and": 2, "or": 1})
    precedence_note: str = "NOT, then AND, then OR"
    #: words written side by side: "and" (each word a term) or "phrase"
    juxtapose: str = "and"
    single_quotes: bool = False
    exact_braces: bool = False      # Scopus {exact phrase}
    thesaurus: str = "mesh"
    #: the text the reader reads, from the text as exported (the Cochrane Search Manager's header and counts)
    exported: Callable[[str, Problems], str] | None = None


# --------------------------------------------------------------------------- helpers

def _headings_ored(listed: str, explode: bool, thesaurus: str):
    """ProQuest's `MAINSUBJECT.EXACT("A" OR "B")`: each name a heading, ORed (one heading when one name)."""
    names = re.findall(r'"([^"]+)"', listed)

    def build(line: int, col: int, written: str):
        heads = [Heading(line, col, name=" ".join(n.split()), explode=explode, thesaurus=thesaurus, written=written)
                 for n in names]
        return heads[0] if len(heads) == 1 else BoolOp(line, col, op="or", operands=tuple(heads))
    return build


def _heading(name: str, explode: bool, major: bool = False, subs: tuple[str, ...] = (),
             thesaurus: str = "mesh", lower_ok: bool = False):
    def build(line: int, col: int, written: str) -> Heading:
        shown = name if lower_ok else heading_display_name(name)
        return Heading(line, col, name=" ".join(shown.split()), explode=explode, major=major,
                       subheadings=subs, thesaurus=thesaurus, written=written)
    return build


def _field_term(name: str, fields: tuple[str, ...]):
    """``'review'/it``: a term in one field written Embase's slash way."""
    def build(line: int, col: int, written: str) -> Term:
        return Term(line, col, text=" ".join(name.split()), phrase=" " in name.strip(), fields=fields,
                    implicit=False, suffix=fields)
    return build


def _heading_with_subheading(written: str, explode: bool):
    """``"Urinary Incontinence/Radiotherapy"`` (a subheading spelt out inside the quotes, as PubMed writes it): the
    heading with that subheading; the whole as the name when the part after '/' is no subheading."""
    name, _, sub = written.rpartition("/")
    if name and sub.strip().lower() in SUBHEADINGS.values():
        return _heading(name, explode, subs=(sub.strip().lower(),))
    return _heading(written, explode)


def _subs(codes: str | None) -> tuple[str, ...]:
    if not codes:
        return ()
    return tuple(SUBHEADINGS.get(c.strip().lower(), c.strip().lower())
                 for c in re.split(r"[,/]", codes) if c.strip())


def _near(offset: int = 1, ordered: bool = False, default: int | None = None):
    def conv(m: re.Match) -> tuple[int, bool]:
        n = m.group(1) if m.groups() and m.group(1) is not None else None
        return (int(n) + offset if n is not None else (default or 1)), ordered
    return conv


def _lang(m: re.Match) -> tuple[str, object]:
    return "language", m.group(1).strip("'\"").lower()


def _years(m: re.Match) -> tuple[str, object]:
    return "year", (int(m.group(1)), int(m.group(2)))


def _scopus_refine(m: re.Match) -> tuple[str, object]:
    """``LIMIT-TO(DOCTYPE, "ar")``, ``EXCLUDE(SUBJAREA, "VETE")``: Scopus's refine-results limits other than
    the language and the year; kept as written for Scopus (kind ``scopus``), no other database has them."""
    value = m.group("value")
    return "scopus", f'{m.group("verb").upper()}({m.group("field").upper()}, {value.strip()})'


#: EBSCOhost's publication-date limit: PD or DT, years with or without month and day
_EBSCO_DATE_RE = re.compile(r"\b(?:PD|DT)\s+(\d{4})(?P<approx>\d{2}(?:\d{2})?)?\s*-\s*(\d{4})(?P<approx2>\d{2}(?:\d{2})?)?\b")


_EPMC_LANG = {"eng": "english", "fre": "french", "ger": "german", "spa": "spanish",
              "ita": "italian", "por": "portuguese", "dut": "dutch", "chi": "chinese",
              "jpn": "japanese", "rus": "russian", "dan": "danish", "swe": "swedish",
              "nor": "norwegian", "fin": "finnish", "pol": "polish", "kor": "korean"}

F_TIAB = ("ti", "ab")
_EMBASE_FIELDS = {
    "ti": ("ti",), "ab": ("ab",), "kw": ("kf",), "tt": ("ot",), "de": ("hw",), "mj": ("hw",),
    "au": ("au",), "jt": ("jn",), "la": ("lg",), "py": ("yr",), "it": ("pt",), "dn": ("nm",),
    "tn": ("nm",), "lnk": ("fs",), "ff": ("ad",), "rn": ("rn",), "dv": ("dv",), "ui": ("ui",),
    "tw": F_TIAB, "ad": ("ad",), "ca": ("ad",), "so": ("jn",), "dm": ("dv",), "mn": ("nm",),
    "is": ("is",),
}
_COCHRANE_FIELDS = {
    "ti": ("ti",), "ab": ("ab",), "kw": ("kf",), "au": ("au",), "so": ("jn",), "pt": ("pt",),
    "yr": ("yr",), "tw": F_TIAB, "mh": ("hw",), "doi": ("ui",), "an": ("ui",),
}
_EBSCO_FIELDS = {
    "ti": ("ti",), "ab": ("ab",), "tx": ("all",), "kw": ("kf",), "su": ("hw",), "mw": ("hw",),
    "au": ("au",), "so": ("jn",), "la": ("lg",), "pt": ("pt",), "dt": ("yr",), "af": ("ad",),
    "rn": ("rn",), "pm": ("ui",), "zg": ("hw",), "de": ("hw",), "zc": ("hw",),
    # `MH (crossover design)`: the words in the subject headings (`MH "x"`, `MH x` are the heading itself, read first)
    "mh": ("hw",), "mm": ("hw",),
}
_PROQUEST_FIELDS = {
    "ti": ("ti",), "ab": ("ab",), "if": ("kf",), "noft": ("mp",), "all": ("all",),
    "au": ("au",), "pub": ("jn",), "la": ("lg",), "yr": ("yr",), "af": ("ad",),
    "dtype": ("pt",), "su": ("hw",), "rn": ("rn",), "pmid": ("ui",), "sub": ("hw",),
    # `stype.exact("Scholarly Journals")` (source type), `la.exact("ENG")`, `mainsubject(…)` (subject words)
    "stype": ("stype",), "stype.exact": ("stype",), "la.exact": ("lg",), "mainsubject": ("hw",),
}
_SCOPUS_FIELDS = {
    "title": ("ti",), "abs": ("ab",), "authkey": ("kf",), "title-abs": F_TIAB,
    "title-abs-key": ("ti", "ab", "kf", "kw"), "all": ("all",), "auth": ("au",),
    "srctitle": ("jn",), "language": ("lg",), "affil": ("ad",), "pmid": ("ui",),
    "casregnumber": ("rn",), "chemname": ("nm",), "chem": ("nm",), "doctype": ("pt",),
    "indexterms": ("hw",), "key": ("kf", "kw"),
    "doi": ("ui",),
}
_WOS_FIELDS = {
    "ts": ("ti", "ab", "kf", "kw"), "ti": ("ti",), "ab": ("ab",), "ak": ("kf",), "all": ("all",),
    "au": ("au",), "so": ("jn",), "la": ("lg",), "py": ("yr",), "ad": ("ad",), "pmid": ("ui",),
    "dt": ("pt",), "kp": ("kw",), "is": ("is",),   # IS= ISSN/ISBN
    "wc": ("wc",), "su": ("wc",),                  # WC= Web of Science categories, SU= research areas
    "tmac": ("tmac",), "tmso": ("tmso",), "tmic": ("tmic",),   # citation topics: macro, meso, micro
}
_EPMC_FIELDS = {
    "title": ("ti",), "abstract": ("ab",), "kw": ("kf",), "auth": ("au",), "journal": ("jn",),
    "lang": ("lg",), "pub_year": ("yr",), "aff": ("ad",), "pub_type": ("pt",), "chem": ("nm",),
    "ext_id": ("ui",), "mesh": ("hw",),
}

_Q = r"""(?:'(?P<sq>[^']+)'|"(?P<dq>[^"]+)"|(?P<bare>[A-Za-z][\w\-]*))"""
# quoted only: a bare word with a slash (HIV/AIDS) is a word
#: Emtree subheading links after a heading: `/dm_th`, `/dd_ae,dd_to`
EMBASE_SUBHEADING = re.compile(r"/[a-z]{2}_[a-z]{2,3}(?:,[a-z]{2}_[a-z]{2,3})*\b", re.I)
EMBASE_SLASH = re.compile(r"""(?:'(?P<sq>[^']+)'|"(?P<dq>[^"]+)")/(?P<code>[A-Za-z]{2,4})\b""")


def quoted_name(m: re.Match) -> str:
    return m.group("sq") or m.group("dq") or m.group("bare")


# EBSCOhost's field codes as written before a term (a heading's unquoted words stop at the next one)
_EBSCO_CODES = r"(?:TI|AB|TX|SU|MW|KW|AU|SO|PT|MH|MM|DE|MJ|LA|S\d+)\b"


def _ebsco(name: str, label: str, heading: str, major: str, thesaurus: str) -> Syntax:
    """EBSCOhost's syntax, one for all its databases: they differ only in the codes of a heading
    and of a major heading (``MH "x+"``, ``MM "x"`` in CINAHL) and in the thesaurus behind them."""
    return Syntax(
        name, label, _EBSCO_FIELDS, "space", ("mp",),
        # `(MH "x+")` takes its parentheses only as a pair: in `(MH "x" OR y)` the `(` opens the group; the
        # quotes may be a word processor's, and the space after the code may be missing (`MH"x"`)
        # the code in lower case (`mh "x"`) is read too, said by the scanner (EBSCOhost's help writes them in
        # capitals); a heading of one word may go unquoted (`MH Enuresis`), the lower-case code then only `mh`
        # (`de novo`, `mm Hg` are words)
        headings=[(re.compile(rf'(?P<open>\(\s*)?(?P<code>(?i:{heading}|{major}))\s*["“”](?P<dq>[^"“”+]+)(?P<plus>\+)?["“”]'
                              r'(?(open)\s*\))'),
                   lambda m: _heading(m.group("dq"), bool(m.group("plus")), m.group("code").upper() == major,
                                      thesaurus=thesaurus)),
                  (re.compile(rf'(?P<open>\(\s*)?(?P<code>{heading}|{major}{"|mh" if heading == "MH" else ""})\s+'
                              # several words up to an operator, a field code or a parenthesis (`MH palliative
                              # care`: EBSCOhost reads words side by side as a phrase)
                              r'(?P<bare>[A-Za-z][\w\-]*(?:[ \t]+(?!(?i:and|or|not)\b)(?!' + _EBSCO_CODES + r')'
                              r'[A-Za-z][\w\-]*)*)(?P<plus>\+)?(?![\w"“”])(?(open)\s*\))'),
                   lambda m: _heading(m.group("bare"), bool(m.group("plus")), m.group("code") == major,
                                      thesaurus=thesaurus))],
        proximity=[(re.compile(r"N(\d+)"), _near()), (re.compile(r"W(\d+)"), _near(ordered=True))],
        wildcards={"*": "*", "?": "#", "#": "?"}, ref_prefix="S",
        limits=[(re.compile(r"LA\s+(\w+)"), _lang),
                (_EBSCO_DATE_RE, lambda m: ("year", (int(m.group(1)), int(m.group(3)))))],
        precedence={"not": 1, "and": 1, "or": 1}, precedence_note="left to right",
        juxtapose="phrase", thesaurus=thesaurus, exported=ebsco_history_read)


SYNTAXES: dict[str, Syntax] = {
    "embase-com": Syntax(
        "embase-com", "Embase.com", _EMBASE_FIELDS, "suffix", ("all",),
        headings=[
            (re.compile(_Q + r"/(?P<kind>exp|de|mj|syn)(?P<mj>/mj)?", re.I),
             lambda m: _heading(quoted_name(m), m.group("kind").lower() in ("exp",),
                                bool(m.group("mj")) or m.group("kind").lower() == "mj",
                                thesaurus="emtree", lower_ok=True)),
            (re.compile(_Q + r"/it\b", re.I), lambda m: _field_term(quoted_name(m), ("pt",))),
            # `'puberty/de or …`: the heading's closing quote left out (UNBALANCED_QUOTE at the quote, by the reader)
            (re.compile(r"'(?P<unclosed>[^'/]+)/(?P<kind>exp|de|mj|syn)\b(?P<mj>/mj)?", re.I),
             lambda m: _heading(m.group("unclosed").strip(), m.group("kind").lower() == "exp",
                                bool(m.group("mj")) or m.group("kind").lower() == "mj", thesaurus="emtree", lower_ok=True)),
        ],
        proximity=[(re.compile(r"NEAR/(\d+)", re.I), _near()),
                   (re.compile(r"NEXT/(\d+)", re.I), _near(ordered=True))],
        wildcards={"*": "*", "?": "#", "$": "?"},
        limits=[(re.compile(r"\[(?P<v>[a-z][a-z \-]*)\]/lim", re.I), None),
                (re.compile(r"\[(\d{4})\s*-\s*(\d{4})\]/py", re.I), _years)],
        single_quotes=True, juxtapose="phrase", thesaurus="emtree",
        precedence_note="NEAR/NEXT, then NOT, then AND, then OR"),
    "cochrane": Syntax(
        "cochrane", "Cochrane Library", _COCHRANE_FIELDS, "suffix", ("all",),
        headings=[
            (re.compile(r"\[mh\s+(?P<caret>\^)?\s*" + _Q + r"(?:/(?P<q>[A-Za-z]{2}(?:,[A-Za-z]{2})*))?\s*\]",
                        re.I),
             lambda m: _heading(quoted_name(m), not m.group("caret"), subs=_subs(m.group("q")))),
            # `[mh "child] OR …`: the heading's closing quote left out (UNBALANCED_QUOTE at the quote, by the reader)
            (re.compile(r'\[mh\s+(?P<caret>\^)?\s*"(?P<unclosed>[^"\]]+)\]', re.I),
             lambda m: _heading(m.group("unclosed").strip(), not m.group("caret"))),
            # `mh "Urinary Incontinence"`, `mh Enuresis`: EBSCOhost's way, without Cochrane's brackets (FOREIGN_SYNTAX
            # by the scanner, read as the heading meant)
            (re.compile(r'(?P<foreign_mh>mh)\s+(?P<caret>\^)?\s*(?:["“”](?P<dq>[^"“”\]]+)["“”]|(?P<bare>[A-Za-z][\w\-]*)'
                        r'(?![\w"“”:]))', re.I),
             lambda m: _heading_with_subheading(m.group("dq") or m.group("bare"), not m.group("caret"))),
            # the Search Manager's every heading with one qualifier: the subheading (Ovid's dt.fs., PubMed's [sh])
            (re.compile(r"Any MeSH descriptor with qualifiers?(?:\(s\))?:\s*\[(?P<qname>[^\]\-\u2010\u2013]+?)"
                        r"(?:\s*[-\u2010\u2013]\s*(?P<qcode>[A-Za-z]{2}))?\s*\]", re.I),
             lambda m: _field_term((m.group("qcode") or m.group("qname")).strip().lower(), ("fs",))),
            # the Cochrane Library's syntax before its 2013 interface, as older reviews' appendices print it:
            # `MeSH descriptor Ovarian Neoplasms explode all trees`, `MeSH descriptor Cachexia, this term only`, with
            # `with qualifier: DT` after it, and `Any MeSH descriptor with qualifier: SU` (no colon, no brackets; the
            # name ends where `explode all trees` or `this term only` starts)
            (re.compile(r"Any MeSH descriptor with qualifiers?:\s*(?P<qcode>[A-Za-z]{2})\b", re.I),
             lambda m: _field_term(m.group("qcode").lower(), ("fs",))),
            (re.compile(r"MeSH descriptor\s+(?P<bare>[^\[\]:\n]+?),?\s+(?:(?P<exp>explode all trees)|this term only)"
                        r"(?:\s+with qualifiers?:\s*(?P<q>[A-Za-z]{2}(?:\s*,\s*[A-Za-z]{2})*)\b)?", re.I),
             lambda m: _heading(m.group("bare").strip(), bool(m.group("exp")),
                                subs=tuple(s.strip().lower() for s in (m.group("q") or "").split(",") if s.strip()))),
            (re.compile(r"MeSH descriptor:\s*\[(?P<bare>[^\]]+)\](?P<exp>\s*explode all trees)?"
                        r"(?:\s*this term only)?(?:\s*and with qualifiers?\(s\):\s*\[(?P<q>[^\]]+)\])?",
                        re.I),
             lambda m: _heading(m.group("bare"), bool(m.group("exp")),
                                subs=tuple(s.split(" - ")[0].strip().lower()
                                           for s in (m.group("q") or "").split(",") if s.strip()))),
        ],
        proximity=[(re.compile(r"NEAR/(\d+)", re.I), _near()),
                   (re.compile(r"NEAR(?![/\w])", re.I), _near(default=7)),
                   (re.compile(r"NEXT(?![/\w])", re.I), lambda m: (1, True))],
        wildcards={"*": "*", "?": "#"}, juxtapose="phrase", exported=export_read,
        limits=[(re.compile(r"(\d{4})\s*-\s*(\d{4})\s*:\s*yr\b", re.I), _years), (ADDED, added_limit)]),
    "scopus": Syntax(
        "scopus", "Scopus", _SCOPUS_FIELDS, "paren", ("all",),
        headings=[(re.compile(r'INDEXTERMS\(\s*"(?P<dq>[^"]+)"\s*\)', re.I),
                   lambda m: _heading(m.group("dq"), False))],
        proximity=[(re.compile(r"W/(\d+)", re.I), _near()),
                   (re.compile(r"PRE/(\d+)", re.I), _near(ordered=True))],
        wildcards={"*": "*", "?": "#"},
        limits=[(re.compile(r"LANGUAGE\(\s*(\w+)\s*\)", re.I), _lang),
                # Scopus's refine limits, as its advanced search writes them back (`LIMIT-TO ( LANGUAGE , "English" )`)
                (re.compile(r'LIMIT-TO\s*\(\s*LANGUAGE\s*,\s*"?(\w+)"?\s*\)', re.I), _lang),
                (re.compile(r'LIMIT-TO\s*\(\s*PUBYEAR\s*,\s*(\d{4})\s*\)', re.I),
                 lambda m: ("year", (int(m.group(1)), int(m.group(1))))),
                (re.compile(r'(?P<verb>LIMIT-TO|EXCLUDE)\s*\(\s*(?P<field>[A-Z][A-Z-]*)\s*,\s*(?P<value>"[^"]*"|[^\s",)]+)\s*\)',
                            re.I), _scopus_refine),
                (re.compile(r"\(\s*PUBYEAR\s*>\s*(\d{4})\s+AND\s+PUBYEAR\s*<\s*(\d{4})\s*\)", re.I),
                 lambda m: ("year", (int(m.group(1)) + 1, int(m.group(2)) - 1))),
                # the other ways Scopus writes a year (before, each was searched as words):
                # the pair unparenthesised, after / before (1000: no lower bound), one year
                (re.compile(r"PUBYEAR\s*>\s*(\d{4})\s+AND\s+PUBYEAR\s*<\s*(\d{4})", re.I),
                 lambda m: ("year", (int(m.group(1)) + 1, int(m.group(2)) - 1))),
                (re.compile(r"PUBYEAR\s*(?:>|AFT\b)\s*(\d{4})", re.I),
                 lambda m: ("year", (int(m.group(1)) + 1, None))),
                (re.compile(r"PUBYEAR\s*(?:<|BEF\b)\s*(\d{4})", re.I),
                 lambda m: ("year", (1000, int(m.group(1)) - 1))),
                (re.compile(r"PUBYEAR\s*(?:=|IS\b)\s*(?:\(\s*(\d{4})\s*\)|(\d{4}))", re.I),
                 lambda m: ("year", (int(m.group(1) or m.group(2)), int(m.group(1) or m.group(2)))))],
        precedence={"or": 3, "and": 2, "not": 1}, precedence_note="OR, then AND, then AND NOT",
        exact_braces=True),
    "wos": Syntax(
        "wos", "Web of Science", _WOS_FIELDS, "equals", ("ti", "ab", "kf", "kw"),
        proximity=[(re.compile(r"NEAR/(\d+)", re.I), _near()),
                   (re.compile(r"NEAR(?![/\w])", re.I), _near(default=16))],
        wildcards={"*": "*", "?": "#", "$": "?"},
        limits=[(re.compile(r"LA\s*=\s*\(?\s*(\w+)\s*\)?", re.I), _lang),
                (re.compile(r"PY\s*=\s*\(?\s*(\d{4})\s*-\s*(\d{4})\s*\)?", re.I), _years)],
        precedence={"not": 3, "and": 2, "or": 1}),
    "ebsco-cinahl": _ebsco("ebsco-cinahl", "EBSCO CINAHL", "MH", "MM", "cinahl"),
    "ebsco-psycinfo": _ebsco("ebsco-psycinfo", "EBSCO PsycInfo", "DE", "MJ", "apa"),
    "proquest": Syntax(
        "proquest", "ProQuest", _PROQUEST_FIELDS, "paren", ("all",),
        headings=[(re.compile(r'(?P<mj>MJ)?MESH\.EXACT(?P<exp>\.EXPLODE)?\(\s*"(?P<dq>[^"]+)"\s*\)', re.I),
                   lambda m: _heading(m.group("dq"), bool(m.group("exp")), bool(m.group("mj")))),
                  # APA PsycInfo's (and other ProQuest databases') own thesaurus: MAINSUBJECT.EXACT.EXPLODE("x"), also
                  # with several headings ORed inside the one pair of parentheses
                  (re.compile(r'MAINSUBJECT\.EXACT(?P<exp>\.EXPLODE)?\(\s*(?P<list>"[^"]+"(?:\s+OR\s+"[^"]+")*)\s*\)',
                              re.I), lambda m: _headings_ored(m.group("list"), bool(m.group("exp")), "apa"))],
        proximity=[(re.compile(r"(?:NEAR|N)/(\d+)", re.I), _near()),
                   (re.compile(r"(?:PRE|P)/(\d+)", re.I), _near(ordered=True))],
        wildcards={"*": "*", "?": "#"}, limited_re=re.compile(r"\[\*(\d+)\]"), ref_prefix="S",
        limits=[(re.compile(r"la\(\s*(\w+)\s*\)", re.I), _lang),
                (re.compile(r"yr\(\s*(\d{4})\s*-\s*(\d{4})\s*\)", re.I), _years)],
        precedence={"and": 3, "or": 2, "not": 1}, precedence_note="AND, then OR, then NOT"),
    "europepmc": Syntax(
        "europepmc", "Europe PMC", _EPMC_FIELDS, "colon", ("all",),
        headings=[(re.compile(r'MESH:\s*"(?P<dq>[^"]+)"', re.I),
                   lambda m: _heading(m.group("dq"), False))],
        wildcards={"*": "*"},
        limits=[(re.compile(r"LANG:\s*(\w+)", re.I),
                 lambda m: ("language", _EPMC_LANG.get(m.group(1).lower(), m.group(1).lower()))),
                (re.compile(r"PUB_YEAR:\s*\[\s*(\d{4})\s+TO\s+(\d{4})\s*\]", re.I), _years)],
        precedence={"and": 2, "not": 2, "or": 1}, precedence_note="AND and NOT, then OR"),
}

