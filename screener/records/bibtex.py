"""BibTeX (Web of Science, Scopus, EBSCOhost, Google Scholar, EndNote, Zotero, JabRef exports).

Parsing (entries, ``@string`` macros, ``{…}``/``"…"`` delimiters, comments) is bibtexparser 2's; the
mapping from entry fields to the record model is ours, in ``FIELDS`` (field → BibTeX field names read,
first non-empty wins; the first is the one ``write_bibtex`` writes), so reader and writer share it.
Every field is kept verbatim (as in the file, macros resolved) in ``Record.tags`` under its own name,
``ENTRYTYPE`` and ``ID`` included — WoS's ``Unique-ID`` and ``DA``, Scopus's ``source`` and
``note = {cited By 4}``, anything unknown. LaTeX in the normalised fields is decoded ({\\"u} → ü),
authors are split at `` and `` outside braces (``screener.records.authors``), month macros
(``jan``…``dec``) are read, and Scopus's ``Scopus / EXPORT DATE: …`` header is kept as the first
record's ``extra["preamble"]``.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass

from pylatexenc.latex2text import LatexNodes2Text

from screener.errors import SKIP_BAD
from screener.records.authors import split_bibtex_names
from screener.records.base import (
    Collector,
    RejectedRecord,
    canonical_database,
    clean_doi,
    clean_space,
    flags_for,
    issns,
    parse_year,
    unique,
)
from screener.records.model import Record


@dataclass(frozen=True)
class BibField:
    field: str
    names: tuple[str, ...]       # lower-case BibTeX field names, first non-empty wins; names[0] is written


FIELDS: tuple[BibField, ...] = (
    BibField("title", ("title",)),
    BibField("authors", ("author",)),
    BibField("year", ("year", "date", "earlyaccessdate")),     # WoS: a record online before its issue
    BibField("journal", ("journal", "journaltitle", "booktitle")),
    BibField("journal_abbrev", ("shortjournal", "journal-iso", "abbrev_source_title", "journalabbrev")),
    BibField("volume", ("volume",)),
    BibField("issue", ("number", "issue")),
    BibField("pages", ("pages",)),
    BibField("abstract", ("abstract",)),
    BibField("doi", ("doi",)),
    BibField("issn", ("issn", "eissn")),
    BibField("keywords", ("keywords", "author_keywords", "author-keywords", "keywords-plus")),
    BibField("language", ("language", "langid")),
    BibField("publication_types", ("type", "document_type", "type-of-work")),
    BibField("urls", ("url",)),
    BibField("pmid", ("pmid", "pubmed_id", "pubmedid")),
    BibField("database", ("source", "database")),
)
FIELD_BY_NAME = {f.field: f for f in FIELDS}

MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                      "nov", "dec"), 1)}

# record reference types (RIS codes and others) → BibTeX entry types, for writing
ENTRY_TYPES = (
    (re.compile(r"^(jour|article|journal article|ejour|mgzn|news|inpr|abst)$", re.I), "article"),
    (re.compile(r"^(conf|cpaper|inproceedings|conference paper|proceedings paper)$", re.I), "inproceedings"),
    (re.compile(r"^(book|ebook|edbook)$", re.I), "book"),
    (re.compile(r"^(chap|echap|incollection|inbook|book section|book chapter)$", re.I), "incollection"),
    (re.compile(r"^(thes|thesis|phdthesis|dissertation)$", re.I), "phdthesis"),
    (re.compile(r"^(rprt|report|techreport)$", re.I), "techreport"),
)

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.M)
_DATE_HEADER = re.compile(r"^\s*EXPORT DATE\s*:", re.I | re.M)


def looks_like_bibtex(sample: str) -> bool:
    """An entry ('@article{', '@ARTICLE {') before any line of another tagged format."""
    match = _ENTRY_START.search(sample)
    if not match:
        return False
    before = sample[:match.start()]
    return not re.search(r"^(TY  -|PMID-|PT [A-Z]\s*$|%0 |RT )", before, re.M)


_ENTITY = re.compile(r"(?<!\\)&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
# the ACM Digital Library's BibTeX writes an HTML character reference with LaTeX's escapes: '\&\#38;' is '&'
_ESCAPED_ENTITY = re.compile(r"\\&\\#(\d+|x[0-9a-fA-F]+);")


_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
            "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_LETTERS = {"aa": "å", "AA": "Å", "o": "ø", "O": "Ø", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textbackslash": "\\", "textasciitilde": "~",
            "textasciicircum": "^", "textendash": "–", "textemdash": "—", "textquoteright": "’",
            "textquoteleft": "‘", "textregistered": "®", "texttrademark": "™", "copyright": "©",
            "textdegree": "°", "textperiodcentered": "·", "textellipsis": "…", "ldots": "…", "dots": "…"}
# {\"u}, \"{u}, \"u, \c{c}, \v s
_ACCENT = re.compile(r"\{?\\([\"'`^~=.]|[uvHckrdb](?=[{\s]))\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))\}?")
_LETTER = re.compile(r"\{?\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\}|\s)?\}?")
_ESCAPED = re.compile(r"\\([%&$#_{}])")
# an accent macro with nothing to accent: '\~{}' and '\^{}' are the ASCII characters (Mendeley writes them
# so, and so does ``latex_escape`` for '^'); a bare one before '}' or the end is its spacing form, '\~' the
# tilde operator as Zotero's table reads '{\~}'
_EMPTY_ACCENTS = {"~": "~", "^": "^", "'": "\u00b4", '"': "\u00a8", "`": "`", "=": "\u00af", ".": "\u02d9"}
_BARE_ACCENTS = {**_EMPTY_ACCENTS, "~": "\u223c"}
_LONE_ACCENT = re.compile(r"\{?\\([\"'`^~=.])(?:(\{\s*\})|(?=\s*(?:\}|$)))\}?")
_LATEX_TO_TEXT = None


def _accent(match) -> str:
    base = (match.group(2) or match.group(3) or "").lstrip("\\")
    base = {"i": "i", "j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + _ACCENTS[match.group(1)])


_GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5), ("zeta", 0x3B6),
    ("eta", 0x3B7), ("theta", 0x3B8), ("iota", 0x3B9), ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC),
    ("nu", 0x3BD), ("xi", 0x3BE), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4),
    ("upsilon", 0x3C5), ("phi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9), ("Gamma", 0x393),
    ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B), ("Xi", 0x39E), ("Pi", 0x3A0), ("Sigma", 0x3A3),
    ("Upsilon", 0x3A5), ("Phi", 0x3A6), ("Psi", 0x3A8), ("Omega", 0x3A9))}
_SUB = dict(zip("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ"))
_SUP = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ"))
_MATH = re.compile(r"(?<!\\)\$([^$]{1,80})\$")


def _simple_math(match) -> str:
    """'$_{\\textrm{2}}$' → '₂', '$\\Sigma^{0}$' → 'Σ⁰', '$10^{-3}$' → '10⁻³' (as Zotero writes them);
    math with anything else is left as it was."""
    math = re.sub(r"\\(?:textrm|mathrm|text|rm)\s*\{([^{}]*)\}", r"\1", match.group(1))
    math = re.sub(r"\\([A-Za-z]+)(?![A-Za-z])\s*", lambda m: _GREEK.get(m.group(1), m.group(0)), math)

    def script(m) -> str:
        table = _SUB if m.group(1) == "_" else _SUP
        body = (m.group(2) if m.group(2) is not None else m.group(3)).strip()
        return "".join(table[c] for c in body) if body and all(c in table for c in body) else m.group(0)

    math = re.sub(r"([_^])(?:\{([^{}]*)\}|([0-9A-Za-z]))", script, math)
    return match.group(0) if re.search(r"[\\_^{}]", math) else math


def _latex(text: str) -> str:
    """LaTeX in a field value → text. The forms exports use (escaped specials, accent macros, named
    letters, braces, dash and quote ligatures) are decoded here; a value with any other macro
    (\\emph{…}, math) goes through pylatexenc (slow: about 2 ms per field)."""
    global _LATEX_TO_TEXT
    if "&" in text and ";" in text:         # WoS writes 'title&apos;s' inside BibTeX ('\\&' is LaTeX's &)
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if "\\#" in text:
            text = _ESCAPED_ENTITY.sub(lambda m: html.unescape(f"&#{m.group(1)};"), text)
    if "$" in text:                        # simple math: sub- and superscripts, Greek letters
        text = _MATH.sub(_simple_math, text)
    if "\\" not in text and "{" not in text and "~" not in text and "--" not in text and "``" not in text \
            and "''" not in text:
        return text
    work = _ACCENT.sub(_accent, text) if "\\" in text else text
    escaped: list[str] = []               # decoded characters, kept out of the later replacements

    def keep(char: str) -> str:
        escaped.append(char)
        return f"\x00{len(escaped) - 1}\x00"

    if "\\" in work:
        work = _LETTER.sub(lambda m: keep(_LETTERS[m.group(1)]), work)
        work = _LONE_ACCENT.sub(lambda m: keep((_EMPTY_ACCENTS if m.group(2) else _BARE_ACCENTS)[m.group(1)]), work)
        work = _ESCAPED.sub(lambda m: keep(m.group(1)), work)
    if "\\" in work:                        # another macro: the full LaTeX reader
        if _LATEX_TO_TEXT is None:
            _LATEX_TO_TEXT = LatexNodes2Text(math_mode="verbatim", keep_comments=True)
        return _LATEX_TO_TEXT.latex_to_text(text)
    work = work.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”")
    work = work.replace("{", "").replace("}", "").replace("~", "\u00a0")
    if escaped:
        work = re.sub("\x00(\\d+)\x00", lambda m: escaped[int(m.group(1))], work)
    return work


def read_bibtex_text(text: str, collector: Collector, *, skip_bad: bool = False,
                     rejected: list | None = None) -> list[Record]:
    try:
        # lazy: bibtexparser takes 0.01 s to load, and every command loads the readers; only a BibTeX file needs it
        import bibtexparser
        from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry
    except ImportError:
        raise collector.fatal("this is BibTeX, and reading it needs the bibtexparser package, which is "
                              "not installed: run `pip install -e .` (or export the records as RIS)",
                              line=1) from None

    logging.getLogger("bibtexparser").setLevel(logging.ERROR)   # failures are reported by us, once
    text = _prepared(text)
    library = bibtexparser.parse_string(text)
    first_entry = _ENTRY_START.search(text)
    lines_before = text[:first_entry.start()] if first_entry else ""
    preamble = [ln for ln in lines_before.split("\n") if ln.strip()]
    if preamble and not _DATE_HEADER.search(lines_before) and not all(ln.lstrip().startswith("%") for ln in preamble):
        collector.warn("stray_text", f"text before the first entry kept as its preamble: "
                       f"{clean_space(' | '.join(preamble))[:80]!r}", line=1)
    entries = []
    for block in library.blocks:
        if isinstance(block, Entry):
            entries.append(block)
        elif isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            entries.append(_processed(block.ignore_error_block, library))   # two entries, one key: both records
            if block.key:                   # (EndNote writes no keys at all: nothing is repeated then)
                collector.warn("repeated_tag", f"entry key {block.key!r} is used again (both entries kept)",
                               line=(block.start_line or 0) + 1)
        elif isinstance(block, DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, Entry):
            entries.append(_processed(block.ignore_error_block, library))   # a field twice: both values kept
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            continue
        if isinstance(block, DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, Entry):
            continue
        line = (getattr(block, "start_line", 0) or 0) + 1
        message = f"cannot read this BibTeX entry ({_first_line(block)}): its fields do not parse"
        if not skip_bad:
            # what gets past it (the others imported, this one left out) each front end says itself
            raise collector.fatal(message + " (unbalanced braces or a missing comma?)", line=line, remedy=SKIP_BAD)
        if rejected is not None:
            rejected.append(RejectedRecord(collector.file, line, None, message, getattr(block, "raw", "")))
    records: list[Record] = []
    macros: dict[str, str] | None = None
    for number, entry in enumerate(entries, 1):
        tags: dict[str, list[str]] = {"ENTRYTYPE": [entry.entry_type], "ID": [entry.key]}
        for fld in entry.fields:
            value = fld.value if isinstance(fld.value, str) else str(fld.value)
            if "#" in value and getattr(fld, "enclosing", None) == "no-enclosing":
                if macros is None:
                    macros = _macros(library)
                value = _concatenated(value, macros)
            tags.setdefault(fld.key, []).append(value)
        record = record_from_fields(tags)
        if number == 1 and preamble:
            record.extra["preamble"] = preamble
            match = re.search(r"^\s*(\S.*)$", lines_before, re.M)
            if _DATE_HEADER.search(lines_before) and match and match.group(1).strip().lower() == "scopus":
                record.database = record.database if record.database != "unknown" else "Scopus"
        line = (entry.start_line or 0) + 1
        records.append(collector.place(record, number, line, entry.raw or "", title_tags="title"))
    if _DATE_HEADER.search(lines_before) and re.search(r"^\s*Scopus\s*$", lines_before, re.M | re.I):
        for record in records:
            if record.database == "unknown":
                record.database = "Scopus"
    return records


_KEYLESS = re.compile(r"(@[A-Za-z]+[ \t]*\{)(?=[ \t]*\n[ \t]*[A-Za-z][\w\-+:.]*[ \t]*=)")


def _prepared(text: str) -> str:
    """The text bibtexparser is given, line for line the same: a line starting with '%' outside every entry
    is a comment (JabRef and Zotero read it so; '%@ARTICLE{…' is an entry commented out), and an entry
    without a key ('@article{' then a field, as EndNote's BibTeX export writes) gets an empty one."""
    if "%" in text:
        out, depth = [], 0
        for line in text.split("\n"):
            if depth == 0 and line.lstrip().startswith("%"):
                out.append(" " * len(line))
                continue
            out.append(line)
            opened = line.count("{") - line.count("\\{")
            closed = line.count("}") - line.count("\\}")
            depth = max(0, depth + opened - closed)
        text = "\n".join(out)
    if _FIELD_AFTER_VALUE.search(text):
        text = _missing_commas(text)
    return _KEYLESS.sub(r"\1,", text)


_FIELD_AFTER_VALUE = re.compile(r"\}[ \t]*\n[ \t]*[A-Za-z][\w\-+:.]*[ \t]*=")
_FIELD_START = re.compile(r"[ \t]*[A-Za-z][\w\-+:.]*[ \t]*=")


def _missing_commas(text: str) -> str:
    """A field whose braced value ends a line and is followed by the next field without a comma
    ('title = {…}' / 'file = {…}', as Mendeley wrote it) gets the comma, as Zotero and JabRef read it;
    bibtexparser would run the next field into the value."""
    lines = text.split("\n")
    depth = 0
    for i, line in enumerate(lines):
        depth = max(0, depth + line.count("{") - line.count("\\{") - line.count("}") + line.count("\\}"))
        if depth == 1 and line.rstrip().endswith("}") and i + 1 < len(lines) and _FIELD_START.match(lines[i + 1]) \
                and not line.lstrip().startswith("@"):
            lines[i] = line.rstrip() + ","
    return "\n".join(lines)


def _processed(entry, library):
    """An entry bibtexparser could only hand back unprocessed — its key repeats an earlier one, or it
    repeats a field (Scopus writes 'funding_details' twice) — with the processing the others get:
    @string names replaced, enclosing braces and quotes removed. A repeated field keeps both values."""
    # lazy: bibtexparser takes 0.01 s to load, and every command loads the readers; only a BibTeX file needs it
    from bibtexparser.library import Library
    from bibtexparser.middlewares import RemoveEnclosingMiddleware, ResolveStringReferencesMiddleware

    again = Library(blocks=[*library.strings, entry])
    again = RemoveEnclosingMiddleware().transform(ResolveStringReferencesMiddleware().transform(again))
    return again.entries[0] if len(again.entries) == 1 else entry


MONTH_NAMES = {m[:3].lower(): m for m in ("January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December")}


def _macros(library) -> dict[str, str]:
    """The file's ``@string`` macros by lower-case name (BibTeX's names are case-insensitive), each
    defined by a concatenation resolved with the macros before it."""
    macros: dict[str, str] = {}
    for string in library.strings:
        value = string.value if isinstance(string.value, str) else str(string.value)
        macros[string.key.lower()] = _concatenated(value, macros) if "#" in value else value
    return macros


def _concatenated(value: str, macros: dict[str, str]) -> str:
    """A value of parts joined by '#' ('stefan # And # meta:maintainer', 'jan # "~15"'): quoted and braced
    parts as written, numbers as they are, names through the @string macros (and the month names);
    bibtexparser resolves a value that is a single name only. An unknown name stays as it is."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(value):
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif c == '"' and depth == 0 and (i == 0 or value[i - 1] != "\\"):
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    if len(parts) == 1:
        return value
    out = []
    for part in (p.strip() for p in parts):
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.lower() in macros:
            out.append(macros[part.lower()])
        elif part.lower() in MONTH_NAMES:
            out.append(MONTH_NAMES[part.lower()])
        else:
            out.append(part)
    return "".join(out)


def _split_outside_braces(text: str, sep: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def _first_line(block) -> str:
    raw = getattr(block, "raw", "") or ""
    return raw.strip().split("\n")[0][:60]


def _get(lower: dict[str, list[str]], field: str) -> str:
    for name in FIELD_BY_NAME[field].names:
        for value in lower.get(name, ()):
            if value and value.strip():
                return value.strip()
    return ""


def record_from_fields(tags: dict[str, list[str]]) -> Record:
    """The normalised fields of one entry (``tags``: field name as in the file → values)."""
    lower: dict[str, list[str]] = {}
    for key, values in tags.items():
        lower.setdefault(key.lower(), []).extend(values)
    record = Record(format="bibtex", tags=tags)
    record.reference_type = (tags.get("ENTRYTYPE") or [""])[0].lower()
    record.record_id = (tags.get("ID") or [""])[0].strip()
    record.title = clean_space(_latex(_get(lower, "title")))
    # LaTeX decoded before the braces go: 'Eli{\\'a}{\\v{s}}' is 'Eliáš', 'Aks{\\i}n' is 'Aksın'
    record.authors = [clean_space(_latex(n)) for n in split_bibtex_names(_get(lower, "authors"), keep_braces=True)]
    record.authors = [a for a in record.authors if a]
    record.year = parse_year(_get(lower, "year"))
    record.journal = clean_space(_latex(_get(lower, "journal")))
    record.journal_abbrev = clean_space(_latex(_get(lower, "journal_abbrev")))
    record.volume = clean_space(_latex(_get(lower, "volume")))
    record.issue = clean_space(_latex(_get(lower, "issue")))
    record.pages = re.sub(r"\s*[-–—]{1,3}\s*", "-", clean_space(_latex(_get(lower, "pages").replace("--", "-"))))
    record.abstract = _latex(_get(lower, "abstract")).strip()
    # WoS escapes LaTeX's specials in a DOI: '9\_114', a SICI DOI's '2-\#' and its '[' as '{[}'
    record.doi = clean_doi(re.sub(r"\\([_#%&$])|\{([\[\]])\}", lambda m: m.group(1) or m.group(2), _get(lower, "doi")))
    record.issn = issns(*[v for name in FIELD_BY_NAME["issn"].names for v in lower.get(name, ())])
    keywords = _get(lower, "keywords")
    sep = ";" if ";" in keywords else ","
    record.keywords = unique(_latex(k) for k in _split_outside_braces(keywords, sep))
    record.language = unique(_latex(_get(lower, "language")).split(";") if _get(lower, "language") else [])
    # WoS writes several as 'Article; Proceedings Paper', and so does ``write_bibtex``
    record.publication_types = unique(clean_space(t) for t in _latex(_get(lower, "publication_types")).split(";"))
    record.urls = unique(u for v in lower.get("url", ()) for u in v.split())
    pmid = _get(lower, "pmid")
    match = re.fullmatch(r"\s*(?:PMID:?)?\s*(\d+)\s*", pmid) or re.fullmatch(r"PMID:(\d{1,9})", record.record_id)
    record.pmid = match.group(1) if match else ""
    month = (lower.get("month") or [""])[0].strip().lower()[:3]
    if month in MONTHS:
        record.extra["month"] = MONTHS[month]
    record.database = _database(lower, record)
    record.flags = flags_for(record.publication_types, record.reference_type)
    return record


def _database(lower: dict[str, list[str]], record: Record) -> str:
    source = _get(lower, "database")
    if source:
        return canonical_database(source)
    ident = " ".join(lower.get("unique-id", []) + [record.record_id])
    urls = " ".join(record.urls)
    if "WOS:" in ident or "webofscience.com" in urls:
        return "Web of Science"
    if "scopus.com" in urls:
        return "Scopus"
    match = re.search(r"ebscohost\.com\S*[?&]db=([a-z0-9]+)", urls)
    if match:
        return canonical_database(match.group(1))
    if "europepmc.org" in urls or re.match(r"(PMID|PPR|PMC):", record.record_id):
        return "Europe PMC"
    return "unknown"


# ---- writing ---------------------------------------------------------------------------------

def entry_type(record: Record) -> str:
    if record.format == "bibtex" and record.reference_type:
        return record.reference_type
    for pattern, name in ENTRY_TYPES:
        if pattern.match(record.reference_type or ""):
            return name
    return "article" if record.journal else "misc"


def _brace(value: str) -> str:
    value = value.replace("\n", " ").strip() if "\n" not in value.strip() else value.strip()
    depth = 0
    for c in value:
        depth += (c == "{") - (c == "}")
        if depth < 0:
            break
    if depth != 0:
        value = value.replace("{", "\\{").replace("}", "\\}")
    return "{" + value + "}"


def _key(record: Record, used: set[str]) -> str:
    key = record.record_id if re.fullmatch(r"[A-Za-z0-9_:.\-/+]+", record.record_id or "") else ""
    if not key:
        family = re.split(r"[,\s]", record.first_author.strip())[0] if record.first_author else "anon"
        word = next((w for w in re.findall(r"[A-Za-z]+", record.title) if len(w) > 3), "")
        key = re.sub(r"[^A-Za-z0-9]", "", family) + (str(record.year) if record.year else "") + word.lower()
        key = key or "record"
    base, n = key, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key)
    return key


_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\^{}"}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIALS))
VERBATIM_FIELDS = {"doi", "url", "pmid", "issn"}      # written as they are; the reader does not decode them


# '--' and the quote ligatures broken with {}; and '\&\#' (a text's own '&#39;'), which the reader takes for the
# ACM Digital Library's escaped character reference
_LIGATURES = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)|(?<=\\&)(?=\\#)")


def latex_escape(text: str) -> str:
    """Text → BibTeX field text that the reader's LaTeX decoding turns back into the same text
    (specials escaped; '--', '``', "''" broken with {} so they do not become dashes and quotes)."""
    return _LIGATURES.sub("{}", _LATEX_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text))


def _author_field(names: list[str]) -> str:
    # a name with ' and ' (a group author) is protected by braces so it stays one author
    return " and ".join("{" + latex_escape(n) + "}" if re.search(r"\sand\s", n, re.I) else latex_escape(n)
                        for n in names)


def fields_for_record(record: Record) -> list[tuple[str, str]]:
    """(field, value) pairs for one record: its own fields when it was read from BibTeX, else the
    normalised fields through ``FIELDS``."""
    if record.format == "bibtex" and record.tags:
        return [(k, v) for k, values in record.tags.items() if k not in ("ENTRYTYPE", "ID") for v in values[:1]]
    out: list[tuple[str, str]] = []
    if record.title:
        out.append(("title", record.title))
    if record.authors:
        out.append(("author", _author_field(record.authors)))
    if record.year is not None:
        out.append(("year", str(record.year)))
    if record.journal:
        out.append(("booktitle" if entry_type(record) in ("inproceedings", "incollection") else "journal",
                    record.journal))
    if record.journal_abbrev:
        out.append(("shortjournal", record.journal_abbrev))
    for name, value in (("volume", record.volume), ("number", record.issue), ("pages", record.pages),
                        ("doi", record.doi), ("pmid", record.pmid)):
        if value:
            out.append((name, value))
    if record.issn:
        out.append(("issn", "; ".join(record.issn)))
    if record.keywords:
        # ';' between keywords, and after a lone one, so a keyword with a comma stays one keyword;
        # a ';' inside a keyword is braced (the reader splits outside braces only)
        words = [latex_escape(k).replace(";", "{;}") for k in record.keywords]
        out.append(("keywords", "; ".join(words) + (";" if len(words) == 1 else "")))
    if record.language:
        out.append(("language", "; ".join(record.language)))
    if record.publication_types:      # all of them, '; ' between (the reader splits there)
        out.append(("type", "; ".join(record.publication_types)))
    if record.urls:                   # all of them, a space between (the reader splits at white space)
        out.append(("url", " ".join(u.replace(" ", "%20") for u in record.urls)))
    if record.abstract:
        out.append(("abstract", record.abstract))
    if record.database and record.database != "unknown":
        out.append(("source", record.database))
    return out


def write_bibtex(records: list[Record]) -> str:
    """BibTeX for the records (UTF-8: Biber, JabRef, Zotero and EndNote read it; one entry per record)."""
    used: set[str] = set()
    out: list[str] = []
    for record in records:
        key = record.record_id if record.format == "bibtex" and record.record_id else ""
        if key and key not in used:
            used.add(key)
        else:
            key = _key(record, used)
        out.append(f"@{entry_type(record)}{{{key},")
        own = record.format == "bibtex" and bool(record.tags)
        for name, value in fields_for_record(record):
            if not own and name not in VERBATIM_FIELDS and name not in ("author", "keywords"):
                value = latex_escape(value)
            out.append(f"  {name} = {_brace(value)},")
        out.append("}")
        out.append("")
    return "\n".join(out)
