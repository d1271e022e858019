"""The owner's whole journey in headless Chromium, from an empty server root to a PRISMA diagram,
without a terminal: create a review, upload three exports with what was searched, fix a mislabelled
import, deduplicate and decide a pair, invite two screeners and an arbiter, change the highlight
terms, screen, resolve, upload a PDF and see it inline, download the exports.

The one step outside the browser is the server's own: `screener admin token ROOT` (the person who
runs the server hands its owner the link). Screenshots go to tests/artifacts/web/owner/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_web_browser import ARTIFACTS
from web_helpers import serving_root

from screener.workspace import Workspace
from screener.workspace.root import mint_root_token

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "records"
CINAHL = FIXTURES / "ris/citation-file-formatting___baseline_cinahl.ris"
SCOPUS = FIXTURES / "ris/citation-file-formatting___baseline_scopus.ris"
PUBMED = FIXTURES / "nbib/citation-file-formatting___baseline_pubmed.ris"
EMPTY_VALUES = FIXTURES / "ris/asreview__baseline_empty_values.ris"     # 4 records, two of them alike
SHOTS = ARTIFACTS / "owner"


def _pdf() -> bytes:
    """A one-page PDF with a line of text, with a correct cross-reference table."""
    text = b"BT /F1 24 Tf 72 720 Td (Full text of the included study) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture()
def root_server(tmp_path):
    root = tmp_path / "reviews"
    root.mkdir()
    with serving_root(root) as url:
        yield root, url


def _shot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=full)


def _flash(page) -> str:
    return " ".join(page.locator(".flash").all_inner_texts())


def _import(page, base: str, path: Path, fields: dict, shot: str | None = None, drop: bool = False) -> None:
    page.goto(f"{base}/owner/imports")
    if drop:       # dragged from the desktop onto the drop zone
        transfer = page.evaluate_handle(
            "([name, text]) => { const t = new DataTransfer(); t.items.add(new File([text], name)); return t; }",
            [path.name, path.read_text(encoding="utf-8-sig")])
        page.dispatch_event("#dropzone", "dragenter", {"dataTransfer": transfer})
        assert "over" in page.get_attribute("#dropzone", "class")
        page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    else:          # chosen with the file picker
        page.set_input_files("#files", str(path))
    assert path.name in page.inner_text("#drop-names")
    page.click("#check-files")
    page.wait_for_selector("#preview")
    assert path.name in page.inner_text("#preview")
    if shot:
        _shot(page, shot, full=True)
    form = page.locator("#confirm-form")
    for name, value in fields.items():
        target = form.locator(f"textarea[name={name}]" if name == "strategy" else f"input[name={name}]")
        target.fill(value)
    page.click("#confirm-import")
    page.wait_for_url(f"{base}/owner/imports")
    assert "Imported" in _flash(page)


def _reviewer_page(browser, link: str):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.goto(link)
    page.click("#signin")
    page.wait_for_load_state()
    return page


def test_owner_runs_the_review_in_the_browser(browser, root_server, tmp_path):  # noqa: F811
    root, server = root_server
    owner_link = f"{server}/signin?token={mint_root_token(root)}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()

    # the server's owner signs in and creates the review
    page.goto(owner_link)
    page.click("#signin")
    page.wait_for_selector("#no-reviews")
    page.fill("#new-title", "Living with chronic pain: a qualitative evidence synthesis")
    assert page.input_value("#new-slug") == "living-with-chronic-pain-a-qualitative"    # follows the title
    page.fill("#new-slug", "pain-qual")
    _shot(page, "01-picker.png")
    page.click("#create-review")
    page.wait_for_url(f"{server}/r/pain-qual/")
    base = f"{server}/r/pain-qual"

    # three exports with what was searched; the Scopus file is labelled Embase by mistake
    strategy = "1. exp Chronic Pain/\n2. (qualitative or interview* or focus group*).tw.\n3. 1 and 2"
    _import(page, base, CINAHL, {"database": "CINAHL", "platform": "EBSCOhost", "searched_on": "2026-11-02",
                                 "strategy": strategy, "coverage": "1981 to November 2026"}, shot="02-import-preview.png")
    _import(page, base, SCOPUS, {"database": "Embase", "platform": "Elsevier", "searched_on": "2026-11-03",
                                 "strategy": "TITLE-ABS-KEY(chronic pain AND qualitative)"}, drop=True)
    _import(page, base, PUBMED, {"database": "MEDLINE", "platform": "PubMed", "searched_on": "2026-11-03",
                                 "strategy": strategy, "limits": "English"})
    assert page.locator("article.import").count() == 3
    # a fourth, small export whose two look-alike records dedupe cannot decide on its own
    _import(page, base, EMPTY_VALUES, {"database": "PsycINFO", "platform": "Ovid", "searched_on": "2026-11-04",
                                       "strategy": strategy})

    # fix the mislabelled import
    item = page.locator("#import-2")
    item.locator(".edit-import summary").click()
    item.locator("input[name=database]").fill("Scopus")
    _shot(page, "03-fix-import.png")
    item.locator("button.primary").click()
    page.wait_for_url(f"{base}/owner/imports#import-2")
    assert "database now 'Scopus'" in _flash(page)
    assert "Scopus" in page.inner_text("#import-2 .import-head")

    # deduplicate, then decide a pair: split one the matcher merged, and merge it back
    page.goto(f"{base}/owner/dedupe")
    page.click("#run-dedupe")
    page.wait_for_url(f"{base}/owner/dedupe")
    assert "Deduplication: 73 records" in _flash(page)
    pending = page.locator("#pending article.pair")
    # two records that give only a title: nothing both give disagrees (fields only one gives are said apart)
    said = pending.first.inner_text()
    assert pending.count() == 1 and "same title, no authors to compare · no field both records give differs" in said
    _shot(page, "04-duplicates-to-check.png")
    pending.first.locator("button[value=different]").click()
    page.wait_for_url(f"{base}/owner/dedupe")
    assert "different" in _flash(page) and page.locator("#pending article.pair").count() == 0
    if not page.locator("#merged details[open]").count():
        page.locator("#merged details summary").click()
    first = page.locator("#merged article.pair").first
    pair_id = first.get_attribute("id")
    _shot(page, "04-duplicates.png", full=True)
    first.locator("button.split").click()
    page.wait_for_url(f"{base}/owner/dedupe")
    assert "different" in _flash(page)
    page.locator(f"#decided #{pair_id} button[value=same]").click()     # and merge it back
    page.wait_for_url(f"{base}/owner/dedupe")
    assert "same" in _flash(page)

    # invite two screeners and an arbiter
    links = {}
    page.goto(f"{base}/owner/reviewers")
    for name, role in (("alice", "screener"), ("bob", "screener"), ("carol", "arbiter")):
        page.fill("#new-name", name)
        page.select_option("#new-role", role)
        page.click("#add-reviewer-button")
        page.wait_for_selector("#new-link")
        links[name] = page.input_value("#link-url")
        assert links[name].startswith(f"{base}/signin?token=")
    page.click("#copy-link")
    _shot(page, "05-reviewers.png")

    # change the highlight terms
    page.goto(f"{base}/owner/settings")
    page.fill("#highlight-include", "qualitative\ninterview*\nexperience*")
    page.fill("#highlight-exclude", "randomi*\ntrial")
    page.click("#save-settings")
    page.wait_for_url(f"{base}/owner/settings")
    assert "Settings saved: Highlight as include, Highlight as exclude." in _flash(page)
    _shot(page, "06-settings.png", full=True)

    # screen: two studies, both screeners; one agreed include, one conflict
    with Workspace.open(root / "pain-qual") as ws:
        studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    agreed, disputed = studies[0], studies[1]
    alice, bob = _reviewer_page(browser, links["alice"]), _reviewer_page(browser, links["bob"])
    for who, votes in ((alice, ("include", "include")), (bob, ("include", "exclude"))):
        for study, vote in zip((agreed, disputed), votes):
            who.goto(f"{base}/screen?stage=title_abstract&study={study}")
            if who is alice and study == agreed:
                _shot(who, "07-screening.png")
            who.click(f"#vote-{vote}")
            who.wait_for_selector(".flash")
            assert f"Study {study}: {vote}" in _flash(who)

    # the arbiter resolves the conflict
    carol = _reviewer_page(browser, links["carol"])
    carol.goto(f"{base}/conflicts")
    card = carol.locator(f"#conflict-{disputed}-title_abstract")
    card.locator("input[name=decision][value=include]").check()
    _shot(carol, "08-conflict.png")
    card.locator("button[type=submit]").click()
    carol.wait_for_selector(".flash")
    assert f"Study {disputed} at title/abstract: include" in _flash(carol)

    # the owner uploads the PDF of the agreed study and sees it inline beside the vote form
    pdf = tmp_path / "smith-2019.pdf"
    pdf.write_bytes(_pdf())
    page.goto(f"{base}/screen?stage=full_text&study={agreed}")
    page.set_input_files("#fulltext-file", str(pdf))
    with page.expect_response(lambda r: r.url.endswith(f"/studies/{agreed}/fulltext.pdf")) as shown:
        page.click("#fulltext-submit")
    assert shown.value.status == 200 and shown.value.headers["content-type"] == "application/pdf"
    page.wait_for_selector("#pdf-inline")
    assert f"PDF attached to study {agreed}" in _flash(page)
    page.wait_for_timeout(1500)          # the browser's viewer draws the page
    _shot(page, "09-fulltext-inline.png")

    # download the exports and reports; the PRISMA diagram counts the corrected labels
    page.goto(f"{base}/owner/exports")
    downloads = {}
    for selector in ("#download-export", "#searches-md", "#prisma-svg"):
        with page.expect_download() as info:
            page.click(selector)
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        downloads[selector] = target.read_text(encoding="utf-8")
    assert downloads["#download-export"].count("ER  -") == 70
    assert "| Scopus | Elsevier | 2026-11-03 |" in downloads["#searches-md"]
    assert "Embase" not in downloads["#searches-md"]
    svg = downloads["#prisma-svg"]
    assert "(n = 73)" in svg and "Scopus" in svg and "Embase" not in svg
    assert page.evaluate("document.getElementById('prisma-img').naturalWidth") == 900
    _shot(page, "10-exports-prisma.png", full=True)
    context.close()
