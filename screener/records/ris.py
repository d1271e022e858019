"""RIS: one mapping table (``FIELDS``) used by the reader and by ``write_ris``.

Reading is line-based and loud: a record opens at ``TY`` and closes at ``ER`` (or, with a warning, at
the next ``TY`` / the end of the file); every tag is kept in ``Record.tags`` in file order, repeated
ones as lists; untagged lines continue the previous value; vendor preambles ("Record #1 of 2",
"Provider:", Ovid's "1.") and trailers (Ovid's "NL" and "Link to the Ovid Full Text" lines) are
kept in ``Record.extra`` — nothing is dropped.

Over 600 lines, kept as one module: the field table is the contract shared by the reader and
``write_ris``, and the reader's single line loop with the vendor layouts it recognises (preambles,
trailers, packed author lines, the links searched for identifiers) reads that table directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import rispy

from screener.records.authors import NO_AUTHOR, split_authors
from screener.records.base import (
    Collector,
    all_values,
    cached_issns,
    cached_year,
    canonical_database,
    first_doi,
    first_value,
    flags_for,
    join_pages,
)
from screener.records.model import Record


@dataclass(frozen=True)
class RisField:
    """How one Record field is read from (tags, in priority order) and written to (one tag) RIS."""

    field: str
    read: tuple[str, ...]
    write: str
    kind: str  # text | list | year | pages | doi | issn | pubtypes | database | abbrev | id


FIELDS: tuple[RisField, ...] = (
    RisField("reference_type", ("TY",), "TY", "text"),
    RisField("title", ("TI", "T1", "CT", "BT"), "TI", "text"),
    RisField("authors", ("AU", "A1"), "AU", "list"),
    RisField("year", ("PY", "Y1", "DA"), "PY", "year"),
    RisField("journal", ("JF", "T2", "JO", "JA", "J2"), "T2", "text"),
    RisField("journal_abbrev", ("J2", "JA", "J9", "JI", "JO"), "J2", "abbrev"),
    RisField("volume", ("VL", "VO"), "VL", "text"),
    RisField("issue", ("IS", "CP"), "IS", "text"),
    RisField("pages", ("SP", "EP"), "SP", "pages"),
    RisField("abstract", ("AB", "N2"), "AB", "text"),
    RisField("doi", ("DO", "L3", "DI", "M3", "N1", "UR", "L2"), "DO", "doi"),
    RisField("issn", ("SN",), "SN", "issn"),
    RisField("keywords", ("KW",), "KW", "list"),
    RisField("language", ("LA",), "LA", "list"),
    RisField("publication_types", ("M3", "PT"), "M3", "pubtypes"),
    RisField("urls", ("UR", "L1", "L2"), "UR", "list"),
    RisField("record_id", ("ID", "AN"), "ID", "id"),
    RisField("database", ("DB", "DP"), "DB", "database"),
)
FIELD_BY_NAME = {f.field: f for f in FIELDS}

# tags whose continuation lines are further values (EndNote writes KW/DB/UR lists that way)
LIST_TAGS = {"AU", "A1", "A2", "A3", "A4", "KW", "UR", "L1", "L2", "L3", "L4", "DB", "SN"}
# tags that should appear once; a repeat is kept and reported
SINGLE_TAGS = {"TY", "TI", "T1", "PY", "Y1", "DA", "VL", "IS", "SP", "EP", "DO", "ID", "T2", "JF", "JO"}
# every tag some vendor documents (rispy's table + the RIS spec + vendor extensions seen in real exports)
KNOWN_TAGS = set(rispy.TAG_KEY_MAPPING) - {"UK"} | {
    "A1", "A2", "A3", "A4", "AN", "BT", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "CA", "CN", "CP",
    "CT", "CY", "DA", "DB", "DO", "DP", "ED", "ET", "H1", "H2", "ID", "IS", "J1", "J2", "JA", "JF", "JO",
    "L1", "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2", "M3", "M4", "N1", "N2", "NV", "OP", "PB", "PP",
    "PY", "RI", "RN", "RP", "SE", "SN", "SP", "ST", "T1", "T2", "T3", "TA", "TI", "TT", "U1", "U2", "U3",
    "U4", "U5", "UR", "VL", "VO", "Y1", "Y2", "PMID"}

# vendor extensions seen in real exports: kept like every tag, but not reported as unknown
VENDOR_TAGS = {
    "FU": "Web of Science (funding)", "FX": "Web of Science (funding text)", "J9": "Web of Science "
    "(29-character source abbreviation)", "JI": "Web of Science (ISO source abbreviation)",
    "PA": "Web of Science (publisher address)", "PI": "Web of Science (publisher city)",
    "PU": "Web of Science (publisher)", "WE": "Web of Science (edition)", "AI": "Ovid (ORCID)",
    "NL": "Ovid (NLM journal abbreviation, after ER)", "PT": "Ovid (publication type)",
    "CC": "Cochrane (review group code)", "TS": "Citavi (source format)", "PD": "Covidence (date)",
    "PG": "Covidence (pages)",
}
KNOWN_TAGS |= set(VENDOR_TAGS)

RIS_TYPES = {
    "ABST", "ADVS", "AGGR", "ANCIENT", "ART", "BILL", "BLOG", "BOOK", "CASE", "CHAP", "CHART", "CLSWK",
    "COMP", "CONF", "CPAPER", "CTLG", "DATA", "DBASE", "DICT", "EBOOK", "ECHAP", "EDBOOK", "EJOUR", "ELEC",
    "ENCYC", "EQUA", "FIGURE", "GEN", "GOVDOC", "GRANT", "HEAR", "ICOMM", "INPR", "JFULL", "JOUR", "LEGAL",
    "MANSCPT", "MAP", "MGZN", "MPCT", "MULTI", "MUSIC", "NEWS", "PAMP", "PAT", "PCOMM", "RPRT", "SER",
    "SLIDE", "SOUND", "STAND", "STAT", "STD", "THES", "UNBILL", "UNPB", "UNPD", "VIDEO", "WEB"}

_TAG_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]|PMID) {1,2}-(?P<value>.*)$")
_EDGE_LINE = re.compile(r"^\s+(?P<tag>TY|ER) {1,2}-(?P<value>.*)$")   # indented TY/ER (JabRef)
_FUSED = re.compile(r"\s{2,}(?=[A-Z][A-Z0-9]  - )")
_PREAMBLE = re.compile(r"^\s*(\d+\.\s*|Record #\s*\d+ of \d+\s*|(Provider|Database|Content)\s*:.*)$")
_OVID_LINK = re.compile(r"^(Link to the Ovid Full Text or citation:|https?://\S+$)")


_TAG_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TAG_SECOND = _TAG_FIRST | frozenset("0123456789")


def _tag_line(line: str):
    # the usual shape, "XX  - value", without the regular expression (the same result, in a
    # tenth of the time: this runs on every line of the file)
    if line[2:5] == "  -" and line[:1] in _TAG_FIRST and line[1:2] in _TAG_SECOND:
        return line[:2], line[5:].strip()
    match = _TAG_LINE.match(line)
    if match is None:
        if not line[:1].isspace():
            return None
        match = _EDGE_LINE.match(line)
        if match is None:
            return None
    tag, value = match.groups()
    return tag, value.strip()


class _Draft:
    """A record being read: its lines, tags in file order, and where it started."""

    def __init__(self, start: int, number: int):
        self.start = start
        self.number = number
        self.lines: list[str] = []      # set when it closes: the file's lines from TY on
        self.items: list[list] = []     # [tag, value, line]
        # while every line after TY is an ordinary "XX  - value" line (or blank), the tags are
        # collected here directly (values stripped); the first other line turns them into items
        self.tags: dict[str, list[str]] | None = None
        self.er = False                 # closed by its ER line (the last of ``lines``)
        self.preamble: list[str] = []
        self.trailer: list[str] = []
        self.trailer_items: list[list] = []
        self.closed = False
        self.pending_blank = False


def read_ris_text(text: str, collector: Collector, *, skip_bad: bool = False,
                  rejected: list | None = None) -> list[Record]:
    # One pass over the lines (about 80 lines of loop): which tag a line continues depends on
    # the lines before it, so the state stays in one loop rather than in helpers sharing it.
    lines = text.split("\n")
    drafts: list[_Draft] = []
    records: list[Record] = []
    current: _Draft | None = None
    loose: list[tuple[int, str]] = []   # lines outside any record: (line number, text)

    def close(draft: _Draft, reason: str | None) -> None:
        draft.closed = True
        if reason:
            collector.warn("missing_er", f"record has no ER line; it was closed {reason}",
                           line=draft.start, record_number=draft.number)

    def flush() -> None:
        # the record before is complete once the lines after it have been attached: build it now
        # and drop its working state, so memory holds records, not drafts
        if drafts and drafts[-1].closed and len(records) < len(drafts):
            draft = drafts[-1]
            records.append(_to_record(draft, collector))
            draft.lines, draft.items, draft.trailer_items, draft.tags = [], [], [], None

    for i, line in enumerate(lines, 1):
        if current is None:
            if not line:
                loose.append((i, line))     # the blank line between two records (as below)
                continue
        elif (tags := current.tags) is not None:
            # most lines: "XX  - value" inside a record, read as _tag_line and _add_line would
            if line[2:5] == "  -" and line[:1] in _TAG_FIRST and line[1:2] in _TAG_SECOND:
                tag = line[:2]
                if tag == "ER":                 # the record's end (as below)
                    current.lines = lines[current.start - 1:i]
                    current.closed = current.er = True
                    current = None
                    continue
                if tag != "TY":
                    value = line[5:].strip()
                    if "  - " not in value:       # (else perhaps fused tags: read below)
                        values = tags.get(tag)
                        if values is None:
                            tags[tag] = [value]
                        else:
                            values.append(value)
                        current.pending_blank = False
                        continue
            elif not line or line.isspace():
                current.pending_blank = True
                continue
        parsed = _tag_line(line)
        if parsed is None and line.strip() == "ER":
            parsed = ("ER", "")           # a bare "ER" (no dash) still ends the record
        if parsed and parsed[0] == "TY":
            if current is not None:
                current.lines = lines[current.start - 1:i - 1]
                close(current, f"at the next TY (line {i})")
            first = not drafts
            _attach_loose(drafts, loose, collector)
            flush()
            current = _Draft(i, len(drafts) + 1)
            current.preamble = [t for _, t in loose if t.strip() and (
                first or (_PREAMBLE.match(t) and not _OVID_LINK.match(t.strip())))]
            loose = []
            drafts.append(current)
            current.tags = {"TY": [parsed[1]]}
            continue
        if current is None:
            if parsed and parsed[0] == "ER" and any(_tag_line(t) for _, t in loose):
                # a block of tags closed by ER but never opened by TY (JabRef's "corrupted" file)
                start_at = next(k for k, (_, t) in enumerate(loose) if _tag_line(t))
                first = not drafts
                _attach_loose(drafts, loose[:start_at], collector)
                flush()
                block = loose[start_at:]
                draft = _Draft(block[0][0], len(drafts) + 1)
                if first:
                    draft.preamble = [t for _, t in loose[:start_at] if t.strip()]
                for n, t in block:
                    draft.lines.append(t)
                    _add_line(draft, t, n, collector)
                draft.lines.append(line)
                draft.closed = True
                drafts.append(draft)
                collector.warn("missing_ty", "record has no TY line; read from its first tag to ER",
                               line=draft.start, record_number=draft.number)
                loose = []
                continue
            loose.append((i, line))
            continue
        if parsed and parsed[0] == "ER":
            current.lines = lines[current.start - 1:i]
            current.closed = current.er = True
            current = None
            continue
        if current.tags is not None:     # a line the loop above does not read: from here on, items
            _to_items(current, lines, current.start - 1, i)
        _add_line(current, line, i, collector, parsed)
    if current is not None:
        current.lines = lines[current.start - 1:]
        # trailing blank lines are not part of the record
        while current.lines and not current.lines[-1].strip():
            current.lines.pop()
        close(current, "at the end of the file")
    _attach_loose(drafts, loose, collector, at_end=True)
    flush()
    if not drafts:
        tagged = [n for n, t in loose if _tag_line(t)]
        if tagged:
            raise collector.fatal("RIS tags but no record: no TY line opens a record", line=tagged[0])
    return records


_UNSET = object()


def _to_items(draft: _Draft, lines: list[str], first: int, end: int) -> None:
    """A draft read so far into ``tags`` as the items line-by-line reading gives: ``lines[first]``
    is its TY line, and every line after it up to line number ``end`` (exclusive) an ordinary
    "XX  - value" line or blank."""
    tags = draft.tags
    assert tags is not None
    draft.items = [["TY", tags["TY"][0], draft.start]] + [
        [line[:2], line[5:].strip(), n]
        for n, line in enumerate(lines[first + 1:first + end - draft.start], draft.start + 1)
        if line and not line.isspace()]
    draft.tags = None


def _add_line(draft: _Draft, line: str, number: int, collector: Collector, parsed=_UNSET) -> None:
    if parsed is _UNSET:
        parsed = _tag_line(line)
    if parsed:
        tag, value = parsed
        pieces = _FUSED.split(value) if "  - " in value else [value]
        if len(pieces) > 1:
            collector.warn("fused_tags", f"{len(pieces)} tags on one line were split "
                           f"({', '.join([tag] + [p[:2] for p in pieces[1:]])})",
                           line=number, record_number=draft.number)
            draft.items.append([tag, pieces[0].strip(), number])
            for piece in pieces[1:]:
                sub = _tag_line(piece.strip())
                if sub:
                    draft.items.append([sub[0], sub[1], number])
            return
        draft.items.append([tag, value, number])
        draft.pending_blank = False
        return
    if not line.strip():
        draft.pending_blank = True
        return
    if not draft.items:
        return
    last = draft.items[-1]
    if last[0] in LIST_TAGS:
        draft.items.append([last[0], line.strip(), number])
    elif last[1]:
        # a blank line inside a value is a paragraph break (Citavi, structured abstracts)
        last[1] = last[1] + ("\n\n" if draft.pending_blank else "\n") + line.strip()
    else:
        last[1] = line.strip()
    draft.pending_blank = False


def _attach_loose(drafts: list[_Draft], loose: list[tuple[int, str]], collector: Collector,
                  at_end: bool = False) -> None:
    """Lines between records: vendor trailers go to the record before, headers to the one after."""
    if not loose or not drafts:
        if loose and not drafts:
            for n, t in loose:
                if t.strip() and not _PREAMBLE.match(t) and not _tag_line(t):
                    collector.warn("stray_text", f"text before the first record kept as its preamble: "
                                   f"{t.strip()[:80]!r}", line=n)
        return
    prev = drafts[-1]
    for n, t in loose:
        if not t.strip():
            continue
        if _PREAMBLE.match(t) and not at_end:
            continue  # collected as the next record's preamble by the caller
        parsed = _tag_line(t)
        if parsed:
            prev.trailer_items.append([parsed[0], parsed[1], n])
        elif not _OVID_LINK.match(t.strip()):
            collector.warn("stray_text", f"text between records kept with record {prev.number}: "
                           f"{t.strip()[:80]!r}", line=n, record_number=prev.number)
        prev.trailer.append(t)


def _to_record(draft: _Draft, collector: Collector) -> Record:
    if draft.tags is not None:
        tags = draft.tags
        once = SINGLE_TAGS.intersection(tags)
        if not draft.trailer_items and tags.keys() <= KNOWN_TAGS and \
                sum(map(len, map(tags.__getitem__, once))) == len(once):    # no single tag repeated
            return _build(draft, tags, collector)     # nothing to note: the tags as read
        _to_items(draft, draft.lines, 0, draft.start + len(draft.lines) - (1 if draft.er else 0))
    tags = {}
    for tag, value, line in draft.items + draft.trailer_items:
        if tag == "ER":
            continue
        if tag in tags and tag in SINGLE_TAGS:
            collector.tag_note("repeated_tag", tag, line, draft.number)
        if tag not in KNOWN_TAGS and tag not in tags:
            collector.tag_note("unknown_tag", tag, line, draft.number)
        tags.setdefault(tag, []).append(value)
    return _build(draft, tags, collector)


def _build(draft: _Draft, tags: dict[str, list[str]], collector: Collector) -> Record:
    record = Record(format="ris", tags=tags)
    fields_from_tags(record, tags, preamble=draft.preamble)
    collector.place(record, draft.number, draft.start, "\n".join(draft.lines), title_tags="TI/T1")
    extra = {}
    if draft.preamble:
        extra["preamble"] = draft.preamble
    if draft.trailer:
        extra["trailer"] = draft.trailer
    record.extra = extra
    return record


_DOI_LIKE = re.compile(r"^(doi:\s*|https?://(dx\.)?doi\.org/)?10\.\d{4,9}/\S+$", re.I)


_READ = {f.field: f.read for f in FIELDS}
_AUTHOR_TAGS = frozenset(_READ["authors"])
_DOI_TAGS = ("DO", "L3", "DI")


def _first(tags: dict[str, list[str]], names: tuple[str, ...]) -> str:
    """first_value(tags, *names) without the argument packing (it runs a dozen times a record)."""
    for name in names:
        values = tags.get(name)
        if values:
            for value in values:
                value = value.strip()
                if value:
                    return value
    return ""


def _unique(values: Iterable[str]) -> list[str]:
    """base.unique for text values: stripped, blank ones dropped, the first of equal ones kept."""
    return list(dict.fromkeys(filter(None, map(str.strip, values))))


def _looks_like_doi(value: str) -> bool:
    return bool(_DOI_LIKE.match(value.strip())) or "doi.org/" in value


def fields_from_tags(record: Record, tags: dict[str, list[str]], preamble: list[str] | None = None) -> None:
    """Fill the normalised fields of ``record`` from its RIS tags (the reading half of FIELDS)."""
    r = _READ
    get = tags.get
    record.reference_type = _first(tags, r["reference_type"]).upper() if get("TY") else ""
    record.title = " ".join(_first(tags, r["title"]).split())
    record.abstract = _first(tags, r["abstract"])
    authors: list[str] = []
    add = authors.append
    author_tags = r["authors"]                      # AU and A1, in the order the record has them
    if tags.keys() >= _AUTHOR_TAGS:
        author_tags = tuple(sorted(author_tags, key=list(tags).index))
    for name in author_tags:
        for value in get(name, ()):
            # one per line; Ovid's one-line list split. split_authors's first cases, without the call:
            # no author placeholder, no ';', one name ('Smith, J.': no space before the comma)
            if ";" not in value:
                text = value.strip()
                if text and not (len(text) >= 17 and text.lower().strip("[]. ") in NO_AUTHOR):
                    author = " ".join(text.split())
                    comma = author.find(",")
                    if comma < 0 or " " not in author[:comma]:
                        add(author)
                        continue
            authors.extend(split_authors(value, "ris"))
    record.authors = authors
    year = None
    for name in r["year"]:
        for value in get(name, ()):
            if value:
                year = cached_year(value)
                if year is not None:
                    break
        if year is not None:
            break
    record.year = year
    journal = record.journal = " ".join(_first(tags, r["journal"]).split())
    abbrev = ""
    for name in r["journal_abbrev"]:
        if name in tags:
            value = " ".join(_first(tags, (name,)).split())
            if value and (name != "JO" or value != journal):
                abbrev = value
                break
    record.journal_abbrev = abbrev
    record.volume = _first(tags, r["volume"])
    record.issue = _first(tags, r["issue"])
    start, end = _first(tags, ("SP",)), _first(tags, ("EP",))
    if start.lower() == "no" and end.lower() == "specified":   # Ovid's "No Pagination Specified"
        start = end = ""
    record.pages = join_pages(start, end)
    record.doi = first_doi(tags, r["doi"], doi_tags=_DOI_TAGS, looks_like=_looks_like_doi)
    record.issn = list(cached_issns(tuple(get("SN", ()))))
    record.keywords = _unique(get("KW", ()))
    record.language = _unique(get("LA", ()))
    record.publication_types = _unique(v for v in all_values(tags, *r["publication_types"])
                                       if v.strip() and not _DOI_LIKE.match(v.strip()))
    record.urls = _unique(u for v in all_values(tags, *r["urls"]) for u in v.split()
                          if "://" in u or u.startswith("www.") or u.startswith("//"))
    record.database = database_from_tags(tags, preamble or [])
    record.pmid = pmid_from_tags(tags, record.database)
    record.record_id = _first(tags, ("ID",))
    if not record.record_id and _first(tags, ("AN",)) != record.pmid:
        record.record_id = _first(tags, ("AN",))
    record.flags = flags_for(record.publication_types, record.reference_type)


_DB_LINE = re.compile(r"\s*Database\s*:\s*(.+)")
_CN_ID = re.compile(r"^CN-\d")
_EMBASE_L = re.compile(r"\bL\d{6,}\b")
_LENS_ID = re.compile(r"^\d{3}-\d{3}-\d{3}-\d{3}-\d{3}$")
_OVID_DB = re.compile(r"ovidsp\.ovid\.com\S*[?&]D=([a-z]+)")
_EBSCO_DB = re.compile(r"ebscohost\.com\S*[?&]db=([a-z0-9]+)")
_PMID = re.compile(r"\d{1,9}")
_PUBMED_URL = re.compile(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d{1,9})\b")
_PUBMED_URL_OLD = re.compile(r"ncbi\.nlm\.nih\.gov/pubmed/(\d{1,9})\b")
_OVID_MEDLINE_URL = re.compile(r"ovidsp\.ovid\.com\S*[?&]D=(?:med|prem|mesz)\w*\S*[?&]AN=(\d{1,9})\b")
_PMID_U1 = re.compile(r"^\s*(\d{1,9})\s*\[pmid\]", re.I)


def database_from_tags(tags: dict[str, list[str]], preamble: list[str]) -> str:
    db = first_value(tags, "DB")
    if db:
        return canonical_database(db)
    for line in preamble:
        match = _DB_LINE.match(line)
        if match:
            return canonical_database(match.group(1))
    urls = " ".join(all_values(tags, "UR", "L2", "LK", "L1"))
    ids = " ".join(all_values(tags, "AN", "ID", "U2"))
    if "scopus.com" in urls:
        return "Scopus"
    if _CN_ID.search(ids) or "cochranelibrary.com" in urls:
        return "Cochrane CENTRAL"
    if _EMBASE_L.search(" ".join(tags.get("U2", ()))) or "embase.com" in urls:
        return "Embase"
    if "lens.org" in urls or _LENS_ID.match(first_value(tags, "ID")):
        return "Lens.org"
    if "webofscience.com" in urls or "WOS:" in ids:
        return "Web of Science"
    match = _OVID_DB.search(urls)
    if match:
        code = match.group(1).lower()
        for prefix, name in (("psyc", "PsycINFO"), ("med", "MEDLINE"), ("prem", "MEDLINE"),
                             ("emed", "Embase"), ("emez", "Embase"), ("oemez", "Embase"), ("amed", "AMED"),
                             ("eric", "ERIC"), ("cab", "CAB Abstracts"), ("cctr", "Cochrane CENTRAL")):
            if code.startswith(prefix):
                return name
    match = _EBSCO_DB.search(urls)
    if match:
        return canonical_database(match.group(1))
    dp = first_value(tags, "DP")
    if dp:
        return canonical_database(dp)
    return "unknown"


def pmid_from_tags(tags: dict[str, list[str]], database: str) -> str:
    value = _first(tags, ("PMID",))
    if value and _PMID.fullmatch(value.split("\n")[0].strip()):
        return value.split("\n")[0].strip()
    for v in tags.get("U1", ()):
        match = _PMID_U1.match(v)
        if match:
            return match.group(1)
    medline = database in ("MEDLINE", "PubMed") or "NLM" in _first(tags, ("DP",))
    if medline:
        an = _first(tags, ("AN",))
        if _PMID.fullmatch(an):
            return an
    for tag, db in (("C2", "Scopus"), ("C5", "Embase")):
        if database == db:
            v = _first(tags, (tag,))
            if _PMID.fullmatch(v):
                return v
    for url in all_values(tags, "UR", "L2", "L1", "LK"):
        # (each pattern starts with its host name: a link to neither host is not searched)
        if "ncbi.nlm.nih.gov" in url:
            match = _PUBMED_URL.search(url) or _PUBMED_URL_OLD.search(url)
            if match:
                return match.group(1)
        if "ovidsp.ovid.com" in url:
            match = _OVID_MEDLINE_URL.search(url)
            if match:
                return match.group(1)
    return ""


# ---- writing ---------------------------------------------------------------------------------

_TYPE_MAP = (
    (re.compile(r"^(article|journal article|j|journal|review|letter|editorial|comment)$", re.I), "JOUR"),
    (re.compile(r"^(inproceedings|conference paper|proceedings paper|conference)$", re.I), "CPAPER"),
    (re.compile(r"^(conference abstract|meeting abstract)$", re.I), "ABST"),
    (re.compile(r"^(book)$", re.I), "BOOK"),
    (re.compile(r"^(incollection|inbook|chapter|book chapter)$", re.I), "CHAP"),
    (re.compile(r"^(phdthesis|mastersthesis|thesis|dissertation)$", re.I), "THES"),
    (re.compile(r"^(techreport|report)$", re.I), "RPRT"),
    (re.compile(r"^(misc|other|unpublished)$", re.I), "GEN"),
)


def ris_type(reference_type: str, publication_types: list[str] | None = None) -> str:
    """A RIS TY code for a reference type from any format ('article' → JOUR)."""
    value = (reference_type or "").strip()
    if value.upper() in RIS_TYPES:
        return value.upper()
    for pattern, code in _TYPE_MAP:
        if pattern.match(value):
            return code
    if "book" in [t.lower() for t in publication_types or []]:
        return "BOOK"
    return "JOUR"


def _pmid_tag(record: Record) -> tuple[str, str]:
    if record.database in ("MEDLINE", "PubMed"):
        return "AN", record.pmid
    return "U1", f"{record.pmid}[pmid]"


def tags_for_record(record: Record) -> list[tuple[str, str]]:
    """The (tag, value) lines for one record, in writing order, TY first (ER not included)."""
    if record.format == "ris" and record.tags.get("TY"):
        own: list[tuple[str, str]] = [("TY", record.tags["TY"][0])]
        for tag, values in record.tags.items():
            if tag in ("TY", "ER"):
                continue
            for v in values:
                if len(tag) != 2:
                    # Zotero and EndNote read only two-character tags: a 4-letter "PMID  - " line would
                    # be glued to the field before it. PMC's convention carries it instead.
                    head, sep, rest = v.partition("\n")
                    own.append(("U1", f"{head}[pmid]{sep}{rest}" if tag == "PMID" else f"{tag}: {v}"))
                else:
                    own.append((tag, v))
        derived = database_from_tags(record.tags, [])
        if record.database and record.database != "unknown" and derived != record.database:
            own = [(t, v) for t, v in own if t != "DB"] + [("DB", record.database)]
        return own
    items: list[tuple[str, str]] = [("TY", ris_type(record.reference_type, record.publication_types))]
    if record.title:
        items.append(("TI", record.title))
    items += [("AU", a) for a in record.authors]
    if record.year is not None:
        items.append(("PY", str(record.year)))
    if record.journal:
        items.append(("T2", record.journal))
    if record.journal_abbrev:
        items.append(("J2", record.journal_abbrev))
    if record.volume:
        items.append(("VL", record.volume))
    if record.issue:
        items.append(("IS", record.issue))
    if record.pages:
        start, sep, end = record.pages.partition("-")
        if sep and start and end and "-" not in end:
            items += [("SP", start), ("EP", end)]
        else:
            items.append(("SP", record.pages))
    if record.abstract:
        items.append(("AB", record.abstract))
    if record.doi:
        items.append(("DO", record.doi))
    items += [("SN", s) for s in record.issn]
    items += [("KW", k) for k in record.keywords]
    for heading in record.mesh:
        term = heading.descriptor + "".join("/" + q for q in heading.qualifiers)
        items.append(("KW", ("*" if heading.major else "") + term))
    items += [("LA", lang) for lang in record.language]
    items += [("M3", t) for t in record.publication_types]
    items += [("UR", u) for u in record.urls]
    if record.record_id:
        items.append(("ID", record.record_id))
    if record.pmid:
        items.append(_pmid_tag(record))
    if record.database and record.database != "unknown":
        items.append(("DB", record.database))
    return items


def write_ris(records: list[Record]) -> str:
    """RIS text for the records (UTF-8 without BOM; 'TAG  - value'; one blank line between records).

    Records read from RIS are written from their own tags, so nothing the vendor wrote is lost and
    reading the output gives the same fields back; records from other formats are written from their
    normalised fields through ``FIELDS``.
    """
    out: list[str] = []
    for record in records:
        for tag, value in tags_for_record(record):
            lines = (value or "").split("\n")
            out.append(f"{tag}  - {lines[0]}".rstrip() if lines[0] else f"{tag}  - ")
            out.extend(line.strip() for line in lines[1:])
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)
