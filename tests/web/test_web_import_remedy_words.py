"""An import refused for what the file is (a PDF, an E-utilities response, no export at all, a file
imported before) is said by each front end in its own words, from the error's data. Before, the
workspace wrote the command line's ('attach full texts with `screener fulltext`', 'use `screener
search pubmed`', 'import 1 of /srv/…/exports/x.ris at 2026-12-06T21:52:47.606970+00:00') and the
Imports page rewrote them with regular expressions. The page, the JSON API (a real server on
127.0.0.1) and the command line are each asked, and read for their own words."""

from __future__ import annotations

import html
import io
import json
import re
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from web_helpers import csrf_of, serving, signed_in

from screener.cli.main import run

CLI_WORDS = ("`", "--", "DIR", "screener fulltext", "screener search", "screener import")
RIS = b"TY  - JOUR\r\nTI  - Pain in adults: a qualitative study\r\nAU  - Smith, Jane\r\nPY  - 2019\r\nER  - \r\n"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
EUTILS = b'<?xml version="1.0"?>\n<eSearchResult><Count>2</Count><IdList><Id>1</Id></IdList></eSearchResult>\n'
LETTER = b"hello\nworld\n"


def _post_files(base: str, token: str, name: str, data: bytes, **fields: str) -> tuple[int, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    request = urllib.request.Request(f"{base}/api/imports", data=b"".join(parts) + f"--{boundary}--\r\n".encode(),
                                     method="POST", headers={"Authorization": f"Bearer {token}",
                                                             "Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.dumps(json.loads(answer.read()))
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())["error"]


def _neutral(said: str) -> str:
    said = html.unescape(re.sub(r"<[^>]*>", "", said))     # a page's text (not its tags: a CSRF token may hold '--')
    for word in CLI_WORDS:
        assert word not in said, (word, said)
    return said


def _preview(app, token: str, name: str, data: bytes) -> tuple[int, str]:
    owner = signed_in(app, token)
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    answer = owner.post("/owner/imports/preview", content_type="multipart/form-data",
                        data={"csrf_token": csrf, "file": [(io.BytesIO(data), name)]})
    return answer.status_code, _neutral(answer.get_data(as_text=True))


def _cli(capsys, ws, tmp_path: Path, name: str, data: bytes) -> str:
    (tmp_path / name).write_bytes(data)
    assert run(["import", str(ws.path), str(tmp_path / name), "--database", "CINAHL"]) != 0
    return capsys.readouterr().err


@pytest.mark.parametrize("name, data, page_says, api_says, cli_says", [
    ("paper.pdf", PDF, "paper.pdf:1: a PDF document, not a database export: export the records from the database "
                       "as RIS, MEDLINE or CSV (a study's full text is attached on its full-text screening page)",
     "paper.pdf:1: a PDF document, not a database export: export the records from the database as RIS, MEDLINE or "
     "CSV (a study's full text is sent to POST /api/studies/STUDY/fulltext)",
     ":1: a PDF document, not a database export: export the records from the database as RIS, MEDLINE or CSV "
     "(attach full texts with `screener fulltext`)"),
    ("esearch.xml", EUTILS, "esearch.xml:1: this is an E-utilities response, not a record export: search PubMed from "
                            "Search strategies (Search PubMed), or save PubMed results as PubMed XML or MEDLINE",
     "esearch.xml:1: this is an E-utilities response, not a record export: POST /api/searches/pubmed searches "
     "PubMed, or save PubMed results as PubMed XML or MEDLINE",
     ":1: this is an E-utilities response, not a record export: use `screener search pubmed`, or save PubMed "
     "results as PubMed XML or MEDLINE"),
    ("letter.txt", LETTER, "letter.txt: this is not a search export screener can read (its first line is 'hello'); "
                           "export the results from the database again in one of the formats listed under Import "
                           "search results",
     "letter.txt:1: not a known export format (", ":1: not a known export format ("),
])
def test_a_file_that_is_no_export(app, review, capsys, tmp_path, name, data, page_says, api_says, cli_says):
    ws, _, tokens = review
    status, said = _preview(app, tokens["olivia"], name, data)
    assert status == 422 and page_says in said, said[-2000:]
    with serving(ws.path) as base:
        status, said = _post_files(base, tokens["olivia"], name, data, database="CINAHL")
    assert status == 422 and _neutral(said).startswith(api_says), said
    assert f"{tmp_path / name}{cli_says}" in _cli(capsys, ws, tmp_path, name, data)


def test_a_file_imported_before(app, review, capsys, tmp_path):
    ws, _, tokens = review
    (tmp_path / "a.ris").write_bytes(RIS)
    assert run(["import", str(ws.path), str(tmp_path / "a.ris"), "--database", "CINAHL"]) == 0
    capsys.readouterr()
    at = ws.db.execute("SELECT at FROM imports WHERE id = 1").fetchone()[0]
    status, said = _preview(app, tokens["olivia"], "a.ris", RIS)
    assert (f"a.ris: this file was already imported (import 1, 1 records, {at[:10]} {at[11:16]} UTC): importing "
            "it again would count its records twice") in said, said[-2000:]
    with serving(ws.path) as base:
        status, said = _post_files(base, tokens["olivia"], "a.ris", RIS, database="CINAHL")
    assert status == 409 and "(import 1 of a.ris at " in _neutral(said) and "send again=true" in said, said
    assert run(["import", str(ws.path), str(tmp_path / "a.ris"), "--database", "CINAHL"]) != 0
    assert capsys.readouterr().err == (f"error: {tmp_path / 'a.ris'}: this file was already imported (import 1 of "
                                       f"{tmp_path / 'a.ris'} at {at}, 1 records); use --again to import it a "
                                       "second time\n")
