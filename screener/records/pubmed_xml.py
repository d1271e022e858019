"""PubMed XML (EFetch ``db=pubmed retmode=xml``, PubMed's "XML" export) → ``Record``.

Reads ``<PubmedArticleSet>`` / ``<PubmedBookArticleSet>`` documents holding ``<PubmedArticle>`` and
``<PubmedBookArticle>`` elements. Each record keeps its verbatim XML in ``record.raw`` (markup such
as ``<i>``, ``<sup>`` and MathML included) and gets normalized fields with the markup stripped, for
matching and display. What the model has no field for goes to ``record.extra``:

- ``title_markup`` / ``abstract_markup``: the inner XML of the title / abstract when it had markup;
- ``abstract_sections``: ``[{"label", "category", "text"}]`` of a structured abstract (``abstract``
  itself is ``"LABEL: text"`` paragraphs joined by blank lines);
- ``vernacular_title``, ``other_abstracts``, ``abstract_copyright``, ``article_ids`` (IdType → id),
  ``medline_ta``, ``nlm_unique_id``, ``status``, ``publication_status``, ``pub_date`` (as printed),
  ``elocation_ids``, ``mesh_detail`` (per-qualifier major flags and UIs), ``chemicals``,
  ``comments_corrections`` (``[{"type", "source", "pmid"}]``), ``editors``, ``book`` (publisher,
  book title, collection, ISBN), ``affiliations`` (author → list).

``record.flags`` marks notices a screener must see: ``erratum`` (the record is a published erratum),
``erratum_in`` (an erratum to it exists), ``retraction`` (the record is a retraction notice),
``retracted`` (the record was retracted), ``expression_of_concern`` / ``concern_in``, ``book``,
``preprint``.

``record.tags`` holds the same values under their MEDLINE (.nbib) tags (PMID, TI, AB, FAU, AU, DP,
JT, TA, VI, IP, PG, LID, AID, IS, MH, PT, LA, TT, OT, STAT, ...) so that queries and exports treat
XML and nbib records alike.

Parsing streams with expat: ``iter_pubmed_xml`` holds only the record being read, so memory does
not grow with the file. ``PubmedXmlStream`` takes bytes as they arrive (an HTTP body) and hands back
finished records; a truncated or malformed document raises ``RecordParseError`` naming the file,
record number and line.

Over 600 lines, kept as one module: the reader is one streaming state machine over PubMed's DTD,
and its helpers (dates, pagination, identifiers, MeSH, comments/corrections) each serve one element
of it; the field list above is its contract.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from screener.errors import RecordParseError
from screener.identifiers import clean_doi
from screener.records.model import MeshHeading, Record

RECORD_ELEMENTS = ("PubmedArticle", "PubmedBookArticle")
ROOT_ELEMENTS = ("PubmedArticleSet", "PubmedBookArticleSet")

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_SPACE = re.compile(r"\s+")


# ---- public API ------------------------------------------------------------------------------------

def parse_pubmed_xml(data: bytes | str, file: str = "", database: str = "PubMed") -> list[Record]:
    """Every record of a PubMed XML document (bytes or text)."""
    if isinstance(data, str):
        stream = PubmedXmlStream(file=file, database=database, encoding="utf-8")
        stream.feed(data.encode("utf-8"))
    else:
        stream = PubmedXmlStream(file=file, database=database)
        stream.feed(data)
    stream.close()
    return stream.take()


def iter_pubmed_xml(source: str | Path | IO[bytes], file: str | None = None, database: str = "PubMed",
                    chunk_size: int = 1 << 16) -> Iterator[Record]:
    """Records of a PubMed XML file one at a time, reading it in chunks (constant memory)."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            yield from iter_pubmed_xml(handle, file=str(source) if file is None else file,
                                       database=database, chunk_size=chunk_size)
        return
    stream = PubmedXmlStream(file=file or getattr(source, "name", "") or "", database=database)
    while True:
        chunk = source.read(chunk_size)
        if not chunk:
            break
        stream.feed(chunk)
        yield from stream.take()
    stream.close()
    yield from stream.take()


def iter_pubmed_xml_chunks(chunks: Iterable[bytes], file: str = "", database: str = "PubMed") -> Iterator[Record]:
    """Records from an iterable of byte chunks (e.g. ``response.iter_content()``)."""
    stream = PubmedXmlStream(file=file, database=database)
    for chunk in chunks:
        stream.feed(chunk)
        yield from stream.take()
    stream.close()
    yield from stream.take()


def looks_like_pubmed_xml(head: bytes | str) -> bool:
    """Sniffer for the import helper: the first few kB of a file."""
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    return bool(re.search(r"<(PubmedArticleSet|PubmedBookArticleSet|PubmedArticle|PubmedBookArticle)[\s>]", head))


def strip_markup(element: ET.Element | None) -> str:
    """The text of an element with inline markup (``<i>``, ``<sup>``, MathML) removed, spaces collapsed."""
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


# ---- the streaming parser ---------------------------------------------------------------------------

class PubmedXmlStream:
    """Incremental parser: ``feed(bytes)`` as data arrives, ``take()`` finished records, ``close()``.

    Only the record being read is held in memory (its element tree and its bytes for ``raw``).
    """

    def __init__(self, file: str = "", database: str = "PubMed", encoding: str | None = None):
        self.file = file
        self.database = database
        # No namespace processing: "mml:math" stays a plain tag. ``encoding`` overrides the
        # document's declaration (text we encoded ourselves is UTF-8 whatever it declares).
        self._parser = expat.ParserCreate(encoding)
        self._parser.buffer_text = True
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._data
        self._depth = 0
        self._root: str | None = None
        self._builder: ET.TreeBuilder | None = None
        self._record_depth = 0
        self._record_start = 0          # byte offset of the record's start tag
        self._record_line = 0
        self._buffer = bytearray()      # bytes from _buffer_base on
        self._buffer_base = 0
        self._done: list[Record] = []
        self._count = 0
        self._closed = False
        self.records_read = 0

    # feeding

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk
        try:
            self._parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            raise self._error(exc) from None
        except _NotPubmed as exc:
            hint = (f"an E-utilities error response ({_error_text(self._buffer)})"
                    if exc.root in ("eFetchResult", "eSearchResult", "ERROR") else f"root element <{exc.root}>")
            raise RecordParseError(f"{self.file or '<data>'}: not PubMed XML: {hint}; expected "
                                   f"<PubmedArticleSet>", path=self.file or None,
                                   line=self._parser.CurrentLineNumber) from None
        self._trim()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise self._error(exc, truncated=True) from None
        if self._root is None:
            raise RecordParseError(f"{self.file or '<data>'}: empty document; expected PubMed XML "
                                   f"(<PubmedArticleSet>)", path=self.file or None, line=1)

    def take(self) -> list[Record]:
        done, self._done = self._done, []
        return done

    # expat handlers

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._depth += 1
        if self._depth == 1:
            self._root = name
            if name in RECORD_ELEMENTS:  # a lone record without a set
                self._open_record(name, attrs)
                return
            if name not in ROOT_ELEMENTS:
                raise _NotPubmed(name)
            return
        if self._builder is not None:
            self._builder.start(name, attrs)
            return
        if self._depth == 2 and name in RECORD_ELEMENTS:
            self._open_record(name, attrs)

    def _end(self, name: str) -> None:
        if self._builder is not None:
            element = self._builder.end(name)
            if self._depth == self._record_depth:
                self._builder.close()
                self._builder = None
                self._close_record(element)
        self._depth -= 1

    def _data(self, text: str) -> None:
        if self._builder is not None:
            self._builder.data(text)

    def _open_record(self, name: str, attrs: dict[str, str]) -> None:
        self._builder = ET.TreeBuilder()
        self._builder.start(name, attrs)
        self._record_depth = self._depth
        self._record_start = self._parser.CurrentByteIndex
        self._record_line = self._parser.CurrentLineNumber

    def _close_record(self, element: ET.Element) -> None:
        end = self._parser.CurrentByteIndex  # the start of "</PubmedArticle>"
        local = end - self._buffer_base
        close = self._buffer.find(b">", local)
        close = len(self._buffer) if close < 0 else close + 1
        raw_bytes = bytes(self._buffer[self._record_start - self._buffer_base:close])
        self._buffer_base += close
        del self._buffer[:close]
        self._count += 1
        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError:
            raw = raw_bytes.decode("latin-1")
        record = record_from_element(element, raw=raw, file=self.file, database=self.database,
                                     record_number=self._count, line=self._record_line)
        self._done.append(record)
        self.records_read += 1

    def _trim(self) -> None:
        """Drop buffered bytes that no record needs (between records, or everything outside one)."""
        if self._builder is None:
            # Keep from the last "<": a record's start tag may be cut by the chunk boundary.
            cut = self._buffer.rfind(b"<")
        else:
            cut = self._record_start - self._buffer_base
        if cut > 0:
            del self._buffer[:cut]
            self._buffer_base += cut

    def _error(self, exc: expat.ExpatError, truncated: bool = False) -> RecordParseError:
        where = self.file or "<data>"
        what = ("truncated document (ends inside an element)" if truncated or "no element found" in str(exc)
                or "unclosed token" in str(exc) else f"not well-formed XML ({expat.ErrorString(exc.code)})")
        return RecordParseError(
            f"{where}: line {exc.lineno}, column {exc.offset + 1}, record {self._count + 1}: {what}; "
            f"re-export the file from PubMed (Send to → File → XML)",
            path=self.file or None, line=exc.lineno, record_number=self._count + 1)


class _NotPubmed(Exception):
    def __init__(self, root: str):
        self.root = root


def _error_text(buffer: bytes | bytearray) -> str:
    match = re.search(rb"<ERROR>(.*?)</ERROR>", bytes(buffer), re.S)
    return match.group(1).decode("utf-8", "replace").strip() if match else "no records"


# ---- element → Record -------------------------------------------------------------------------------

def record_from_element(element: ET.Element, *, raw: str = "", file: str = "", database: str = "PubMed",
                        record_number: int | None = None, line: int | None = None) -> Record:
    """One ``<PubmedArticle>`` or ``<PubmedBookArticle>`` element as a Record."""
    if element.tag == "PubmedBookArticle":
        record = _book(element)
    else:
        record = _article(element)
    record.database = database
    record.format = "pubmed_xml"
    record.file = file
    record.record_number = record_number
    record.line = line
    record.raw = raw
    record.record_id = record.pmid
    if record.pmid:
        record.urls.append(f"https://pubmed.ncbi.nlm.nih.gov/{record.pmid}/")
    _fill_tags(record)
    return record


def _article(element: ET.Element) -> Record:
    record = Record(reference_type="JOUR")
    extra: dict[str, Any] = record.extra
    citation = element.find("MedlineCitation")
    if citation is None:
        citation = ET.Element("MedlineCitation")
    record.pmid = _text(citation.find("PMID"))
    extra["status"] = citation.get("Status", "")
    article = citation.find("Article")
    if article is None:
        article = ET.Element("Article")

    journal = article.find("Journal")
    if journal is not None:
        record.journal = _text(journal.find("Title"))
        record.journal_abbrev = _text(journal.find("ISOAbbreviation"))
        record.issn = _unique(_text(issn) for issn in journal.findall("ISSN"))
        issue = journal.find("JournalIssue")
        if issue is not None:
            record.volume = _text(issue.find("Volume"))
            record.issue = _text(issue.find("Issue"))
            pub_date = issue.find("PubDate")
            record.year = _year_of(pub_date)
            extra["pub_date"] = _date_text(pub_date)
    info = citation.find("MedlineJournalInfo")
    if info is not None:
        extra["medline_ta"] = _text(info.find("MedlineTA"))
        extra["nlm_unique_id"] = _text(info.find("NlmUniqueID"))
        linking = _text(info.find("ISSNLinking"))
        if linking and linking not in record.issn:
            record.issn.append(linking)
        if not record.journal_abbrev:
            record.journal_abbrev = extra["medline_ta"]
    if record.year is None:
        record.year = _year_of(article.find("ArticleDate"))

    _title(record, article.find("ArticleTitle"))
    vernacular = article.find("VernacularTitle")
    if vernacular is not None:
        extra["vernacular_title"] = strip_markup(vernacular)
        if not record.title:
            record.title = extra["vernacular_title"]
    record.pages = _pages(article.find("Pagination"))
    _elocations(record, article.findall("ELocationID"))
    _abstract(record, article.find("Abstract"))
    others = [{"type": o.get("Type", ""), "language": o.get("Language", ""),
               "text": _join_abstract(o)[0]} for o in citation.findall("OtherAbstract")]
    if others:
        extra["other_abstracts"] = others
    _authors(record, article.find("AuthorList"))
    record.language = [_text(lang) for lang in article.findall("Language") if _text(lang)]
    record.publication_types = [_text(p) for p in article.findall("PublicationTypeList/PublicationType")]
    record.keywords = [strip_markup(k) for k in citation.findall("KeywordList/Keyword") if strip_markup(k)]
    _mesh(record, citation.find("MeshHeadingList"))
    chemicals = [_text(c.find("NameOfSubstance")) for c in citation.findall("ChemicalList/Chemical")]
    if chemicals:
        extra["chemicals"] = chemicals
    supplementary = [_text(s) for s in citation.findall("SupplMeshList/SupplMeshName")]
    if supplementary:
        extra["supplementary_concepts"] = supplementary
    _comments(record, citation.find("CommentsCorrectionsList"))

    pubmed_data = element.find("PubmedData")
    if pubmed_data is not None:
        extra["publication_status"] = _text(pubmed_data.find("PublicationStatus"))
        _article_ids(record, pubmed_data.find("ArticleIdList"))
    if not record.pmid:
        record.pmid = extra.get("article_ids", {}).get("pubmed", "")
    _flags(record)
    return record


def _book(element: ET.Element) -> Record:
    record = Record(reference_type="BOOK", flags=["book"])
    extra = record.extra
    document = element.find("BookDocument")
    if document is None:
        document = ET.Element("BookDocument")
    record.pmid = _text(document.find("PMID"))
    book = document.find("Book")
    if book is None:
        book = ET.Element("Book")
    book_title = strip_markup(book.find("BookTitle"))
    chapter = document.find("ArticleTitle")
    if chapter is not None and strip_markup(chapter):
        record.reference_type = "CHAP"
        _title(record, chapter)
        record.journal = book_title  # the container, as RIS T2 would hold it
    else:
        _title(record, book.find("BookTitle"))
    extra["book"] = {
        "title": book_title,
        "publisher": _text(book.find("Publisher/PublisherName")),
        "place": _text(book.find("Publisher/PublisherLocation")),
        "collection": strip_markup(book.find("CollectionTitle")),
        "isbn": [_text(i) for i in book.findall("Isbn")] + [_text(i) for i in document.findall("Isbn")],
        "volume": _text(book.find("Volume")),
        "edition": _text(book.find("Edition")),
    }
    record.volume = _text(book.find("Volume"))
    record.year = _year_of(book.find("PubDate"))
    extra["pub_date"] = _date_text(book.find("PubDate"))
    record.pages = _pages(document.find("Pagination"))
    _elocations(record, book.findall("ELocationID") + document.findall("ELocationID"))
    _abstract(record, document.find("Abstract"))
    for author_list in document.findall("AuthorList") + book.findall("AuthorList"):
        if author_list.get("Type") == "editors":
            extra.setdefault("editors", []).extend(_names(author_list))
        else:
            _authors(record, author_list)
    record.language = [_text(lang) for lang in document.findall("Language") if _text(lang)]
    record.publication_types = [_text(p) for p in document.findall("PublicationType")]
    record.keywords = [strip_markup(k) for k in document.findall("KeywordList/Keyword") if strip_markup(k)]
    _article_ids(record, document.find("ArticleIdList"))
    book_data = element.find("PubmedBookData")
    if book_data is not None:
        extra["publication_status"] = _text(book_data.find("PublicationStatus"))
        _article_ids(record, book_data.find("ArticleIdList"))
    _flags(record)
    return record


# ---- field helpers ------------------------------------------------------------------------------------

def _text(element: ET.Element | None) -> str:
    return strip_markup(element)


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def _inner_xml(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append(ET.tostring(child, encoding="unicode"))
    return "".join(parts).strip()


def _has_markup(element: ET.Element | None) -> bool:
    return element is not None and len(element) > 0


def _title(record: Record, element: ET.Element | None) -> None:
    if element is None:
        return
    record.title = strip_markup(element)
    if _has_markup(element):
        record.extra["title_markup"] = _inner_xml(element)


def _year_of(date: ET.Element | None) -> int | None:
    if date is None:
        return None
    year = _text(date.find("Year"))
    if year.isdigit():
        return int(year)
    match = _YEAR.search(_text(date.find("MedlineDate")))
    return int(match.group(1)) if match else None


def _date_text(date: ET.Element | None) -> str:
    if date is None:
        return ""
    medline = _text(date.find("MedlineDate"))
    if medline:
        return medline
    return " ".join(p for p in (_text(date.find("Year")), _text(date.find("Season")) or _text(date.find("Month")),
                                _text(date.find("Day"))) if p)


def _pages(pagination: ET.Element | None) -> str:
    if pagination is None:
        return ""
    medline = _text(pagination.find("MedlinePgn"))
    if medline:
        return medline
    start, end = _text(pagination.find("StartPage")), _text(pagination.find("EndPage"))
    return f"{start}-{end}" if start and end else start


def _elocations(record: Record, elements: list[ET.Element]) -> None:
    locations = [{"type": e.get("EIdType", ""), "valid": e.get("ValidYN", "Y"), "value": _text(e)}
                 for e in elements]
    if locations:
        record.extra["elocation_ids"] = locations
    for location in locations:
        if location["type"] == "doi" and location["valid"] != "N" and not record.doi:
            record.doi = clean_doi(location["value"])


def _article_ids(record: Record, id_list: ET.Element | None) -> None:
    if id_list is None:
        return
    ids = record.extra.setdefault("article_ids", {})
    for article_id in id_list.findall("ArticleId"):
        kind, value = article_id.get("IdType", ""), _text(article_id)
        if kind and value and kind not in ids:
            ids[kind] = value
    if not record.doi and ids.get("doi"):
        record.doi = clean_doi(ids["doi"])


def _join_abstract(abstract: ET.Element) -> tuple[str, list[dict[str, str]]]:
    sections = []
    for part in abstract.findall("AbstractText"):
        sections.append({"label": part.get("Label", ""), "category": part.get("NlmCategory", ""),
                         "text": strip_markup(part)})
    paragraphs = [(f"{s['label']}: {s['text']}" if s["label"] else s["text"]) for s in sections if s["text"]]
    return "\n\n".join(paragraphs), sections


def _abstract(record: Record, abstract: ET.Element | None) -> None:
    if abstract is None:
        return
    record.abstract, sections = _join_abstract(abstract)
    if any(s["label"] for s in sections):
        record.extra["abstract_sections"] = sections
    if any(_has_markup(part) for part in abstract.findall("AbstractText")):
        record.extra["abstract_markup"] = [_inner_xml(part) for part in abstract.findall("AbstractText")]
    copyright_ = _text(abstract.find("CopyrightInformation"))
    if copyright_:
        record.extra["abstract_copyright"] = copyright_


def _names(author_list: ET.Element) -> list[str]:
    names = []
    for author in author_list.findall("Author"):
        collective = strip_markup(author.find("CollectiveName"))
        if collective:
            names.append(collective)
            continue
        last = _text(author.find("LastName"))
        first = _text(author.find("ForeName")) or _text(author.find("Initials"))
        suffix = _text(author.find("Suffix"))
        if last:
            name = f"{last}, {first}" if first else last
            names.append(f"{name}, {suffix}" if suffix else name)
    return names


def _authors(record: Record, author_list: ET.Element | None) -> None:
    if author_list is None:
        return
    record.authors.extend(_names(author_list))
    affiliations: dict[str, list[str]] = record.extra.get("affiliations", {})
    initials: list[str] = record.extra.get("author_initials", [])
    for author in author_list.findall("Author"):
        name_list = _names(_wrap(author))
        if not name_list:
            continue
        places = [_text(a) for a in author.findall("AffiliationInfo/Affiliation") if _text(a)]
        if places:
            affiliations[name_list[0]] = places
        if author.find("CollectiveName") is None:
            initials.append(f"{_text(author.find('LastName'))} {_text(author.find('Initials'))}".strip())
        else:
            initials.append(name_list[0])
    if affiliations:
        record.extra["affiliations"] = affiliations
    if initials:
        record.extra["author_initials"] = initials


def _wrap(author: ET.Element) -> ET.Element:
    holder = ET.Element("AuthorList")
    holder.append(author)
    return holder


def _mesh(record: Record, mesh_list: ET.Element | None) -> None:
    if mesh_list is None:
        return
    detail = []
    for heading in mesh_list.findall("MeshHeading"):
        descriptor = heading.find("DescriptorName")
        if descriptor is None:
            continue
        qualifiers = heading.findall("QualifierName")
        descriptor_major = descriptor.get("MajorTopicYN") == "Y"
        any_major = descriptor_major or any(q.get("MajorTopicYN") == "Y" for q in qualifiers)
        record.mesh.append(MeshHeading(_text(descriptor), tuple(_text(q) for q in qualifiers), any_major))
        detail.append({"descriptor": _text(descriptor), "ui": descriptor.get("UI", ""),
                       "major": descriptor_major,
                       "qualifiers": [{"name": _text(q), "ui": q.get("UI", ""),
                                       "major": q.get("MajorTopicYN") == "Y"} for q in qualifiers]})
    if detail:
        record.extra["mesh_detail"] = detail


def _comments(record: Record, comments: ET.Element | None) -> None:
    if comments is None:
        return
    items = [{"type": c.get("RefType", ""), "source": _text(c.find("RefSource")), "pmid": _text(c.find("PMID"))}
             for c in comments.findall("CommentsCorrections")]
    if items:
        record.extra["comments_corrections"] = items


_TYPE_FLAGS = {
    "published erratum": "erratum",
    "retraction of publication": "retraction",
    "retracted publication": "retracted",
    "expression of concern": "expression_of_concern",
    "preprint": "preprint",
    "retraction notice": "retraction",
}
_REF_FLAGS = {
    "ErratumIn": "erratum_in",
    "ErratumFor": "erratum",
    "RetractionIn": "retracted",
    "RetractionOf": "retraction",
    "ExpressionOfConcernIn": "concern_in",
    "ExpressionOfConcernFor": "expression_of_concern",
    "RetractionOfPublication": "retraction",
}


def _flags(record: Record) -> None:
    flags = list(record.flags)
    for publication_type in record.publication_types:
        flag = _TYPE_FLAGS.get(publication_type.lower())
        if flag:
            flags.append(flag)
    for comment in record.extra.get("comments_corrections", []):
        flag = _REF_FLAGS.get(comment["type"])
        if flag:
            flags.append(flag)
    record.flags = _unique(flags)


def _fill_tags(record: Record) -> None:
    tags: dict[str, list[str]] = {}

    def put(tag: str, values: Iterable[str] | str) -> None:
        values = [values] if isinstance(values, str) else list(values)
        values = [v for v in values if v]
        if values:
            tags.setdefault(tag, []).extend(values)

    extra = record.extra
    put("PMID", record.pmid)
    put("STAT", extra.get("status", ""))
    put("TI", record.title)
    put("TT", extra.get("vernacular_title", ""))
    put("AB", record.abstract)
    put("FAU", [a for a in record.authors])
    put("AU", extra.get("author_initials", []))
    put("DP", extra.get("pub_date", ""))
    put("JT", record.journal)
    put("TA", extra.get("medline_ta", "") or record.journal_abbrev)
    put("VI", record.volume)
    put("IP", record.issue)
    put("PG", record.pages)
    put("LID", [f"{loc['value']} [{loc['type']}]" for loc in extra.get("elocation_ids", [])])
    put("AID", [f"{value} [{kind}]" for kind, value in extra.get("article_ids", {}).items()])
    put("IS", record.issn)
    put("LA", record.language)
    put("PT", record.publication_types)
    put("OT", record.keywords)
    mesh = []
    for heading in extra.get("mesh_detail", []):
        text = heading["descriptor"] + ("*" if heading["major"] else "")
        for qualifier in heading["qualifiers"]:
            text += "/" + qualifier["name"] + ("*" if qualifier["major"] else "")
        mesh.append(text)
    put("MH", mesh)
    put("RN", extra.get("chemicals", []))
    put("PST", extra.get("publication_status", ""))
    if "pmc" in extra.get("article_ids", {}):
        put("PMC", extra["article_ids"]["pmc"])
    if record.flags and "book" in record.flags:
        put("BTI", extra.get("book", {}).get("title", ""))
        put("ISBN", extra.get("book", {}).get("isbn", []))
        put("PB", extra.get("book", {}).get("publisher", ""))
    record.tags = tags


__all__ = ["parse_pubmed_xml", "iter_pubmed_xml", "iter_pubmed_xml_chunks", "PubmedXmlStream",
           "record_from_element", "looks_like_pubmed_xml", "strip_markup"]
