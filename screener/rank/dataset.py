"""Labelled datasets for simulation: a CSV with ``title``, ``abstract``, ``label_included`` and
optionally ``record_id`` and ``keywords`` (the layout of ASReview's and SYNERGY's sets); comma-,
semicolon- or tab-separated (told apart by the header line). The label, title and abstract are
also read under the other names ASReview 3.0.8 reads them by (``included``, ``label``, …;
``primary_title``; ``abstract note``, Zotero's), ``label_included`` first where there are several.
A label is 1/0 or the words a spreadsheet holds (yes/no, y/n, true/false, include/exclude, also
Excel's booleans and yes/no in other European languages: WAHR/FALSCH, ja/nein, oui/non, …). The
bytes are read as the importers read an export (UTF-8, UTF-16, else Windows-1252 with a note):
Excel on Windows saves "CSV" as Windows-1252. An RIS file is read as ASReview LAB exports one:
each record's label an N1 note, ASReview_relevant or ASReview_irrelevant; records numbered 1, 2, …"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from screener.errors import RankerError, RecordParseError
from screener.rank.features import Doc
from screener.records.base import Collector
from screener.records.ris import read_ris_text
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
# Excel writes its booleans in the language of its installation (a German Excel's CSV holds
# WAHR/FALSCH), and people answer yes/no in theirs: German, French, Spanish, Italian, Dutch,
# Portuguese and the Nordic languages (no word means include in one language and exclude in another)
LABEL_WORDS |= {"wahr": 1, "falsch": 0, "vrai": 1, "faux": 0, "verdadero": 1, "falso": 0, "vero": 1,
                "waar": 1, "onwaar": 0, "verdadeiro": 1, "sant": 1, "falskt": 0, "sand": 1, "falsk": 0,
                "ja": 1, "nein": 0, "nee": 0, "oui": 1, "non": 0, "sí": 1, "si": 1, "sim": 1, "não": 0,
                "nej": 0, "incluido": 1, "excluido": 0}
# ASReview LAB's labels in an RIS export's N1 notes (not_seen: unscreened, no label)
ASREVIEW_NOTE = re.compile(r"\bASReview_(?:relevant|irrelevant|not_seen)\b")
ASREVIEW_LABELS = {"ASReview_relevant": 1, "ASReview_irrelevant": 0}
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
    numbered_by_row: bool = False      # no record_id column: the ids are row numbers from 1

    def rows_of(self, prior_ids: list[str]) -> list[int]:
        """Row indices of ``prior_ids`` (values of ``record_id``), an id given twice once (as
        `rank prior` counts a study given twice once); one error names all unknown ids."""
        where = {rid: i for i, rid in enumerate(self.record_ids)}
        prior_ids = list(dict.fromkeys(prior_ids))
        missing = [rid for rid in prior_ids if rid not in where]
        if missing:
            if self.numbered_by_row:
                known = (f"the file has no record_id column: records are numbered by row, 1 to "
                         f"{len(self.record_ids)}")
            else:
                # a few ids as the file has them: its first and last need not be its lowest and highest
                shown = ", ".join(self.record_ids[:3])
                known = f"it holds {len(self.record_ids)} ids, e.g. {shown}"
            raise RankerError(f"{self.path}: prior id(s) {', '.join(missing)} not in the file's "
                              f"record_id column ({known}); give ids from that column")
        return [where[rid] for rid in prior_ids]


def _check_quotes(path: Path, row: dict, columns: list[str], header: list[str], sheet_row: int,
                  at_end: bool) -> None:
    """A quote opened and never closed makes the csv module read the rest of the file into one
    cell: the row ends short, at the end of the file (``at_end``), its last cell holding line
    breaks. Named, instead of the missing label that follows from it."""
    present = [name for name in columns if row.get(name) is not None]
    if not at_end or len(present) == len(columns) or not present or "\n" not in (row[present[-1]] or ""):
        return
    raise RankerError(f"{path}: row {sheet_row}, column {header[columns.index(present[-1])]}: a quote (\") opened "
                      f"there is never closed, so the rest of the file was read into that cell; close the quote, "
                      f"or double it (\"\") if it is part of the text")


def _empty_row(row: dict) -> bool:
    """Every cell empty or blank (a cell beyond the header's columns comes as a list under None)."""
    cells = [v for k, v in row.items() if k is not None] + list(row.get(None) or [])
    return not any(isinstance(v, str) and v.strip() for v in cells)


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
    """The separator the header line holds most often outside quotes: ',' (also where as many),
    ';' or a tab (spreadsheets save those in many locales). Counted, not merely looked for: a tab-
    or semicolon-separated sheet may name a column with a comma ('Notes, reviewer 1'). The handle
    is left at the start."""
    header = re.sub(r'"[^"]*"', "", handle.readline())
    handle.seek(0)
    return max((",", ";", "\t"), key=header.count)      # max keeps the first of equals: ','


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
    text, notes = _text(path)
    if not text.strip():
        raise RankerError(f"{path}: the file is empty; give a CSV with title, abstract and {LABEL_COLUMN} columns")
    if re.match(rb"[A-Z][A-Z0-9]  - ", first_line):     # RIS: 'TY  - JOUR'
        return _load_asreview_ris(path, text, notes)
    if re.match(r"\ufeff?\s*(<!doctype html|<html)", text, re.IGNORECASE):
        # a dataset's GitHub page saved from the browser: its first line would be read as the header
        raise RankerError(f"{path}: a web page (HTML), not a CSV: a page saved from the browser instead of the "
                          f"file (on GitHub, its Raw button), or a sheet saved as Web Page; save the CSV itself, "
                          f"with title, abstract and {LABEL_COLUMN} columns")
    try:
        # 'sep=;' on a line of its own before the header: the delimiter, written for Excel (which
        # hides the line); the file's line numbers then run one ahead of the reader's
        excel_sep = re.match(r"\ufeff?sep=(.)\r?\n", text, re.IGNORECASE)
        skipped = 1 if excel_sep else 0
        body = text[excel_sep.end():] if excel_sep else text
        size = len(body)
        handle = io.StringIO(body, newline="")
        reader = csv.DictReader(handle, delimiter=excel_sep.group(1) if excel_sep else _delimiter(handle))
        found = [c.strip().lower() for c in (reader.fieldnames or [])]
        columns = _standard_columns(found)
        if LABEL_COLUMN not in columns:
            raise RankerError(f"{path}: no {LABEL_COLUMN} column (found: {', '.join(found) or 'none'}); "
                              f"add one with 1 for included and 0 for excluded records")
        if "title" not in columns and "abstract" not in columns:
            raise RankerError(f"{path}: neither a title nor an abstract column (found: "
                              f"{', '.join(found)}); the ranker reads title and abstract")
        # the label column as the file names it, for the messages
        header = [c.strip() for c in (reader.fieldnames or [])]     # as the file names them
        label_name = header[columns.index(LABEL_COLUMN)]
        reader.fieldnames = columns
        record_ids, docs, labels = [], [], []
        unlabelled: list[int] = []          # rows with no label (empty, or ASReview's -1), as numbered below
        minus_one = False
        last_line = reader.line_num + skipped
        for row_number, row in enumerate(reader, start=1):
            if _empty_row(row):
                # Excel writes rows whose cells were once formatted as ';;;': no record, as a blank line
                last_line = reader.line_num + skipped
                continue
            # the row as a spreadsheet numbers it (the header is row 1)
            sheet_row = row_number + 1
            _check_quotes(path, row, columns, header, sheet_row, handle.tell() >= size)
            raw = row.get(LABEL_COLUMN) or ""
            label = _label(raw)
            if label is None and raw.strip() in ("", "-1"):
                # a partly screened export (ASReview's CSV leaves a record no one screened empty, older
                # versions -1): all of them are counted, not the first alone
                unlabelled.append(sheet_row)
                minus_one = minus_one or raw.strip() == "-1"
            elif label is None:
                # the line too where an abstract over several lines makes it differ from the row
                where = f"row {sheet_row}" + (f" (line {last_line + 1})" if last_line + 1 != sheet_row else "")
                raise RankerError(f"{path}: {where}, column {label_name}: {raw.strip()!r} is not a label; "
                                  f"use {ACCEPTED_LABELS}")
            last_line = reader.line_num + skipped
            record_id = (row.get("record_id") or "").strip() or str(row_number)
            keywords = [k.strip() for k in (row.get("keywords") or "").replace(",", ";").split(";")
                        if k.strip()]
            docs.append(Doc(title=(row.get("title") or "").strip(),
                            abstract=(row.get("abstract") or "").strip(), keywords=keywords))
            record_ids.append(record_id)
            labels.append(0 if label is None else label)
    except csv.Error as exc:
        raise RankerError(f"{path}: not a readable CSV ({exc})") from None
    if not docs:
        raise RankerError(f"{path}: no records; the file has a header but no rows")
    if unlabelled:
        count = len(unlabelled)
        shown = ", ".join(map(str, unlabelled[:5])) + (", …" if count > 5 else "")
        raise RankerError(f"{path}: {count} row{'s have' if count > 1 else ' has'} no label in column {label_name} "
                          f"(row{'s' if count > 1 else ''} {shown})"
                          f"{' (-1: not screened, as ASReview writes it)' if minus_one else ''}; every record "
                          f"needs its label for a simulation: label {'them' if count > 1 else 'it'}, or leave "
                          f"{'them' if count > 1 else 'it'} out of the file")
    return _checked(LabelledSet(path, record_ids, docs, labels, notes, numbered_by_row="record_id" not in columns),
                    f"{label_name} = 1", f"{label_name} = 0")


def _load_asreview_ris(path: Path, text: str, notes: list[str]) -> LabelledSet:
    """An RIS file with ASReview LAB's labels: each record's N1 notes hold ASReview_relevant or
    ASReview_irrelevant (ASReview_not_seen: not screened; asreview.io.ris_reader reads the same
    words). The records are numbered 1, 2, … in file order, as ASReview numbers them."""
    collector = Collector(str(path))
    try:
        records = read_ris_text(text, collector)
    except RecordParseError as exc:
        raise RankerError(str(exc)) from None
    if not records:
        raise RankerError(f"{path}: no RIS records (TY  - … ER  -) in the file")
    found = [ASREVIEW_NOTE.findall(" ".join(record.tags.get("N1", []))) for record in records]
    if not any(found):
        raise RankerError(f"{path}: an RIS file without ASReview labels (no N1 note ASReview_relevant or "
                          f"ASReview_irrelevant); the simulation reads ASReview LAB's labelled RIS export, or a "
                          f"CSV with title, abstract and {LABEL_COLUMN} (1 included, 0 excluded) columns")
    docs, labels = [], []
    for number, (record, words) in enumerate(zip(records, found), start=1):
        label = ASREVIEW_LABELS.get(words[0]) if words else None
        if label is None:
            where = f"record {number}" + (f" (line {record.line})" if record.line else "")
            said = f"is {words[0]}" if words else "has no ASReview label (an N1 note)"
            raise RankerError(f"{path}: {where} {said}; a simulation needs every record labelled "
                              f"ASReview_relevant or ASReview_irrelevant (N1) — label it, or leave it out of "
                              f"the export")
        docs.append(Doc(title=record.title.strip(), abstract=record.abstract.strip(),
                        keywords=list(record.keywords)))
        labels.append(label)
    return _checked(LabelledSet(path, [str(i) for i in range(1, len(docs) + 1)], docs, labels, notes,
                                numbered_by_row=True), "N1 ASReview_relevant", "N1 ASReview_irrelevant")


def _checked(data: LabelledSet, included: str, excluded: str) -> LabelledSet:
    """The set if a simulation can run on it, with the notes on its shape; else one error.
    ``included``/``excluded``: how the file marks each, for the messages."""
    path, labels, record_ids = data.path, data.labels, data.record_ids
    if 1 not in labels:
        raise RankerError(f"{path}: no included record ({included}); a simulation needs at "
                          f"least one, and some excluded ones")
    if 0 not in labels:
        raise RankerError(f"{path}: no excluded record ({excluded}); nothing to rank against")
    if len(set(record_ids)) != len(record_ids):
        first: dict[str, int] = {}
        dupes = []
        for i, rid in enumerate(record_ids):
            if rid in first:
                dupes.append(f"{rid} in rows {first[rid] + 2} and {i + 2}")     # as a spreadsheet numbers rows
            first.setdefault(rid, i)
        raise RankerError(f"{path}: record_id values repeat ({', '.join(dupes[:3])}{', …' if len(dupes) > 3 else ''}); "
                          f"ids must be unique — renumber them, or drop the column to number the records by row")
    data.notes += shape_notes(path, data.docs, labels)
    return data


NOTE_BLANK_SHARE = 0.10      # records without title and abstract worth a note
NOTE_REPEATED_SHARE = 0.01   # records repeating an earlier one (same label) worth a note


def _rows_text(indices: list[int]) -> str:
    """Rows as a spreadsheet numbers them (the header is row 1), the first few."""
    shown = ", ".join(str(i + 2) for i in indices[:5])
    return f"row{'s' if len(indices) > 1 else ''} {shown}{', …' if len(indices) > 5 else ''}"


def shape_notes(path: Path, docs: list[Doc], labels: list[int]) -> list[str]:
    """What makes the set's metrics rest on less than its size suggests: records with no text
    (the ranker cannot tell them apart), and records repeating an earlier one's title and abstract
    (the same features: labelled otherwise, no ranker can put the include first; labelled alike,
    each still counts in N and R)."""
    notes = []
    blank = [i for i, doc in enumerate(docs) if not doc.title and not doc.abstract]
    # (3-6% of the Cohen sets' records have no text: the usual share is left unsaid)
    if len(blank) >= NOTE_BLANK_SHARE * len(docs):
        notes.append(f"{path}: {len(blank)} of {len(docs)} records ({100 * len(blank) / len(docs):.0f}%) have "
                     f"neither title nor abstract ({_rows_text(blank)}); the ranker cannot tell them apart, "
                     f"so their places in the order are chance")
    first: dict[bytes, int] = {}
    conflicting, repeated = [], []
    for i, doc in enumerate(docs):
        if not doc.title and not doc.abstract:
            continue
        # a digest, not the text: at 50,000 records the texts kept as keys were 50 MB more peak memory
        key = hashlib.blake2b(" ".join(f"{doc.title} {doc.abstract}".lower().split()).encode(),
                              digest_size=16).digest()
        if key not in first:
            first[key] = i
        elif labels[first[key]] != labels[i]:
            conflicting.append(i)
        else:
            repeated.append(i)
    if conflicting:
        count = len(conflicting)
        notes.append(f"{path}: {count} record{'s have' if count > 1 else ' has'} the same title and abstract as "
                     f"an earlier record labelled otherwise ({_rows_text(conflicting)}); no ranker can put "
                     f"the included one first — check the labels, or remove the duplicates")
    if len(repeated) >= NOTE_REPEATED_SHARE * len(docs):     # one or two in 2,000, as in the shared sets: unsaid
        count = len(repeated)
        notes.append(f"{path}: {count} record{'s repeat' if count > 1 else ' repeats'} the title and abstract of "
                     f"an earlier record with the same label ({_rows_text(repeated)}); each counts in the "
                     f"records and includes the metrics are over — deduplicate first to measure on the review")
    return notes
