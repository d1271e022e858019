"""Files that are not text exports at all: each is refused with one line saying what it is and
what to do (not a misleading encoding or format complaint)."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from screener.cli.remedies import cli_line
from screener.errors import RecordParseError
from screener.records import read_file


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<Types/>" * 50)
    return buf.getvalue()


def _ods() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


CASES = [
    # what is inside the ZIP names it: a Word document said 'an Excel .xlsx workbook or a zipped export?'
    ("export.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
     "an Excel workbook (.xlsx), not a text export: open it in Excel and save it as CSV UTF-8 "
     "(File → Save As → CSV UTF-8)"),
    ("search.docx", _zip("[Content_Types].xml", "word/document.xml"),
     "a Word document (.docx), not a database export: export the records from the database as RIS, "
     "MEDLINE or CSV (a search strategy goes in the import's strategy, saved as plain text)"),
    ("sheet.ods", _ods(),
     "an OpenDocument spreadsheet (.ods), not a text export: open it in LibreOffice and save it as CSV "
     "(File → Save As → Text CSV)"),
    ("odd.zip", b"PK\x03\x04" + b"\x01" * 40,
     "a ZIP archive, not a text export: unzip it and import the files inside (a spreadsheet: save it as CSV)"),
    ("exports.zip", _zip("scopus.ris", "medline.nbib"),
     "a ZIP archive holding scopus.ris, medline.nbib, not a text export: unzip it and import the files inside"),
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
    # the command line's words: the Python API's message names no command (a PDF's remedy, ATTACH_FULLTEXT,
    # is said by each front end: tests/web/test_web_import_remedy_words.py)
    assert cli_line(info.value) == f"{path}:1: {message}"
    assert info.value.line == 1


def test_utf16_without_bom_is_still_text(tmp_path):
    path = tmp_path / "wos.txt"
    path.write_bytes("TY  - JOUR\nTI  - A title\nER  - \n".encode("utf-16-le"))
    result = read_file(path)
    assert [r.title for r in result.records] == ["A title"]
    assert result.encoding == "utf-16-le"
