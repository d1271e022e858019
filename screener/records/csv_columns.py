"""Which column of a table (CSV, TSV) holds which field: the column names the reader knows
(``COLUMNS``, matched by ``screener.records.csv_reader``), and the user's own choice
(``--columns title=Heading,...``) for a table whose names are none of those (a colleague's
spreadsheet, a tool's own export) or to correct a column the reader guessed.

A choice is ``FIELD=COLUMN`` pairs: FIELD one of ``FIELDS`` (the record fields a table's columns are
read into), COLUMN a column name of the file as its header row spells it (case and surrounding
spaces aside). Pairs are separated by commas; a comma inside a column name ('Authors, Primary')
stays with the name because only a comma followed by ``FIELD=`` starts a new pair. The choice is
kept with the import (its warnings list says it), so the reading can be told from the record.
"""

from __future__ import annotations

import csv
import re

from screener.errors import UsageError

# field → column names (lower-case), most specific first
COLUMNS: dict[str, tuple[str, ...]] = {
    "record_id": ("id", "record_id", "lens id", "central id", "eid", "accession number", "ut",
                  "ut (unique wos id)", "covidence #", "key", "reference id", "an", "ui",
                  "storeid"),             # ProQuest's spreadsheet export (its columns camel-case)
    "title": ("title", "ti", "article title", "document title", "primary title", "display_name",
              "title primary", "item title"),
    "authors": ("author", "authors", "au", "author names", "author(s)", "author/s", "af",
                "author full names", "authorships.author.display_name", "authors, primary"),
    "year": ("year", "py", "publication_year", "publication year", "pubyear", "published year",
             "date published", "publication date", "date of publication", "date", "yr", "pub year"),
    "journal": ("journal", "jo", "t2", "source title", "journal title", "journal/book", "jn", "so",
                "secondary title", "journal name", "publication title",
                "primary_location.source.display_name", "periodical full", "publicationname",
                "publication",           # Google Scholar's CSV ('Publication', beside 'Volume', 'Number', 'Pages')
                "pubtitle"),             # ProQuest's spreadsheet export
    "journal_abbrev": ("journal_abbrev", "abbreviated source title", "j9", "ji", "j2", "periodical abbrev"),
    "volume": ("volume", "vl", "biblio.volume", "vo", "journal volume"),
    "issue": ("issue", "number", "is", "issue number", "biblio.issue", "ip", "journal issue"),
    "pages": ("pages", "page(s)", "pg"),
    "start_page": ("page start", "first page", "start page", "bp", "sp", "biblio.first_page"),
    "end_page": ("page end", "last page", "end page", "ep", "biblio.last_page"),
    "doi": ("doi", "do", "di", "item doi", "digitalobjectidentifier"),
    "abstract": ("abstract", "ab", "abstract note"),
    "pmid": ("pmid", "pubmedid", "pubmed id", "pm", "pubmed_id", "ids.pmid", "medline pmid"),
    "issn": ("issn", "issns", "sn", "ei", "eissn"),
    "keywords": ("keywords", "author keywords", "kw", "de", "manual tags"),
    "language": ("language", "language of original document", "la"),
    "publication_types": ("document type", "publication type", "doctype", "dt", "pt", "publication types"),
    "reference_type": ("entrytype", "ty", "type", "item type", "reference type"),
    "urls": ("url", "link", "source urls", "plink", "ur"),
    "database": ("database", "database name", "db"),
}
FIELD_COLUMN_NAMES = {name for names in COLUMNS.values() for name in names}


def detect_delimiter(header: str) -> str:
    """The delimiter a header row uses most: comma, tab or semicolon."""
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d])


# the fields a column can be chosen for, as the user writes them
FIELDS: tuple[str, ...] = tuple(COLUMNS)

_PAIR_START = re.compile(r",\s*(?=(?:" + "|".join(FIELDS) + r")\s*=)", re.I)


def parse_columns(specs: str | list[str] | tuple[str, ...], label: str = "--columns") -> dict[str, str]:
    """``title=Heading,authors=Writers`` (one text, or several, as a repeated option gives them) →
    {field: column}; a UsageError naming the pair at fault and what to write, after ``label`` (what
    the front end calls the choice: the CLI's option, the JSON API's field)."""
    texts = [specs] if isinstance(specs, str) else list(specs)
    chosen: dict[str, str] = {}
    for text in texts:
        for pair in _PAIR_START.split(text.strip()):
            if not pair.strip():
                continue
            field, equals, column = pair.partition("=")
            field, column = field.strip().lower(), column.strip()
            if not equals:
                raise UsageError(f"{label}: {pair.strip()!r} has no '='; write FIELD=COLUMN, "
                                 "e.g. title=Heading")
            if field not in FIELDS:
                raise UsageError(f"{label}: {field!r} is not a field screener reads; "
                                 f"the fields are: {', '.join(FIELDS)}")
            if not column:
                raise UsageError(f"{label}: {field}= names no column; write {field}=COLUMN, "
                                 "the column's name as the file's first row spells it")
            if field in chosen:
                raise UsageError(f"{label}: {field} is chosen twice ({chosen[field]!r} and {column!r}); "
                                 "choose one column per field")
            chosen[field] = column
    return chosen


# how the import's warnings begin the choice (columns_chosen), which the list of imports reads back
CHOSEN_SAID = "columns read as chosen: "


def chosen_in(warnings: list[dict]) -> str:
    """The choice an import's stored warnings say ('title=Heading, authors=Writers'), else ''."""
    return next((w["message"][len(CHOSEN_SAID):] for w in warnings if w.get("code") == "columns_chosen"
                 and str(w.get("message", "")).startswith(CHOSEN_SAID)), "")


def columns_said(chosen: dict[str, str]) -> str:
    """The choice as it is written: 'title=Heading, authors=Writers'."""
    return ", ".join(f"{field}={column}" for field, column in chosen.items())


# Excel's delimiter hint, 'sep=;' on a line of its own before the header (written by Excel in a
# semicolon locale and tools writing for it; Excel shows no such row): no row of the table
_SEP_LINE = re.compile(r"\s*sep=.?\s*", re.I)


def is_sep_line(line: str) -> bool:
    return bool(_SEP_LINE.fullmatch(line))


def header_line(text: str) -> int:
    """The 1-based line number of a table's header row: its first non-blank line that is no 'sep=' line."""
    lines = text.split("\n", 60)[:60]
    return next((i for i, line in enumerate(lines, 1) if line.strip() and not is_sep_line(line)), 1)


def table_header(text: str, rows: int = 2) -> list[str] | None:
    """The column names of ``text`` when it looks like a table with a header row — its first
    non-blank line split by a comma, semicolon or tab into two or more cells that look like column
    names (``like_column_names``), and the next rows (at least ``rows``, up to five) as many cells
    each — else None. (What a refusal of an unknown file asks about; a search strategy's lines, with
    their commas, vary in width and are not names.)"""
    read, cut = _table_rows(text)
    if read is None:
        return None
    header, body = read[0], (read[1:-1] if cut else read[1:])[:5]
    names = [cell.strip() for cell in header]
    # a whole file of a header and one row (a spreadsheet of one study) is a table too when its names
    # begin with a letter, do not end as a field suffix does and follow the separator with no space: a
    # strategy's lines begin with their number ('1 exp Pain/ or pain.ti,ab.'), and prose puts a space
    # after its commas ('Dear colleague, here are the results'), which no spreadsheet writes in a header
    one_row = len(read) == 2 and not cut and all(name[:1].isalpha() and not name.endswith(".") for name in names) \
        and not any(cell[:1].isspace() for cell in header[1:])
    if (len(body) < rows and not one_row) or any(len(row) != len(header) for row in body):
        return None
    if len(body) >= 2 and any(all(row[i].strip() == name for row in body) for i, name in enumerate(names)):
        return None     # a "name" repeated on every row below is not a header ('"virtual reality".ti,ab.')
    return names if like_column_names(names) else None


def _table_rows(text: str) -> tuple[list[list[str]] | None, bool]:
    """The rows of a table's first 60 lines (blank lines and a leading 'sep=' line left out), split
    at the header's delimiter — None when they do not parse —, and whether more lines follow (then
    the last row may be cut off)."""
    parts = text.split("\n", 60)
    cut = len(parts) > 60
    lines = [line for line in parts[:60] if line.strip()]
    if lines and is_sep_line(lines[0]):
        lines = lines[1:]
    if not lines:
        return None, cut
    try:
        return list(csv.reader(lines, delimiter=detect_delimiter(lines[0]))), cut
    except csv.Error:
        return None, cut


def first_row(text: str, width: int) -> list[str]:
    """Each column's cell in a table's first row under its header ('' each when there is none of
    the header's width)."""
    read, _ = _table_rows(text)
    return read[1] if read is not None and len(read) > 1 and len(read[1]) == width else [""] * width


def like_column_names(cells: list[str]) -> bool:
    """Two or more cells, each a short name with a letter in it (not a count, not a sentence)."""
    return len(cells) >= 2 and all(0 < len(cell) <= 60 and any(c.isalpha() for c in cell) for cell in cells)


def names_listed(header: list[str], first: int | None = 12) -> str:
    """A table's column names as a refusal lists them (the ``first`` twelve; None: all), a name with a
    comma in quotes ('Authors, Primary'), else a list of three names read as four."""
    shown = ", ".join(f"'{name}'" if "," in name else name for name in header[:first])
    return shown + (f", … ({len(header)} columns)" if first is not None and len(header) > first else "")


def chosen_indexes(chosen: dict[str, str], header: list[str], file: str) -> dict[str, int]:
    """{field: the column's index in ``header``} for a choice; a UsageError naming the file and
    the column it does not have (with the columns it has), a name it has twice (which of the two
    is meant cannot be told; the reader took whichever cell was filled) or a column chosen for two
    fields (a title read again as the abstract misleads the screeners)."""
    where: dict[str, list[int]] = {}
    for i, name in enumerate(header):
        where.setdefault(name.strip().lower(), []).append(i)
    indexes: dict[str, int] = {}
    field_of: dict[int, str] = {}
    for field, column in chosen.items():
        found = where.get(column.strip().lower())
        if found is None:
            raise UsageError(f"{file}: {column!r}, chosen as the {field} column, is not a column of this file; "
                             f"its columns are: {names_listed(header, None)}")
        if len(found) > 1:
            numbers = ", ".join(str(i + 1) for i in found[:-1]) + f" and {found[-1] + 1}"
            raise UsageError(f"{file}: {header[found[0]]!r}, chosen as the {field} column, names {len(found)} columns "
                             f"of this file (columns {numbers}); give each its own name in the file, then choose one")
        if found[0] in field_of:
            raise UsageError(f"{file}: {header[found[0]]!r} is chosen for both {field_of[found[0]]} and {field}; "
                             "choose each column for one field only")
        indexes[field] = found[0]
        field_of[found[0]] = field
    return indexes
