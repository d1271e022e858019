"""MEDLINE / PubMed .nbib (and ERIC's nbib): our own reader with a tag table.

Biopython's ``Bio.Medline`` is not used: it reads keys by fixed columns (``TI  -This`` loses a
letter), turns free text between records into a record, splits wrapped ``EIN``/``CIN`` values into
separate items and space-joins repeated ``IS``/``LID`` (../shared/fixtures/REPORT.md §2.3).
"""

from __future__ import annotations

import re
from functools import partial

from screener.records.base import (
    Collector,
    all_values,
    clean_space,
    first_doi,
    first_value,
    flags_for,
    issns,
    parse_year,
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


def read_medline_text(text: str, collector: Collector, *, skip_bad: bool = False,
                      rejected: list | None = None) -> list[Record]:
    lines = text.split("\n")
    blocks: list[dict] = []
    current: dict | None = None
    after_blank = True
    pending_stray: list[str] = []
    tag_match = _TAG.match
    for i, line in enumerate(lines, 1):
        if not line or line.isspace():
            after_blank = True
            continue
        # PubMed's layout, the tag padded to four columns ("AU  - ", "PMID- "), is split without the
        # expression (the same result; this runs on every line of the file)
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
    if pending_stray and blocks:
        blocks[-1].setdefault("trailer", []).extend(pending_stray)
    records: list[Record] = []
    for number, block in enumerate(blocks, 1):
        records.append(_to_record(block, number, collector))
    return records


def _to_record(block: dict, number: int, collector: Collector) -> Record:
    tags: dict[str, list[str]] = {}
    for tag, value, line in block["items"]:
        if tag not in KNOWN_TAGS and tag not in tags:
            collector.tag_note("unknown_tag", tag, line, number)
        tags.setdefault(tag, []).append(value)

    first = partial(first_value, tags)
    values = partial(all_values, tags)

    record = Record(format="medline", tags=tags)
    titles = [t for t in tags.get("TI", ()) if t.strip()]
    record.title = clean_space(" ".join(titles)) if titles else clean_space(first("BTI", "CTI"))
    record.abstract = first(*FIELDS["abstract"])
    record.authors = [clean_space(a) for a in tags.get("FAU", ()) if a.strip()] or \
        [clean_space(a) for a in tags.get("AU", ()) if a.strip()]
    record.authors += [clean_space(c) for c in tags.get("CN", ()) if c.strip()]
    record.year = parse_year(*values(*FIELDS["year"]))
    record.journal = clean_space(first(*FIELDS["journal"]))
    record.journal_abbrev = clean_space(first(*FIELDS["journal_abbrev"]))
    record.volume = first(*FIELDS["volume"])
    record.issue = first(*FIELDS["issue"])
    record.pages = first(*FIELDS["pages"])
    record.doi = first_doi(tags, FIELDS["doi"], looks_like=lambda v: v.endswith("[doi]") or "doi" in v.lower())
    pmid = first(*FIELDS["pmid"])
    record.pmid = pmid if pmid.isdigit() else ""
    record.record_id = record.pmid or first("OID", "AN")
    record.issn = issns(*values(*FIELDS["issn"]))
    record.keywords = unique(values(*FIELDS["keywords"]))
    record.mesh = [m for m in (parse_mesh(v) for v in values(*FIELDS["mesh"])) if m]
    record.language = unique(values(*FIELDS["language"]))
    record.publication_types = unique(values(*FIELDS["publication_types"]))
    record.flags = flags_for(record.publication_types)
    owner = first("OWN")
    record.database = "ERIC" if owner.upper() == "ERIC" else "PubMed"
    collector.place(record, number, block["first"], "\n".join(block["lines"]), title_tags="TI")
    extra = {}
    if block["stray"]:
        extra["preamble"] = block["stray"]
    if block.get("trailer"):
        extra["trailer"] = block["trailer"]
    if block["unparsed"]:
        extra["unparsed"] = block["unparsed"]
    vernacular = first("VTI", "TT")
    if vernacular:
        extra["vernacular_title"] = vernacular
    record.extra = extra
    return record


def parse_mesh(value: str) -> MeshHeading | None:
    """'Occupational Health/*history' → MeshHeading('Occupational Health', ('history',), major=True)."""
    value = value.strip()
    if not value:
        return None
    parts = [p.strip() for p in value.split("/")]
    descriptor, qualifiers = parts[0], parts[1:]
    major = descriptor.startswith("*") or any(q.startswith("*") for q in qualifiers)
    return MeshHeading(descriptor.lstrip("*"), tuple(q.lstrip("*") for q in qualifiers), major)
