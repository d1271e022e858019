"""A strategy file's bytes as text, read one way wherever a strategy comes in — the commands
(`query check|translate|run|validate`, `search pubmed --strategy`, `import --strategy`), the Python
API (``screener.query.evaluate.local.read_strategy_file``) and the web app's strategy upload.

The bytes are decoded as the importers decode an export (screener.records.textio: a byte-order
mark, UTF-16, UTF-8, else Windows-1252), because information specialists paste strategies from
Word and Notepad saves them as "ANSI" (Windows-1252: curly quotes 0x93/0x94, é 0xe9) or "Unicode"
(UTF-16). A file read as Windows-1252 comes back with the importers' note, for the caller to show;
a Word document, PDF or RTF, or bytes no encoding reads, is one UsageError naming the file, line,
column, byte offset and what to do."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from screener.errors import RecordParseError, UsageError
from screener.records.base import Collector
from screener.records.textio import decode

# a Word document (.docx: ZIP; .doc: OLE), a PDF, Word's rich text: text inside, but not a strategy
_NOT_TEXT = (b"PK\x03\x04", b"%PDF-", b"\xd0\xcf\x11\xe0", b"{\\rtf")


@dataclass
class StrategyText:
    """A strategy read from bytes: its text (``\\n`` line ends, no byte-order mark), the name to show
    for it, and the notes to show its user (read as Windows-1252: where and why)."""
    text: str
    name: str
    notes: list[str] = field(default_factory=list)


def decode_strategy(data: bytes, name: str, label: str = "strategy file") -> StrategyText:
    """The strategy in ``data`` (a file's or an upload's bytes, called ``name``). Errors are
    UsageErrors that start with ``label`` and the name (``--strategy`` for an option)."""
    if data.startswith(_NOT_TEXT):
        raise UsageError(_not_text(label, name))
    collector = Collector(name)
    try:
        text, _ = decode(data, collector)
    except RecordParseError as exc:
        raise UsageError(_unreadable(label, name, data, str(exc))) from None
    notes = [f"{name}:{w.line}: {w.message}" if w.line else f"{name}: {w.message}" for w in collector.warnings]
    return StrategyText(text, name, notes)


def read_strategy(file: str | Path, label: str = "strategy file") -> StrategyText:
    """The strategy in ``file`` (``-``: standard input) and the name to show for it."""
    file = str(file)
    if file == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        # a text stream without bytes under it (a test's StringIO) holds text already
        data = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
        return decode_strategy(data, "<stdin>", label)
    return decode_strategy(_file_bytes(Path(file), file, label), file, label)


def _file_bytes(path: Path, file: str, label: str) -> bytes:
    if path.is_dir():
        raise UsageError(f"{label} {file} is a directory: give the strategy's file")
    if not path.is_file():
        stdin = ", or - to read standard input" if label == "strategy file" else ""
        raise UsageError(f"{label} {file} not found (give a path{stdin})")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{label} {file}: cannot read it ({exc.strerror or exc})") from None


def _not_text(label: str, name: str) -> str:
    return (f"{label} {name} is not a text file (a Word document, PDF or archive?): copy the strategy "
            "into a plain-text file saved as UTF-8")


def _unreadable(label: str, name: str, data: bytes, reason: str) -> str:
    """The one line for bytes textio.decode would not read, with where the first bad byte is."""
    if b"\x00" in data:          # binary, or UTF-16 broken past reading
        return _not_text(label, name)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
    else:                        # not a UTF-8 failure: textio's own words, after the file's name
        return f"{label} {reason}"
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    where = f"{label} {name}: line {line}, column {column} (byte offset {offset}) is 0x{data[offset]:02x}"
    save = "save the file again as UTF-8 (Notepad: Save As, Encoding UTF-8)"
    if "mixes encodings" in reason:
        return (f"{where}, not UTF-8, and the file has UTF-8 characters elsewhere (two encodings mixed): "
                f"retype the character there, or {save}")
    if "byte-order mark" in reason:
        return (f"{where}, not UTF-8, though the file starts with UTF-8's byte-order mark: retype the character "
                f"there, or {save}")
    return f"{where}, which is neither UTF-8 nor Windows-1252: {save}"
