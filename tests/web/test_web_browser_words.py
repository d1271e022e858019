"""Codes and internal names a person met on the pages (session-9 browser review): a pair's bare
"score 77.44", a stopping method named by its code ("buscar"), stage codes in an error, a
dashboard cell that claimed the owner "resolves conflicts". Each test is the defect as a person saw
it in headless Chromium at 1280x800, written before its fix. Screenshots: tests/artifacts/web/words/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_helpers import TA, serving

from screener.records.model import Record
from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.reviewers import set_display_name
from screener.workspace.screening import cast_vote

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "words"
TWINS = [Record(title="Coping with chronic pain in later life: a qualitative study", database="test2", year=2019,
                journal="Pain Medicine"),
         Record(title="Coping with chronic pain in later life: a qualitative study", database="test3", year=2019,
                journal="Pain Medicine")]


def _page(browser, server: str, token: str):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/signin?token={token}")
    page.click("#signin")
    page.wait_for_load_state()
    return page


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_a_pair_says_how_alike_its_records_are_in_words(browser, review):
    """Each pair on the Duplicates page (and the dashboard's) led with 'score 91.00' and lower-case
    field codes ('differs: pages, pmid'): a number on no stated scale. It now says how alike the
    two records are and on what (title, authors, year, DOI); the score stays in a tooltip."""
    ws, studies, tokens = review
    with ws.transaction():
        ws.add_source_records(TWINS)
    dedupe_workspace(ws, actor="olivia")
    with serving(ws.path) as server:
        page = _page(browser, server, tokens["olivia"])
        for url, where in ((f"{server}/owner/dedupe", "#pending article.pair"), (f"{server}/dashboard", "#dedupe article.pair")):
            page.goto(url)
            pair = page.locator(where).first
            meta = pair.locator("p.meta").first
            said = meta.inner_text()
            assert "score" not in said and not re.search(r"\d+\.\d\d", said), said
            assert "Titles identical" in said and "same year" in said, said
            assert "no authors" in said.lower() and "DOI" in said, said
            assert re.search(r"matcher's score 9\d\.\d\d of 100", meta.locator("[title]").first.get_attribute("title"))
        _shot(page, "dashboard-pair-1280.png")
        page.goto(f"{server}/owner/dedupe")
        _shot(page, "duplicates-1280.png")
        assert "pending" not in page.inner_text("#pending")
        page.close()


def test_the_stopping_estimate_names_its_method_in_words(browser, review):
    """The dashboard's stopping estimate ended '(method: buscar)' and the screening page's 'method:
    buscar': a code name. It now says what the method is and what stopping means under it; the code
    name stays in a tooltip."""
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "include")
    with serving(ws.path) as server:
        page = _page(browser, server, tokens["olivia"])
        page.goto(f"{server}/dashboard")
        estimate = page.locator("p.estimate").first
        said = estimate.inner_text()
        _shot(page, "dashboard-estimate-1280.png")
        assert "buscar" not in said and "method:" not in said, said
        assert "statistical test" in said and "95%" in said, said
        assert "buscar" in estimate.locator("[title]").first.get_attribute("title")
        page = _page(browser, server, tokens["alice"])
        page.goto(f"{server}/screen?stage={TA}")
        said = page.inner_text("#estimate")
        assert "buscar" not in said and "statistical test" in said, said
        page.close()


@pytest.mark.parametrize("path", ["/screen?stage=fulltext", "/conflicts?stage=Full%20text", "/studies?stage=abstract",
                                  "/mine?stage=TA"])
def test_a_mistyped_stage_in_an_address_names_the_stages_as_the_pages_do(browser, review, path):
    """'/screen?stage=fulltext' answered 'stage 'fulltext' is not a stage; use one of:
    title_abstract, full_text': code names a person never sees elsewhere. The page now names the
    stages as the menu does, links to them, and answers 404 (no such page), not a bare 400."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = _page(browser, server, tokens["olivia"])
        answer = page.goto(f"{server}{path}")
        said = page.inner_text("main")
        _shot(page, "stage-typo-1280.png")
        assert answer.status == 404, (answer.status, said)
        assert "title_abstract" not in said and "full_text" not in said, said
        assert "Title/abstract" in said and "Full text" in said, said
        links = page.locator("main .error-links a")
        assert links.count() == 2
        page.click("main .error-links a >> text=Full text")
        page.wait_for_load_state()
        assert "stage=full_text" in page.url and page.url.split("?")[0].endswith(path.split("?")[0]), page.url
        page.close()


def test_the_dashboard_does_not_say_the_owner_resolves_conflicts_they_did_not(browser, review):
    """Under blind mode the dashboard's Remaining cell for an owner read 'none: resolves
    conflicts', though the owner had resolved nothing (and the review has an arbiter). What it
    meant: blind mode gives an owner nothing to screen, the screeners vote. It now says that."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = _page(browser, server, tokens["olivia"])
        page.goto(f"{server}/dashboard")
        row = page.locator("#progress-table table").first.locator("tr", has_text="olivia")
        said = row.inner_text()
        _shot(page, "dashboard-owner-row-1280.png")
        assert "resolves conflicts" not in said, said
        assert "none to screen" in said and "blind" in said, said
        page.close()


def test_the_agreement_table_names_screeners_as_the_pages_do_and_says_what_its_measures_are(browser, review):
    """The dashboard's agreement table named each pair by sign-in names ('alice × bob', so the
    server's owner was 'root-owner × …'; the votes-per-day chart's legend likewise) where every other
    table shows the names people gave, and
    its columns were bare acronyms (κ, AC1, PABAK). The pair now reads as the team is named, and
    each measure says what it is, in a line under the table and in its heading's tooltip."""
    ws, studies, tokens = review
    set_display_name(ws, "alice", "Alice Smith", actor="olivia")
    for study in studies[:3]:
        cast_vote(ws, "alice", study, TA, "include")
        if study == studies[0]:
            cast_vote(ws, "bob", study, TA, "exclude", reason="out of scope")
        else:
            cast_vote(ws, "bob", study, TA, "include")
    with serving(ws.path) as server:
        page = _page(browser, server, tokens["olivia"])
        page.goto(f"{server}/dashboard")
        table = page.locator("#agreement table").first
        _shot(page, "dashboard-agreement-1280.png")
        assert table.locator("tbody td").first.inner_text() == "Alice Smith × bob"
        pace = page.locator(f"#chart-pace-{TA}")
        legend = pace.text_content()
        assert "Alice Smith" in legend and "alice" not in legend, legend
        assert "beyond chance" in (table.locator("th", has_text="Cohen").get_attribute("title") or "")
        assert "PABAK" in (table.locator("th", has_text="PABAK").get_attribute("title") or "")
        legend = page.locator("#agreement .measures").first.inner_text()
        assert "beyond chance" in legend and "prevalence" in legend, legend
        page.close()


def test_a_label_added_on_the_screening_page_names_who_put_it_on_by_their_name(browser, review):
    """A label added on the screening page (the label field, or Shift+1-9) redrew the chips from
    the answer, and each chip's tooltip named who put it on by sign-in name ('alice'; the server's
    owner 'root-owner'), where the page as loaded named them as the team knows them. The redrawn
    chip now says the same name."""
    ws, studies, tokens = review
    set_display_name(ws, "alice", "Alice Smith", actor="olivia")
    with serving(ws.path) as server:
        page = _page(browser, server, tokens["alice"])
        page.goto(f"{server}/screen?stage={TA}")
        page.fill("#label-input", "check later")
        page.press("#label-input", "Enter")
        chip = page.locator("#label-chips .label-chip", has_text="check later")
        chip.wait_for()
        assert chip.get_attribute("title") == "Alice Smith"
        page.reload()
        assert page.locator("#label-chips .label-chip", has_text="check later").get_attribute("title") == "Alice Smith"
        page.close()


@pytest.mark.parametrize(("who", "path", "links"), [
    ("olivia", f"/screen?stage={TA}", {"Conflicts": f"/conflicts?stage={TA}", "Settings": "/owner/settings"}),
    ("carol", f"/screen?stage={TA}", {"Conflicts": f"/conflicts?stage={TA}"})])
def test_a_screening_page_refused_links_to_where_the_person_works(browser, review, who, path, links):
    """An owner under blind mode (and an arbiter) opening a screening page from the menu read '403 —
    Not allowed … resolve their conflicts on the Conflicts page, or turn blind mode off under
    Manage → Settings', with only 'Back to the start page' to click. The pages it names are now links."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = _page(browser, server, tokens[who])
        answer = page.goto(f"{server}{path}")
        assert answer.status == 403
        _shot(page, f"screen-refused-{who}-1280.png")
        found = {a.inner_text(): a.get_attribute("href") for a in page.locator("main .error-links a").all()}
        assert {k: v.split("?", 1)[0] if "?" not in links[k] else v for k, v in found.items() if k in links} == links, found
        page.close()


@pytest.mark.parametrize(("query", "wanted"), [("format=ris&stage=fulltext", "Title/abstract"),
                                               ("format=xyz", "RIS (reference managers)")])
def test_an_export_address_with_a_wrong_stage_or_format_names_the_choices_as_the_page_does(browser, review, query, wanted):
    """An export address with a stage or format the page does not offer (a bookmark, an edited
    link) answered on the Exports page "--stage 'fulltext' is not a stage; use one of:
    title_abstract, full_text" or "--format xyz: unknown format; use one of ris, bib, …": the
    command line's option and code names. It now names the choices as the page's lists do."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = _page(browser, server, tokens["olivia"])
        answer = page.goto(f"{server}/owner/exports/download?{query}")
        said = page.inner_text("main")
        _shot(page, f"export-wrong-{query.split('&')[-1].split('=')[0]}-1280.png")
        assert answer.status == 400, answer.status
        assert "--" not in said and "title_abstract" not in said and "endnote-xml" not in said, said
        assert wanted in page.inner_text(".error-message, .error, [role=alert]"), said
        with page.expect_download() as download:            # the names the export itself understands still work
            page.evaluate("url => { location.href = url; }", f"{server}/owner/exports/download?format=BibTeX")
        assert download.value.suggested_filename.endswith(".bib")
        page.close()
