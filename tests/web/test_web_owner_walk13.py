"""Found walking the review owner's journey in the browser, start to finish (session 13: a review
made at the server root, its settings, reviewers, imports of Embase, PsycINFO, CINAHL, PubMed, Scopus
and Web of Science exports, dedupe, screening, conflicts, full text, exports), at 1280 and 390 px."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest
from test_owner_api import _all_writes
from test_web_owner_journey_words import CINAHL_CSV, _settings_form
from web_helpers import TA, csrf_of, serving, signed_in, signed_in_page

from screener.workspace.fulltext import attach_fulltext, mark_not_retrieved
from screener.workspace.labels import current_priors
from screener.workspace.screening import cast_vote

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "owner13"


def test_an_exclusion_reason_twice_in_other_capitals_is_refused(app, review):
    # Before: 'out of scope' and 'Out of scope' (a line retyped) were saved as two reasons: the screeners
    # picked either, and the PRISMA diagram listed 'out of scope (n = 3)' and 'Out of scope (n = 2)'
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    _, form = _settings_form(owner)
    before, reasons = _all_writes(ws), ws.reload_settings().exclusion_reasons
    typed = "not qualitative\nout of scope\nOut of scope"
    answer = owner.post("/owner/settings", data={**form, "exclusion_reasons": typed})
    page = unescape(answer.get_data(as_text=True))
    assert answer.status_code == 400, page[-2000:]
    assert "Exclusion reasons lists 'out of scope' and 'Out of scope', the same reason in other capitals" in page
    assert f">{typed}</textarea>" in page
    assert _all_writes(ws) == before and ws.reload_settings().exclusion_reasons == reasons


def test_the_owner_refused_the_full_text_queue_is_led_to_where_full_texts_are_attached(app, review):
    # Before: under blind mode, Full text in the owner's menu answered 403 'an owner is given no studies
    # to screen …: resolve their conflicts on the Conflicts page, or turn blind mode off', links to
    # Conflicts and Settings: nothing of where the owner attaches the reports' full texts (each
    # study's page, reached from Studies at full text), the owner's own work at this stage
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    answer = owner.get("/screen?stage=full_text")
    page = unescape(answer.get_data(as_text=True))
    assert answer.status_code == 403, page[-2000:]
    assert "To attach the reports' full texts, open each study from Studies at full text" in page, page[-2500:]
    assert 'href="/studies?stage=full_text"' in page
    title_abstract = unescape(owner.get("/screen?stage=title_abstract").get_data(as_text=True))
    assert "full texts" not in title_abstract


def test_a_preview_of_several_databases_exports_says_the_details_apply_to_every_file(app, review):
    # Before: Embase, PsycINFO and CINAHL exports chosen together were previewed with one form, 'Database
    # searched' and the rest, and nothing said it applies to every file: 'CINAHL' typed (as the CINAHL
    # file's note asks) counted the Embase and PsycINFO records under CINAHL in PRISMA
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    answer = owner.post("/owner/imports/preview", follow_redirects=True,
                        content_type="multipart/form-data", data={"csrf_token": csrf, "file": [
        (io.BytesIO((RIS / "citation-file-formatting___baseline_embase.ris").read_bytes()), "embase.ris"),
        (io.BytesIO((RIS / "citation-file-formatting___baseline_psychInfo_ovid.ris").read_bytes()), "psycinfo.ris"),
        (io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv")]})
    page = unescape(answer.get_data(as_text=True))
    assert answer.status_code == 200, page[-2000:]
    assert ("These files name different databases (EBSCOhost, Embase, PsycINFO): what you give below is recorded "
            "for every one of them, so check each database's files on their own (Cancel, then choose them)") in page
    alone = owner.post("/owner/imports/preview", follow_redirects=True,
                       content_type="multipart/form-data", data={"csrf_token": csrf, "file": [
        (io.BytesIO((RIS / "citation-file-formatting___baseline_embase.ris").read_bytes()), "embase.ris")]})
    assert "different databases" not in alone.get_data(as_text=True)


def test_decisions_the_owner_made_are_not_listed_as_the_arbiters(app, review):
    # Before: the owner resolved a conflict and the Conflicts page listed it under 'Decided by the
    # arbiter, newest first' ('Study 3 · include by Olivia Owner'): the heading named someone who
    # had decided nothing
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude", reason="out of scope")
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/conflicts").get_data(as_text=True))
    done = owner.post("/conflicts/resolve", data={"csrf_token": csrf, "study": studies[0], "stage": TA,
                                                  "decision": "include"})
    assert done.status_code == 303, done.get_data(as_text=True)[-1500:]
    page = unescape(owner.get("/conflicts").get_data(as_text=True))
    assert "Decided by the arbiter" not in page
    assert "<h2>Decisions made, newest first</h2>" in page, page[-2500:]


def test_the_owner_tells_the_ranker_of_known_relevant_studies_from_the_studies_page(app, review):
    # Before: the protocol's seed references could be given to the ranker only at a terminal
    # (`screener rank prior DIR STUDY...`); the Studies page's actions were a label and an exclusion
    ws, studies, tokens = review
    owner = signed_in(app, tokens["olivia"])
    page = unescape(owner.get("/studies?q=qualitative+interview").get_data(as_text=True))
    assert 'id="bulk-prior"' in page and "Known relevant: tell the ranker" in page, page[-3000:]
    csrf = csrf_of(page)
    answer = owner.post("/studies/bulk", data={"csrf_token": csrf, "action": "prior", "f_q": "qualitative interview"})
    assert answer.status_code == 303
    said = unescape(owner.get(answer.headers["Location"]).get_data(as_text=True))
    assert "The ranker now knows 1 selected study as relevant (it is still screened)" in said, said[-3000:]
    assert current_priors(ws, TA) == {studies[0]: "relevant"}
    event = ws.db.execute("SELECT actor, payload FROM events WHERE kind = 'ranker_prior'").fetchone()
    assert event[0] == "olivia" and "qualitative interview" in event[1]


def test_a_full_text_refused_comes_back_in_the_pages_words_with_the_link_kept(app, review):
    # Before: a PDF chosen and a link pasted, Attach came back to the study with 'Full text not
    # attached: give exactly one of: a PDF file, a link (url), or not_retrieved' (the API's keys) and
    # the pasted link gone from its box
    ws, studies, tokens = review
    owner = signed_in(app, tokens["olivia"])
    page = owner.get(f"/screen?stage=full_text&study={studies[0]}").get_data(as_text=True)
    link = "https://www.app.pan.pl/article/item/app007972020.html"
    before = _all_writes(ws)
    answer = owner.post(f"/studies/{studies[0]}/fulltext", content_type="multipart/form-data", data={
        "csrf_token": csrf_of(page), "url": link, "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "report.pdf")})
    assert answer.status_code == 303      # back to the study's page: a reload there sends nothing again
    said = unescape(owner.get(answer.headers["Location"]).get_data(as_text=True))
    assert ("Full text not attached: choose one of a PDF file, a link, or 'the report could not be retrieved', "
            "not two") in said, said[-3000:]
    assert "(url)" not in said and "or not_retrieved" not in said
    assert f'value="{link}"' in said
    assert _all_writes(ws) == before


def test_the_owners_start_page_leads_to_the_full_texts_to_attach(app, review):
    # Before: under blind mode the owner's start page said at full text only 'you are given none to
    # screen: you resolve their conflicts (Conflicts)', nothing of attaching the reports' full texts
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    page = unescape(owner.get("/").get_data(as_text=True))
    full_text = page.split("Full text", 1)[1]
    said = "and attach the reports' full texts (Attach full texts: each study's page takes its PDF or link)"
    assert said in full_text, full_text[:1500]
    assert 'href="/studies?stage=full_text">Attach full texts</a>' in full_text
    assert "Attach full texts" not in page.split("Full text", 1)[0]


def test_studies_at_full_text_say_which_have_their_full_text(app, review):
    # Before: the owner attaching the reports one by one could not tell, on Studies at full text, which
    # studies had theirs already: every study had to be opened
    ws, studies, tokens = review
    for study in studies[:3]:
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include")
    attach_fulltext(ws, studies[0], "https://example.org/report.html", actor="olivia")
    owner = signed_in(app, tokens["olivia"])
    page = unescape(owner.get("/studies?stage=full_text").get_data(as_text=True))
    assert "<th>Full text</th>" in page, page[-3000:]
    cells = dict(re.findall(r'<tr data-study="(\d+)">.*?<td data-label="full text">([^<]*)</td>', page, re.S))
    assert cells == {str(studies[0]): "link", str(studies[1]): "none yet", str(studies[2]): "none yet"}, cells
    assert "<th>Full text</th>" not in owner.get("/studies?stage=title_abstract").get_data(as_text=True)


def test_a_report_marked_not_retrieved_stays_reachable_from_studies_at_full_text(app, review):
    # Before: a study whose report was marked not retrieved left Studies at full text; the owner who
    # found the report later (attaching it brings the study back to screening) had no list to reach
    # its page from
    ws, studies, tokens = review
    for study in studies[:2]:
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include")
    mark_not_retrieved(ws, studies[1], actor="alice")
    owner = signed_in(app, tokens["olivia"])
    page = unescape(owner.get("/studies?stage=full_text").get_data(as_text=True))
    assert "Reports recorded as not retrieved (1):" in page, page[-2500:]
    assert f'href="/screen?stage=full_text&amp;study={studies[1]}"' in owner.get("/studies?stage=full_text").get_data(
        as_text=True)
    assert "Reports recorded as not retrieved" not in unescape(
        signed_in(app, tokens["alice"]).get("/studies?stage=full_text").get_data(as_text=True))


def test_the_dashboard_counts_the_reports_attached_at_full_text(app, review):
    # Before: the dashboard's full-text line said 'Included 0 · excluded 0 · … · not retrieved 0' and
    # nothing of how many of the reports sought were attached yet, the owner's own progress there
    ws, studies, tokens = review
    for study in studies[:3]:
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include")
    attach_fulltext(ws, studies[0], "https://example.org/report.html", actor="olivia")
    page = unescape(signed_in(app, tokens["olivia"]).get("/dashboard").get_data(as_text=True))
    said = re.search(r'<p id="reports-attached">(.*?)</p>', page, re.S)
    assert said and re.sub(r"<[^>]+>", "", said.group(1)) == "Reports attached: 1 of 3 (2 not yet).", page[:4000]
    assert 'href="/studies?stage=full_text">2 not yet</a>' in said.group(1)


def test_a_file_imported_before_checked_with_a_new_one_is_not_called_empty(app, review):
    # Before: the Embase export imported earlier, chosen again with a new export, was refused as
    # 'embase.ris: no records in this file (an empty export or not an export at all); check that you
    # chose the right file. Nothing was imported.' -- a file of 10 records, passed over as imported
    ws, _, tokens = review
    embase = (RIS / "citation-file-formatting___baseline_embase.ris").read_bytes()
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    first = owner.post("/owner/imports/preview", follow_redirects=True, content_type="multipart/form-data",
                       data={"csrf_token": csrf, "file": [(io.BytesIO(embase), "embase.ris")]})
    page = first.get_data(as_text=True)
    staged = re.search(r'name="staged" value="([^"]+)"', page).group(1)
    done = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": staged, "database": "Embase"})
    assert done.status_code == 303, done.get_data(as_text=True)[-1500:]
    again = owner.post("/owner/imports/preview", follow_redirects=True,
                       content_type="multipart/form-data", data={"csrf_token": csrf, "file": [
        (io.BytesIO(embase), "embase.ris"),
        (io.BytesIO((RIS / "citation-file-formatting___baseline_scopus.ris").read_bytes()), "scopus.ris")]})
    said = unescape(again.get_data(as_text=True))
    assert again.status_code == 200, said[-2000:]
    assert "no records in this file" not in said
    assert ("embase.ris: this file was already imported, so it is passed over: importing it again would count its "
            "records twice") in said, said[-3000:]
    assert "--again" not in said
    assert re.search(r'name="database"[^>]*value="Scopus"', said), "the new file's database, as for it alone"


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_a_reviewer_refused_shows_the_refusal_beside_the_form_it_came_from(browser, review, width):
    # Before, at 390 px: 'alice adams' added again came back with the Name field focused, 950 px down
    # the page, and the refusal ('reviewer 'alice' already exists …') at the top, out of sight: the
    # owner saw their form back and nothing said why
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/reviewers")
        page.fill("#new-name", "ALICE")
        page.click("#add-reviewer-button")
        page.wait_for_load_state()
        alert = page.locator("[role=alert]")
        assert alert.count() == 1 and "already exists" in alert.inner_text()
        box, height = alert.bounding_box(), page.viewport_size["height"]
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height, (box, page.evaluate("scrollY"))
        assert page.locator("#add-reviewer [role=alert]").count() == 1
        assert page.input_value("#new-name") == "ALICE"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"reviewer-refused-{width}.png"))
        page.close()


def test_the_preview_words_its_hints_itself_not_by_rewriting_the_imports_page_words():
    # Before: import_steps.previewed turned the Imports list's words ("('Correct database or search
    # details' on the import)") into the preview's ("in 'Database searched' below") by string replacement
    web = Path(__file__).resolve().parents[2] / "screener" / "web"
    assert not [p.name for p in web.glob("*.py") if "on the import)\", \"in 'Database searched' below\"" in p.read_text()
                or ".replace(\"'Correct database or search details' on the import\"" in p.read_text()]
