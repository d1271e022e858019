"""Line-tagged formats that are not RIS: EndNote tagged (.enw, ``%0 Journal Article`` / ``%T …``),
RefWorks tagged (``RT Journal Article`` / ``A1 …``) and the Cochrane Library's plain-text export
(``Record #1 of 3`` / ``AU: …``).

One engine, one table per format (``SPECS``): the tag pattern, what opens a record, and the record
field each tag fills (first tag with a value wins; list fields take every line). Every tag is kept in
``Record.tags`` in file order, repeated ones as lists, unknown ones too; lines without a tag continue
the value before them. ``write_enw`` writes .enw from the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from screener.records.authors import split_authors
from screener.records.base import (
    Collector,
    canonical_database,
    clean_space,
    first_doi,
    first_value,
    flags_for,
    issns,
    parse_year,
    unique,
)
from screener.records.model import Record


@dataclass(frozen=True)
class TaggedSpec:
    name: str                               # the format name (Record.format)
    tag: re.Pattern                         # group 1 = tag, group 2 = value
    opens: str                              # the tag that opens a record (besides blank-line separation)
    fields: dict[str, tuple[str, ...]]      # record field → tags, first with a value wins
    list_tags: frozenset[str] = field(default_factory=frozenset)   # one value per line
    record_marker: re.Pattern | None = None  # a header line opening a record ("Record #1 of 3")
    blank_separates: bool = True
    title_tags: str = ""


ENW = TaggedSpec(
    name="enw",
    tag=re.compile(r"^%([0-9A-Za-z@!#$&()*+^<>\[\]=~?|\]])(?: (.*))?$"),
    opens="0",
    fields={
        "reference_type": ("0",), "title": ("T",), "authors": ("A",), "year": ("D", "8", "7"),
        "journal": ("J", "B"), "journal_abbrev": ("O",), "volume": ("V",), "issue": ("N",), "pages": ("P",),
        "doi": ("R",), "abstract": ("X",), "keywords": ("K",), "issn": ("@",), "urls": ("U",),
        "record_id": ("M",), "database": ("~", "W"), "language": ("G",), "publication_types": ("9",),
    },
    list_tags=frozenset({"A", "E", "K", "U", "Y", "?", "H"}),
    title_tags="%T",
)

REFWORKS = TaggedSpec(
    name="refworks",
    tag=re.compile(r"^([A-Z][A-Z0-9]) (.*)$"),
    opens="RT",
    fields={
        "reference_type": ("RT",), "title": ("T1", "T2"), "authors": ("A1",), "year": ("YR", "FD"),
        "journal": ("JF", "T2"), "journal_abbrev": ("JO", "JA"), "volume": ("VO",), "issue": ("IS",),
        "pages": ("SP",), "doi": ("DO", "DOI", "UL"), "abstract": ("AB",), "keywords": ("K1",),
        "issn": ("SN",), "urls": ("UL", "LK"), "record_id": ("ID", "AN"), "database": ("DB", "DS"),
        "language": ("LA",),
    },
    list_tags=frozenset({"A1", "A2", "A3", "A4", "A5", "A6", "K1", "UL", "LK"}),
    title_tags="T1",
)

COCHRANE = TaggedSpec(
    name="cochrane_text",
    tag=re.compile(r"^([A-Z]{2,3}): ?(.*)$"),
    opens="",
    fields={
        "title": ("TI",), "authors": ("AU",), "year": ("YR",), "journal": ("SO",), "volume": ("VL",),
        "issue": ("NO",), "pages": ("PG",), "doi": ("DOI",), "abstract": ("AB",), "keywords": ("KY",),
        "issn": ("SN",), "urls": ("US",), "record_id": ("ID",), "publication_types": ("PT",),
        "language": ("LA",),
    },
    list_tags=frozenset({"AU", "XR", "US"}),
    record_marker=re.compile(r"^Record #\s*\d+ of \d+\s*$"),
    blank_separates=False,
    title_tags="TI",
)

SPECS = {"enw": ENW, "refworks": REFWORKS, "cochrane_text": COCHRANE}

_ENW_LINE = re.compile(r"^%[0-9A-Z@] \S", re.M)
_ENW_ANY = re.compile(r"^%[0-9A-Za-z@!#$&()*+^<>\[\]=~?|] \S")      # any .enw tag with a value


def sniff_tagged(sample: str) -> str:
    """'enw', 'refworks', 'cochrane_text' or '' for text that is none of them."""
    lines = [ln for ln in sample.split("\n")[:60] if ln.strip()]
    if not lines:
        return ""
    if re.search(r"^Record #\s*\d+ of \d+\s*$", sample, re.M) and \
            len(re.findall(r"^(ID|AU|TI|SO|YR): ", sample, re.M)) >= 3:
        return "cochrane_text"
    if all(ln.startswith("%") or not ln.strip() for ln in lines[:3]):
        if re.search(r"^%0 \S", sample, re.M) and len(_ENW_LINE.findall(sample)) >= 3:
            return "enw"
        # refer/BibIX from library catalogues: records begin with '%T' (or any tag) and have no '%0';
        # then every line of the start is a tag line with a value
        head = lines[:20]
        if all(_ENW_ANY.match(ln) or ln.rstrip() == "%0" for ln in head) and any(_ENW_LINE.match(ln) for ln in head):
            return "enw"
    if re.match(r"RT [A-Z][a-z]", lines[0]) and len(lines) >= 2 and \
            all(REFWORKS.tag.match(ln) and not re.match(r"[A-Z][A-Z0-9]  -", ln) for ln in lines[:10]):
        return "refworks"           # a short file that starts with a record: 'RT Journal Article' / 'A1 …'
    rt = re.search(r"^RT \S", sample, re.M)
    if rt and len(re.findall(r"^(A1|T1|SR|YR|JF|ID) [^ -]", sample, re.M)) >= 2 and \
            not re.search(r"^\s*TY {1,2}-", sample[:rt.start()], re.M):   # (a RIS abstract line 'RT PCR …')
        # the first record may come after RefWorks' legend of 60+ 'XX=Name' lines
        after = [ln for ln in sample[rt.start():].split("\n")[:10] if ln.strip()]
        if all(REFWORKS.tag.match(ln) for ln in after[:3]):
            return "refworks"
    return ""


def read_tagged_text(text: str, collector: Collector, *, spec: TaggedSpec, skip_bad: bool = False,
                     rejected: list | None = None) -> list[Record]:
    lines = text.split("\n")
    blocks: list[tuple[int, list[tuple[int, str]]]] = []   # (first line, [(line number, text)])
    current: list[tuple[int, str]] = []
    preamble: list[str] = []

    def close():
        nonlocal current
        if any(spec.tag.match(t) for _, t in current):
            blocks.append((current[0][0], current))
        elif current:
            where = blocks[-1][1] if blocks else None
            if where is not None:
                where.extend(current)
            else:
                preamble.extend(t for _, t in current if t.strip())
        current = []

    for i, line in enumerate(lines, 1):
        if spec.record_marker is not None and spec.record_marker.match(line):
            close()
            current = [(i, line)]
            continue
        if not line.strip():
            if spec.blank_separates and current:
                close()
            elif current:
                current.append((i, line))
            continue
        match = spec.tag.match(line)
        if match and spec.opens and match.group(1) == spec.opens and current and \
                any((m := spec.tag.match(t)) and m.group(1) == spec.opens for _, t in current) and \
                any((m := spec.tag.match(t)) and m.group(1) != spec.opens for _, t in current):
            close()        # a second record opener without a blank line between (after other fields:
            #              '%0 Serial' then '%0 Audio' is one record with two types)
        if spec.record_marker is not None and not current and not blocks:
            preamble.append(line)
            continue
        current.append((i, line))
    close()
    if preamble:
        collector.warn("preamble", f"{len(preamble)} line(s) before the first record kept as its preamble: "
                       f"{clean_space(' | '.join(preamble))[:120]}", line=1)
    records: list[Record] = []
    for start, block in blocks:
        tags: dict[str, list[str]] = {}
        last: list | None = None
        header: list[str] = []
        for _, t in block:
            match = spec.tag.match(t)
            if match:
                tag, value = match.group(1), (match.group(2) or "").rstrip()
                tags.setdefault(tag, []).append(value)
                last = [tag, len(tags[tag]) - 1]
            elif last is None:
                header.append(t)
            elif not t.strip():
                continue
            elif last[0] in spec.list_tags:
                tags[last[0]].append(t.strip())
                last = [last[0], len(tags[last[0]]) - 1]
            else:
                tags[last[0]][last[1]] = (tags[last[0]][last[1]] + "\n" + t.strip()).strip()
        if spec is REFWORKS and (tags.get("RT") or [""])[0].strip().lower() == "reference type":
            preamble.extend(t for _, t in block)      # RefWorks' legend block: tag meanings, not a record
            collector.warn("preamble", "RefWorks' legend (tag → field names) before the records was "
                           "skipped", line=start)
            continue
        record = record_from_tags(tags, spec)
        if header:
            record.extra["header"] = header
        if not records and preamble:
            record.extra["preamble"] = list(preamble)
        raw = "\n".join(t for _, t in block).strip("\n")
        records.append(collector.place(record, len(records) + 1, start, raw, title_tags=spec.title_tags))
    return records


def record_from_tags(tags: dict[str, list[str]], spec: TaggedSpec) -> Record:
    def first(name: str) -> str:
        return first_value(tags, *spec.fields.get(name, ()))

    def every(name: str) -> list[str]:
        return [v for tag in spec.fields.get(name, ())[:1] for v in tags.get(tag, ()) if v.strip()]

    record = Record(format=spec.name, tags=tags)
    record.reference_type = first("reference_type")
    record.title = clean_space(first("title"))
    authors: list[str] = []
    for value in every("authors"):
        authors.extend(split_authors(value, "ris"))
    record.authors = authors
    record.year = parse_year(*[v for tag in spec.fields["year"] for v in tags.get(tag, ())])
    record.journal = clean_space(first("journal"))
    record.journal_abbrev = clean_space(first("journal_abbrev"))
    record.volume = first("volume")
    record.issue = first("issue")
    pages = first("pages")
    if spec is REFWORKS and pages and tags.get("OP"):
        end = tags["OP"][0].strip()
        pages = f"{pages}-{end}" if end and end != pages else pages
    record.pages = pages
    record.abstract = first("abstract")
    record.doi = first_doi(tags, spec.fields.get("doi", ()), doi_tags=("R", "DO", "DOI"),
                           looks_like=lambda v: "doi.org/" in v)
    record.issn = issns(*[v for tag in spec.fields.get("issn", ()) for v in tags.get(tag, ())])
    keywords = [k for v in every("keywords") for k in re.split(r"\n|;" if spec is COCHRANE else r"\n", v)]
    record.keywords = unique(keywords)
    record.language = unique(every("language"))
    record.publication_types = unique(every("publication_types"))
    record.urls = unique(u for v in every("urls") for u in v.split() if "://" in u or u.startswith("www."))
    record.record_id = first("record_id")
    db = first("database")
    record.database = canonical_database(db) if db else "unknown"
    if spec is COCHRANE:
        if record.record_id.startswith("CN-"):
            record.database = "Cochrane CENTRAL"
        elif re.match(r"CD\d+", record.record_id) or "14651858" in record.doi:
            record.database = "Cochrane Database of Systematic Reviews"
        else:
            record.database = "Cochrane Library"
        for value in list(tags.get("XR", [])) + list(tags.get("PM", [])):
            match = re.match(r"\s*(?:PUBMED|PM)\s*:?\s*(\d{1,9})\b", value, re.I)
            if match:
                record.pmid = match.group(1)
                break
    if spec is ENW:
        for value in tags.get("M", ()):
            if re.fullmatch(r"\d{1,9}", value.strip()) and record.database in ("MEDLINE", "PubMed"):
                record.pmid = value.strip()
    record.flags = flags_for(record.publication_types, record.reference_type)
    return record


def read_enw_text(text, collector, **kwargs):
    return read_tagged_text(text, collector, spec=ENW, **kwargs)


def read_refworks_text(text, collector, **kwargs):
    return read_tagged_text(text, collector, spec=REFWORKS, **kwargs)


def read_cochrane_text(text, collector, **kwargs):
    return read_tagged_text(text, collector, spec=COCHRANE, **kwargs)
