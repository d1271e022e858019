"""Bytes → text: encoding detection (BOM, UTF-16, UTF-8, cp1252 fallback) and line-ending repair."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from screener.records.base import Collector

# bytes cp1252 leaves undefined: their presence means the file is not cp1252 either
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
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


# files people pick by mistake, known by their first bytes: (magic, what it is and what to do)
_CONTAINERS = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook or a zipped export?), not a text export: "
                    "save the spreadsheet as CSV, or unzip the archive and import the files inside"),
    (b"\x1f\x8b", "a gzip-compressed file, not a text export: decompress it (gunzip) and import the "
                  "file inside"),
    (b"%PDF-", "a PDF document, not a database export: export the records from the database as RIS, "
               "MEDLINE or CSV (attach full texts with `screener fulltext`)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel (.xls) or other Office file, not a text "
                                          "export: save it as CSV"),
)


def decode(data: bytes, collector: Collector) -> tuple[str, str]:
    """Decode a file's bytes; returns (text with '\\n' line ends and no BOM, encoding name).

    Raises RecordParseError (via the collector) for bytes no supported encoding can read, and for
    binary files (ZIP/xlsx, gzip, PDF, OLE .xls by their first bytes; anything else with NUL bytes
    that is not UTF-16), naming what the file is.
    """
    for magic, what in _CONTAINERS:
        if data.startswith(magic):
            raise collector.fatal(what, line=1)
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
            collector.warn("cp1252_fallback",
                           f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); read as Windows-1252 — "
                           "check accented characters", line=line)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise collector.fatal("the file contains NUL bytes: it is binary, not a text export", line=line)
    # a stray BOM at a line start (JabRef, concatenated exports) is not content
    text = text.replace("\ufeff", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _strict(data: bytes, codec: str, collector: Collector, what: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise collector.fatal(f"cannot decode the file as {what}: invalid byte at offset {exc.start}",
                              line=line) from None
    return text.lstrip("\ufeff")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks (exports and PDFs can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
