"""A 'PDF' that is not one, attached on the full-text screening page. The usual one is the
publisher's web page saved under the article's name (Save Page As … smith2019.pdf), or the Word
manuscript; the page said 'smith2019.pdf: not a PDF (a PDF starts with '%PDF-', this file with
'<!DOCTYP'); upload the article's PDF, or give a link' — a byte signature, to a screener. Now it
says what the file is and what to do: a web page → download the PDF itself from the article's
page, or give the page's link; a Word document → save it as PDF first. Found attaching full texts
as a screener at 390 px. Through the HTTP client (400 for the API, nothing attached)."""

from __future__ import annotations

import html
import io
import re

import pytest
from web_helpers import FT, TA, csrf_of, signed_in

from screener.workspace.screening import cast_vote


def _attach(client, study: int, data: bytes, name: str) -> str:
    page = client.get(f"/screen?stage={FT}&study={study}").get_data(as_text=True)
    answer = client.post(f"/studies/{study}/fulltext", content_type="multipart/form-data", follow_redirects=True,
                         data={"csrf_token": csrf_of(page), "file": (io.BytesIO(data), name)})
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))).split())


@pytest.mark.parametrize(("data", "said"), [
    (b"\xef\xbb\xbf\n  <!DOCTYPE html><html><head><title>Smith 2019</title>",
     "smith2019.pdf is a web page, not a PDF (the article's page saved in its place): open the article's page and "
     "download the PDF itself, or give the page's link instead"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
     "smith2019.pdf is a Word document (or another zipped file), not a PDF: save it as PDF first, or give a link"),
    (b"GIF89a not a PDF at all",
     "smith2019.pdf is not a PDF (it does not begin as a PDF does): upload the article's PDF, or give a link"),
])
def test_a_file_that_is_not_a_pdf_is_named_for_what_it_is(app, review, data, said):
    ws, studies, tokens = review
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")
    shown = _attach(signed_in(app, tokens["alice"]), studies[0], data, "smith2019.pdf")
    assert f"Full text not attached: {said}" in shown, shown
    assert "%PDF" not in shown
    assert ws.db.execute("SELECT count(*) FROM fulltexts").fetchone()[0] == 0
