"""MEDLINE / PubMed .nbib (and ERIC's nbib): our own reader with a tag table.

Biopython's ``Bio.Medline`` is not used: it reads keys by fixed columns (``TI  -This`` loses a
letter), turns free text between records into a record, splits wrapped ``EIN``/``CIN`` values into
separate items and space-joins repeated ``IS``/``LID`` (../shared/fixtures/REPORT.md §2.3).
"""

from __future__ import annotations

import re
from functools import lru_cache

from screener.records.base import (
    Collector,
    cached_issns,
    cached_year,
    clean_space,
    first_doi,
    flags_for,
    unique,
)
from screener.records.model import MeshHeading, Record

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
# one tag line (after the newline before it) and the continuation lines below it, as _TAG reads them
_ITEM = re.compile(r"\n([A-Z][A-Z0-9]{1,3}) *- ?([^\n]*(?:\n[ \t][^\n]*)*)")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def read_medline_text(text: str, collector: Collector, *, skip_bad: bool = False,
                      rejected: list | None = None) -> list[Record]:
    # A blank line always ends a record, so the file is read as the text between blank lines
    # ("chunks"). A chunk of tag lines and indented continuations, with no PMID line inside, is
    # one record: its tags are read with one regular expression (_clean_tags). Any other chunk
    # (stray text, malformed lines, two records without a blank line between, whitespace-only
    # lines) is read line by line (_read_lines), the rules for every line as before.
    blocks: list[dict] = []
    pending_stray: list[str] = []
    line = 1
    for chunk in text.split("\n\n"):
        tags = _clean_tags(chunk)
        if tags is not None:
            blocks.append({"first": line, "raw": chunk, "tags": tags, "stray": pending_stray, "unparsed": []})
            pending_stray = []
        else:
            pending_stray = _read_lines(chunk.split("\n"), line, blocks, pending_stray, collector)
        line += chunk.count("\n") + 2
    if pending_stray and blocks:
        blocks[-1].setdefault("trailer", []).extend(pending_stray)
    records: list[Record] = []
    for number, block in enumerate(blocks, 1):
        records.append(_to_record(block, number, collector))
    return records


def _clean_tags(chunk: str) -> dict[str, list[str]] | None:
    """The tags of a chunk that is one record of 'TAG - value' lines and indented continuation
    lines (values stripped, continuations joined with a space), else None."""
    if chunk[:1] not in _UPPER or "\nPMID" in chunk:
        return None
    found = _ITEM.findall("\n" + chunk)
    tags: dict[str, list[str]] = {}
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
    tags: dict[str, list[str]]
    if "tags" in block:             # read by _clean_tags: one line per tag line and continuation
        tags, raw = block["tags"], block["raw"]
        if not tags.keys() <= KNOWN_TAGS:
            for tag in tags:
                if tag not in KNOWN_TAGS:
                    collector.tag_note("unknown_tag", tag, block["first"] + _line_of(raw, tag), number)
    else:
        tags, raw = {}, "\n".join(block["lines"])
        for tag, value, line in block["items"]:
            if tag not in KNOWN_TAGS and tag not in tags:
                collector.tag_note("unknown_tag", tag, line, number)
            tags.setdefault(tag, []).append(value)

    # every value is stripped (both ways of reading strip them), so a value is blank only when empty
    get = tags.get
    titles = [t for t in get("TI", ()) if t]
    pmid = _first(tags, "PMID")
    pmid = pmid if pmid.isdigit() else ""
    types = unique(get("PT", ()))
    owner = _first(tags, "OWN")
    authors = [" ".join(a.split()) for a in get("FAU", ()) if a] or [" ".join(a.split()) for a in get("AU", ()) if a]
    authors += [" ".join(c.split()) for c in get("CN", ()) if c]
    year = None
    for tag in ("DP", "DA", "EDAT"):
        for value in get(tag, ()):
            year = cached_year(value)
            if year is not None:
                break
        if year is not None:
            break
    mesh = [_mesh(v) for v in get("MH", ()) if v]
    record = Record(
        title=clean_space(" ".join(titles)) if titles else clean_space(_first(tags, "BTI", "CTI")),
        abstract=_first(tags, "AB"),
        authors=authors,
        year=year,
        journal=clean_space(_first(tags, "JT", "TA")),
        journal_abbrev=clean_space(_first(tags, "TA")),
        volume=_first(tags, "VI"),
        issue=_first(tags, "IP"),
        pages=_first(tags, "PG"),
        doi=first_doi(tags, FIELDS["doi"], looks_like=_looks_like_doi),
        pmid=pmid,
        issn=list(cached_issns(tuple(get("IS", ())) + tuple(get("ISSN", ())))),
        keywords=unique(get("OT", ())),
        mesh=[m for m in mesh if m],
        language=unique(get("LA", ())),
        publication_types=types,
        flags=flags_for(types),
        record_id=pmid or _first(tags, "OID", "AN"),
        database="ERIC" if owner.upper() == "ERIC" else "PubMed",
        format="medline",
        tags=tags,
    )
    collector.place(record, number, block["first"], raw, title_tags="TI")
    extra = {}
    if block["stray"]:
        extra["preamble"] = block["stray"]
    if block.get("trailer"):
        extra["trailer"] = block["trailer"]
    if block["unparsed"]:
        extra["unparsed"] = block["unparsed"]
    vernacular = _first(tags, "VTI", "TT")
    if vernacular:
        extra["vernacular_title"] = vernacular
    record.extra = extra
    return record


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
