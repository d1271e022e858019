"""An export imported under the wrong database, as an information specialist slips: Ovid PsycINFO
records (every one says `DB  - APA PsycInfo`) labelled AMED on the import page, then corrected.
What the owner's imports page says the records name must be what the records name — not the label
typed over them. Headless Chromium; screenshots go to tests/artifacts/web/owner/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving

from screener.workspace.import_hints import import_hints
from screener.workspace.imports import import_exports, list_imports

pytestmark = pytest.mark.browser

PSYCINFO = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_psychInfo_ovid.ris"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "owner"


def test_records_named_database_survives_a_label_typed_over_it(workspace):
    metadata = {"database": "AMED", "platform": "Ovid"}
    report = import_exports(workspace, [PSYCINFO], metadata=metadata, actor="owner")
    [item] = list_imports(workspace)
    assert item["counted_as"] == "AMED"
    # before: 'AMED' — the label given, stored as if the records had said it
    assert item["records_database"] == "PsycINFO"
    hints = " ".join(str(h) for h in import_hints(report, metadata))
    assert "the records name PsycINFO" in hints and "AMED" in hints


def test_wrong_label_is_shown_and_corrected_in_the_browser(browser, review):
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/signin?token={tokens['olivia']}")
        page.click("#signin")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(PSYCINFO))
        page.click("#check-files")
        page.wait_for_selector("#confirm-form")
        assert page.input_value("#confirm-form input[name=database]") == "PsycINFO"
        page.fill("#confirm-form input[name=database]", "AMED")      # the slip
        page.fill("#confirm-form input[name=platform]", "Ovid")
        page.fill("#confirm-form input[name=searched_on]", "2016-11-16")
        page.fill("#confirm-form textarea[name=strategy]", "1 exp Chronic Pain/\n2 qualitative.tw.\n3 1 and 2")
        page.click("#confirm-import")
        page.wait_for_url(f"{base}/owner/imports")
        article = page.locator("article.import").last
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "import-wrong-label.png"))
        # the import names what the records say, at once, beside the label given
        assert "AMED (the records say: PsycINFO)" in article.inner_text()
        assert "the records name PsycINFO" in page.locator(".flashes").inner_text()

        article.locator("summary").click()
        article.locator("input[name=database]").fill("PsycINFO")
        article.locator("button.primary").click()
        page.wait_for_url(f"{base}/owner/imports*")
        page.screenshot(path=str(SHOTS / "import-wrong-label-corrected.png"))
        text = page.locator("article.import").last.inner_text()
        # before: 'PsycINFO (the records say: AMED)' — the wrong label presented as the records' own
        assert text.startswith("PsycINFO via Ovid"), text
        assert "the records say" not in text


def test_a_correction_with_a_slip_in_the_name_says_so(workspace, capsys):
    """`imports relabel --database PsychInfo` was taken silently — a new 'PsychInfo' in the PRISMA
    counts — though the same name given to `import` gets 'did you mean 'PsycINFO'?'."""
    from screener.cli.main import run
    from screener.workspace.imports import relabel_import

    import_exports(workspace, [PSYCINFO], metadata={"database": "AMED"}, actor="owner")
    result = relabel_import(workspace, 1, {"database": "PsychInfo"})
    assert result["database"] == "PsychInfo"            # what the owner gave is recorded
    assert any("did you mean 'PsycINFO'?" in h for h in result["hints"]), result["hints"]
    assert run(["imports", "relabel", str(workspace.path), "1", "--database", "Embase"]) == 0
    err = capsys.readouterr().err
    assert "note: the records name PsycINFO, not Embase" in err


def test_the_correction_form_says_so_too(browser, review):
    ws, _, tokens = review
    import_exports(ws, [PSYCINFO], metadata={"database": "AMED", "platform": "Ovid"}, actor="olivia")
    with serving(ws.path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/signin?token={tokens['olivia']}")
        page.click("#signin")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/owner/imports")
        article = page.locator("article.import").last
        article.locator("summary").click()
        article.locator("input[name=database]").fill("PsychInfo")
        article.locator("button.primary").click()
        page.wait_for_url(f"{base}/owner/imports*")
        page.screenshot(path=str(SHOTS / "import-relabel-slip.png"))
        # before: only "Import 1: database now 'PsychInfo'."
        assert "did you mean 'PsycINFO'?" in page.locator(".flashes").inner_text()
        # and in sight: the page scrolled to the import's anchor, the warning cut off above the top
        box = page.locator(".flash.warning").first.bounding_box()
        assert box is not None and box["y"] >= 0, box


def test_an_embase_export_labelled_embase_says_nothing_of_its_medline_records(browser, review):
    """Embase exports name 'Embase' and 'MEDLINE' record by record (MEDLINE-covered records): under the
    database searched, Embase, the page must not say the records say otherwise."""
    ws, _, tokens = review
    embase = PSYCINFO.with_name("citation-file-formatting___baseline_embase.ris")
    report = import_exports(ws, [embase], metadata={"database": "Embase", "platform": "Ovid"}, actor="olivia")
    assert not [h for h in import_hints(report, {"database": "Embase"}) if "records name" in str(h)]
    with serving(ws.path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/signin?token={tokens['olivia']}")
        page.click("#signin")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/owner/imports")
        text = page.locator("article.import").last.inner_text()
        assert text.startswith("Embase via Ovid"), text
