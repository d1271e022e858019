"""``read_file``: one export file → records, whatever its format (sniffed from the content)."""

from __future__ import annotations

import importlib
import logging
import re
import unicodedata
from pathlib import Path

from screener.errors import COLUMNS, SEARCH_PUBMED, UNKNOWN_FORMAT, RecordParseError, UsageError
from screener.records.base import Collector, ReadResult, RejectedRecord, clean_space, gc_paused, strip_formula_markup
from screener.records.csv_columns import COLUMNS as COLUMN_NAMES
from screener.records.csv_columns import detect_delimiter, header_line, names_listed, table_header
from screener.records.sniff import sniff_format
from screener.records.textio import decode

log = logging.getLogger(__name__)      # what was read (format, counts), never record text

# format → (module, function(text, collector, skip_bad=, rejected=) -> list[Record])
READERS: dict[str, tuple[str, str]] = {
    "ris": ("screener.records.ris", "read_ris_text"),
    "medline": ("screener.records.medline", "read_medline_text"),
    "wos": ("screener.records.wos", "read_wos_text"),
    "wos_tab": ("screener.records.wos", "read_wos_tab_text"),
    "ovid": ("screener.records.ovid", "read_ovid_text"),
    "ovid_display": ("screener.records.ovid", "read_ovid_display_text"),
    "endnote_xml": ("screener.records.endnote_xml", "read_endnote_xml_text"),
    "ebsco_xml": ("screener.records.ebsco_xml", "read_ebsco_xml_text"),
    "csv": ("screener.records.csv_reader", "read_csv"),
    "tsv": ("screener.records.csv_reader", "read_csv"),
    "bibtex": ("screener.records.bibtex", "read_bibtex_text"),
    "enw": ("screener.records.tagged", "read_enw_text"),
    "refworks": ("screener.records.tagged", "read_refworks_text"),
    "cochrane_text": ("screener.records.tagged", "read_cochrane_text"),
    "csv_rows": ("screener.records.csv_reader", "read_csv_rows"),
    "embase_text": ("screener.records.embase_text", "read_embase_text"),
    "sciencedirect_text": ("screener.records.sciencedirect_text", "read_sciencedirect_text"),
}

# what import reads, as users are told it: in the refusal of an unknown file, `screener import --help` and
# the web app's Imports page (one list: three hand-written copies drifted)
FORMATS_READ = ("RIS, MEDLINE/nbib, PubMed XML, EndNote XML, EBSCOhost XML, Web of Science, Ovid, BibTeX, "
                "EndNote .enw, RefWorks, Cochrane plain text, Embase.com plain text, ScienceDirect text, CSV")

FORMAT_NAMES = {
    "ris": "RIS", "medline": "MEDLINE/nbib", "pubmed_xml": "PubMed XML", "endnote_xml": "EndNote XML",
    "ebsco_xml": "EBSCOhost XML",
    "wos": "Web of Science tagged", "wos_tab": "Web of Science tab-delimited", "ovid": "Ovid tagged",
    "ovid_display": "Ovid display", "csv": "CSV", "tsv": "tab-separated", "empty": "empty file",
    "bibtex": "BibTeX", "enw": "EndNote tagged (.enw)", "refworks": "RefWorks tagged",
    "cochrane_text": "Cochrane Library plain text", "csv_rows": "CSV fields by row (Embase.com)",
    "embase_text": "Embase.com plain text", "sciencedirect_text": "ScienceDirect text",
}


def read_text(text: str, path: str = "", *, database: str | None = None, skip_bad: bool = False,
              encoding: str = "utf-8", collector: Collector | None = None,
              columns: dict[str, str] | None = None) -> ReadResult:
    """Read already-decoded text (line ends normalised to '\\n'). ``columns``: the user's choice of
    column per field for a table (``screener.records.csv_columns``)."""
    with gc_paused():
        return _read_text(text, path, database=database, skip_bad=skip_bad, encoding=encoding,
                          collector=collector, columns=columns)


def _read_text(text: str, path: str, *, database: str | None, skip_bad: bool, encoding: str,
               collector: Collector | None, columns: dict[str, str] | None = None) -> ReadResult:
    collector = collector or Collector(path)
    rejected: list[RejectedRecord] = []
    if text.startswith("\ufeff"):
        # text decoded as 'utf-8' keeps the exporter's byte-order mark, which would join a CSV's first column name
        # ('\ufeffAuthors': that column unread); read_file's decoding drops it already
        text = text[1:]
    if not text or text.isspace():     # (text.strip() would copy the whole file)
        collector.warn("empty_file", "the file is empty: no records", line=1)
        return ReadResult(path, [], "empty", encoding, collector.finish(), rejected)
    fmt = sniff_format(text)
    # told a table's columns, the user says it is one: a header and one row will do
    header = table_header(text, rows=1 if columns else 2) if fmt in ("unknown", "csv", "tsv") else None
    if columns:
        if header is None:
            raise UsageError(f"{path}: columns are chosen for a table (CSV or tab-separated), and this file is "
                             f"{FORMAT_NAMES.get(fmt, 'not a table')}; import it without choosing columns")
        fmt = "tsv" if detect_delimiter(text[:text.find("\n")]) == "\t" else "csv"
    elif fmt == "unknown" and header is not None and not _hint(text):
        raise collector.fatal(f"a table whose column names screener does not know ({names_listed(header)})",
                              line=header_line(text), remedy=COLUMNS)
    if fmt == "unknown":
        first = next((i for i, line in enumerate(text.split("\n"), 1) if line.strip()), 1)
        snippet = text.split("\n")[first - 1].strip()[:60]
        hint = _hint(text)
        if hint == _EUTILS:         # where PubMed is searched instead: each front end's own place (SEARCH_PUBMED)
            raise collector.fatal(hint, line=first, remedy=SEARCH_PUBMED, after=_EUTILS_ELSE)
        if hint:
            raise collector.fatal(hint, line=first)
        raise collector.fatal(f"not a known export format ({FORMATS_READ}); the first line is {snippet!r}", line=first,
                              remedy=UNKNOWN_FORMAT, about={"file": collector.file, "first": repr(snippet)})
    if fmt == "pubmed_xml":
        records = _read_pubmed_xml(text, path, collector)
    else:
        kwargs = {"skip_bad": skip_bad, "rejected": rejected}
        if fmt == "tsv":
            kwargs["delimiter"] = "\t"
        if columns:
            kwargs["columns"] = columns
        records = reader_of(fmt)(text, collector, **kwargs)
    if not records and not rejected:
        raise no_records(collector, fmt)
    named = finish_records(records, path, fmt, database, compose=not text.isascii())
    return ReadResult(path, records, fmt, encoding, collector.finish(), rejected,
                      search_query=collector.search_query, records_named=names_of(named) if database else "")


def reader_of(fmt: str):
    """The reader function of a format in READERS: ``reader(text, collector, skip_bad=, rejected=)``."""
    module, function = READERS[fmt]
    return getattr(importlib.import_module(module), function)


def no_records(collector: Collector, fmt: str) -> RecordParseError:
    return collector.fatal(f"no records found in this {FORMAT_NAMES.get(fmt, fmt)} file "
                           "(is it truncated, or a different format?)", line=1)


def names_of(databases: set[str]) -> str:
    """Database names as a file's records are summed up ('Embase, MEDLINE'; 'unknown' for none)."""
    return ", ".join(sorted(databases)) if databases else "unknown"


def finish_records(records: list, path: str, fmt: str, database: str | None, *, compose: bool) -> set[str]:
    """What every record read from ``path`` gets: its file, its format, the database (``database``
    when given, else its own or "unknown"), a title and abstract without JATS formula markup (IEEE
    Xplore's metadata carries it into every format it exports), and Unicode NFC when the text was
    not ASCII. Returns the databases the records named themselves: a ``database`` given replaces
    them, and a wrong one is only seen beside them."""
    named: set[str] = set()
    for record in records:
        named.add(record.database or "unknown")
        if "<" in record.title:
            record.title = clean_space(strip_formula_markup(record.title))
        if "<" in record.abstract:
            record.abstract = strip_formula_markup(record.abstract).strip()
        if compose:   # "e" + combining accent (macOS exports) and "é" must compare equal
            _compose(record)
        record.file = path
        record.format = record.format or fmt
        if database:
            record.database = database
        elif not record.database:
            record.database = "unknown"
    return named


# '-' where a file is named: the commands that read a strategy take standard input that way, so
# a piped export came as '-', and was told '-: no such file'
STDIN_NOT_READ = "-: an export is read from a file, not from standard input; save it to a file and give its name"


def read_file(path, database: str | None = None, skip_bad: bool = False,
              columns: dict[str, str] | None = None) -> ReadResult:
    """Read one export file. Raises RecordParseError naming file and line on a fatal problem.
    ``columns``: the user's choice of column per field for a table (``read_text``)."""
    p = Path(path)
    if str(path) == "-" and not p.exists():
        raise RecordParseError(STDIN_NOT_READ, path="-")
    collector = Collector(str(path))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RecordParseError(f"{path}: cannot read the file: {exc.strerror or exc}", path=str(path)) from None
    if not data or data.isspace():      # (data.strip() would copy the whole file)
        collector.warn("empty_file", "the file is empty: no records", line=1)
        return ReadResult(str(path), [], "empty", "utf-8", collector.finish(), [])
    text, encoding = decode(data, collector)
    result = read_text(text, str(path), database=database, skip_bad=skip_bad, encoding=encoding,
                       collector=collector, columns=columns)
    log.debug("read %s: %s (%s), %d records, %d warnings, %d rejected", p.name, result.format, result.encoding,
              len(result.records), len(result.warnings), len(result.rejected))
    return result


def _read_pubmed_xml(text: str, path: str, collector: Collector):
    try:
        # lazy: the PubMed XML reader (expat) takes 0.01 s to load, and every command loads the readers
        from screener.records.pubmed_xml import parse_pubmed_xml
    except ImportError:
        raise collector.fatal("this is PubMed XML, and the PubMed XML reader is not installed "
                              "in this version; export the records as MEDLINE (.nbib) instead", line=1) from None
    try:
        return parse_pubmed_xml(text, file=path, database="PubMed")
    except RecordParseError:
        raise
    except Exception as exc:  # a malformed XML document: name it, one line
        raise collector.fatal(f"cannot read the PubMed XML: {exc}", line=getattr(exc, "lineno", None) or 1) from None


_EUTILS = "this is an E-utilities response, not a record export: "
_EUTILS_ELSE = "save PubMed results as PubMed XML or MEDLINE"


def _hint(text: str) -> str:
    """A specific message for formats people often try that are not export formats we read."""
    head = text.lstrip()[:2000]
    if re.match(r"<!DOCTYPE html|<html", head, re.I):
        return "this is a web page (HTML), not an export: use the database's export/download button"
    if re.match(r"\{|\[", head):
        return "this is JSON, which is not an export format read here: export RIS or CSV"
    # with its 'Report Information from ProQuest' header, or without it: records between lines of underscores,
    # each with its 'ProQuest document ID: …' line
    if (re.search(r"Report Information from ProQuest|^Document \d+ of \d+\s*$", head, re.M) or
            re.match(r"_{20,}\s*$", head, re.M) and re.search(r"^ProQuest document ?ID: \d+", text[:200000], re.M)) \
            and re.search(r"ProQuest", text[:200000]):
        return ("this is a ProQuest text report, which is not a record export: in ProQuest, select the "
                "records, choose Export/Save → RIS (works with EndNote, Citavi, etc.) and import that file")
    if re.match(r"\d+\. \S.*\b(1[89]|20)\d\d\b", head) and re.search(r"^PMID: \d+", text[:200000], re.M):
        return ("this is PubMed's 'Abstract' text page, which is not a record export: in PubMed, "
                "Save → Format: PubMed (the MEDLINE format), or Send to → Citation manager, and import "
                "that file")
    lines = [ln for ln in head.split("\n") if ln.strip()]
    if lines and all(re.fullmatch(r"\s*\d{1,9}\s*", ln) for ln in lines[:200]):
        return ("this is a list of PubMed IDs (PubMed's 'Save → Format: PMID'), not records: in PubMed, "
                "Save → Format: PubMed (the MEDLINE format) and import that file")
    if lines and all(re.match(r"%[0-9A-Za-z@!#$&()*+^<>\[\]=~?|]\s*$", ln.strip()) for ln in lines):
        return ("this looks like EndNote tagged (.enw) text, but no line has a value ('%0', '%T' … alone): "
                "export the records from EndNote again (File → Export, or a database's 'EndNote' download)")
    if re.match(r'"?(#|ID|Search|Line)"?\s*[,;\t]\s*"?(Searches|Search|Query)"?\s*[,;\t].*\b(Results|Hits|Count)\b', head, re.I) \
            or _history_header(head):
        return ("this is a search history (the strategy's lines and their counts), not records: export the "
                "records themselves (RIS, MEDLINE or CSV of the records) and import those; the strategy as run "
                "can be kept with the import")
    if re.search(r"<(eSearchResult|eSummaryResult|ePostResult|eInfoResult|pmc-articleset|ERROR)\b", head):
        return _EUTILS
    return ""


# a search history's columns, as interfaces name them: the searches, and their counts (or an 'Actions' column
# whose cells say 'View Results (12)'); a table of records has a title column instead
_HISTORY_SEARCHES = {"searches", "search", "query", "search terms", "search query", "search string", "search statement"}
_HISTORY_COUNTS = {"results", "hits", "count", "records", "result count", "number of results"}


def _history_header(head: str) -> bool:
    """Whether the first line of ``head`` names a search history's columns (any order, any separator)."""
    first = next((line for line in head.split("\n") if line.strip()), "")
    cells = {cell.strip().strip('"').strip().lower() for cell in first.split(detect_delimiter(first))}
    if not cells & _HISTORY_SEARCHES or cells & set(COLUMN_NAMES["title"]):
        return False
    return bool(cells & _HISTORY_COUNTS) or ("actions" in cells and "View Results" in head)


def _compose(record) -> None:
    """Unicode NFC for the normalised text fields (``raw`` and ``tags`` stay as the file had them)."""
    # most records are NFC already: one check of the fields joined by a line break (a character
    # that never composes, so the joined text is NFC exactly when every field is)
    text = "\n".join([record.title, record.abstract, record.journal, *record.authors, *record.keywords])
    try:
        # text of Latin-1 characters only is NFC: none of them is a combining mark or composes with
        # another (tests/records/test_reader_compose.py checks every pair); encoding such text
        # copies its bytes, where is_normalized looks each character up
        text.encode("latin-1")
        return
    except UnicodeEncodeError:
        pass
    if unicodedata.is_normalized("NFC", text):
        return
    nfc = unicodedata.normalize
    record.title = nfc("NFC", record.title)
    record.abstract = nfc("NFC", record.abstract)
    record.journal = nfc("NFC", record.journal)
    record.authors = [nfc("NFC", a) for a in record.authors]
    record.keywords = [nfc("NFC", k) for k in record.keywords]
