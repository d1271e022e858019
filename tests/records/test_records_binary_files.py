"""Files that are not text exports at all: each is refused with one line saying what it is and
what to do (not a misleading encoding or format complaint)."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from screener.errors import RecordParseError
from screener.records import read_file


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>" * 50)
    return buf.getvalue()


CASES = [
    ("export.xlsx", _zip(),
     "a ZIP archive (an Excel .xlsx workbook or a zipped export?), not a text export: save the "
     "spreadsheet as CSV, or unzip the archive and import the files inside"),
    ("export.ris.gz", gzip.compress(b"TY  - JOUR\nTI  - x\nER  - \n"),
     "a gzip-compressed file, not a text export: decompress it (gunzip) and import the file inside"),
    ("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
     "a PDF document, not a database export: export the records from the database as RIS, "
     "MEDLINE or CSV (attach full texts with `screener fulltext`)"),
    ("export.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
     "an old Excel (.xls) or other Office file, not a text export: save it as CSV"),
    ("program.ris", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\xf0\x3a\xc3\xa9",
     "the file contains NUL bytes: it is binary, not a text export"),
]


@pytest.mark.parametrize("name,data,message", CASES, ids=[c[0] for c in CASES])
def test_binary_files_are_named_for_what_they_are(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(RecordParseError) as info:
        read_file(path)
    assert str(info.value) == f"{path}:1: {message}"
    assert info.value.line == 1


def test_utf16_without_bom_is_still_text(tmp_path):
    path = tmp_path / "wos.txt"
    path.write_bytes("TY  - JOUR\nTI  - A title\nER  - \n".encode("utf-16-le"))
    result = read_file(path)
    assert [r.title for r in result.records] == ["A title"]
    assert result.encoding == "utf-16-le"
