"""EndNote XML (File → Export → XML): ``<xml><records><record>…</record></records></xml>``.

Each ``<record>`` element is located in the text first (so its verbatim XML and first line are
kept), then parsed on its own; every leaf element is kept in ``Record.tags`` under its path
("titles/title", "periodical/full-title", …), repeated ones as lists.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from screener.records.base import (Collector, RejectedRecord, canonical_database, clean_doi, clean_space,
                                   flags_for, issns, parse_year, unique)
from screener.records.model import Record

# field → element paths inside <record>, first non-empty wins
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("titles/title",),
    "abstract": ("abstract",),
    "authors": ("contributors/authors/author",),
    "year": ("dates/year", "dates/pub-dates/date"),
    "journal": ("periodical/full-title", "titles/secondary-title", "alt-periodical/full-title"),
    "journal_abbrev": ("periodical/abbr-1", "titles/alt-title", "alt-periodical/abbr-1"),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "pages": ("pages",),
    "doi": ("electronic-resource-num",),
    "issn": ("isbn",),
    "keywords": ("keywords/keyword",),
    "language": ("language",),
    "publication_types": ("work-type",),
    "urls": ("urls/related-urls/url", "urls/web-urls/url", "urls/pdf-urls/url"),
    "record_id": ("accession-num", "rec-number"),
    "database": ("remote-database-name", "remote-database-provider"),
}

# EndNote online (EndNote Web) writes upper-case elements without <style> wrappers:
# <XML><RECORDS><RECORD><REFERENCE_TYPE>0</REFERENCE_TYPE><AUTHORS><AUTHOR>…; same record model
UPPER_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("TITLE",),
    "abstract": ("ABSTRACT",),
    "authors": ("AUTHORS/AUTHOR",),
    "year": ("YEAR", "DATE"),
    "journal": ("SECONDARY_TITLE", "PERIODICAL/FULL_TITLE", "ALT_PERIODICAL"),
    "journal_abbrev": ("ALT_TITLE", "SHORT_TITLE"),
    "volume": ("VOLUME",),
    "issue": ("NUMBER", "ISSUE"),
    "pages": ("PAGES",),
    "doi": ("ELECTRONIC_RESOURCE_NUMBER", "DOI"),
    "issn": ("ISBN", "ISSN"),
    "keywords": ("KEYWORDS/KEYWORD",),
    "language": ("LANGUAGE",),
    "publication_types": ("TYPE_OF_WORK",),
    "urls": ("URL", "URLS/URL", "LINK_TO_PDF"),
    "record_id": ("ACCESSION_NUMBER", "REFNUM"),
    "database": ("NAME_OF_DATABASE", "DATABASE_PROVIDER", "REMOTE_DATABASE_NAME"),
}
# reference types of EndNote online's REFERENCE_TYPE numbers (EndNote's own numbering)
UPPER_TYPES = {"0": "Journal Article", "1": "Book", "2": "Thesis", "3": "Conference Proceedings",
               "7": "Book Section", "10": "Report", "17": "Journal Article", "47": "Conference Paper"}

_RECORD = re.compile(r"<record\b[^>]*>.*?</record\s*>|<RECORD\b[^>]*>.*?</RECORD\s*>", re.S)


def _leaves(element: ET.Element, prefix: str, out: dict[str, list[str]]) -> None:
    for child in element:
        if child.tag == "style":
            continue
        path = f"{prefix}{child.tag}"
        has_elements = any(c.tag != "style" for c in child)
        if has_elements:
            _leaves(child, path + "/", out)
        else:
            text = "".join(child.itertext()).strip()
            if child.tag == "ref-type" and child.get("name"):
                text = child.get("name")
            out.setdefault(path, []).append(text)


def read_endnote_xml_text(text: str, collector: Collector, *, skip_bad: bool = False,
                          rejected: list | None = None) -> list[Record]:
    if "</records>" not in text and "<records" in text or "</RECORDS>" not in text and "<RECORDS" in text:
        raise collector.fatal("the EndNote XML is truncated: no closing </records>",
                              line=text.count("\n") + 1)
    records: list[Record] = []
    line, counted_to = 1, 0
    for number, match in enumerate(_RECORD.finditer(text), 1):
        line += text.count("\n", counted_to, match.start())   # counted on from the previous record
        counted_to = match.start()
        raw = match.group(0)
        try:
            element = ET.fromstring(raw)
        except ET.ParseError as exc:
            message = f"record is not well-formed XML: {exc}"
            if not skip_bad:
                raise collector.fatal(message, line=line + (exc.position[0] - 1 if exc.position else 0),
                                      record_number=number) from None
            if rejected is not None:
                rejected.append(RejectedRecord(collector.file, line, number, message, raw))
            continue
        tags: dict[str, list[str]] = {}
        _leaves(element, "", tags)
        record = record_from_upper_tags(tags) if element.tag == "RECORD" else record_from_tags(tags)
        records.append(collector.place(record, number, line, raw))
    return records


def record_from_tags(tags: dict[str, list[str]]) -> Record:
    def first(field: str) -> str:
        for path in FIELDS[field]:
            for value in tags.get(path, ()):
                if value.strip():
                    return value.strip()
        return ""

    record = Record(format="endnote_xml", tags=tags)
    record.title = clean_space(first("title"))
    record.abstract = first("abstract")
    record.authors = [clean_space(a) for a in tags.get("contributors/authors/author", ()) if a.strip()]
    record.year = parse_year(first("year"))
    record.journal = clean_space(first("journal"))
    record.journal_abbrev = clean_space(first("journal_abbrev"))
    record.volume = first("volume")
    record.issue = first("issue")
    record.pages = first("pages")
    record.doi = clean_doi(first("doi"))
    record.issn = issns(first("issn"))
    record.keywords = unique(k for v in tags.get("keywords/keyword", ()) for k in v.split("\n"))
    record.language = unique(tags.get("language", ()))
    record.publication_types = unique(tags.get("work-type", ()))
    record.reference_type = (tags.get("ref-type") or [""])[0]
    record.urls = unique(u for path in FIELDS["urls"] for v in tags.get(path, ()) for u in v.split())
    record.record_id = first("record_id")
    db = first("database")
    record.database = canonical_database(db) if db else "unknown"
    if record.database in ("MEDLINE", "PubMed"):
        an = first("record_id")
        if re.fullmatch(r"\d{1,9}", an):
            record.pmid = an
    for note in tags.get("notes", ()):
        match = re.search(r"PMID:\s*(\d{1,9})", note)
        if match and not record.pmid:
            record.pmid = match.group(1)
    record.flags = flags_for(record.publication_types, record.reference_type)
    return record


def record_from_upper_tags(tags: dict[str, list[str]]) -> Record:
    """A record of EndNote online's upper-case XML (through ``UPPER_FIELDS``)."""
    def first(field: str) -> str:
        for path in UPPER_FIELDS[field]:
            for value in tags.get(path, ()):
                if value.strip():
                    return value.strip()
        return ""

    record = Record(format="endnote_xml", tags=tags)
    record.title = clean_space(first("title"))
    record.abstract = first("abstract")
    record.authors = [clean_space(a) for a in tags.get("AUTHORS/AUTHOR", ()) if a.strip()]
    record.year = parse_year(first("year"))
    record.journal = clean_space(first("journal"))
    record.journal_abbrev = clean_space(first("journal_abbrev"))
    record.volume = first("volume")
    record.issue = first("issue")
    record.pages = first("pages")
    record.doi = clean_doi(first("doi"))
    record.issn = issns(first("issn"))
    record.keywords = unique(k for v in tags.get("KEYWORDS/KEYWORD", ()) for k in v.split("\n"))
    record.language = unique(tags.get("LANGUAGE", ()))
    record.publication_types = unique(tags.get("TYPE_OF_WORK", ()))
    kind = (tags.get("REFERENCE_TYPE") or [""])[0].strip()
    record.reference_type = UPPER_TYPES.get(kind, kind)
    record.urls = unique(u for path in UPPER_FIELDS["urls"] for v in tags.get(path, ()) for u in v.split())
    record.record_id = first("record_id")
    db = first("database")
    record.database = canonical_database(db) if db else "unknown"
    for note in tags.get("NOTES", ()):
        match = re.search(r"PMID:\s*(\d{1,9})", note)
        if match:
            record.pmid = match.group(1)
    record.flags = flags_for(record.publication_types, record.reference_type)
    return record
