"""Web of Science tagged plaintext ("Other reference software", ISI format, .ciw) and tab-delimited.

Tagged: ``PT`` opens a record, ``ER`` closes it, continuation lines start with three spaces. Every
tag is kept (rispy's WokParser crashed on the first tag outside its table: ``KeyError: 'UK'``).
"""

from __future__ import annotations

import re
from functools import partial

from screener.records.base import (
    Collector,
    RejectedRecord,
    clean_doi,
    clean_space,
    first_value,
    flags_for,
    issns,
    join_pages,
    parse_year,
    unique,
)
from screener.records.model import Record

# field → tags (first non-empty wins); the same codes head the tab-delimited export's columns.
# Authors and pages need more than a lookup and are read by hand in record_from_tags.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("TI",),
    "abstract": ("AB",),
    "authors": ("AF", "AU", "BF", "BA", "CA", "GP"),
    "year": ("PY", "PD", "EA"),
    "journal": ("SO", "SE", "BS"),
    "journal_abbrev": ("J9", "JI"),
    "volume": ("VL",),
    "issue": ("IS",),
    "pages": ("BP", "EP", "AR"),
    "doi": ("DI", "D2"),
    "pmid": ("PM",),
    "issn": ("SN", "EI"),
    "keywords": ("DE",),
    "language": ("LA",),
    "publication_types": ("DT",),
    "reference_type": ("PT",),
    "record_id": ("UT", "AN"),
}
# continuation lines of these tags are further values, of the others more text
LIST_TAGS = {"AU", "AF", "BA", "BF", "BE", "CA", "GP", "CR", "C1", "C3", "EM", "RI", "OI", "ED", "SP"}
KNOWN_TAGS = {
    "FN", "VR", "PT", "AU", "AF", "BA", "BF", "CA", "GP", "BE", "TI", "SO", "SE", "BS", "LA", "DT", "CT",
    "CY", "CL", "SP", "HO", "DE", "ID", "AB", "C1", "C3", "RP", "EM", "RI", "OI", "FU", "FP", "FX", "CR",
    "NR", "TC", "Z9", "U1", "U2", "PU", "PI", "PA", "SN", "EI", "BN", "J9", "JI", "PD", "PY", "VL", "IS",
    "PN", "SU", "SI", "MA", "BP", "EP", "AR", "DI", "DL", "D2", "EA", "PG", "WC", "WE", "SC", "GA", "UT",
    "PM", "OA", "HC", "HP", "DA", "ER", "EF", "AN", "BD", "NT", "OR", "ST", "TN", "UR", "CC", "CN", "PS",
    "AE", "PC", "MC", "DG", "ZB", "ZR", "ZS", "Z8", "ZA", "CO", "PV", "TY", "IP", "ZD", "ZE"}

_TAG = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])(?: (?P<value>.*))?$")
_EMAIL = re.compile(r"\s*\([^()\s]+@[^()\s]+\)")
_DATABASES = (("WOS:", "Web of Science"), ("MEDLINE:", "MEDLINE"), ("BCI:", "BIOSIS Citation Index"),
              ("BIOSIS:", "BIOSIS Previews"), ("ZOOREC:", "Zoological Record"), ("INSPEC:", "Inspec"),
              ("CCC:", "Current Contents Connect"), ("DIIDW:", "Derwent Innovations Index"),
              ("CABI:", "CAB Abstracts"), ("KJD:", "KCI"), ("SCIELO:", "SciELO"))


def database_for(accession: str) -> str:
    for prefix, name in _DATABASES:
        if accession.upper().startswith(prefix):
            return name
    return "Web of Science"


def read_wos_text(text: str, collector: Collector, *, skip_bad: bool = False,
                  rejected: list | None = None) -> list[Record]:
    lines = text.split("\n")
    drafts: list[dict] = []
    current: dict | None = None
    header: list[str] = []
    warned_unindented = False
    for i, line in enumerate(lines, 1):
        match = _TAG.match(line)
        tag = match.group("tag") if match else None
        if tag == "PT":
            if current is not None:
                collector.warn("missing_er", f"record has no ER line; it was closed at the next PT (line {i})",
                               line=current["start"], record_number=current["number"])
            current = {"start": i, "number": len(drafts) + 1, "lines": [line],
                       "items": [["PT", ((match.group("value") if match else "") or "").strip(), i]], "unparsed": []}
            drafts.append(current)
            continue
        if current is None:
            if line.strip() and tag not in ("FN", "VR", "EF"):
                if not (i <= 3 and not match):
                    collector.warn("stray_text", f"text outside any record: {line.strip()[:80]!r}", line=i)
            if line.strip() and tag != "EF":
                header.append(line)
            continue
        if tag == "ER" and not ((match.group("value") if match else "") or "").strip():
            current["lines"].append(line)
            current = None
            continue
        current["lines"].append(line)
        if not line.strip():
            continue
        if match and not line.startswith(" "):
            current["items"].append([tag, (match.group("value") or "").strip(), i])
        elif current["items"]:
            if not line.startswith(" ") and not warned_unindented:
                warned_unindented = True
                collector.warn("unindented_continuation", "continuation lines without the usual "
                               "3-space indent were read as continuations (first here)", line=i,
                               record_number=current["number"])
            last = current["items"][-1]
            if last[0] in LIST_TAGS:
                current["items"].append([last[0], line.strip(), i])
            else:
                last[1] = (last[1] + " " + line.strip()).strip()
        else:
            collector.warn("malformed_line", "line is neither 'TAG value' nor a continuation; kept in "
                           f"extra['unparsed']: {line.strip()[:60]!r}", line=i, record_number=current["number"])
            current["unparsed"].append(line)
    if current is not None:
        while current["lines"] and not current["lines"][-1].strip():
            current["lines"].pop()
        if current["lines"] and current["lines"][-1].strip() == "EF":
            current["lines"].pop()
            current["items"] = [it for it in current["items"] if it[0] != "EF"]
        collector.warn("missing_er", "record has no ER line; it was closed at the end of the file",
                       line=current["start"], record_number=current["number"])
    records = []
    for draft in drafts:
        tags: dict[str, list[str]] = {}
        for tag, value, line in draft["items"]:
            if tag in ("ER", "EF"):
                continue
            if tag not in KNOWN_TAGS and tag not in tags:
                collector.tag_note("unknown_tag", tag, line, draft["number"])
            tags.setdefault(tag, []).append(value)
        record = record_from_tags(tags, fmt="wos")
        collector.place(record, draft["number"], draft["start"], "\n".join(draft["lines"]), title_tags="TI")
        extra = {}
        if draft["number"] == 1 and header:
            extra["preamble"] = header
        if draft["unparsed"]:
            extra["unparsed"] = draft["unparsed"]
        record.extra = extra
        records.append(record)
    return records


def record_from_tags(tags: dict[str, list[str]], fmt: str) -> Record:
    first = partial(first_value, tags)

    def split_values(field: str) -> list[str]:   # '; '-separated lists, as WoS writes DE, LA, DT
        return [part for tag in FIELDS[field] for v in tags.get(tag, ()) for part in v.split(";")]

    record = Record(format=fmt, tags=tags)
    record.title = clean_space(first(*FIELDS["title"]))
    record.abstract = first(*FIELDS["abstract"])
    for name in ("AF", "AU", "BF", "BA"):
        values = [a for v in tags.get(name, ()) for a in v.split(";") if a.strip()]
        if values:
            # BIOSIS Previews writes the corresponding author's e-mail after the name: 'Tingley, Morgan W.
            # (morgan.tingley@uconn.edu) ; Stillman, Andrew N.'
            record.authors = [clean_space(_EMAIL.sub("", a) if "@" in a else a) for a in values]
            break
    record.authors += [clean_space(a) for v in tags.get("CA", ()) for a in v.split(";") if a.strip()]
    if not record.authors:
        # GP is the book's group author: of a proceedings paper the conference's society ('IEEE', 'ASSOC
        # COMPUTING MACHINERY'), no author of the paper (round 23); the author only of a book no person wrote
        record.authors = [clean_space(a) for v in tags.get("GP", ()) for a in v.split(";") if a.strip()]
    record.year = parse_year(*(first(tag) for tag in FIELDS["year"]))
    record.journal = clean_space(first(*FIELDS["journal"]))
    record.journal_abbrev = clean_space(first(*FIELDS["journal_abbrev"]))
    record.volume = first(*FIELDS["volume"])
    record.issue = first(*FIELDS["issue"])
    # PS: the page span of WoS's other databases (MEDLINE, Zoological Record), which have no BP/EP
    record.pages = join_pages(first("BP"), first("EP")) or first("AR") or first("PS")
    record.doi = clean_doi(first("DI"))
    if not record.doi:
        # D2 is the book's DOI: the record's own only when the record is the book, not a chapter of it
        types = " ".join(tags.get("DT", ())).lower()
        if "book" in types and not re.search(r"chapter|article|review|paper|abstract|editorial|letter", types):
            record.doi = clean_doi(first("D2"))
    pmid = first(*FIELDS["pmid"])
    record.pmid = pmid if pmid.isdigit() else ""
    record.issn = issns(*(first(tag) for tag in FIELDS["issn"]))
    record.keywords = unique(split_values("keywords"))
    record.language = unique(split_values("language"))
    record.publication_types = unique(split_values("publication_types"))
    record.reference_type = first(*FIELDS["reference_type"])
    record.record_id = first(*FIELDS["record_id"])
    record.database = database_for(record.record_id)
    if not record.pmid and record.database == "MEDLINE":
        # MEDLINE on WoS has no PM: its accession number is the PMID ('UT MEDLINE:26554322')
        record.pmid = re.sub(r"^MEDLINE:", "", record.record_id, flags=re.I) if \
            re.fullmatch(r"MEDLINE:\d{1,9}", record.record_id, re.I) else ""
    record.flags = flags_for(record.publication_types)
    if record.reference_type == "P" and "patent" not in record.flags:
        record.flags.append("patent")
    return record


def _quoted_by_a_spreadsheet(header: list[str], rows: list[str]) -> bool:
    """WoS quotes no cell; a spreadsheet saving the file as tab-delimited text quotes each cell holding a comma, so
    every AU cell ('Xiu, Y; Moore, ME') — and then a quoted cell is one value, its inner quotes doubled."""
    if "AU" not in header:
        return False
    at = header.index("AU")
    names = [cells[at] for cells in (row.split("\t") for row in rows if row.strip()) if len(cells) > at and cells[at]]
    listed = [n for n in names if "," in n]
    return bool(listed) and all(len(n) >= 2 and n[0] == n[-1] == '"' for n in listed)


def read_wos_tab_text(text: str, collector: Collector, *, skip_bad: bool = False,
                      rejected: list | None = None) -> list[Record]:
    """Tab-delimited export: a header of tag codes, one record per line, no quoting."""
    lines = text.split("\n")
    header_at = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_at is None:
        return []
    header = [h.strip() for h in lines[header_at].split("\t")]
    unquote = _quoted_by_a_spreadsheet(header, lines[header_at + 1:])
    records = []
    number = 0   # the row's place among the file's rows, rejected ones included
    for i in range(header_at + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        cells = line.split("\t")
        number += 1
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            message = (f"the row has {len(cells)} cells but the header has {len(header)} "
                       "(a tab inside a field?)")
            if not skip_bad:
                raise collector.fatal(message, line=i + 1, record_number=number)
            if rejected is not None:
                rejected.append(RejectedRecord(collector.file, i + 1, number, message, line))
            continue
        tags: dict[str, list[str]] = {}
        for name, cell in zip(header, cells):
            if unquote and len(cell) >= 2 and cell[0] == cell[-1] == '"':
                cell = cell[1:-1].replace('""', '"')
            if cell.strip():
                tags.setdefault(name, []).append(cell.strip())
        record = record_from_tags(tags, fmt="wos_tab")
        records.append(collector.place(record, number, i + 1, line, title_tags="TI"))
    return records
