"""Labelled datasets for simulation: a CSV with ``title``, ``abstract``, ``label_included`` and
optionally ``record_id`` and ``keywords`` (the layout of ASReview's and SYNERGY's sets); comma-,
semicolon- or tab-separated (told apart by the header line). The label, title and abstract are
also read under the other names ASReview 3.0.8 reads them by (``included``, ``label``, …;
``primary_title``; ``abstract note``, Zotero's), ``label_included`` first where there are several."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from screener.errors import RankerError
from screener.rank.features import Doc

LABEL_COLUMN = "label_included"
# Other names of the same columns, in the order they are looked for when the first is absent:
# ASReview 3.0.8's (asreview.data.base.BaseReader.__alternative_column_names__).
ALTERNATIVE_COLUMNS = {
    LABEL_COLUMN: ("included", "label", "final_included", "included_label", "included_final",
                   "included_flag", "include", "asreview_label"),
    "title": ("primary_title",),
    "abstract": ("notes_abstract", "abstract note"),
}


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
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
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
            for row_number, row in enumerate(reader, start=1):
                raw = (row.get(LABEL_COLUMN) or "").strip()
                try:
                    label = int(float(raw))
                except ValueError:
                    label = -1
                if label not in (0, 1):
                    raise RankerError(f"{path}: line {reader.line_num}: {label_name} is {raw!r}; "
                                      f"it must be 1 (included) or 0 (excluded)")
                record_id = (row.get("record_id") or "").strip() or str(row_number)
                keywords = [k.strip() for k in (row.get("keywords") or "").replace(",", ";").split(";")
                            if k.strip()]
                docs.append(Doc(title=(row.get("title") or "").strip(),
                                abstract=(row.get("abstract") or "").strip(), keywords=keywords))
                record_ids.append(record_id)
                labels.append(label)
    except UnicodeDecodeError as exc:
        raise RankerError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                          f"save the CSV as UTF-8") from None
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
    return LabelledSet(path, record_ids, docs, labels)
