"""Imports page, an export with a few entries that do not parse: the whole file was refused
('ebsco.bib:8: cannot read this BibTeX entry …; fix the entry in the file … and check the file
again'), though `screener import --skip-bad` keeps the good records and reports the rest. The page
now offers the same choice after the refusal: it says how many records are readable and which lines
are skipped, and one button imports the good records (import_exports(skip_bad=True), as the command
does; the skipped entries are kept in the review's rejected/ report). A real server on 127.0.0.1
and headless Chromium at 1280 and 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_owner_api import _all_writes
from web_helpers import serving, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "skip-bad"


def _entry(key: str, title: str) -> str:
    return (f"@article{{{key},\nAuthor = {{Ann Author}},\nTitle = {{{title}}},\nJournal = {{Journal of Tests}},\n"
            f"Year = {{2000}},\n}}\n\n")


# an EBSCOhost BibTeX entry whose keywords hold a web page's script: its braces do not balance (line 8)
BROKEN = """@article{broken2018,
Author = {Tom Cruise},
Title = {When sharing fixes prices.},
Keywords = {Price fixing, ). addSize(768, 0, 160, 250).build(), 600, 600).build(), @type:Pers
}

"""
MOSTLY_GOOD = (_entry("a1", "First readable entry") + BROKEN + _entry("a2", "Second readable entry")
               + _entry("a3", "Third readable entry")).encode()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_file_with_a_bad_entry_offers_to_import_the_good_records(browser, review, tmp_path, width):
    ws, _, tokens = review
    export = tmp_path / "ebsco.bib"
    export.write_bytes(MOSTLY_GOOD)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        before = _all_writes(ws)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(export))
        with page.expect_navigation() as refused:
            page.click("#check-files")
        assert refused.value.status == 422
        said = " ".join(page.inner_text("main").split())
        assert "ebsco.bib:8: cannot read this BibTeX entry" in said, said[:600]
        offer = page.locator("#skip-bad")
        assert offer.count() == 1, said[:1500]
        words = " ".join(offer.inner_text().split())
        assert "3 readable records" in words and "line 8" in words, words
        assert _all_writes(ws) == before                     # the offer writes nothing
        button = page.locator("#confirm-import")
        assert "3 records" in button.inner_text() and "line 8" in button.inner_text(), button.inner_text()
        page.screenshot(path=str(SHOTS / f"offer-{width}.png"), full_page=True)
        page.fill("input[name=database]", "CINAHL")
        with page.expect_navigation():
            button.click()
        assert page.url.endswith("/owner/imports"), page.url
        said = " ".join(" ".join(page.locator(".flash").all_inner_texts()).split())
        assert "Imported 3 records from 1 file" in said and "(ebsco.bib line 8)" in said, said[:800]
        page.screenshot(path=str(SHOTS / f"imported-{width}.png"), full_page=False)
        page.close()
    rows = ws.db.execute("SELECT records FROM imports").fetchall()
    assert [r[0] for r in rows] == [3]
    reports = list((ws.path / "rejected").glob("*.txt"))
    assert len(reports) == 1 and "@article{broken2018," in reports[0].read_text(encoding="utf-8")
