"""What a user review of the web app found (session 9: the owner, the information specialist, two
blinded screeners and the arbiter walked through a review in headless Chromium at 1280 and 390 px):
each test names what the person saw before. A real server on 127.0.0.1, SQLite, real Chromium for
what a person sees; screenshots go to tests/artifacts/web/user-review/."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from web_helpers import RECORDS, serving, serving_root, signed_in_page, study_ids

from screener.records.model import Record
from screener.search.standin import EutilsStandin
from screener.workspace.assignment import assignment
from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.imports import import_exports
from screener.workspace.reviewers import add_reviewer, set_display_name
from screener.workspace.root import mint_root_token
from screener.workspace.screening import cast_vote
from screener.workspace.settings_edit import settings_version, update_settings
from screener.workspace.strategies import save_strategy
from screener.workspace.votebook import VoteBook

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures/records/ris"
EMBASE = FIXTURES / "citation-file-formatting___baseline_embase.ris"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"


def _call(base: str, path: str, token: str, body: dict | None = None) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method="POST" if data is not None else "GET",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.read().decode()


def test_the_imports_api_gives_the_file_name_never_where_the_server_keeps_it(review):
    """Before: GET /api/imports (to the owner and to a searcher) and the answer to a correction gave
    each import's "path", the server's own folder ('/srv/reviews/pain/exports/embase.ris')."""
    ws, _, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    import_exports(ws, [EMBASE], metadata={"database": "Embase"}, actor="olivia")
    folder = str(ws.path.resolve())
    with serving(ws.path) as base:
        for token in (tokens["olivia"], sam):
            status, text = _call(base, "/api/imports", token)
            assert status == 200
            [item] = json.loads(text)
            assert item["file"] == EMBASE.name
            assert "path" not in item and folder not in text and str(ws.path) not in text, text
        status, text = _call(base, "/api/imports/1", sam, {"platform": "Ovid"})
        assert status == 200 and json.loads(text)["changed"]["platform"]["to"] == "Ovid"
        assert "path" not in json.loads(text) and folder not in text, text


@pytest.mark.browser
def test_a_refused_correction_of_an_import_keeps_what_was_typed_and_names_the_field_as_the_form_does(browser, review):
    """Before: a correction refused (a date searched in the future) came back with the form closed,
    everything typed in it (platform, the strategy as run) gone, and the message 'Import 1:
    searched_on 2099-01-01 is in the future' (the field's code, not its label 'Date searched')."""
    ws, _, tokens = review
    import_exports(ws, [EMBASE], metadata={"database": "Embase"}, actor="olivia")
    strategy = "1. exp chronic pain/\n2. qualitative.tw.\n3. 1 and 2"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/imports")
        article = page.locator("article.import").last
        article.locator("summary").click()
        article.locator("input[name=platform]").fill("Ovid")
        article.locator("textarea[name=strategy]").fill(strategy)
        article.locator("input[name=searched_on]").fill("2099-01-01")
        article.locator("button.primary").click()
        page.wait_for_load_state()
        page.screenshot(path=str(SHOTS / "correction-refused.png"), full_page=True)
        said = page.inner_text(".error, .flashes, [role=alert]")
        assert "Date searched" in said and "searched_on" not in said, said
        article = page.locator("article.import").last
        assert article.locator("details.edit-import").get_attribute("open") is not None
        assert article.locator("input[name=platform]").input_value() == "Ovid"
        assert article.locator("textarea[name=strategy]").input_value() == strategy
        assert article.locator("input[name=searched_on]").input_value() == "2099-01-01"
        page.close()


@pytest.mark.browser
def test_the_settings_name_each_ranker_preset_in_words(browser, review):
    """Before: the Ranker preset list read 'default, elas-u4, ensemble, ensemble-lite, word,
    word-char, word-prefix' (the presets' codes; what each is only in a tooltip)."""
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/settings")
        options = page.eval_on_selector_all("select[name=ranker_preset] option",
                                            "os => os.map(o => [o.value, o.textContent.trim()])")
        codes = {value for value, _ in options}
        assert {"default", "elas-u4", "word"} <= codes
        for value, words in options:
            assert words != value and value not in words.split(), (value, words)
        assert dict(options)["default"].startswith("Recommended")
        tip = page.get_attribute("select[name=ranker_preset] option[value=default]", "title")
        assert tip.startswith("default: "), tip           # the code review.toml and the commands use
        page.select_option("select[name=ranker_preset]", "elas-u4")
        page.click("#save-settings")
        page.wait_for_load_state()
        assert page.eval_on_selector("select[name=ranker_preset]", "s => s.value") == "elas-u4"
        page.close()


@pytest.mark.browser
def test_creating_a_review_says_what_a_short_name_may_hold(browser, tmp_path):
    """Before: a short name such as 'Chronic Pain!' was refused by the browser with 'Please match the
    requested format.' and nothing said which format (lower-case letters, digits and hyphens)."""
    root = tmp_path / "root"
    root.mkdir()
    owner_token = mint_root_token(root)
    with serving_root(root) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}/signin?token={owner_token}")
        page.click("form[action$='/signin'] button[type=submit]")
        page.wait_for_selector("#create-form")
        hint = page.inner_text("#create")
        assert "lower-case letters, digits and hyphens" in hint and "/p>" not in hint, hint
        page.fill("#new-title", "Chronic pain: a qualitative review")
        page.fill("#new-slug", "Chronic Pain!")
        page.click("#create-review")
        said = page.eval_on_selector("#new-slug", "e => e.validationMessage")
        assert "lower-case letters, digits and hyphens" in said, said
        page.screenshot(path=str(SHOTS / "create-review-slug-390.png"), full_page=True)
        page.fill("#new-slug", "pain-qual")
        page.click("#create-review")
        page.wait_for_url(f"{base}/r/pain-qual/")
        page.close()


@pytest.mark.browser
def test_the_duplicates_page_counts_votes_left_behind_in_words_and_says_each_likeness_once(browser, review):
    """Before: 'Study 7 (merged into 1) had votes 1 at title/abstract', 'Last run …: 7 records, 1
    pairs merged' and, on a pair merged on its DOI, 'Titles identical · authors identical · same year · same DOI · same DOI'."""
    ws, studies, tokens = review
    first = RECORDS[0]
    twin = Record(title=first.title, database="other", abstract=first.abstract, authors=list(first.authors),
                  journal=first.journal, year=first.year, doi=first.doi, pages="1-10")
    with ws.transaction():
        ws.add_source_records([twin])
    newest = max(study_ids(ws))
    cast_vote(ws, "alice", newest, "title_abstract", "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/dedupe")
        page.click("#dedupe-form button[type=submit]")
        page.wait_for_selector("#left-behind")
        said = page.inner_text("#left-behind")
        assert "had 1 vote at title/abstract" in said, said
        assert "1 pair merged," in page.inner_text("main")          # it said '1 pairs merged'
        page.click("summary:has-text('Show the merged pairs')")
        meta = " ".join(page.locator("article.pair p.meta").first.text_content().split())
        page.screenshot(path=str(SHOTS / "dedupe-left-behind.png"), full_page=True)
        assert meta.count("same DOI") == 1, meta
        page.close()


@pytest.mark.browser
def test_the_imports_page_names_formats_and_encodings_in_words(browser, review):
    """Before: the check before importing gave a Scopus export's encoding as 'utf-8-sig' (Python's
    codec name), and each import in the list read '… · scopus.ris · ris · …' (the format's code)."""
    ws, _, tokens = review
    scopus = FIXTURES / "citation-file-formatting___baseline_scopus.ris"
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(scopus))
        page.click("#check-files")
        page.wait_for_selector("#confirm-form")
        row = page.locator("tr.preview-file")
        assert row.locator("td[data-label=Encoding]").inner_text() == "UTF-8"
        assert row.locator("td[data-label=Format]").inner_text() == "RIS"
        page.fill("#confirm-form input[name=database]", "Scopus")
        page.click("#confirm-import")
        page.wait_for_url(f"{base}/owner/imports")
        line = " ".join(page.locator("article.import .import-head .hint").last.inner_text().split())
        page.screenshot(path=str(SHOTS / "imports-list-390.png"), full_page=True)
        assert f"· {scopus.name} · RIS ·" in line, line
        page.close()


@pytest.mark.browser
def test_the_workbench_says_each_problem_in_words_with_its_code_in_the_tooltip(browser, review):
    """Before: every problem under the editor and under each translation showed its code in capitals
    ('2:4 ERROR UNBALANCED_PARENTHESIS this parenthesis is never closed …', '2:5 FIELD_APPROXIMATED
    approximate .tw,ab. searched as [tiab] …'), and each changed line of a translation ended in
    codes ('FIELD_APPROXIMATED PROXIMITY_DISTRIBUTED'); each translation was headed by the database's
    name and then its code ('PubMed pubmed', 'CINAHL (EBSCO) ebsco-cinahl')."""
    ws, _, _ = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    typed = ("1. exp Chronic Pain/\n2. (qualitative adj3 (study or research).tw,ab.\n"
             "3. (interview* or focus group*).ti.ab.\n4. 2 or 3\n5. 1 and 4\n")
    codes = re.compile(r"[A-Z]{2,}(?:_[A-Z]+)+")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, sam, 390)
        page.goto(f"{base}/workbench")
        page.fill("#text", typed)
        page.wait_for_selector("#check-summary.has-errors")
        page.wait_for_selector("#translations details.tcard[data-target=pubmed]")
        card = page.locator("#translations details.tcard[data-target=pubmed]")
        if card.get_attribute("open") is None:
            card.locator("summary").first.click()
        card.locator("details.tlines summary").click()
        page.screenshot(path=str(SHOTS / "workbench-problems-390.png"), full_page=True)
        shown = page.inner_text("#problems") + "\n" + card.inner_text()
        assert "never closed" in shown and "searched as [tiab]" in shown, shown
        assert not codes.findall(shown), codes.findall(shown)
        tips = page.eval_on_selector_all("#problems li", "ls => ls.map(l => l.title)")
        assert any("UNBALANCED_PARENTHESIS" in t for t in tips), tips
        tips = card.locator("ul.tproblems li").evaluate_all("ls => ls.map(l => l.title)")
        assert any("FIELD_APPROXIMATED" in t for t in tips), tips
        # each database by its name ('Ovid MEDLINE'), not followed by its code ('ovid-medline')
        heads = page.locator("#translations details.tcard > summary").all_inner_texts()
        assert heads and not [h for h in heads if re.search(r"\b(ovid-medline|pubmed|ebsco-cinahl)\b", h)], heads
        page.close()


@pytest.mark.browser
def test_adding_a_reviewer_whose_name_differs_only_in_case_says_what_to_do_on_the_page(browser, review):
    """Before: adding 'Alice' beside 'alice' said "… differs only in case; use --as alice, or choose a
    clearly different name" (an option of the command line, which the owner on the page never uses)."""
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/owner/reviewers")
        page.fill("input[name=name]", "Alice")
        page.select_option("select[name=role]", "arbiter")
        page.click("button:has-text('Add and make a sign-in link')")
        page.wait_for_load_state()
        said = page.inner_text("#error")
        assert "--as" not in said and "differs only in case" in said, said
        assert "New link" in said, said
        assert page.input_value("input[name=name]") == "Alice"
        page.close()


@pytest.mark.browser
def test_a_reason_the_owner_removed_meanwhile_is_explained_in_the_pages_words(browser, review):
    """Before: a screener whose page still offered a reason the owner had just taken out of the
    settings got "reason 'wrong population' is not one of the exclusion_reasons in review.toml: …;
    use one of them, or add it to that list" (a file and a setting's key they never see, and advice
    only the owner can follow)."""
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage=title_abstract")
        page.select_option("select[name=reason]", "wrong population")
        update_settings(ws, {"exclusion_reasons": ["out of scope", "not qualitative"]},
                        version=settings_version(ws), actor="olivia")
        page.click("button[value=exclude]")
        page.wait_for_load_state()
        page.screenshot(path=str(SHOTS / "reason-removed-390.png"), full_page=True)
        said = page.inner_text("[role=alert]")
        assert "review.toml" not in said and "exclusion_reasons" not in said, said
        assert "'wrong population' is no longer one of the review's exclusion reasons" in said, said
        assert "out of scope" in page.eval_on_selector("select[name=reason]", "s => s.innerText")
        page.close()


@pytest.mark.browser
def test_the_workbench_test_panel_speaks_to_the_searcher_and_names_its_field(browser, review):
    """Before: 'Test on this review's records' said it 'runs the selected saved version … as screener
    query run and query validate do' (commands the searcher on the page never types), and the box
    for the known studies had no label (a screen reader announced an unnamed edit field)."""
    ws, _, _ = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, sam, 1280)
        page.goto(f"{base}/workbench")
        said = page.inner_text("#test-panel")
        assert "screener query" not in said and "query validate" not in said, said
        known = page.get_by_label("Known relevant studies")
        assert known.count() == 1 and known.evaluate("e => e.id") == "known"
        page.close()


@pytest.mark.browser
def test_a_refused_setting_is_named_as_the_settings_form_labels_it(browser, review):
    """Before: a reason given twice was refused with "'exclusion_reasons' lists 'out of scope' twice;
    give each once" (the setting's key in review.toml, not the form's 'Exclusion reasons')."""
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/owner/settings")
        page.fill("textarea[name=exclusion_reasons]", "out of scope\nout of scope\nwrong design")
        page.click("#save-settings")
        page.wait_for_load_state()
        said = page.inner_text("[role=alert]")
        assert "exclusion_reasons" not in said and "Exclusion reasons lists 'out of scope' twice" in said, said
        assert page.input_value("textarea[name=exclusion_reasons]") == "out of scope\nout of scope\nwrong design"
        page.close()


@pytest.mark.browser
def test_the_studies_list_names_a_study_by_its_article_not_its_erratum_notice(browser, review):
    """Before: the Studies list named the study dedupe had joined an erratum notice to by the
    notice ('Erratum: Author Correction: A remarkable assemblage of petroglyphs … (Scientific
    reports (2024) …)') while its screening page showed the article's title."""
    ws, _, tokens = review
    import_exports(ws, [EMBASE], metadata={"database": "Embase"}, actor="olivia")
    report = dedupe_workspace(ws, actor="olivia")
    notice = report["errata_joined"][0]["notice"]
    study = ws.db.execute("SELECT study_id FROM current_links WHERE source_record_id = ?", (notice,)).fetchone()[0]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/studies?q=petroglyphs")
        row = page.locator(f"tr:has(a[href*='study={study}']), tr:has-text('{study}')").first
        said = row.inner_text()
        assert "A remarkable assemblage of petroglyphs" in said and "Erratum" not in said, said
        page.close()


@pytest.mark.browser
def test_a_study_not_assigned_to_the_screener_says_where_their_own_are_on_the_page(browser, review):
    """Before: with three screeners, a vote on a study opened by its link but assigned to two others
    said "study 3 is not one of the studies assigned to you at title_abstract (…); take your next
    study with `screener next`" (a stage's code and a command the screener on the page never types)."""
    ws, _, _ = review
    _, dan_token = add_reviewer(ws, "dan", "screener")
    with ws.transaction():
        ws.add_source_records([Record(title=f"Extra study {i}", abstract="x", database="test") for i in range(12)])
    dan = ws.db.execute("SELECT id FROM reviewers WHERE name = 'dan'").fetchone()[0]
    plan, book = assignment(ws, "title_abstract"), VoteBook(ws)
    other = next(sid for sid in study_ids(ws) if not plan.assigned_to(dan, sid, book))
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, dan_token, 390)
        page.goto(f"{base}/screen?stage=title_abstract&study={other}")
        # since test_web_left_review: said at once, with no vote buttons to press first
        assert page.locator("button[value=include]").count() == 0
        said = page.inner_text("#not-yours")
        page.screenshot(path=str(SHOTS / "not-assigned-390.png"), full_page=True)
        assert "not in your queue at title/abstract" in said and "assigned to other screeners" in said, said
        assert "`" not in said and "screener next" not in said and "title_abstract" not in said, said
        page.close()


@pytest.mark.browser
def test_new_link_asks_before_it_stops_the_reviewers_current_link(browser, review):
    """Before: a click on New link (beside Revoke, which asks first) at once replaced the reviewer's
    link: a slip of the finger signed them out and stopped the link they had, with nothing asked."""
    ws, _, tokens = review
    before = ws.db.execute("SELECT count(*) FROM reviewer_tokens").fetchone()[0]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/owner/reviewers")
        asked = []
        page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
        page.locator("tr", has_text="alice").locator("button:has-text('New link')").click()
        page.wait_for_timeout(300)
        assert asked and "alice" in asked[0] and "stops working" in asked[0], asked
        assert ws.db.execute("SELECT count(*) FROM reviewer_tokens").fetchone()[0] == before
        page.once("dialog", lambda d: d.accept())
        page.locator("tr", has_text="alice").locator("button:has-text('New link')").click()
        page.wait_for_selector("input[value*='signin?token=']")
        assert ws.db.execute("SELECT count(*) FROM reviewer_tokens").fetchone()[0] == before + 1
        page.close()


@pytest.mark.browser
def test_the_agreement_download_names_stages_and_screeners_as_the_pages_do(browser, review):
    """Before: the Exports page's 'Agreement between screeners' file read 'title_abstract:' and
    'full_text:' (the stages' codes) and named screeners by their sign-in names ('alice × bob')
    while every page showed the names they were given ('Alice Smith')."""
    ws, studies, tokens = review
    set_display_name(ws, "alice", "Alice Smith", actor="olivia")
    for sid in studies[:2]:
        cast_vote(ws, "alice", sid, "title_abstract", "include")
        cast_vote(ws, "bob", sid, "title_abstract", "include")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/owner/exports")
        with page.expect_download() as download:
            page.click("a:has-text('Agreement between screeners')")
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert "title_abstract" not in text and "full_text" not in text, text
        assert text.startswith("Title/abstract:") and "Full text:" in text, text
        assert "Alice Smith × bob: 2 studies" in text and "alice" not in text.replace("Alice", ""), text
        page.close()


@pytest.mark.browser
def test_excluding_every_selected_study_asks_first(browser, review):
    """Before: 'Exclude before screening' on the Studies page excluded every study the filter
    selected (all of them, with no filter) at one click, nothing asked."""
    ws, _, tokens = review
    before = ws.db.execute("SELECT count(*) FROM resolutions").fetchone()[0]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 1280)
        page.goto(f"{base}/studies")
        page.click("#bulk summary")
        page.select_option("#bulk-exclude select[name=reason]", "out of scope")
        asked = []
        page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
        page.click("#bulk-exclude-go")
        page.wait_for_timeout(300)
        assert asked and "6 selected studies" in asked[0] and "out of scope" in asked[0], asked
        assert ws.db.execute("SELECT count(*) FROM resolutions").fetchone()[0] == before
        page.once("dialog", lambda d: d.accept())
        page.click("#bulk-exclude-go")
        page.wait_for_load_state()
        assert "Excluded 6 of the 6 selected studies" in page.inner_text(".flashes")
        page.close()


@pytest.mark.browser
def test_a_pubmed_search_is_named_by_what_it_searched_not_by_its_job_number(browser, review):
    """Before: the search under Search PubMed read 'complete Job 743a707fa39a06e2: MEDLINE main v1'
    (the job's random id, which the searcher has no use for)."""
    ws, _, _ = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MEDLINE main", "1. exp Chronic Pain/\n2. qualitative.tw.\n3. 1 and 2\n", actor="sam")
    xml = sorted(p for p in (FIXTURES.parent / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)
    standin = EutilsStandin(xml, enforce_rate=False)
    standin.start()
    try:
        with serving(ws.path) as base:
            page = signed_in_page(browser, base, sam, 390)
            page.goto(f"{base}/workbench")
            page.wait_for_selector("#search-button:not([disabled])")
            page.fill("#eutils-url", standin.url)
            page.click("#search-button")
            page.wait_for_selector("#job-state.complete", timeout=60_000)
            head = page.locator("#job p").first
            said = head.inner_text()
            assert "MEDLINE main v1" in said and "Job" not in said, said
            assert not re.search(r"\b[0-9a-f]{12,}\b", said), said
            job = ws.db.execute("SELECT job_id FROM search_job_events ORDER BY id LIMIT 1").fetchone()[0]
            assert job in (head.get_attribute("title") or ""), head.get_attribute("title")
            page.close()
    finally:
        standin.stop()


@pytest.mark.browser
def test_the_check_before_importing_gives_each_warning_in_words(browser, review):
    """Before: each warning under a file read 'empty_values.ris:7 (record 2) — record has no title
    (TI/T1) (no_title)': a programmer's file:line and the importer's code at the end."""
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/owner/imports")
        page.set_input_files("#files", str(FIXTURES / "asreview__baseline_empty_values.ris"))
        page.click("#check-files")
        page.wait_for_selector("#confirm-form")
        items = page.locator("ul.warnings li")
        said = items.all_inner_texts()
        assert said and all("record has no title" in s and "no_title" not in s for s in said), said
        assert items.first.get_attribute("title") == "no_title"
        assert "asreview__baseline_empty_values.ris, line 7 (record 2) — record has no title" in said[0], said
        page.close()
