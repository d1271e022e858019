"""What the owner sees in Chromium for refusals whose remedy or field is now the error's data: the
Reviewers page (a reviewer added twice, a name written another way), the Settings page (a reason named
'title' given twice: it read 'Exclusion reasons lists Title twice' when the page swapped keys for labels
with regular expressions) and the Imports page (a PDF chosen as an export). Screenshots in
tests/artifacts/web/remedy-words/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "remedy-words"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def _alert(page) -> str:
    said = page.inner_text("[role=alert]")
    for word in ("`", "screener reviewers", "screener fulltext", "--", "exclusion_reasons"):
        assert word not in said, (word, said)
    return said


@pytest.mark.browser
def test_the_owner_reads_the_pages_words(browser, review, tmp_path):
    ws, _, tokens = review
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/owner/reviewers")
        page.fill("input[name=name]", "alice")
        page.click("#add-reviewer-button")
        page.wait_for_selector("[role=alert]")
        assert "reviewer 'alice' already exists; give them a new link from the table" in _alert(page)
        page.screenshot(path=str(SHOTS / "reviewer-twice-390.png"), full_page=True)

        page.goto(f"{base}/owner/settings")
        page.fill("textarea[name=exclusion_reasons]", "title\ntitle\nwrong design")
        page.click("#save-settings")
        page.wait_for_selector("[role=alert]")
        assert "Exclusion reasons lists 'title' twice; give each once" in _alert(page)
        page.screenshot(path=str(SHOTS / "setting-twice-390.png"), full_page=True)

        (tmp_path / "paper.pdf").write_bytes(PDF)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(tmp_path / "paper.pdf"))
        page.click("#check-files")
        page.wait_for_selector(".error-message")
        said = page.inner_text(".error-message")
        assert "paper.pdf:1: a PDF document, not a database export" in said, said
        assert "(a study's full text is attached on its full-text screening page)" in said and "`" not in said, said
        page.screenshot(path=str(SHOTS / "pdf-as-export-1280.png"), full_page=True)
        page.close()
