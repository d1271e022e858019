"""EndNote XML (File → Export → XML): ``<xml><records><record>…</record></records></xml>``.

Each ``<record>`` element is located in the text first (so its verbatim XML and first line are
kept), then parsed on its own; every leaf element is kept in ``Record.tags`` under its path
("titles/title", "periodical/full-title", …), repeated ones as lists.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import partial
from xml.sax.saxutils import escape

from screener.records.authors import split_field_names
from screener.records.base import (
    Collector,
    all_values,
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
from screener.records.xml_records import xml_records

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
                text = child.get("name") or text
            out.setdefault(path, []).append(text)


_BARE_AMPERSAND = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)")


def _parse_record(collector: Collector, raw: str, line: int, number: int) -> ET.Element:
    """One <record>; a bare '&' (written by generators that do not escape it, e.g. 'Modelling & Software')
    can only be the character, so it is read as '&amp;' with a warning. Anything else not XML raises."""
    try:
        return ET.fromstring(raw)
    except ET.ParseError:
        if not _BARE_AMPERSAND.search(raw):
            raise
        # still not XML: the error raised is the one left once the '&'s are read (same line numbers)
        element = ET.fromstring(_BARE_AMPERSAND.sub("&amp;", raw))
        collector.warn("bare_ampersand", "an unescaped '&' read as the character '&'", line=line,
                       record_number=number)
        return element


def read_endnote_xml_text(text: str, collector: Collector, *, skip_bad: bool = False,
                          rejected: list | None = None) -> list[Record]:
    if "</records>" not in text and "<records" in text or "</RECORDS>" not in text and "<RECORDS" in text:
        raise collector.fatal("the EndNote XML is truncated: no closing </records>",
                              line=text.count("\n") + 1)
    records: list[Record] = []
    for number, line, raw, element in xml_records(text, _RECORD, collector, skip_bad=skip_bad, rejected=rejected,
                                                  parse=partial(_parse_record, collector)):
        tags: dict[str, list[str]] = {}
        _leaves(element, "", tags)
        record = record_from_upper_tags(tags) if element.tag == "RECORD" else record_from_tags(tags)
        records.append(collector.place(record, number, line, raw))
    return records


def _record_from(tags: dict[str, list[str]], fields: dict[str, tuple[str, ...]]) -> Record:
    """The fields both EndNote XML layouts fill the same way, read through ``fields`` (``FIELDS``
    or ``UPPER_FIELDS``): each single-valued field from the first of its paths with a value, each
    list field from all of them. Reference type, PMID and flags are the caller's."""
    def first(field: str) -> str:
        return first_value(tags, *fields[field])

    def every(field: str) -> list[str]:
        return all_values(tags, *fields[field])

    record = Record(format="endnote_xml", tags=tags)
    record.title = clean_space(first("title"))
    record.abstract = first("abstract")
    # one person a field, but a library's users type lists into one ('Schubert, R.-L., Miehe, U.')
    record.authors = [name for a in every("authors") for name in split_field_names(a)]
    record.year = parse_year(first("year"))
    record.journal = clean_space(first("journal"))
    record.journal_abbrev = clean_space(first("journal_abbrev"))
    record.volume = first("volume")
    record.issue = first("issue")
    record.pages = first("pages")
    # the DOI field, else a URL field holding a bare DOI ('10.21105/joss.01686' in EndNote online's <URL>);
    # a doi.org link stays a link, as in the RIS reader's URL fields
    links = tuple(u for u in fields["urls"] if "pdf" not in u.lower())        # not file attachments
    record.doi = first_doi(tags, fields["doi"] + links, doi_tags=fields["doi"],
                           looks_like=lambda v: bool(re.fullmatch(r"\s*10\.\d{4,9}/\S+\s*", v)))
    record.issn = issns(first("issn"))
    record.keywords = unique(k for v in every("keywords") for k in v.split("\n"))
    record.language = unique(every("language"))
    record.publication_types = unique(every("publication_types"))
    record.urls = unique(u for v in every("urls") for u in v.split())
    record.record_id = first("record_id")
    db = first("database")
    record.database = canonical_database(db) if db else "unknown"
    return record


def record_from_tags(tags: dict[str, list[str]]) -> Record:
    record = _record_from(tags, FIELDS)
    record.reference_type = (tags.get("ref-type") or [""])[0]
    for note in tags.get("notes", ()):
        match = re.search(r"PMID:\s*(\d+)", note)
        if match and not record.pmid:
            record.pmid = match.group(1)
    if record.database in ("MEDLINE", "PubMed") and not record.pmid:
        an = next((v.strip() for v in tags.get("accession-num", ()) if v.strip()), "")
        if re.fullmatch(r"\d{1,9}", an):
            record.pmid = an
    record.flags = flags_for(record.publication_types, record.reference_type)
    return record


def record_from_upper_tags(tags: dict[str, list[str]]) -> Record:
    """A record of EndNote online's upper-case XML (through ``UPPER_FIELDS``)."""
    record = _record_from(tags, UPPER_FIELDS)
    kind = (tags.get("REFERENCE_TYPE") or [""])[0].strip()
    record.reference_type = UPPER_TYPES.get(kind, kind)
    for note in tags.get("NOTES", ()):
        match = re.search(r"PMID:\s*(\d+)", note)
        if match:
            record.pmid = match.group(1)
    record.flags = flags_for(record.publication_types, record.reference_type)
    return record


# ---- writing: EndNote desktop's XML (File → Import → XML reads it; Zotero and JabRef too) ---------

# EndNote's reference-type numbers for the types we write (ref-type name= carries the name too)
REF_TYPES = (
    (re.compile(r"^(jour|article|journal article|ejour|inpr|abst)$", re.I), "Journal Article", 17),
    (re.compile(r"^(conf|cpaper|inproceedings|conference paper|proceedings paper)$", re.I), "Conference Paper", 47),
    (re.compile(r"^(book|ebook|edbook)$", re.I), "Book", 6),
    (re.compile(r"^(chap|echap|incollection|inbook|book section|book chapter)$", re.I), "Book Section", 5),
    (re.compile(r"^(thes|thesis|phdthesis|dissertation)$", re.I), "Thesis", 32),
    (re.compile(r"^(rprt|report|techreport)$", re.I), "Report", 27),
)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _x(text: str) -> str:
    return escape(_XML_ILLEGAL.sub("", text))


def _styled(text: str) -> str:
    return f'<style face="normal" font="default" size="100%">{_x(text)}</style>'


def ref_type(record: Record) -> tuple[str, int]:
    for pattern, name, number in REF_TYPES:
        if pattern.match(record.reference_type or ""):
            return name, number
    return ("Journal Article", 17) if record.journal or not record.reference_type else ("Generic", 13)


def write_endnote_xml(records: list[Record]) -> str:
    """EndNote XML for the records, from the same element paths the reader uses (``FIELDS``)."""
    out = ['<?xml version="1.0" encoding="UTF-8" ?><xml><records>']
    for number, r in enumerate(records, 1):
        name, code = ref_type(r)
        parts = [f'<record><database name="screener.enl" path="screener.enl">screener.enl</database>'
                 f'<source-app name="screener" version="1">screener</source-app><rec-number>{number}</rec-number>'
                 f'<ref-type name="{name}">{code}</ref-type>']
        if r.authors:
            parts.append("<contributors><authors>" + "".join(f"<author>{_styled(a)}</author>" for a in r.authors)
                         + "</authors></contributors>")
        titles = ""
        if r.title:
            titles += f"<title>{_styled(r.title)}</title>"
        if r.journal:
            titles += f"<secondary-title>{_styled(r.journal)}</secondary-title>"
        if r.journal_abbrev:
            titles += f"<alt-title>{_styled(r.journal_abbrev)}</alt-title>"
        if titles:
            parts.append(f"<titles>{titles}</titles>")
        if r.journal:
            abbr = f"<abbr-1>{_styled(r.journal_abbrev)}</abbr-1>" if r.journal_abbrev else ""
            parts.append(f"<periodical><full-title>{_styled(r.journal)}</full-title>{abbr}</periodical>")
        for tag, value in (("pages", r.pages), ("volume", r.volume), ("number", r.issue)):
            if value:
                parts.append(f"<{tag}>{_styled(value)}</{tag}>")
        if r.keywords:
            parts.append("<keywords>" + "".join(f"<keyword>{_styled(k)}</keyword>" for k in r.keywords)
                         + "</keywords>")
        if r.year is not None:
            parts.append(f"<dates><year>{_styled(str(r.year))}</year></dates>")
        if r.issn:
            parts.append(f"<isbn>{_styled('; '.join(r.issn))}</isbn>")
        misread = not r.pmid and r.database in ("MEDLINE", "PubMed") and r.record_id.isdigit()
        if r.record_id and not misread:      # (the reader takes a MEDLINE accession number as the PMID)
            parts.append(f"<accession-num>{_styled(r.record_id)}</accession-num>")
        if r.abstract:
            parts.append(f"<abstract>{_styled(r.abstract)}</abstract>")
        # every publication type and language, one element each (the reader reads them all)
        parts.extend(f"<work-type>{_styled(t)}</work-type>" for t in r.publication_types)
        if r.doi:
            parts.append(f"<electronic-resource-num>{_styled(r.doi)}</electronic-resource-num>")
        if r.urls:
            parts.append("<urls><related-urls>" + "".join(f"<url>{_styled(u)}</url>" for u in r.urls)
                         + "</related-urls></urls>")
        if r.database and r.database != "unknown":
            parts.append(f"<remote-database-name>{_styled(r.database)}</remote-database-name>")
        parts.extend(f"<language>{_styled(lang)}</language>" for lang in r.language)
        if r.pmid:
            parts.append(f"<notes>{_styled('PMID: ' + r.pmid)}</notes>")
        parts.append("</record>")
        out.append("".join(parts))
    out.append("</records></xml>")
    return "\n".join(out) + "\n"
