"""Labelled datasets for simulation: a CSV with ``title``, ``abstract``, ``label_included`` and
optionally ``record_id`` and ``keywords`` (the layout of ASReview's and SYNERGY's sets); comma-,
semicolon- or tab-separated (told apart by the header line). The label, title and abstract are
also read under the other names ASReview 3.0.8 reads them by (``included``, ``label``, …;
``primary_title``; ``abstract note``, Zotero's), ``label_included`` first where there are several.
A label is 1/0 or the words a spreadsheet holds (yes/no, y/n, true/false, include/exclude). The
bytes are read as the importers read an export (UTF-8, UTF-16, else Windows-1252 with a note):
Excel on Windows saves "CSV" as Windows-1252."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from screener.errors import RankerError, RecordParseError
from screener.rank.features import Doc
from screener.records.base import Collector
from screener.records.textio import decode

LABEL_COLUMN = "label_included"
# Other names of the same columns, in the order they are looked for when the first is absent:
# ASReview 3.0.8's (asreview.data.base.BaseReader.__alternative_column_names__).
ALTERNATIVE_COLUMNS = {
    LABEL_COLUMN: ("included", "label", "final_included", "included_label", "included_final",
                   "included_flag", "include", "asreview_label"),
    "title": ("primary_title",),
    "abstract": ("notes_abstract", "abstract note"),
}
# a label as people write it in a spreadsheet (Excel's booleans are TRUE/FALSE), lower-cased
LABEL_WORDS = {"1": 1, "0": 0, "yes": 1, "no": 0, "y": 1, "n": 0, "true": 1, "false": 0,
               "include": 1, "exclude": 0, "included": 1, "excluded": 0}
ACCEPTED_LABELS = "1 or 0, yes or no, y or n, true or false, include or exclude"


def _standard_columns(columns: list[str]) -> list[str]:
    """The header with each standard column's first alternative name, where the standard name is
    absent, renamed to it (the other names are kept as they are)."""
    columns = list(columns)
    for name, alternatives in ALTERNATIVE_COLUMNS.items():
        if name in columns:
            continue
        found = next((a for a in alternatives if a in columns), None)
        if found is not None:
            columns[columns.index(found)] = name
    return columns


@dataclass
class LabelledSet:
    path: Path
    record_ids: list[str]
    docs: list[Doc]
    labels: list[int]
    notes: list[str] = field(default_factory=list)     # e.g. read as Windows-1252: where, for the user

    def rows_of(self, prior_ids: list[str]) -> list[int]:
        """Row indices of ``prior_ids`` (values of ``record_id``); one error names all unknown ids."""
        where = {rid: i for i, rid in enumerate(self.record_ids)}
        missing = [rid for rid in prior_ids if rid not in where]
        if missing:
            raise RankerError(f"{self.path}: prior id(s) {', '.join(missing)} not in the file's "
                              f"record_id column (values run {self.record_ids[0]}…{self.record_ids[-1]})")
        rows = [where[rid] for rid in prior_ids]
        if len(set(rows)) != len(rows):
            raise RankerError(f"{self.path}: a prior id is given twice in --prior-ids")
        return rows


def _label(raw: str) -> int | None:
    """1, 0, or None for a value that is no label ('1.0' and '0.0' are numbers a spreadsheet wrote)."""
    word = raw.strip().lower()
    if word in LABEL_WORDS:
        return LABEL_WORDS[word]
    try:
        number = float(word)
    except ValueError:
        return None
    return int(number) if number in (0.0, 1.0) else None


def _text(path: Path) -> tuple[str, list[str]]:
    """The file's text, decoded as an import decodes an export, and the notes on how it was read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RankerError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    collector = Collector(str(path))
    try:
        text, _ = decode(data, collector)
    except RecordParseError as exc:
        raise RankerError(str(exc)) from None
    return text, [f"{path}:{w.line}: {w.message}" if w.line else f"{path}: {w.message}" for w in collector.warnings]


def _delimiter(handle) -> str:
    """',' unless the header line has no comma but semicolons or tabs (spreadsheets save those in
    many locales); the handle is left at the start."""
    header = handle.readline()
    handle.seek(0)
    if "," in header:
        return ","
    for candidate in (";", "\t"):
        if candidate in header:
            return candidate
    return ","


def load_labelled_csv(path: str | Path) -> LabelledSet:
    path = Path(path)
    if path.is_dir():
        raise RankerError(f"{path}: is a directory; give the CSV file")
    if not path.is_file():
        raise RankerError(f"{path}: no such file; give a CSV with title, abstract and {LABEL_COLUMN}")
    csv.field_size_limit(1 << 26)
    with open(path, "rb") as probe:
        head = probe.read(4096)
    if head.startswith(b"PK\x03\x04"):          # a zip: xlsx or ods
        raise RankerError(f"{path}: a spreadsheet workbook (xlsx/ods), not CSV; save it as 'CSV UTF-8' "
                          f"with title, abstract and {LABEL_COLUMN} columns")
    first_line = next((line for line in head.removeprefix(b"\xef\xbb\xbf").splitlines() if line.strip()), b"")
    if re.match(rb"[A-Z][A-Z0-9]  - ", first_line):     # RIS: 'TY  - JOUR'
        raise RankerError(f"{path}: an RIS file, not CSV; the simulation reads a CSV with title, abstract and "
                          f"{LABEL_COLUMN} (1 included, 0 excluded) columns")
    text, notes = _text(path)
    try:
        handle = io.StringIO(text, newline="")
        reader = csv.DictReader(handle, delimiter=_delimiter(handle))
        found = [c.strip().lower() for c in (reader.fieldnames or [])]
        columns = _standard_columns(found)
        if LABEL_COLUMN not in columns:
            raise RankerError(f"{path}: no {LABEL_COLUMN} column (found: {', '.join(found) or 'none'}); "
                              f"add one with 1 for included and 0 for excluded records")
        if "title" not in columns and "abstract" not in columns:
            raise RankerError(f"{path}: neither a title nor an abstract column (found: "
                              f"{', '.join(found)}); the ranker reads title and abstract")
        # the label column as the file names it, for the messages
        label_name = (reader.fieldnames or [])[columns.index(LABEL_COLUMN)].strip()
        reader.fieldnames = columns
        record_ids, docs, labels = [], [], []
        last_line = reader.line_num
        for row_number, row in enumerate(reader, start=1):
            raw = row.get(LABEL_COLUMN) or ""
            label = _label(raw)
            if label is None:
                # the row as a spreadsheet numbers it (the header is row 1); the line too where an
                # abstract over several lines makes them differ
                sheet_row = row_number + 1
                where = f"row {sheet_row}" + (f" (line {last_line + 1})" if last_line + 1 != sheet_row else "")
                # (an ASReview CSV leaves a record no one screened empty: it is no simulation's set)
                shown = (f": {raw.strip()!r} is not a label" if raw.strip()
                         else " is empty (every record needs its label for a simulation)")
                raise RankerError(f"{path}: {where}, column {label_name}{shown}; use {ACCEPTED_LABELS}")
            last_line = reader.line_num
            record_id = (row.get("record_id") or "").strip() or str(row_number)
            keywords = [k.strip() for k in (row.get("keywords") or "").replace(",", ";").split(";")
                        if k.strip()]
            docs.append(Doc(title=(row.get("title") or "").strip(),
                            abstract=(row.get("abstract") or "").strip(), keywords=keywords))
            record_ids.append(record_id)
            labels.append(label)
    except csv.Error as exc:
        raise RankerError(f"{path}: not a readable CSV ({exc})") from None
    if not docs:
        raise RankerError(f"{path}: no records; the file has a header but no rows")
    if 1 not in labels:
        raise RankerError(f"{path}: no included record ({label_name} = 1); a simulation needs at "
                          f"least one, and some excluded ones")
    if 0 not in labels:
        raise RankerError(f"{path}: no excluded record ({label_name} = 0); nothing to rank against")
    if len(set(record_ids)) != len(record_ids):
        seen, dupes = set(), []
        for rid in record_ids:
            if rid in seen:
                dupes.append(rid)
            seen.add(rid)
        raise RankerError(f"{path}: record_id values repeat ({', '.join(dupes[:5])}); ids must be unique")
    return LabelledSet(path, record_ids, docs, labels, notes)
