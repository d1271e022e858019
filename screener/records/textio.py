"""Bytes → text: encoding detection (BOM, UTF-16, UTF-8, cp1252 fallback) and line-ending repair."""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from screener.errors import ATTACH_FULLTEXT
from screener.records.base import Collector

# bytes cp1252 leaves undefined: their presence means the file is not cp1252 either
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_CP1252_UNDEFINED_BYTE = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# a well-formed 2- to 4-byte UTF-8 character
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: text of mostly ASCII has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_OVID_XLS = ("Ovid's Excel (.xls) export, not a text export: in Ovid, export the records again as RIS (Export → "
             "Format: RIS, Fields: Complete Reference), or open this file in Excel and save it as CSV UTF-8")

# files people pick by mistake, known by their first bytes: (magic, what it is and what to do)
_CONTAINERS = (
    (_ZIP, "a ZIP archive, not a text export: unzip it and import the files inside (a spreadsheet: save it as "
           "CSV)"),
    (b"\x1f\x8b", "a gzip-compressed file, not a text export: decompress it (gunzip) and import the "
                  "file inside"),
    (b"%PDF-", "a PDF document, not a database export: export the records from the database as RIS, "
               "MEDLINE or CSV"),      # and where full texts go instead: the remedy ATTACH_FULLTEXT
    (_OLE, "an old Excel (.xls) or other Office file, not a text export: save it as CSV"),
    # a screenshot picked by mistake: without this, 'the file mixes encodings … byte 0x89'
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a database export: export the records from the database as RIS, "
                             "MEDLINE or CSV"),
    (b"\xff\xd8\xff", "a JPEG image, not a database export: export the records from the database as RIS, "
                      "MEDLINE or CSV"),
    (b"GIF8", "a GIF image, not a database export: export the records from the database as RIS, MEDLINE or CSV"),
)


def _zip_content(data: bytes) -> str | None:
    """What a ZIP file is, by what is inside it (Office and OpenDocument files are ZIPs: a Word
    document picked by mistake was called 'an Excel workbook or a zipped export?'); None: unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            kind = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return None
    if "word/document.xml" in names:
        return ("a Word document (.docx), not a database export: export the records from the database as RIS, "
                "MEDLINE or CSV (a search strategy goes in the import's strategy, saved as plain text)")
    if "xl/workbook.xml" in names:
        return ("an Excel workbook (.xlsx), not a text export: open it in Excel and save it as CSV UTF-8 "
                "(File → Save As → CSV UTF-8)")
    if kind == "application/vnd.oasis.opendocument.spreadsheet":
        return ("an OpenDocument spreadsheet (.ods), not a text export: open it in LibreOffice and save it as CSV "
                "(File → Save As → Text CSV)")
    if kind.startswith("application/vnd.oasis.opendocument."):
        return ("an OpenDocument file, not a database export: export the records from the database as RIS, "
                "MEDLINE or CSV")
    files = [n for n in names if not n.endswith("/")]
    if files:
        shown = ", ".join(n.rsplit("/", 1)[-1] for n in files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        return f"a ZIP archive holding {shown}, not a text export: unzip it and import the files inside"
    return None


def decode(data: bytes, collector: Collector) -> tuple[str, str]:
    """Decode a file's bytes; returns (text with '\\n' line ends and no BOM, encoding name).

    Raises RecordParseError (via the collector) for bytes no supported encoding can read, and for
    binary files (ZIP/xlsx, gzip, PDF, OLE .xls by their first bytes; anything else with NUL bytes
    that is not UTF-16), naming what the file is.
    """
    for magic, what in _CONTAINERS:
        if data.startswith(magic):
            if magic == _OLE and b"Ovid Technologies" in data[:65536]:
                what = _OVID_XLS          # Ovid's Excel export: its sheet opens with Ovid's copyright line
            if magic == _ZIP:
                what = _zip_content(data) or what
            raise collector.fatal(what, line=1, remedy=ATTACH_FULLTEXT if magic == b"%PDF-" else None)
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[3:]
        text = _strict(body, "utf-8", collector, "UTF-8 (it starts with a UTF-8 byte-order mark)")
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
        text = _strict(data, "utf-16", collector, "UTF-16 (it starts with a UTF-16 byte-order mark)")
    elif (guess := _looks_utf16(data)) is not None:
        encoding = guess
        text = _strict(data, guess, collector, "UTF-16 (every other byte is NUL)")
    else:
        if b"\x00" in data:      # not UTF-16 (checked above): no text export has NUL bytes
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise collector.fatal("the file contains NUL bytes: it is binary, not a text export", line=line)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            bad = [b for b in data if b in _CP1252_UNDEFINED]
            line = data.count(b"\n", 0, exc.start) + 1
            if _UTF8_MULTIBYTE.search(data):
                # real UTF-8 characters elsewhere: reading it all as cp1252 would garble them
                raise collector.fatal(
                    f"the file mixes encodings: it is UTF-8 but byte 0x{data[exc.start]:02x} here is not; "
                    "fix that character or re-export the file as UTF-8", line=line) from None
            if bad:
                raise collector.fatal(
                    f"cannot decode the file: byte 0x{data[exc.start]:02x} is not UTF-8 and the file "
                    f"is not cp1252 either; re-export it as UTF-8", line=line) from None
            text, encoding = data.decode("cp1252"), "cp1252"
            warn_cp1252(collector, data[exc.start], line)
        return _normalise(text), encoding      # (no NUL byte, so no NUL character: checked above)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise collector.fatal("the file contains NUL bytes: it is binary, not a text export", line=line)
    return _normalise(text), encoding


def warn_cp1252(collector: Collector, byte: int, line: int) -> None:
    collector.warn("cp1252_fallback", f"not valid UTF-8 (byte 0x{byte:02x}); read as Windows-1252 — "
                   "check accented characters", line=line)


def _normalise(text: str) -> str:
    # a stray BOM at a line start (JabRef, concatenated exports) is not content
    if "\ufeff" in text:       # (a search: replace would scan as long, and copy the text)
        text = text.replace("\ufeff", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _strict(data: bytes, codec: str, collector: Collector, what: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise collector.fatal(f"cannot decode the file as {what}: invalid byte at offset {exc.start}",
                              line=line) from None
    return text.lstrip("\ufeff")


# ---- a large file, block by block (screener.records.stream) ------------------------------------

BLOCK = 1 << 20


@dataclass
class BlockEncoding:
    """How ``decode`` would read a whole file, found without holding it: the codec, and for the
    Windows-1252 fallback the first byte that is not UTF-8 and its line (for the same warning)."""

    encoding: str                  # utf-8 | utf-8-sig | cp1252
    not_utf8: tuple[int, int] | None = None     # (byte, line)

    def decoded(self, handle: BinaryIO, collector: Collector, block: int = BLOCK) -> Generator[str, None, None]:
        """The rest of ``handle`` (at its start) as ``decode`` gives it, block by block: no BOM,
        '\\n' line ends (a CR at a block's end waits for the next block's first character)."""
        if self.not_utf8 is not None:
            warn_cp1252(collector, *self.not_utf8)
        decoder = codecs.getincrementaldecoder(self.encoding)()
        carry = ""
        try:
            for data in iter(lambda: handle.read(block), b""):
                text = carry + decoder.decode(data)
                text, carry = (text[:-1], "\r") if text.endswith("\r") else (text, "")
                yield _normalise(text)
            text = carry + decoder.decode(b"", True)
        except UnicodeDecodeError:      # checked by block_encoding: the file changed since
            raise collector.fatal("the file changed while it was being read; import it again") from None
        if text:
            yield _normalise(text)


def block_encoding(handle: BinaryIO, block: int = BLOCK) -> BlockEncoding | None:
    """The encoding ``decode`` reads ``handle``'s bytes with, found block by block (one pass over
    the file; nothing kept). None when ``decode`` would refuse the bytes (its message is the one to
    give: read the file whole) or read them as UTF-16 (never streamed)."""
    data = handle.read(max(block, 4000))        # (the UTF-16 test looks at the first 4,000 bytes)
    if any(data.startswith(magic) for magic, _ in _CONTAINERS) or data.startswith(codecs.BOM_UTF16_LE) or \
            data.startswith(codecs.BOM_UTF16_BE) or _looks_utf16(data) is not None:
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[3:]
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines = 0                   # line ends before ``data``
    ascii_so_far = True            # every byte before ``data``
    not_utf8: tuple[int, int] | None = None
    tail = b""                     # the end of the block before (a UTF-8 character may straddle two)
    while True:
        if b"\x00" in data:
            return None
        if not_utf8 is None:
            buffered = len(decoder.getstate()[0])
            try:
                decoder.decode(data, not data)
            except UnicodeDecodeError as exc:
                # whole, the file would be read as cp1252 only if no byte anywhere is a UTF-8
                # character or a byte cp1252 leaves undefined (checked from here on)
                if bom or not ascii_so_far:
                    return None
                at = exc.start - buffered        # within ``data`` (negative: in the bytes buffered before)
                line = newlines + data.count(b"\n", 0, max(at, 0)) + 1
                not_utf8 = (exc.object[exc.start], line)
        if not_utf8 is not None and (_UTF8_MULTIBYTE.search(tail + data) or _CP1252_UNDEFINED_BYTE.search(data)):
            return None
        if not data:
            break
        ascii_so_far = ascii_so_far and data.isascii()
        newlines += data.count(b"\n")
        tail = data[-3:]
        data = handle.read(block)
    if not_utf8 is not None:
        return BlockEncoding("cp1252", not_utf8)
    return BlockEncoding("utf-8-sig" if bom else "utf-8")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks (exports and PDFs can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
