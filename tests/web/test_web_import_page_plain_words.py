"""Imports page, read as the review's owner would (a walk-through on a fresh review, 1280 and 390 px):
(1) a file that is no export (notes saved as .txt) was refused with 'notes.txt:1: not a known export
format (RIS, MEDLINE/nbib, … CSV); the first line is …' — a file:line the owner does not read, a
list of fourteen formats repeated from the page, and nothing said of what to do; now 'notes.txt:
this is not a search export screener can read (its first line is …); export the results from the
database again in one of the formats listed under Import search results'. (2) After importing one
record the page said 'Imported 1 records from 1 file.'; now 'Imported 1 record from 1 file.'.
A real server on 127.0.0.1 and headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "import-plain-words"
ONE_RECORD = b"TY  - JOUR\r\nTI  - Pain in adults: a qualitative study\r\nAU  - Smith, Jane\r\nPY  - 2019\r\nER  - \r\n"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_file_that_is_no_export_says_what_to_do_and_one_record_is_one_record(browser, review, tmp_path, width):
    ws, _, tokens = review
    notes = tmp_path / "notes.txt"
    notes.write_text("These are my notes about the search\nnothing here is an export\n", encoding="utf-8")
    export = tmp_path / "embase.ris"
    export.write_bytes(ONE_RECORD)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", [str(notes), str(export)])
        with page.expect_navigation() as refused:
            page.click("#check-files")
        assert refused.value.status == 422
        said = " ".join(page.locator("#error").inner_text().split())
        page.screenshot(path=str(SHOTS / f"not-an-export-{width}.png"))
        assert said.startswith("notes.txt: this is not a search export screener can read (its first line is 'These "
                               "are my notes about the search'); export the results from the database again in one "
                               "of the formats listed under Import search results"), said
        assert "notes.txt:1" not in said and "MEDLINE/nbib" not in said, said
        assert "embase.ris was read without a problem: choose it again without notes.txt" in said, said

        page.set_input_files("#files", str(export))
        with page.expect_navigation():
            page.click("#check-files")
        page.fill("input[name=database]", "Embase")
        with page.expect_navigation():
            page.click("#confirm-import")
        flashes = [" ".join(f.split()) for f in page.locator(".flash").all_inner_texts()]
        page.screenshot(path=str(SHOTS / f"one-record-{width}.png"))
        assert "Imported 1 record from 1 file." in flashes, flashes
        page.close()
