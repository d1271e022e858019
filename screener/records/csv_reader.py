"""CSV exports (Embase.com, Scopus, Cochrane, EBSCO, Lens, PubMed, generic) and WoS tab-delimited.

Columns are matched case-insensitively by name through ``COLUMNS`` (field → accepted names, first
match wins). Every cell is kept in ``Record.tags`` under its column name.
"""

from __future__ import annotations

import csv
import re
import urllib.parse

from screener.errors import COLUMNS as COLUMN_CHOICE
from screener.errors import UsageError
from screener.records.authors import split_authors as _split_authors
from screener.records.base import (
    NO_PAGES,
    Collector,
    canonical_database,
    clean_doi,
    clean_space,
    flags_for,
    issns,
    join_pages,
    parse_year,
    unique,
)
from screener.records.csv_columns import (
    CHOSEN_SAID,
    COLUMNS,
    FIELD_COLUMN_NAMES,
    chosen_indexes,
    columns_said,
    detect_delimiter,
    is_sep_line,
    names_listed,
    table_header,
)
from screener.records.csv_safety import unguard, written_by_us
from screener.records.model import Record
from screener.records.name_forms import family_first, family_first_given_names

# header signatures → the database the export came from
_VENDOR_SIGNATURES = (
    ({"lens id"}, "Lens.org"),
    ({"central id"}, "Cochrane CENTRAL"),
    ({"author(s) id", "source title"}, "Scopus"),
    ({"eid", "source title"}, "Scopus"),
    ({"emtree medical index terms"}, "Embase"),
    ({"pmid", "citation", "first author"}, "PubMed"),
    ({"plink", "accession number"}, "EBSCOhost"),
    ({"ut (unique wos id)"}, "Web of Science"),
    ({"pt", "au", "af", "ut"}, "Web of Science"),
    ({"display_name", "publication_year", "ids.openalex"}, "OpenAlex"),
    ({"display_name", "publication_year", "authorships.author.display_name"}, "OpenAlex"),
    ({"title", "url", "description", "details", "shortdetails"}, "PubMed"),
    ({"item title", "item doi", "content type"}, "SpringerLink"),
    ({"cites", "gsrank", "articleurl"}, "Google Scholar"),
    ({"takeaway", "consensus link"}, "Consensus"),
)

# header signatures → the layout's name and the author rule of its authors column
# (screener.records.authors.RULES); the first that matches wins
LAYOUTS = (
    # WoS's columns (its field tags) saved as CSV: AF, the names as published, before AU, as in WoS's own files
    ({"pt", "au", "af", "ut"}, "wos", "csv"),
    # and its spreadsheet export saved as CSV, the columns named in words: 'Author Full Names' (AF) before 'Authors'
    # (AU, which shortens names: 'Moreira, LSCM' for 'Correia Marques Moreira, Luis'; round 29)
    ({"author full names", "article title", "ut (unique wos id)"}, "wos", "csv"),
    ({"display_name", "publication_year", "authorships.author.display_name"}, "openalex", "pipe"),
    ({"title", "url", "description", "details", "shortdetails"}, "pubmed_legacy", "vancouver"),
    ({"pmid", "citation", "first author"}, "pubmed", "vancouver"),
    ({"author(s) id", "source title"}, "scopus", "vancouver"),
    ({"eid", "source title"}, "scopus", "vancouver"),
    ({"authors", "source title", "year"}, "scopus", "vancouver"),
    ({"emtree medical index terms"}, "embase", "vancouver"),
    ({"author names", "source"}, "embase", "vancouver"),
    ({"yr", "ti", "au"}, "ovid", "csv"),
    ({"orn", "vn", "ti", "so"}, "ovid", "csv"),         # Ovid CSV with the fields the searcher chose (no YR)
    ({"authors, primary", "title primary"}, "refworks", "csv"),
    ({"item title", "item doi", "content type"}, "springer", "springer"),
    ({"cites", "gsrank", "articleurl"}, "publish_or_perish", "given_first"),    # Publish or Perish (Google Scholar)
    # Consensus (an AI search engine): 'Vikram S Chundawat, A. Tarun, Murari Mandal', given name first, of any form
    ({"takeaway", "consensus link"}, "consensus", "given_first"),
)


def csv_layout(lower_header) -> tuple[str, str]:
    """(layout name, author rule) for a header (lower-case names): ('generic', 'csv') when none matches."""
    names = set(lower_header)
    for columns, name, rule in LAYOUTS:
        if columns <= names:
            return name, rule
    return "generic", "csv"

_EMBASE_SOURCE = re.compile(r"^(?P<journal>.*?) \((?P<year>\d{4})\)(?: (?P<volume>[^:\s(]+))?"
                            r"(?::(?P<issue>[^\s(]+))?(?: \((?P<pages>[^)]*)\))?")
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_OPEN_URL_DOI = re.compile(r"[?&]id=doi:([^&\s]+)")
_SPREADSHEET_DATE = re.compile(r"(?:\d{1,2}-)?(?:" + _MONTHS + r")-(\d\d)")


def _excel_unescape(value: str) -> str:
    """EBSCO writes ="19326203" so that Excel keeps leading zeros."""
    if value.startswith('="') and value.endswith('"'):
        return value[2:-1]
    return value


def split_authors(value: str, rule: str = "csv") -> list[str]:
    """An authors cell → names, under the rule for the vendor's field (see ``screener.records.authors``)."""
    return _split_authors(value, rule)


def _split_list(value: str) -> list[str]:
    return unique(re.split(r"\s*;\s*|\n", value or ""))


def _stated_query(preamble: list[str]) -> str:
    """The query an export's preamble states: Embase.com writes ``"SEARCH QUERY","<query>"``."""
    for line in preamble:
        try:
            cells = next(csv.reader([line], delimiter=detect_delimiter(line)))
        except (csv.Error, StopIteration):
            continue
        if len(cells) >= 2 and cells[0].strip().upper() == "SEARCH QUERY" and cells[1].strip():
            return cells[1].strip()
    return ""


def read_csv(text: str, collector: Collector, *, fmt: str = "csv", delimiter: str | None = None,
             skip_bad: bool = False, rejected: list | None = None,
             columns: dict[str, str] | None = None) -> list[Record]:
    """``columns``: the user's choice of column per field (``screener.records.csv_columns``), which
    wins over the names the reader knows; with it the header row is the first non-blank line."""
    lines = text.split("\n")
    header_index = find_header(lines, delimiter) if not columns else \
        next((i for i, line in enumerate(lines) if line.strip() and not is_sep_line(line)), None)
    if header_index is None:
        raise collector.fatal("no header row with known column names (title, author, year, …) "
                              "was found in the first 20 lines", line=1)
    if header_index > 0:
        pre = [line for line in lines[:header_index] if line.strip()]
        if pre:
            collector.warn("preamble", f"{header_index} line(s) before the header row were not records "
                           f"and were skipped: {clean_space(' | '.join(pre))[:200]}", line=1)
            collector.search_query = _stated_query(pre)
    # Scopus "References" cells can exceed csv's default 131,072-character field limit
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    delim = delimiter or detect_delimiter(lines[header_index])
    ours = header_index == 0 and written_by_us(lines[0])   # only our own files carry our CSV guard
    body = lines[header_index:]
    reader = csv.reader(_LineFeeder(body), delimiter=delim, strict=True)
    records: list[Record] = []
    try:
        header = next(reader)
    except StopIteration:
        return []
    header = [h.strip() for h in header]
    lower = [h.lower() for h in header]
    vendor = next((name for cols, name in _VENDOR_SIGNATURES if cols <= set(lower)), "")
    layout = csv_layout(lower)
    column_index = {name: i for i, name in reversed(list(enumerate(lower)))}
    chosen: dict[str, int] = {}
    titled = layout[0] == "pubmed_legacy" or any(name in column_index for name in COLUMNS["title"])
    if columns:
        chosen = chosen_indexes(columns, header, collector.file)
        if "title" not in chosen and not titled:
            raise UsageError(f"{collector.file}: no column is chosen as the title, and none is named as one; "
                             f"choose the title's column too (the columns are: {names_listed(header, None)})")
        collector.warn("columns_chosen", CHOSEN_SAID + columns_said(columns), line=header_index + 1)
    elif not titled:
        # records with no titles cannot be screened or deduplicated: ask rather than import them blank
        # (table_header reads 60 lines and whether more follow: 61 of them, not a copy of the file)
        if table_header("\n".join(lines[header_index:header_index + 61])) is not None:
            raise collector.fatal(f"a table with no column screener reads as the title ({names_listed(header)})",
                                  line=header_index + 1, remedy=COLUMN_CHOICE)
        raise collector.fatal(f"no row names the columns of a table of records (the first is "
                              f"{lines[header_index].strip()[:60]!r}); is this an export of records?",
                              line=header_index + 1)
    prev_end, offset = reader.line_num, 0     # offset: lines of body before the current reader's first
    number = 0
    while True:
        lenient = False
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            read, end = _read_leniently(body[prev_end:], delim, len(header))
            if read is None:
                raise collector.fatal(f"cannot delimit the record: {exc} (an unclosed quote?)",
                                      line=header_index + prev_end + 1, record_number=number + 1) from None
            row, lenient, offset = read, True, prev_end + end
            reader = csv.reader(_LineFeeder(body[offset:]), delimiter=delim, strict=True)
        start, end = prev_end, offset if lenient else offset + reader.line_num
        prev_end = end
        if not any(c.strip() for c in row):
            continue
        if len(row) == 1 and len(header) >= 3:
            # a line with no delimiter between rows of many cells is a heading, not a record: Abstrackr writes
            # 'citations that are not yet labeled by anyone' between its labelled and unlabelled citations
            collector.warn("not_a_record", f"a line of one cell between the records was skipped: {row[0].strip()[:80]!r}",
                           line=header_index + start + 1)
            continue
        number += 1
        first_line = header_index + start + 1
        if lenient:
            collector.warn("stray_quote", "a quote inside a quoted cell that is not doubled (IEEE Xplore writes "
                           "them): the record was read as spreadsheets read it; check its cells",
                           line=first_line, record_number=number)
        raw = "\n".join(lines[header_index + start: header_index + end])
        if len(row) > len(header):
            extra_cells = [c for c in row[len(header):] if c.strip()]
            if extra_cells:
                collector.warn("extra_cells", f"{len(row) - len(header)} cell(s) beyond the header kept "
                               "under column names _extra1…", line=first_line, record_number=number)
        values: dict[str, list[str]] = {}
        for i, cell in enumerate(row):
            name = header[i] if i < len(header) else f"_extra{i - len(header) + 1}"
            cell = _excel_unescape(cell)
            if ours:
                cell = unguard(cell)
            if cell.strip():
                values.setdefault(name, []).append(cell)
        record = _to_record(values, lower, header, column_index, vendor, fmt, layout, chosen)
        records.append(collector.place(record, number, first_line, raw))
    if not chosen and len(records) >= 2 and not any(record.title for record in records):
        # a title column left empty (the titles typed under another column): ask which holds them, as for
        # a table with no title column, rather than import records nobody can screen
        named = ", ".join(header[column_index[name]] for name in COLUMNS["title"] if name in column_index)
        raise collector.fatal(f"a table whose title column ({named}) is empty in every row ({names_listed(header)})",
                              line=header_index + 1, remedy=COLUMN_CHOICE)
    if "title" in chosen and records and not any(record.title for record in records):
        # a wrong choice, not a file of untitled records: nothing could be screened or deduplicated
        raise UsageError(f"{collector.file}: {header[chosen['title']]!r}, chosen as the title column, is empty in "
                         f"every row; choose the column that holds the titles (its columns are: "
                         f"{names_listed(header, None)})")
    return records


def _read_leniently(lines: list[str], delimiter: str, cells: int) -> tuple[list[str] | None, int]:
    """The record at the start of lines read as the csv module reads it when not strict (a quote inside a
    quoted cell kept as text), and how many lines it took; (None, 0) unless it has the header's cells."""
    reader = csv.reader(_LineFeeder(lines), delimiter=delimiter)
    try:
        row = next(reader)
    except (csv.Error, StopIteration):
        return None, 0
    return (row, reader.line_num) if len(row) == cells else (None, 0)


class _LineFeeder:
    """Feeds csv.reader one physical line at a time (so line_num counts physical lines)."""

    def __init__(self, lines: list[str]):
        self._lines = iter(lines)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._lines) + "\n"


def find_header(lines: list[str], delimiter: str | None) -> int | None:
    for i, line in enumerate(lines[:20]):
        if not line.strip():
            continue
        delim = delimiter or detect_delimiter(line)
        try:
            cells = next(csv.reader([line], delimiter=delim))
        except (csv.Error, StopIteration):
            continue
        names = {c.strip().lower() for c in cells}
        known = names & FIELD_COLUMN_NAMES
        if len(known) >= 2 and len(cells) >= 2:
            return i
    return None


def _to_record(values: dict[str, list[str]], lower: list[str], header: list[str],
               column_index: dict[str, int], vendor: str, fmt: str,
               layout: tuple[str, str] = ("generic", "csv"), chosen: dict[str, int] | None = None) -> Record:
    def get(field: str) -> str:
        if chosen and field in chosen:      # the user's column for it, and no other
            cell = values.get(header[chosen[field]])
            return cell[0].strip() if cell else ""
        for name in COLUMNS[field]:
            i = column_index.get(name)
            if i is not None:
                cell = values.get(header[i])
                if cell and cell[0].strip():
                    return cell[0].strip()
        return ""

    def numbering(field: str) -> str:
        # R's write.csv writes NA for a missing value (bibliometrix's data frames): no volume, issue or page is 'NA'
        value = get(field)
        return "" if value == "NA" else value

    def cell(name: str) -> str:
        i = column_index.get(name)
        value = values.get(header[i]) if i is not None else None
        return value[0].strip() if value else ""

    record = Record(format=fmt, tags=values)
    record.record_id = get("record_id")
    record.title = clean_space(get("title"))
    abstract = get("abstract").strip()
    record.abstract = abstract if abstract != "NA" else ""   # R's missing value, as numbering's (Rayyan's CSV of R's)
    layout_name, author_rule = layout
    if chosen and "authors" in chosen:
        record.authors = split_authors(get("authors"), author_rule)
    elif layout_name == "pubmed_legacy":
        record.authors = split_authors(cell("description"), author_rule)
    else:
        names = ("af", "author full names", *COLUMNS["authors"]) if layout_name == "wos" else COLUMNS["authors"]
        authors = next((cell(name) for name in names if cell(name)), "")
        for name in names:
            i = column_index.get(name)
            many = values.get(header[i]) if i is not None else None
            if many and len(many) > 1:       # Embase's fields-by-row: "AUTHOR NAMES","A","B",…
                authors = "; ".join(a.strip() for a in many if a.strip())
                break
            if many:
                break
        record.authors = split_authors(authors, author_rule)
        if vendor == "Scopus" and ";" not in authors and "author full names" not in column_index:
            # the older export's ', '-joined cell ('Pioch Nicholas J., Roberts Bruce'); the newer one joins with '; '
            # and has an 'Author full names' column, and there a name with no initials is written given name first
            # ('Markus Herklotz; Wiebke Weber', round 23) — also a record's only author, whose cell has no '; '
            # to tell the export by
            record.authors = family_first_given_names(record.authors)
    if vendor == "Lens.org":
        # Lens writes a missing given name as 'null' ('null Tobler', 'null v. Neureiter': older records, round 23)
        record.authors = [family_first(re.sub(r"^null ", "", a)) for a in record.authors if a != "null"]
    record.journal = clean_space(get("journal"))
    record.journal_abbrev = clean_space(get("journal_abbrev"))
    record.volume = numbering("volume")
    record.issue = numbering("issue")
    record.pages = numbering("pages") or join_pages(numbering("start_page"), numbering("end_page"))
    if record.pages.lower() == NO_PAGES:       # Ovid PsycInfo's placeholder (its PG column)
        record.pages = ""
    count = cell("page count")
    if vendor == "EBSCOhost" and record.pages.isdigit() and count.isdigit() and int(count) > 1:
        # EBSCOhost's CSV gives the first page and the page count; its RIS of the same records, SP and EP
        record.pages = f"{record.pages}-{int(record.pages) + int(count) - 1}"
    year_text = get("year")
    record.year = parse_year(year_text)
    if record.year is None and (excel := _SPREADSHEET_DATE.fullmatch(year_text)):
        # a spreadsheet read '14 Nov 2022' or 'Jun 2023' as a date and saved its own form, two-digit years
        # read as it reads them: 00-29 in this century, 30-99 in the last
        record.year = int(excel.group(1)) + (2000 if int(excel.group(1)) < 30 else 1900)
    source = values.get(header[column_index["source"]]) if "source" in column_index else None
    if source and not record.journal:
        _fill_from_source(record, source[0])
    record.doi = clean_doi(get("doi"))
    if not record.doi and "open url link" in column_index:
        # Embase.com: no DOI column unless the searcher chose it, but its OpenURL link has id=doi:…
        match = _OPEN_URL_DOI.search(cell("open url link"))
        record.doi = clean_doi(urllib.parse.unquote(match.group(1))) if match else ""
    pmid = re.sub(r"\D", "", get("pmid"))
    record.pmid = pmid
    record.issn = issns(get("issn"))
    record.keywords = _split_list(get("keywords"))
    record.language = _split_list(get("language"))
    record.publication_types = _split_list(get("publication_types"))
    record.reference_type = get("reference_type")
    record.urls = unique(get("urls").split())
    record.flags = flags_for(record.publication_types, record.reference_type)
    if layout_name == "ovid" and record.journal and record.journal == clean_space(cell("so")):
        fill_from_ovid_source(record, record.journal)
    if layout_name == "pubmed_legacy":
        _fill_pubmed_legacy(record, cell("shortdetails"), cell("details"), cell("identifiers"),
                            cell("url"), cell("entrezuid"))
    if layout_name == "pubmed":
        _fill_pubmed_citation(record, cell("citation"))
    db = get("database")
    record.database = canonical_database(db) if db else (vendor or "unknown")
    return record


# Ovid's SO. Embase: the journal, a conference's name and place if any, the volume, then parenthesised groups
# (an issue, '(pp 460-478)' pages, '(no pagination)'), ', ' and the year: 'Journal of Travel Medicine. 25 (1) (no
# pagination), 2018. Article Number: …', 'Journal of Controlled Release. 366(pp 460-478), 2024. …', 'medRxiv. (no
# pagination), 2023. …', 'Acta Oto-Laryngologica, Supplement. (524) (pp 43-49), 1996. …', 'Neurocirugia.
# Conference: XXVI Congreso …. Santander Spain. 34(Supplement 1) (pp S311), 2023. …'. MEDLINE: 'Breast cancer
# research and treatment. 181(2):347-359, 2020 06.'
_OVID_EMBASE_SOURCE = re.compile(r"^(?P<journal>.+?)\. (?:Conference: .*?\. )?(?P<volume>[^\s(.,:]*)\s*"
                                 r"(?P<groups>(?:\([^()]*\)\s*)*), (?P<year>(?:1[89]|20)\d\d)\b")
# APA PsycInfo: 'Neurological Sciences. Vol.45,(3), 2024, pp. 1209-1216.', 'Frontiers in …. Vol.15, 2023, ArtID 1140357.'
_OVID_PSYCINFO_SOURCE = re.compile(r"^(?P<journal>.+?)\. Vol\.(?P<volume>[^,(]*),?\s*(?:\((?P<issue>[^)]*)\),?)?\s*"
                                   r"(?:[A-Za-z]{3,9} )?(?:\d{1,2} )?(?P<year>(?:1[89]|20)\d\d)\b[^,]*"
                                   r"(?:, pp\. (?P<pages>[^\s,]+?)\.?(?:,|\s|$))?")
_OVID_MEDLINE_SOURCE = re.compile(r"^(?P<journal>.+?)\. (?P<volume>[^\s(:]+)(?:\((?P<issue>[^)]*)\))?:(?P<pages>[^,\s]+), "
                                  r"(?P<year>(?:1[89]|20)\d\d)\b")


def fill_from_ovid_source(record: Record, source: str) -> None:
    """Journal, volume, issue, pages and year from Ovid's SO when the CSV has no columns for them."""
    match = _OVID_MEDLINE_SOURCE.match(source) or _OVID_PSYCINFO_SOURCE.match(source)
    issue = pages = ""
    if match:
        issue, pages = match.group("issue") or "", match.group("pages") or ""
    else:
        match = _OVID_EMBASE_SOURCE.match(source)
        if match:
            for group in re.findall(r"\(([^()]*)\)", match.group("groups")):
                if group.startswith("pp "):
                    pages = pages or group[3:].strip()
                elif group != "no pagination":
                    issue = issue or group.strip()
    if match and (match.group("volume") or issue or pages or "(no pagination)" in source):
        record.journal = clean_space(match.group("journal"))
        record.volume = record.volume or match.group("volume")
        record.issue = record.issue or issue
        record.pages = record.pages or pages
        record.year = record.year or int(match.group("year"))
        return
    if not record.year:
        years = re.findall(r"\b(?:1[89]|20)\d\d\b", source)
        record.year = int(years[0]) if years else None


def _fill_from_source(record: Record, source: str) -> None:
    """Embase 'Endoscopic Ultrasound (2014) 3:3 (152-160)' or Cochrane's plain journal name."""
    match = _EMBASE_SOURCE.match(source.strip())
    if match and match.group("year"):
        record.journal = clean_space(match.group("journal"))
        record.year = record.year or int(match.group("year"))
        record.volume = record.volume or (match.group("volume") or "")
        record.issue = record.issue or (match.group("issue") or "")
        record.pages = record.pages or (match.group("pages") or "")
    else:
        record.journal = clean_space(source)


_PUBMED_DETAILS = re.compile(r"^(?P<journal>[^.]+(?:\.[^.\d]+)*?)\. (?P<year>\d{4})[^;:.]*"
                             r"(?:;(?P<volume>[^(:]+)?(?:\((?P<issue>[^)]*)\))?)?(?::(?P<pages>[^.]+))?")


def _fill_pubmed_legacy(record: Record, short: str, details: str, identifiers: str, url: str,
                        uid: str) -> None:
    """PubMed's pre-2020 CSV: ShortDetails 'Eur J Med Genet. 2020', Details 'Eur J Med Genet. 2020
    Feb;63(2):103640. doi: 10.1016/….', Identifiers 'PMID:30922926 | PMCID:PMC…', URL '/pubmed/30922926'."""
    match = re.match(r"^(?P<journal>.*?)\.?\s*(?P<year>\d{4})\s*$", short)
    if match:
        record.journal = record.journal or clean_space(match.group("journal")).rstrip(".")
        record.year = record.year or int(match.group("year"))
    match = _PUBMED_DETAILS.match(details)
    if match:
        record.journal = record.journal or clean_space(match.group("journal"))
        record.year = record.year or int(match.group("year"))
        record.volume = record.volume or (match.group("volume") or "").strip()
        record.issue = record.issue or (match.group("issue") or "").strip()
        record.pages = record.pages or (match.group("pages") or "").strip()
    if not record.doi:
        record.doi = clean_doi(details.split("doi:", 1)[1]) if "doi:" in details else ""
    if not record.pmid:
        match = (re.search(r"PMID:\s*(\d{1,9})", identifiers) or re.search(r"/pubmed/(\d{1,9})\b", url)
                 or re.fullmatch(r"(\d{1,9})", uid))
        record.pmid = match.group(1) if match else ""


def _fill_pubmed_citation(record: Record, citation: str) -> None:
    """PubMed's CSV has no volume, issue or pages columns: they are in 'Citation' ('Acad Emerg Med. 2011
    Oct;18(10):1099-104. doi: …', 'Stat Methods Med Res. 2020 Mar 10:962280220911435. doi: … Online ahead of
    print.'); a book's citation ('In: Smith B, editor. …; 2019.') has none of them."""
    match = _PUBMED_DETAILS.match(citation)
    if match:
        record.volume = record.volume or (match.group("volume") or "").strip()
        record.issue = record.issue or (match.group("issue") or "").strip()
        after = citation[match.end("pages"):] if match.group("pages") else ""
        if after in ("", ".") or after.startswith(". "):    # not cut at a dot inside them ('/j/ijb.2018.14…')
            record.pages = record.pages or (match.group("pages") or "").strip()


def embase_record(values: dict[str, list[str]], fmt: str) -> Record:
    """A record of Embase.com's fields (field name → its values), as its fields-by-row CSV and its plain-text
    export give them ('TITLE', 'AUTHOR NAMES', 'SOURCE TITLE', …)."""
    header = list(values)
    lower = [h.lower() for h in header]
    column_index = {name: i for i, name in reversed(list(enumerate(lower)))}
    return _to_record(values, lower, header, column_index, "Embase", fmt, ("embase", "vancouver"))


# ---- Embase.com "fields by row" CSV: "FIELD","value" lines, a blank line between records ----------

_ROW_FIELD = re.compile(r'^"?([A-Z][A-Z0-9 /()&.\-]{1,60})"?\s*[,;\t]')


def looks_like_csv_rows(lines: list[str]) -> bool:
    """Most of the first non-blank lines are '"FIELD NAME","value"' with a TITLE field among them."""
    sample = [ln for ln in lines[:80] if ln.strip()]
    if len(sample) < 3:
        return False
    fields = [m.group(1).strip() for ln in sample if (m := _ROW_FIELD.match(ln))]
    return len(fields) >= 0.6 * len(sample) and "TITLE" in fields and len(set(fields)) >= 3


def read_csv_rows(text: str, collector: Collector, *, skip_bad: bool = False,
                  rejected: list | None = None) -> list[Record]:
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    lines = text.split("\n")
    delim = detect_delimiter(next((ln for ln in lines if ln.strip()), ","))
    reader = csv.reader(_LineFeeder(lines), delimiter=delim, strict=True)
    records: list[Record] = []
    block: list[tuple[str, str]] = []
    start = prev_end = 0
    preamble: list[str] = []

    def close(end_line: int) -> None:
        nonlocal block
        if not block:
            return
        if not any(k.upper() == "TITLE" for k, _ in block) and not records:
            preamble.extend(f"{k}: {v}" for k, v in block)     # "SEARCH QUERY" and other header rows
            if any(k.upper() == "SEARCH QUERY" for k, _ in block):
                collector.search_query = next(v for k, v in block if k.upper() == "SEARCH QUERY")
            block = []
            return
        values: dict[str, list[str]] = {}
        for key, value in block:
            values.setdefault(key, []).append(value)
        record = embase_record(values, "csv_rows")
        raw = "\n".join(lines[start:end_line])
        records.append(collector.place(record, len(records) + 1, start + 1, raw))
        block = []

    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise collector.fatal(f"cannot delimit the record: {exc} (an unclosed quote?)",
                                  line=prev_end + 1, record_number=len(records) + 1) from None
        if not any(c.strip() for c in row):
            close(prev_end)
            prev_end = reader.line_num
            start = prev_end
            continue
        key = row[0].strip()
        if key.upper() == "TITLE" and any(k.upper() == "TITLE" for k, _ in block):
            close(prev_end)              # records not separated by a blank line: TITLE opens one
        if not block:
            start = prev_end
        prev_end = reader.line_num
        cells = [_excel_unescape(c) for c in row[1:]] or [""]
        if len(cells) > 1:               # "AUTHOR NAMES","A","B",…: one value per cell
            cells = [c for c in cells if c.strip()] or [""]
        block.extend((key, c) for c in cells)
    close(prev_end)
    if preamble:
        collector.warn("preamble", f"{len(preamble)} header row(s) before the first record were not "
                       f"records and were skipped: {clean_space(' | '.join(preamble))[:200]}", line=1)
    return records
