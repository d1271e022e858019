"""One large RIS or MEDLINE file read piece by piece, so that memory holds a piece, not the file.

``read_file`` holds a file three times over (its bytes, its text, every record): a 250 MB RIS
export of 100,000 records took 2.5 GB to import. Here the file is decoded block by block
(``textio.block_encoding`` finds first, in one pass over the bytes, the encoding ``decode`` would
give the whole file), the text is cut into pieces at record boundaries, and each piece is read by
the format's own reader (``reader.reader_of``) with a collector that moves the piece's line and
record numbers by the lines and records before it. The records, warnings and errors are the ones
reading the whole file gives (tests/records/test_records_stream.py checks that on every RIS and
MEDLINE fixture and shared file, cut into pieces of a few kilobytes).

A piece ends only where the reader's state is the same as at the start of a file:

- RIS: before a ``TY  -`` line that follows an ``ER  -`` line (and nothing but empty lines between
  them), where the line before the ER is a tag line. That ER closes a record (or a block of tags
  that no TY opened), so no lines are waiting to be attached as a trailer or preamble.
- MEDLINE: before a ``PMID- `` line after exactly one blank line, where the text since the blank
  line before starts with ``PMID- `` and has no white-space-only line: that text is one or more
  records, so no stray text is waiting for the next record.

A file with no such place (a MEDLINE file without PMIDs, say) is read as one piece. Files in other
formats, UTF-16 files, files smaller than ``STREAM_ABOVE`` and files ``decode`` would refuse are
read whole (``read_file``: the same records, or the same error).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from screener.records.base import Collector, ReadResult, ReadWarning, RejectedRecord
from screener.records.model import Record
from screener.records.reader import finish_records, names_of, no_records, reader_of
from screener.records.sniff import sniff_format
from screener.records.textio import BLOCK, BlockEncoding, block_encoding

STREAM_ABOVE = 64 << 20      # bytes: a smaller file is read whole
PIECE = 4 << 20              # characters a piece holds, about (a piece ends at the first cut after half of it)
_SNIFF = 1 << 20             # characters the format is told from (sniff_format looks at the first 200,000)
_LOOKBACK = 1 << 16          # characters before a new block searched again for a cut


def _ris_cut(text: str, start: int) -> int | None:
    """The first place at or after ``start`` where a RIS piece may end (the start of a line)."""
    at = start
    while (er := text.find("\nER  -", at)) >= 0:
        at = er + 1
        if not _closes(text, er):
            continue
        cut = _next_record(text, text.find("\n", er + 1) + 1)
        if cut is None or cut > 0:
            return cut
    return None


def _closes(text: str, er: int) -> bool:
    """Whether the ER line after ``text[er]`` closes a record (or a block of tags no TY opened):
    the nearest tag line before it is not an ER, and no line between them reads as TY or ER."""
    end = er
    for _ in range(_BACK):
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if _tag_shaped(line):
            return not line.startswith("ER")
        if line.lstrip()[:2] in ("TY", "ER") or begin == 0:
            return False
        end = begin - 1
    return False


def _next_record(text: str, at: int) -> int | None:
    """From ``at`` (just after a closing ER line): trailer lines, then preamble lines, then a TY
    line; the start of the first preamble line (or of the TY line), -1 when the lines are not so,
    None when ``text`` ends before the TY line. A trailer line is one the reader cannot take for a
    preamble line ("Record #2 of 9", "2.", "Database: ..."), which it keeps for the next record."""
    if at == 0:
        return None
    cut = None
    for _ in range(_FORTH):
        end = text.find("\n", at)
        if end < 0:
            return None
        line = text[at:end]
        if line.startswith("TY  -"):
            return at if cut is None else cut
        if _PREAMBLE_LINE.fullmatch(line):
            cut = at if cut is None else cut
        elif line.strip() and (cut is not None or _MAYBE_PREAMBLE.match(line) or line.lstrip()[:2] in ("TY", "ER")):
            return -1
        at = end + 1
    return -1


_BACK, _FORTH = 200, 50        # lines looked at before and after an ER line
# lines the RIS reader takes for a record's preamble (a strict part of what it takes) …
_PREAMBLE_LINE = re.compile(r"(\d+\.|Record #[ \t]*\d+ of \d+)[ \t]*|(Provider|Database|Content)[ \t]*:[^\n]*")
# … and every line it might take for one
_MAYBE_PREAMBLE = re.compile(r"\s*(\d|Record|Provider|Database|Content)")


def _tag_shaped(line: str) -> bool:
    """A line the RIS reader reads as a tag line whatever came before: "XX  - value"."""
    return line[2:5] == "  -" and "A" <= line[:1] <= "Z" and ("0" <= line[1:2] <= "9" or "A" <= line[1:2] <= "Z")


def _medline_cut(text: str, start: int) -> int | None:
    """The first place at or after ``start`` where a MEDLINE piece may end (the start of a PMID line)."""
    at = start
    while (blank := text.find("\n\nPMID- ", at)) >= 0:
        at = blank + 1
        if blank == 0 or text[blank - 1] == "\n":
            continue         # more than one blank line: the reader's chunks need not split here
        begin = text.rfind("\n\n", 0, blank)
        chunk = text[begin + 2 if begin >= 0 else 0:blank]
        if chunk.startswith("PMID- ") and all(line.strip() for line in chunk.split("\n")):
            return blank + 2
    return None


CUTS: dict[str, Callable[[str, int], int | None]] = {"ris": _ris_cut, "medline": _medline_cut}


def pieces(blocks: Iterable[str], cut: Callable[[str, int], int | None], size: int) -> Iterator[str]:
    """The text of ``blocks`` in pieces of about ``size`` characters (or more, up to the next place
    ``cut`` allows), ending where ``cut`` says; the rest in the last piece."""
    text = ""
    searched = size // 2
    for block in blocks:
        text += block
        while len(text) >= size:
            at = cut(text, searched)
            if at is None:
                searched = max(size // 2, len(text) - _LOOKBACK)
                break
            yield text[:at]
            text = text[at:]
            searched = size // 2
    if text:
        yield text


class _Shifted(Collector):
    """The file's collector as the reader of one piece sees it: the piece's line and record numbers
    moved by the lines and records before the piece."""

    def __init__(self, target: Collector, lines: int, records: int):
        super().__init__(target.file)
        self.target, self.lines, self.records = target, lines, records

    def _line(self, line: int | None) -> int | None:
        return None if line is None else line + self.lines

    def _number(self, number: int | None) -> int | None:
        return None if number is None else number + self.records

    def warn(self, code: str, message: str, line: int | None = None, record_number: int | None = None) -> None:
        self.target.warn(code, self._renumber(code, message), self._line(line), self._number(record_number))

    def tag_note(self, code: str, tag: str, line: int | None, record_number: int | None) -> None:
        self.target.tag_note(code, tag, self._line(line), self._number(record_number))

    def place(self, record: Record, number: int | None, line: int | None, raw: str, title_tags: str = "") -> Record:
        return self.target.place(record, self._number(number), self._line(line), raw, title_tags)

    def fatal(self, message: str, line: int | None = None, record_number: int | None = None,
              remedy: str | None = None, **said: Any):
        return self.target.fatal(message, self._line(line), self._number(record_number), remedy, **said)

    def finish(self) -> list[ReadWarning]:
        raise AssertionError("the file's collector finishes, once, after the last piece")

    def _renumber(self, code: str, message: str) -> str:
        """A message that names a line or record of its own (beside the warning's line and record)."""
        rule = _NUMBERED.get(code)
        match = rule[0].fullmatch(message) if rule else None
        if rule is None or match is None:
            return message
        offset = self.lines if rule[1] == "line" else self.records
        return f"{match[1]}{int(match[2]) + offset}{match[3]}"


# the warnings whose message names a line or record number: (its pattern, which number)
_NUMBERED = {
    "missing_er": (re.compile(r"(.* at the next TY \(line )(\d+)(\))", re.S), "line"),
    "stray_text": (re.compile(r"(text between records kept with record )(\d+)(: .*)", re.S), "record"),
}


class StreamedFile:
    """A large RIS or MEDLINE file: iterate once for its records, piece by piece; then ``count``,
    ``warnings``, ``rejected``, ``database`` and ``search_query`` say what ``read_file`` would have.
    A fatal problem raises RecordParseError (file and line) during the iteration."""

    def __init__(self, path: Path, fmt: str, encoding: BlockEncoding, database: str | None, skip_bad: bool,
                 piece: int, block: int):
        self.path, self.format, self.block_encoding = path, fmt, encoding
        self.encoding = encoding.encoding
        self.database_option, self.skip_bad, self.piece, self.block = database, skip_bad, piece, block
        self.count = 0
        self.pieces = 0
        self.bytes_read = 0
        self.size = path.stat().st_size
        self.databases: set[str] = set()
        self.named_databases: set[str] = set()     # what the records name, whatever database was given
        self.warnings: list[ReadWarning] = []
        self.rejected: list[RejectedRecord] = []
        self.search_query = ""
        self._read = False

    @property
    def database(self) -> str:
        return names_of(self.databases)

    @property
    def named_database(self) -> str:
        return names_of(self.named_databases)

    def __iter__(self) -> Iterator[Record]:
        if self._read:
            raise RuntimeError(f"{self.path} was read already: a streamed file is read once")
        self._read = True
        path = str(self.path)
        collector = Collector(path)
        reader = reader_of(self.format)
        lines = numbered = 0
        with open(self.path, "rb") as handle:
            text = self.block_encoding.decoded(handle, collector, self.block)
            for piece in pieces(text, CUTS[self.format], self.piece):
                rejected: list[RejectedRecord] = []
                shifted = _Shifted(collector, lines, numbered)
                records = reader(piece, shifted, skip_bad=self.skip_bad, rejected=rejected)
                for item in rejected:
                    item.line, item.record_number = shifted._line(item.line), shifted._number(item.record_number)
                self.named_databases |= finish_records(records, path, self.format, self.database_option,
                                                       compose=not piece.isascii())
                self.databases.update(record.database for record in records)
                self.rejected += rejected
                self.search_query = shifted.search_query or self.search_query
                self.count += len(records)
                self.pieces += 1
                numbered += len(records) + len(rejected)
                lines += piece.count("\n")
                self.bytes_read = handle.tell()
                yield from records
        if not self.count and not self.rejected:
            raise no_records(collector, self.format)
        self.warnings = collector.finish()
        self.search_query = self.search_query or collector.search_query

    def read_all(self) -> ReadResult:
        """Every record in one list, as ``read_file`` returns them (for tests and comparisons)."""
        records = list(self)
        return ReadResult(str(self.path), records, self.format, self.encoding, self.warnings, self.rejected,
                          search_query=self.search_query,
                          records_named=self.named_database if self.database_option else "")


def open_streamed(path, database: str | None = None, skip_bad: bool = False, *, piece: int | None = None,
                  block: int = BLOCK, above: int | None = None) -> StreamedFile | None:
    """``path`` to be read piece by piece, or None when it is to be read whole with ``read_file``:
    smaller than ``above`` bytes, not RIS or MEDLINE, UTF-16, or bytes ``decode`` refuses (whose
    error ``read_file`` gives). Reads the file's bytes once (to know the encoding) and its first
    megabyte of text (the format)."""
    path = Path(path)
    piece = PIECE if piece is None else piece          # (read here: a test sets them small)
    above = STREAM_ABOVE if above is None else above
    try:
        if path.stat().st_size < above:
            return None
        with open(path, "rb") as handle:
            encoding = block_encoding(handle, block)
            if encoding is None:
                return None
            handle.seek(0)
            head, ended = "", True
            with closing(encoding.decoded(handle, Collector(str(path)), block)) as blocks:
                for text in blocks:
                    head += text
                    if len(head) >= _SNIFF:
                        ended = False
                        break
    except OSError:
        return None
    # sniff_format(head) names the format of the whole text when head holds what it looks at
    if not ended and len(head.lstrip()) < 200_000:
        return None
    fmt = sniff_format(head) if head.strip() else "empty"
    if fmt not in CUTS:
        return None
    return StreamedFile(path, fmt, encoding, database, skip_bad, piece, block)
