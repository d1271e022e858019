"""Embase.com's plain-text export (Results → Export → Plain text).

'RECORD n' opens a record; each field's name stands alone on a line in capitals ('TITLE', 'AUTHOR NAMES', 'SOURCE
TITLE', 'AiP/IP ENTRY DATE', …: the fields of Embase's CSV) and its value follows, indented by two spaces, a long
value's later lines not indented at all — so a title's second line in capitals ('CHILDREN IN PERU') is read as a
field's name only when it is one. A blank line ends a record. The fields are those of Embase.com's CSV, read by the
same rules (``csv_reader.embase_record``): authors 'Surname I.' joined by '; ', the PMID with its link after it.
"""

from __future__ import annotations

import re

from screener.records.base import Collector
from screener.records.csv_reader import embase_record
from screener.records.model import Record

# Embase.com's field names (its CSV's columns, and the plain text's names for them), upper-case
FIELDS = frozenset((
    "TITLE", "ORIGINAL (NON-ENGLISH) TITLE", "AUTHOR NAMES", "AUTHOR ADDRESSES", "CORRESPONDENCE ADDRESS", "EDITORS",
    "AIP/IP ENTRY DATE", "FULL RECORD ENTRY DATE", "SOURCE", "SOURCE TITLE", "PUBLICATION YEAR", "VOLUME", "ISSUE",
    "FIRST PAGE", "LAST PAGE", "DATE OF PUBLICATION", "PUBLICATION TYPE", "CONFERENCE NAME", "CONFERENCE LOCATION",
    "CONFERENCE DATE", "CONFERENCE EDITORS", "ISSN", "ISBN", "BOOK PUBLISHER", "ABSTRACT", "ORIGINAL ABSTRACT",
    "AUTHOR KEYWORDS", "EMTREE DRUG INDEX TERMS (MAJOR FOCUS)", "EMTREE DRUG INDEX TERMS",
    "EMTREE MEDICAL INDEX TERMS (MAJOR FOCUS)", "EMTREE MEDICAL INDEX TERMS", "DRUG TRADE NAMES", "DRUG TRADENAMES",
    "DRUG MANUFACTURERS", "DRUG MANUFACTURER", "DEVICE TRADE NAMES", "DEVICE TRADENAMES", "DEVICE MANUFACTURERS",
    "DEVICE MANUFACTURER", "CAS REGISTRY NUMBERS", "MOLECULAR SEQUENCE NUMBERS", "EMBASE CLASSIFICATIONS",
    "EMBASE CLASSIFICATION", "CLINICAL TRIAL NUMBERS", "LANGUAGE OF ARTICLE", "LANGUAGE OF SUMMARY",
    "ARTICLE LANGUAGE", "SUMMARY LANGUAGE", "EMBASE ACCESSION NUMBER", "EMBASE ACCESSION ID", "MEDLINE PMID", "PUI",
    "DOI", "FULL TEXT LINK", "EMBASE LINK", "OPEN URL LINK", "COPYRIGHT",
))
_RECORD = re.compile(r"^RECORD (\d+)\s*$")


def looks_like_embase_text(lines: list[str]) -> bool:
    """The first non-blank line is 'RECORD 1' and the next is one of Embase's field names."""
    first = [line for line in lines[:40] if line.strip()][:2]
    return len(first) == 2 and first[0].strip() == "RECORD 1" and first[1].strip().upper() in FIELDS


def read_embase_text(text: str, collector: Collector, *, skip_bad: bool = False,
                     rejected: list | None = None) -> list[Record]:
    lines = text.split("\n")
    records: list[Record] = []
    start: int | None = None              # index of the current record's 'RECORD n' line
    for i, line in enumerate(lines + ["RECORD 0"]):
        if _RECORD.match(line):
            if start is not None:
                records.append(_record(lines, start, i, collector, len(records) + 1))
            start = i
    return records


def _record(lines: list[str], start: int, end: int, collector: Collector, number: int) -> Record:
    fields: list[tuple[str, str]] = []
    for line in lines[start + 1:end]:
        if not line.strip():
            continue
        if not line.startswith(" ") and line.strip().upper() in FIELDS:
            fields.append((line.strip(), ""))
        elif fields:
            name, value = fields[-1]
            part = line.lstrip()
            if not value:
                value = part
            elif value.endswith(" "):
                value += part                         # a line broken where a space was ('… of minimal ' / 'residual')
            else:
                value += "\n" + part                  # the next address, paragraph or value
            fields[-1] = (name, value)
    values: dict[str, list[str]] = {}
    for name, value in fields:
        values.setdefault(name, []).append(value.strip())
    record = embase_record(values, "embase_text")
    pmid = values.get("MEDLINE PMID")
    if pmid:                                            # '41712675 (http://www.ncbi.nlm.nih.gov/pubmed/41712675)'
        record.pmid = re.sub(r"\D", "", pmid[0].split()[0]) if pmid[0].split() else ""
    raw_end = end
    while raw_end > start + 1 and not lines[raw_end - 1].strip():
        raw_end -= 1
    return collector.place(record, number, start + 1, "\n".join(lines[start:raw_end]))
