"""Ovid's own export formats (not RIS): tagged "Citation Manager" (``<1. >`` then ``TI  - …``) and the
display / "Direct Export" layout (``<8>`` then a field name on its own line and indented values).

Both are read into Ovid field codes (``DISPLAY_NAMES`` maps display names to codes), so one table,
``FIELDS``, turns either into a Record.
"""

from __future__ import annotations

import re
import urllib.parse
from functools import partial
from typing import Any

from screener.records.authors import NO_AUTHOR
from screener.records.base import (
    NO_PAGES,
    Collector,
    all_values,
    canonical_database,
    clean_doi,
    clean_space,
    first_value,
    flags_for,
    issns,
    parse_year,
    unique,
)
from screener.records.csv_reader import fill_from_ovid_source
from screener.records.medline import parse_mesh
from screener.records.model import Record
from screener.records.subheadings import SUBHEADINGS  # Ovid writes 'Pain/px' when it does not expand codes

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("TI", "CT", "BT"),
    "abstract": ("AB",),
    "authors": ("AU", "FA", "ED"),
    "year": ("YR", "DP", "PD", "SO"),
    "journal": ("JN", "JT", "JX", "SO"),
    "journal_abbrev": ("JA", "JW"),
    "volume": ("VO", "VI"),
    "issue": ("IP",),
    "pages": ("PG",),
    "doi": ("DO", "DI"),
    "pmid": ("PM", "UI"),
    "issn": ("IS", "ISSN", "XS"),
    "keywords": ("KW",),
    "mesh": ("MH",),
    "language": ("LG", "LA"),
    "publication_types": ("PT",),
    "record_id": ("AN", "UI"),
    "database": ("DB",),
}
DISPLAY_NAMES = {
    "author": "AU", "authors": "AU", "author e-mail": "EM", "title": "TI", "chapter title": "CT",
    "abstract": "AB", "publication type": "PT", "source": "SO", "issn": "IS", "doi number": "DO",
    "doi": "DO", "unique identifier": "UI", "accession number": "AN", "database": "DB",
    "language": "LG", "author keywords": "KW", "keywords": "KW", "subject headings": "SH",
    "mesh subject headings": "MH", "institution": "IN", "year of publication": "YR",
    "journal name": "JN", "volume": "VO", "issue/part": "IP", "page": "PG", "pages": "PG",
    "publication status": "ST", "references": "RF", "score": "SCORE", "editor": "ED", "editors": "ED",
    "version id": "VN", "status": "ST", "publisher": "PU", "isbn": "IB", "date of publication": "DP",
    "digital object identifier": "DO", "article identifier": "AID", "record owner": "RO",
    "authors full name": "FAU", "title comment": "TCM", "original title": "OT",
}
# Ovid MEDLINE's complete reference writes 'Unique Identifier 19865478' and 'Title …' on the field name's line (the
# next line is the next field's name, not an indented value): a known name, a space, then the value
_INLINE_FIELD = re.compile(r"^(?P<name>" + "|".join(
    re.escape(name) for name in sorted(DISPLAY_NAMES, key=len, reverse=True)) + r") (?P<value>\S.*)$", re.I)

_HEADER = re.compile(r"^\s*<(?P<number>\d+)(?:\.\s*)?>\s*$")
_TAG = re.compile(r"^\s?(?P<tag>[A-Z][A-Z0-9]{1,4}) {1,2}-(?: (?P<value>.*))?$")
_SOURCE = re.compile(r"^(?P<journal>.+?)\.\s+(?:Vol\.?\s*)?(?P<volume>[\w-]+)?(?:\s*\((?P<issue>[^)]*)\))?"
                     r"(?::\s*(?P<pages>[\w-]+))?")
_ROLE = re.compile(r"\s*\[[^\]]*\]\s*$")
# the display export's links: the record's DOI and PMID where it has no field for them (Embase's 'Citation' fields)
_RESOLVER_LINK = "Link to the External Link Resolver"
_FULL_TEXT_LINK = "Link to the Ovid Full Text or citation"
# Ovid MEDLINE's translated title, the article's language after it: '[First results …]. [Italian]'
_TITLE_LANGUAGE = re.compile(r"^(\[.*\]\.?)\s+\[[A-Z][a-z]+(?:[ ,]+[A-Z][a-z]+)*\]$")
_UNDOTTED_LAST = re.compile(r"^[^,]+ [A-Z]{1,4}\.$")        # 'Haroutunian V.', 'Cohen ML.': Vancouver, then '.'
_TITLE_KIND = re.compile(r"\s*\[(Article|Miscellaneous|Editorial|Review|Letter|Comment|Report|"
                         r"Abstract|Correction|Erratum|News|Case Report)\]\s*$", re.I)


def _split_records(text: str, collector: Collector) -> tuple[list[dict], list[str]]:
    blocks: list[dict] = []
    current: dict[str, Any] | None = None
    before: list[str] = []
    for i, line in enumerate(text.split("\n"), 1):
        match = _HEADER.match(line)
        if match:
            current = {"start": i, "label": match.group("number"), "lines": [line], "body": []}
            blocks.append(current)
            continue
        if current is None:
            if line.strip():
                collector.warn("stray_text", f"text before the first record: {line.strip()[:80]!r}", line=i)
                before.append(line)
            continue
        current["lines"].append(line)
        current["body"].append((i, line))
    for block in blocks:
        while block["lines"] and not block["lines"][-1].strip():
            block["lines"].pop()
    return blocks, before


def read_ovid_text(text: str, collector: Collector, *, skip_bad: bool = False,
                   rejected: list | None = None) -> list[Record]:
    blocks, before = _split_records(text, collector)
    records = []
    for number, block in enumerate(blocks, 1):
        items: list[list] = []
        unparsed: list[str] = []
        for i, line in block["body"]:
            if not line.strip():
                continue
            match = _TAG.match(line)
            if match:
                items.append([match.group("tag"), (match.group("value") or "").strip(), i])
            elif items:
                last = items[-1]
                last[1] = (last[1] + " " + line.strip()).strip()
            else:
                unparsed.append(line)
                collector.warn("malformed_line", f"line is not 'TAG  - value': {line.strip()[:60]!r}",
                               line=i, record_number=number)
        records.append(_finish(items, block, number, collector, "ovid", before, unparsed))
    return records


def read_ovid_display_text(text: str, collector: Collector, *, skip_bad: bool = False,
                           rejected: list | None = None) -> list[Record]:
    blocks, before = _split_records(text, collector)
    records = []
    for number, block in enumerate(blocks, 1):
        items: list[list] = []
        body = [(i, line) for i, line in block["body"] if line.strip()]
        for k, (i, line) in enumerate(body):
            if not line[:1].isspace():
                name = line.strip()
                code = DISPLAY_NAMES.get(name.lower())
                inline = None
                if code is None and (k + 1 == len(body) or not body[k + 1][1][:1].isspace()):
                    inline = _INLINE_FIELD.match(name)   # no indented value follows: the value is on this line
                if inline:
                    items.append([DISPLAY_NAMES[inline.group("name").lower()], inline.group("value").strip(), i])
                else:
                    items.append([code or name, "", i])
            elif items:
                last = items[-1]
                if last[1] and last[0] == "RF":
                    items.append([last[0], line.strip(), i])   # one reference per indented line
                else:
                    last[1] = (last[1] + " " + line.strip()).strip()
            else:
                collector.warn("malformed_line", f"value before any field name: {line.strip()[:60]!r}",
                               line=i, record_number=number)
        records.append(_finish(items, block, number, collector, "ovid_display", before, []))
    return records


def _finish(items, block, number, collector, fmt, before, unparsed) -> Record:
    tags: dict[str, list[str]] = {}
    for tag, value, _ in items:
        tags.setdefault(tag, []).append(value)
    record = record_from_tags(tags, fmt)
    collector.place(record, number, block["start"], "\n".join(block["lines"]), title_tags="TI")
    extra = {"ovid_record_number": block["label"]}
    if number == 1 and before:
        extra["preamble"] = before
    if unparsed:
        extra["unparsed"] = unparsed
    record.extra = extra
    return record


_DEGREES = re.compile(r"(?:[\s,;]+(?:MD|M\.D\.|PhD|Ph\.D\.|RN|FAAN|MPH|MSc|BSc|MS|MA|BA|DrPH|FACSM|MBBS|"
                      r"MBChB|FRCP|FRCS|DPhil|PharmD|DDS|DVM|MSN|BSN|APRN|FNP|CNM|OTR|PT|DPT|MBA|MEd|EdD))+$")


def _is_degrees(piece: str) -> bool:
    """'PhD', 'FAAN 1': what follows '; ' in one person's name in most Ovid databases (Embase joins people so)."""
    piece = re.sub(r"[\s\d,*+]+$", "", piece.strip())
    return bool(piece) and bool(_DEGREES.fullmatch(" " + piece))


def _split_people(value: str) -> list[str]:
    # Ovid separates people with ";  " (two spaces); "; " alone one person's degrees — or, in Embase, people
    if re.search(r";\s{2,}", value):
        parts = re.split(r";\s{2,}", value)
    elif len(outside := re.split(r";(?![^\[\]]*\])", value)) > 1 and not any(_is_degrees(p) for p in outside[1:]):
        parts = outside     # Embase's 'Farach A.; Quesada J.; Teh B.S.', 'Eatough; Epps' (not a role's '[…; …]')
    elif re.search(r"\S {2,}\S", value):
        parts = re.split(r" {2,}", value)
    else:
        parts = [value]
    out = []
    for part in parts:
        part = _ROLE.sub("", part.strip())
        for _ in range(2):   # affiliation markers: "Kohler, Lars 1", "Zhang, Weijia 1,2,+", "Verbeek, Jan MD *"
            part = re.sub(r"\s*[*+]+\s*$", "", part)
            part = re.sub(r"\s+\d+(,\s*\d+)*,?\s*$", "", part).strip()
        part = _DEGREES.sub("", part).strip()
        if part and part.lower().strip("[]. ") not in NO_AUTHOR:     # Embase's 'Anonymous' names nobody
            out.append(clean_space(part))
    return out


def ovid_heading(value: str):
    """Ovid's '*Chronic Pain/dt, px [Drug Therapy, Psychology]' → MeshHeading('Chronic Pain',
    ('drug therapy', 'psychology'), major=True), the qualifier names MEDLINE files use."""
    heading = parse_mesh(value.split("/", 1)[0])
    if heading is None:
        return None
    rest = value.split("/", 1)[1] if "/" in value else ""
    expanded = re.search(r"\[([^\]]*)\]\s*$", rest)
    names = expanded.group(1) if expanded else rest
    cleaned = [q.strip().lstrip("*").strip().lower() for q in re.split(r"[,/]", names)]
    qualifiers = tuple(SUBHEADINGS.get(q, q) for q in cleaned if q)
    major = heading.major or "*" in rest
    return type(heading)(heading.descriptor, qualifiers, major)


def record_from_tags(tags: dict[str, list[str]], fmt: str) -> Record:
    first = partial(first_value, tags)
    values = partial(all_values, tags)

    record = Record(format=fmt, tags=tags)
    title = clean_space(first(*FIELDS["title"]))
    kind = _TITLE_KIND.search(title)
    if kind and kind.start() > 0:
        title = title[:kind.start()].rstrip()
    language = _TITLE_LANGUAGE.match(title)
    record.title = language.group(1) if language else title
    record.abstract = first(*FIELDS["abstract"])
    db = first(*FIELDS["database"])
    # no Database field in Ovid MEDLINE's display text, but 'Record Owner: From MEDLINE, a database of …'
    medline = not db and first("RO").startswith("From MEDLINE")
    database = canonical_database(db) if db else ("MEDLINE" if medline else "unknown")
    for name in FIELDS["authors"]:
        people = [p for v in tags.get(name, ()) for p in _split_people(v)]
        if people:
            # MEDLINE's list on one line ends with a '.' ('Katsel P; Tan W; Haroutunian V.'): the list's, not the
            # initials' where no other name has one (Embase's are dotted: 'Teh B.S.') or the record is MEDLINE's
            if len(tags.get(name, ())) == 1 and _UNDOTTED_LAST.search(people[-1]) and (
                    medline or len(people) > 1 and not any(p.endswith(".") for p in people[:-1])):
                people[-1] = people[-1][:-1]
            record.authors = people
            break
    source = first("SO")
    match = _SOURCE.match(source) if source else None
    record.journal = clean_space(first("JN", "JT", "JX")) or (clean_space(match.group("journal")) if match else "")
    record.journal_abbrev = clean_space(first(*FIELDS["journal_abbrev"]))
    record.volume = first(*FIELDS["volume"]) or ((match.group("volume") or "") if match else "")
    record.issue = first(*FIELDS["issue"]) or ((match.group("issue") or "") if match else "")
    record.pages = first(*FIELDS["pages"]) or ((match.group("pages") or "") if match else "")
    if record.pages.lower() == NO_PAGES:       # PsycInfo's placeholder, as the RIS reader drops it in SP/EP
        record.pages = ""
    record.year = parse_year(*(first(tag) for tag in FIELDS["year"]))
    if source and not first("YR", "DP", "PD"):
        # the year is the Source's after its volume, issue and pages: Embase's 'Journal. 23(11) (pp 1680), 2024.
        # Date of Publication: …' has a page that reads as a year; its parts as Ovid's CSV has them (one rule)
        parsed = Record()
        fill_from_ovid_source(parsed, source)
        record.year = parsed.year or record.year
        if parsed.journal and not first("JN", "JT", "JX"):
            record.journal = parsed.journal
            record.volume = first(*FIELDS["volume"]) or parsed.volume
            record.issue = first(*FIELDS["issue"]) or parsed.issue
            record.pages = first(*FIELDS["pages"]) or parsed.pages
    record.doi = clean_doi(first(*FIELDS["doi"]))
    if not record.doi:
        # MEDLINE's Article Identifier: '10.1016/S1726-4901(09)70142-X [doi]' among the [pii] and [pmc] ids
        aid = re.search(r"(?:^|\s)(10\.\S+) \[doi\]", " ".join(tags.get("AID", ())))
        record.doi = clean_doi(aid.group(1)) if aid else ""
    if not record.doi:
        # the links: SFX's 'id=doi:…', OpenURL 1.0's 'rft_id=info:doi/…', Ovid full text's 'DO=…'
        resolver = re.search(r"[?&](?:id=doi:|rft_id=info:doi/)([^&\s]+)", first(_RESOLVER_LINK))
        full_text = re.search(r"[?&]DO=([^&\s]+)", first(_FULL_TEXT_LINK))
        found = resolver or full_text
        record.doi = clean_doi(urllib.parse.unquote(found.group(1))) if found else ""
    record.database = database
    ui = first("UI")
    pm = first("PM")
    if re.fullmatch(r"\d{1,9}", pm):
        record.pmid = pm
    elif database in ("MEDLINE", "PubMed") and re.fullmatch(r"\d{1,9}", ui):
        record.pmid = ui
    elif (linked := re.search(r"[?&](?:id=pmid:|rft_id=info:pmid/)(\d{1,9})\b", first(_RESOLVER_LINK))):
        record.pmid = linked.group(1)
    record.issn = issns(*values(*FIELDS["issn"]))
    record.keywords = unique(k for v in values(*FIELDS["keywords"]) for k in (v.split(";") if ";" in v else [v]))
    record.mesh = [m for m in (ovid_heading(v) for v in values(*FIELDS["mesh"])) if m]
    record.language = unique(values(*FIELDS["language"]))
    types = list(tags.get("PT", []))
    if database == "Embase":
        types += tags.get("ST", [])
    if kind and kind.start() > 0:
        types.append(kind.group(1))
    record.publication_types = unique(t for t in types if t.strip() and t.strip() != "-")
    record.record_id = re.sub(r"^.*?:\s*", "", first("AN")).rstrip(".") if first("AN") else ui
    record.flags = flags_for(record.publication_types)
    return record
