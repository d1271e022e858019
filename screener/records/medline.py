"""MEDLINE / PubMed .nbib (and ERIC's nbib): our own reader with a tag table.

Biopython's ``Bio.Medline`` is not used: it reads keys by fixed columns (``TI  -This`` loses a
letter), turns free text between records into a record, splits wrapped ``EIN``/``CIN`` values into
separate items and space-joins repeated ``IS``/``LID`` (../shared/fixtures/REPORT.md §2.3).
"""

from __future__ import annotations

import re
from functools import lru_cache

from screener.identifiers import PLAIN_DOI
from screener.records.base import (
    Collector,
    cached_issns,
    cached_year,
    clean_space,
    first_doi,
    flags_for,
)
from screener.records.model import MeshHeading, RawTags, Record

# field → tags, first non-empty wins (the table a MEDLINE writer would share); title, authors and
# record_id need more than a lookup and are read by hand in _to_record
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("TI", "BTI", "CTI"),
    "abstract": ("AB",),
    "authors": ("FAU", "AU"),
    "year": ("DP", "DA", "EDAT"),
    "journal": ("JT", "TA"),
    "journal_abbrev": ("TA",),
    "volume": ("VI",),
    "issue": ("IP",),
    "pages": ("PG",),
    "doi": ("LID", "AID"),
    "pmid": ("PMID",),
    "issn": ("IS", "ISSN"),
    "keywords": ("OT",),
    "mesh": ("MH",),
    "language": ("LA",),
    "publication_types": ("PT",),
    "record_id": ("PMID", "OID", "AN"),
}
KNOWN_TAGS = {
    "AB", "AD", "AID", "AU", "AUID", "BTI", "CI", "CIN", "CN", "COIS", "CON", "CP", "CRDT", "CRF", "CRI",
    "CTDT", "CTI", "DA", "DCOM", "DDIN", "DRIN", "DEP", "DP", "DRDT", "ECF", "ECI", "EDAT", "EFR", "EIN",
    "ED", "EN", "FAU", "FED", "FIR", "FPS", "GN", "GR", "GS", "IP", "IR", "IRAD", "IS", "ISBN", "ISSN", "JID",
    "JT", "LA", "LID", "LR", "MH", "MHDA", "MID", "NM", "OAB", "OABL", "OCI", "OID", "ORI", "OT", "OTO",
    "OWN", "PB", "PG", "PHST", "PL", "PMC", "PMCR", "PMID", "PRIN", "PS", "PST", "PT", "PUBM",
    "RF", "RIN", "RN", "ROF", "RPF", "RPI", "RRF", "RRI", "SB", "SFM", "SI", "SO", "SPIN", "STAT", "TA",
    "TI", "TT", "UIN", "UOF", "VI", "VTI", "AN", "URL", "CDAT", "NR"}

_TAG = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{1,3}) *- ?(?P<value>.*)$")
_KEY = re.compile(r"([A-Z][A-Z0-9]{1,3}) *")     # the tag part of _TAG
# one tag line (after the newline before it) and the continuation lines below it, as _TAG reads them
_ITEM = re.compile(r"\n([A-Z][A-Z0-9]{1,3}) *- ?([^\n]*(?:\n[ \t][^\n]*)*)")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def read_medline_text(text: str, collector: Collector, *, skip_bad: bool = False,
                      rejected: list | None = None) -> list[Record]:
    # A blank line always ends a record, so the file is read as the text between blank lines
    # ("chunks"). A chunk in PubMed's own layout is tokenised with str methods (_pubmed_tags); a
    # chunk of other tag lines and indented continuations, with no PMID line inside, is one
    # record read with one regular expression (_clean_tags). Any other chunk (stray text,
    # malformed lines, two records without a blank line between, whitespace-only lines) is read
    # line by line (_read_lines), the rules for every line as before. All three give the same
    # tags for a chunk the first two take (tests/records/test_records_medline_layout.py).
    records: list = []      # Records, and _read_lines's blocks until they are made records
    pending_stray: list[str] = []
    # _pubmed_tags marks continuations with NUL: text that has one (decode refuses them in a
    # file) is read the other two ways
    keys = _TagKeys() if "\x00" not in text else None
    line = 1
    tags: dict[str, list[str]] | None
    for chunk in text.split("\n\n"):
        read = _pubmed_tags(chunk, keys) if keys is not None else None
        if read is not None and keys is not None:
            tags, breaks = read
            known = not keys.unknown
        else:
            tags, breaks, known = _clean_tags(chunk), chunk.count("\n"), False
        if tags is not None:
            if not known:
                _note_unknown_tags(tags, chunk, line, len(records) + 1, collector)
            records.append(_record(tags, chunk, len(records) + 1, line, pending_stray, [], collector))
            pending_stray = []
        else:
            start = len(records)
            pending_stray = _read_lines(chunk.split("\n"), line, records, pending_stray, collector)
            for k in range(start, len(records)):
                records[k] = _to_record(records[k], k + 1, collector)
        line += breaks + 2
    if pending_stray and records:
        # free text after the last record is its trailer (kept after its preamble, as read)
        extra = list(records[-1].extra.items())
        extra.insert(1 if extra and extra[0][0] == "preamble" else 0, ("trailer", pending_stray))
        records[-1].extra = dict(extra)
    return records


def chunk_tags(chunk: str) -> RawTags | None:
    """The tags of one record's text (a chunk between blank lines) as ``read_medline_text`` reads
    them when it reads the chunk whole: PubMed's layout, else tag lines with continuations; None
    when the chunk is read line by line. What the workspace reads a stored record's tags back with."""
    read = _pubmed_tags(chunk, _KEYS_READ_BACK)
    return read[0] if read is not None else _clean_tags(chunk)


class _TagKeys(dict):
    """What comes before the first '- ' of a tag line ('AU  ', 'PMID') → its tag, filled by ``learn``
    as keys are met (one table per file); ``unknown`` says whether a tag outside KNOWN_TAGS has been
    met."""

    unknown = False

    def learn(self, key: str) -> str | None:
        """The tag of ``key``, remembered; None (not remembered) when it is not one."""
        match = _KEY.fullmatch(key)
        if match is None:
            return None
        tag = self[key] = match.group(1)
        if tag not in KNOWN_TAGS:
            self.unknown = True
        return tag


# keys met by chunk_tags, across records (a table only caches; _TagKeys.unknown is not read there)
_KEYS_READ_BACK = _TagKeys()


def _pubmed_tags(chunk: str, keys: _TagKeys) -> tuple[RawTags, int] | None:
    """The tags of a chunk in PubMed's layout, every line 'TAG - value' or a continuation indented
    six spaces or more (values stripped, continuations joined with a space), as _clean_tags reads
    them, and the number of line breaks in the chunk; else None. Each continuation's line break
    and indent become one NUL first, so that every item is one line; str methods then do what a
    regular expression would do per line."""
    tags = RawTags()
    get = tags.get
    tag_of = keys.get
    work = chunk.replace("\n      ", "\x00")
    items = work.split("\n")
    for item in items:
        key, dash, value = item.partition("- ")
        tag = tag_of(key) or keys.learn(key)
        if tag is None or not dash:
            return None             # not a tag line ('LI' alone: a truncated file)
        if "\x00" in value:
            parts = list(map(str.strip, value.split("\x00")))
            if not parts[0]:
                del parts[0]
            if not all(parts):
                return None         # a whitespace-only line: a record break, read line by line
            value = " ".join(parts)
        else:
            value = value.strip()
        values = get(tag)
        if values is None:
            tags[tag] = [value]
        else:
            values.append(value)
    pmids = get("PMID")
    if pmids is not None and (len(pmids) > 1 or next(iter(tags)) != "PMID"):
        return None                 # a PMID line below the first: two records with no blank line between
    # each NUL stands for 7 characters (str.count would read the chunk once more)
    return tags, len(items) - 1 + (len(chunk) - len(work)) // 6


def _clean_tags(chunk: str) -> RawTags | None:
    """The tags of a chunk that is one record of 'TAG - value' lines and indented continuation
    lines (values stripped, continuations joined with a space), else None."""
    if chunk[:1] not in _UPPER or "\nPMID" in chunk:
        return None
    found = _ITEM.findall("\n" + chunk)
    tags = RawTags()
    lines = len(found)      # the lines the items cover: each tag line and its continuations
    for tag, value in found:
        if "\n" in value:
            parts = [p.strip() for p in value.split("\n")]
            if not all(parts[1:]):
                return None         # a whitespace-only line: a record break, read line by line
            lines += len(parts) - 1
            value = " ".join(parts) if parts[0] else " ".join(parts[1:])
        else:
            value = value.strip()
        values = tags.get(tag)
        if values is None:
            tags[tag] = [value]
        else:
            values.append(value)
    # every line is a tag line or a continuation of one: none left unread
    return tags if lines == chunk.count("\n") + 1 else None


def _read_lines(lines: list[str], number: int, blocks: list[dict], pending_stray: list[str],
                collector: Collector) -> list[str]:
    """Lines after a blank line (or the start of the file), one by one; returns the stray lines
    still waiting for the next record."""
    current: dict | None = None
    after_blank = True
    tag_match = _TAG.match
    for i, line in enumerate(lines, number):
        if not line or line.isspace():
            after_blank = True
            continue
        # PubMed's layout, the tag padded to four columns ("AU  - ", "PMID- "), is split without the
        # expression (the same result)
        tag = line[:4].rstrip(" ") if line[4:6] == "- " else ""
        if len(tag) >= 2 and tag.isascii() and tag.isalnum() and tag.isupper() and not tag[0].isdigit():
            match: tuple[str, str] | None = (tag, line[6:])
        else:
            found = tag_match(line)
            match = (found.group(1), found.group(2)) if found else None
        if match and (current is None or after_blank or match[0] == "PMID"):
            current = {"start": i, "first": i, "lines": [], "items": [], "stray": pending_stray, "unparsed": []}
            pending_stray = []
            blocks.append(current)
        elif current is None or (after_blank and not match):
            # free text between records (JabRef's "This line should be omitted…")
            collector.warn("stray_text", "text outside any record kept with the next record: "
                           f"{line.strip()[:80]!r}", line=i)
            pending_stray.append(line)
            current = None
            after_blank = False
            continue
        after_blank = False
        if not current["lines"]:
            current["first"] = i
        current["lines"].append(line)
        if match:
            current["items"].append([match[0], match[1].strip(), i])
        elif line[:1] in (" ", "\t") and current["items"]:
            last = current["items"][-1]
            last[1] = (last[1] + " " + line.strip()) if last[1] else line.strip()
        else:
            collector.warn("malformed_line", f"line is neither 'TAG - value' nor a continuation; "
                           f"kept in extra['unparsed']: {line.strip()[:60]!r}", line=i,
                           record_number=len(blocks))
            current["unparsed"].append(line)
    return pending_stray


def _to_record(block: dict, number: int, collector: Collector) -> Record:
    """A record read line by line (_read_lines)."""
    tags: dict[str, list[str]] = {}
    for tag, value, line in block["items"]:
        if tag not in KNOWN_TAGS and tag not in tags:
            collector.tag_note("unknown_tag", tag, line, number)
        tags.setdefault(tag, []).append(value)
    return _record(tags, "\n".join(block["lines"]), number, block["first"], block["stray"], block["unparsed"],
                   collector)


def _note_unknown_tags(tags: dict[str, list[str]], raw: str, first: int, number: int, collector: Collector) -> None:
    if not tags.keys() <= KNOWN_TAGS:
        for tag in tags:
            if tag not in KNOWN_TAGS:
                collector.tag_note("unknown_tag", tag, first + _line_of(raw, tag), number)


_NONE: tuple[str, ...] = ()


def _record(tags: dict[str, list[str]], raw: str, number: int, first: int, preamble: list[str],
            unparsed: list[str], collector: Collector) -> Record:
    # Every value is stripped (all three ways of reading strip them), so a value is blank only when
    # empty: a field is its tag's first value, or _first's search when that one is blank. Built-ins
    # over whole lists rather than a Python call per value: this runs once per record.
    get = tags.get
    titles = get("TI")
    if titles is not None and all(titles):
        title = " ".join(" ".join(titles).split())
    else:
        titles = [t for t in titles or () if t]
        title = clean_space(" ".join(titles)) if titles else clean_space(_first(tags, "BTI", "CTI"))
    pmid = (value[0] or _first(tags, "PMID")) if (value := get("PMID")) else ""
    if not pmid.isdigit():
        pmid = ""
    abbrev = (value[0] or _first(tags, "TA")) if (value := get("TA")) else ""
    journal = ((value[0] or _first(tags, "JT")) if (value := get("JT")) else "") or abbrev
    owner = (value[0] or _first(tags, "OWN")) if (value := get("OWN")) else ""
    types = list(_distinct(tuple(get("PT", _NONE))))
    # ' '.join(name.split()) for each non-empty name
    authors = list(map(" ".join, map(str.split, filter(None, get("FAU", _NONE))))) or \
        list(map(" ".join, map(str.split, filter(None, get("AU", _NONE)))))
    if "CN" in tags:
        authors += map(" ".join, map(str.split, filter(None, tags["CN"])))
    year = cached_year(value[0]) if (value := get("DP")) else None
    if year is None:
        year = _year(tags)
    issns = tuple(get("IS", _NONE))
    if "ISSN" in tags:
        issns += tuple(tags["ISSN"])
    value = get("LID")
    if value and (lid := value[0]).endswith(" [doi]") and PLAIN_DOI.fullmatch(lid, 0, len(lid) - 6):
        doi = lid[:-6].lower()      # PubMed's 'LID - 10.1000/xyz [doi]': what clean_doi makes of it
    else:
        doi = first_doi(tags, FIELDS["doi"], looks_like=_looks_like_doi)
    record = Record(
        title=title,
        abstract=(value[0] or _first(tags, "AB")) if (value := get("AB")) else "",
        authors=authors,
        year=year,
        journal=_journal(journal),
        journal_abbrev=_journal(abbrev),
        volume=(value[0] or _first(tags, "VI")) if (value := get("VI")) else "",
        issue=(value[0] or _first(tags, "IP")) if (value := get("IP")) else "",
        pages=(value[0] or _first(tags, "PG")) if (value := get("PG")) else "",
        doi=doi,
        pmid=pmid,
        issn=list(cached_issns(issns)),
        keywords=list(dict.fromkeys(filter(None, get("OT", _NONE)))),       # base.unique
        mesh=list(filter(None, map(_mesh, filter(None, get("MH", _NONE))))),
        language=list(_distinct(tuple(get("LA", _NONE)))),
        publication_types=types,
        flags=flags_for(types),
        record_id=pmid or _first(tags, "OID", "AN"),
        database="ERIC" if owner.upper() == "ERIC" else "PubMed",
        format="medline",
        tags=tags,
    )
    collector.place(record, number, first, raw, title_tags="TI")
    extra = record.extra
    if preamble:
        extra["preamble"] = preamble
    if unparsed:
        extra["unparsed"] = unparsed
    if "VTI" in tags or "TT" in tags:
        vernacular = _first(tags, "VTI", "TT")
        if vernacular:
            extra["vernacular_title"] = vernacular
    return record


def _year(tags: dict[str, list[str]]) -> int | None:
    for tag in FIELDS["year"]:
        for value in tags.get(tag, ()):
            year = cached_year(value)
            if year is not None:
                return year
    return None


# a file's journals, languages and publication types repeat from record to record
@lru_cache(maxsize=16384)
def _journal(name: str) -> str:
    return clean_space(name)


@lru_cache(maxsize=16384)
def _distinct(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(filter(None, values)))


def _first(tags: dict[str, list[str]], *names: str) -> str:
    """first_value for tags whose values are stripped: the first non-empty value of the first of
    ``names`` that has one."""
    for name in names:
        for value in tags.get(name, ()):
            if value:
                return value
    return ""


def _looks_like_doi(value: str) -> bool:
    return value.endswith("[doi]") or "doi" in value.lower()


# MeSH headings repeat from record to record: each distinct value is worked out once per process
# (years and ISSNs likewise, by base.cached_year / cached_issns)
@lru_cache(maxsize=65536)
def _mesh(value: str) -> MeshHeading | None:
    return parse_mesh(value)


def _line_of(raw: str, tag: str) -> int:
    """How many lines into ``raw`` the first line of ``tag`` is (0 for the first line)."""
    for k, line in enumerate(raw.split("\n")):
        match = _TAG.match(line)
        if match and match.group(1) == tag:
            return k
    raise AssertionError(f"tag {tag} not in its own record")


def parse_mesh(value: str) -> MeshHeading | None:
    """'Occupational Health/*history' → MeshHeading('Occupational Health', ('history',), major=True)."""
    value = value.strip()
    if not value:
        return None
    parts = [p.strip() for p in value.split("/")]
    descriptor, qualifiers = parts[0], parts[1:]
    major = descriptor.startswith("*") or any(q.startswith("*") for q in qualifiers)
    return MeshHeading(descriptor.lstrip("*"), tuple(q.lstrip("*") for q in qualifiers), major)
