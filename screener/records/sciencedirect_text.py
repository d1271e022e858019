"""ScienceDirect's text export (select the results, Export → Export citation to text).

A reference list to paste, one record a block, blocks separated by a blank line: the citation one
part a line, each line ending in ',' — the authors ('S. Mo Jang, Tieming Geng,' given names first),
the title, the journal (for a book chapter: 'Editor(s): …', the book's title, the publisher), an
optional 'Volume 44, Issue 5,', the year, 'Pages 687-693,' (or ',' when there are none), 'ISSN …' or
'ISBN …', the DOI as a link ending in '.' — then the article's ScienceDirect link in parentheses, and
'Abstract: …' (its later lines the abstract's next paragraphs) and 'Keywords: a; b' when exported with
them. Every part is kept verbatim in ``Record.tags`` under the name given here.
"""

from __future__ import annotations

import re

from screener.identifiers import clean_doi
from screener.records.authors import split_authors
from screener.records.base import Collector, clean_space
from screener.records.model import Record

_LINK = re.compile(r"\(https?://(?:www\.)?sciencedirect\.com/science/article/(?:abs/)?pii/\w+\)\s*")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d),")
# 'Volume 44, Issue 5,', 'Volume 107, Part A,', 'Volumes 349–350,'
_VOLUME = re.compile(r"Volumes? ([^,]+)(?:, (?:Issue )?([^,]+))?,")
_PAGES = re.compile(r"(?:Pages?|Article) ([^,]*),|,")
_NUMBER = re.compile(r"(ISSN|ISBN) ([^,]+),")


def looks_like_sciencedirect_text(head: str) -> bool:
    """An article's ScienceDirect link alone on a line, in parentheses, below lines ending in ','."""
    return bool(re.search(r"^\(https?://(?:www\.)?sciencedirect\.com/science/article/(?:abs/)?pii/\w+\)\s*$", head,
                          re.M) and re.match(r"\s*[^\n]*,\s*\n[^\n]*,\s*\n", head))


def read_sciencedirect_text(text: str, collector: Collector, *, skip_bad: bool = False,
                            rejected: list | None = None) -> list[Record]:
    records: list[Record] = []
    lines = text.split("\n")
    start: int | None = None            # index of the current block's first line
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            if start is None:
                start = i
            continue
        if start is not None:
            block = lines[start:i]
            if records and not any(_LINK.fullmatch(b.strip()) for b in block):
                # a blank line inside an abstract: the block continues the record before
                _continue(records[-1], block)
            else:
                records.append(_record(block, collector, len(records) + 1, start + 1))
            start = None
    return records


def _record(block: list[str], collector: Collector, number: int, line: int) -> Record:
    link = next((k for k, b in enumerate(block) if _LINK.fullmatch(b.strip())), len(block))
    citation = [b.strip() for b in block[:link]]
    tags: dict[str, list[str]] = {"Citation": citation}
    if link < len(block):
        tags["Link"] = [block[link].strip()[1:-1]]
    _after_link(tags, block[link + 1:])
    record = Record(format="sciencedirect_text", database="ScienceDirect", tags=tags, reference_type="JOUR")
    parts = [c[:-1].strip() if c.endswith(",") else c for c in citation]
    if parts:
        record.authors = split_authors(parts[0], "given_first")
    if len(parts) > 1:
        record.title = clean_space(parts[1])
    rest = citation[2:]
    # from the end: the DOI link, ISSN/ISBN, the pages, the year, volume and issue; what is left is the
    # source (the journal; a chapter's editors, book and publisher)
    if rest and "doi.org/" in rest[-1]:
        record.doi = clean_doi(rest.pop().rstrip("."))
    if rest and (found := _NUMBER.fullmatch(rest[-1])):
        rest.pop()
        (record.issn if found.group(1) == "ISSN" else record.extra.setdefault("isbn", [])).append(found.group(2))
    if rest and (found := _PAGES.fullmatch(rest[-1])):
        rest.pop()
        record.pages = (found.group(1) or "").strip()
    if rest and (found := _YEAR.fullmatch(rest[-1])):
        rest.pop()
        record.year = int(found.group(1))
    if rest and (found := _VOLUME.fullmatch(rest[-1])):
        rest.pop()
        record.volume, record.issue = found.group(1).strip(), (found.group(2) or "").strip()
    source = [r[:-1].strip() if r.endswith(",") else r for r in rest]
    if source and source[0].startswith("Editor(s):"):
        record.extra["editors"] = split_authors(source[0][len("Editor(s):"):], "given_first")
        source = source[1:]
    if "editors" in record.extra or "isbn" in record.extra:
        # a book's chapter (or a reference work's entry): the book, then its publisher
        record.reference_type = "CHAP"
        if len(source) > 1:
            record.extra["publisher"] = source[-1]
            source = source[:-1]
    record.journal = ", ".join(source)
    if "Link" in tags:
        record.urls = tags["Link"]
    record.abstract = "\n".join(tags.get("Abstract", []))
    record.keywords = [k.strip() for k in "; ".join(tags.get("Keywords", [])).split(";") if k.strip()]
    return collector.place(record, number, line, "\n".join(block))


def _after_link(tags: dict[str, list[str]], lines: list[str]) -> None:
    """'Abstract: …' and its further paragraphs, 'Keywords: …'."""
    current: str | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        name, colon, value = line.partition(": ")
        if colon and name in ("Abstract", "Keywords"):
            current = name
            tags.setdefault(name, []).append(value.strip())
        elif current is not None:
            tags[current].append(line)
        else:
            tags.setdefault("Other", []).append(line)


def _continue(record: Record, block: list[str]) -> None:
    """A block without a link after a record: its abstract's (or keywords') next paragraphs."""
    _after_link(record.tags, ["Abstract: " + block[0].strip(), *block[1:]]
                if "Keywords" not in record.tags and not block[0].startswith(("Abstract: ", "Keywords: ")) else block)
    record.abstract = "\n".join(record.tags.get("Abstract", []))
    record.keywords = [k.strip() for k in "; ".join(record.tags.get("Keywords", [])).split(";") if k.strip()]
    record.raw += "\n\n" + "\n".join(block)
