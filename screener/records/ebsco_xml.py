"""EBSCOhost's XML export (Export → XML; CINAHL, APA PsycInfo, MEDLINE and the rest on EBSCOhost):
``<records><rec resultID="1"><header shortDbName= longDbName= uiTerm=><controlInfo>…</controlInfo>
<displayInfo>…</displayInfo></header></rec>…</records>``.

Each ``<rec>`` is located in the text first (its verbatim XML and first line are kept), then parsed on its
own, as the EndNote XML reader does; every leaf element is kept in ``Record.tags`` under its path below
``controlInfo`` ("artinfo/tig/atl", "jinfo/jtl", …), an attribute as "path@name" ("pubinfo/dt@year",
"artinfo/ui@type"), and the header's own attributes under their names.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from screener.records.base import (
    Collector,
    canonical_database,
    clean_doi,
    clean_space,
    first_value,
    flags_for,
    issns,
    parse_year,
    unique,
)
from screener.records.model import Record
from screener.records.xml_records import xml_records

# field → element paths below <controlInfo>, first non-empty wins (FIELDS of endnote_xml, in EBSCO's names)
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("artinfo/tig/atl", "bkinfo/btl"),
    "abstract": ("artinfo/ab",),
    "authors": ("artinfo/aug/au",),
    "year": ("pubinfo/dt@year", "pubinfo/dt"),
    "journal": ("jinfo/jtl",),
    "volume": ("pubinfo/vid",),
    "issue": ("pubinfo/iid",),
    "pages": ("artinfo/pages", "artinfo/ppf"),
    "issn": ("jinfo/issn",),
    "keywords": ("artinfo/sug/subj",),
    "language": ("language",),
    "publication_types": ("artinfo/pubtype", "artinfo/doctype"),
}

_REC = re.compile(r"<rec\b[^>]*>.*?</rec\s*>", re.S)


def looks_like_ebsco_xml(head: str) -> bool:
    """``<records>`` then ``<rec `` (EndNote's XML has ``<records><record>``)."""
    return bool(re.match(r"(<\?xml[^>]*\?>\s*)?<records>\s*<rec\b(?!ord)", head))


def _leaves(element: ET.Element, prefix: str, out: dict[str, list[str]]) -> None:
    for child in element:
        path = f"{prefix}{child.tag}"
        for name, value in child.attrib.items():
            out.setdefault(f"{path}@{name}", []).append(value)
        if len(child):
            _leaves(child, path + "/", out)
        else:
            out.setdefault(path, []).append("".join(child.itertext()).strip())


def read_ebsco_xml_text(text: str, collector: Collector, *, skip_bad: bool = False,
                        rejected: list | None = None) -> list[Record]:
    if "</records>" not in text:
        raise collector.fatal("the EBSCOhost XML is truncated: no closing </records>", line=text.count("\n") + 1)
    return [collector.place(record_from_rec(element), number, line, raw, title_tags="artinfo/tig/atl")
            for number, line, raw, element in xml_records(text, _REC, collector, skip_bad=skip_bad, rejected=rejected)]


def record_from_rec(rec: ET.Element) -> Record:
    header = rec.find("header")
    control = header.find("controlInfo") if header is not None else None
    tags: dict[str, list[str]] = {}
    if header is not None:
        for name, value in header.attrib.items():
            tags[name] = [value]
        if control is not None:
            _leaves(control, "", tags)
        for url in header.iterfind("displayInfo/pLink/url"):
            tags.setdefault("displayInfo/pLink/url", []).append("".join(url.itertext()).strip())

    def first(field: str) -> str:
        return first_value(tags, *FIELDS[field])

    def every(field: str) -> list[str]:
        return [v for path in FIELDS[field] for v in tags.get(path, ()) if v.strip()]

    record = Record(format="ebsco_xml", tags=tags)
    record.title = clean_space(first("title"))
    record.abstract = first("abstract")
    record.authors = [clean_space(a) for a in every("authors")]
    record.year = parse_year(first("year"))
    record.journal = clean_space(first("journal"))
    record.volume = first("volume")
    record.issue = first("issue")
    record.pages = first("pages")
    # identifiers are <ui type="doi|pmid|…"> siblings: paired with their types in document order
    ids = list(zip(tags.get("artinfo/ui@type", ()), tags.get("artinfo/ui", ())))
    record.doi = clean_doi(next((v for kind, v in ids if kind.lower() == "doi"), ""))
    record.pmid = next((v.strip() for kind, v in ids if kind.lower() == "pmid" and v.strip().isdigit()), "")
    record.issn = issns(*every("issn"))
    record.keywords = unique(clean_space(k) for k in every("keywords"))
    record.language = unique(every("language"))
    record.publication_types = unique(every("publication_types"))
    record.urls = unique(tags.get("displayInfo/pLink/url", ()))
    record.record_id = (tags.get("uiTerm") or [""])[0]
    db = (tags.get("longDbName") or tags.get("shortDbName") or [""])[0]
    record.database = canonical_database(db) if db else "unknown"
    record.flags = flags_for(record.publication_types, record.reference_type)
    return record
