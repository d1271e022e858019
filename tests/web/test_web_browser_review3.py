"""What a user-level review of the web app in headless Chromium found (owner, information specialist,
screeners): each test is a defect as a person saw it, written before its fix."""

from __future__ import annotations

import re

import pytest
from web_helpers import serving, serving_with_reasons, signed_in_page

pytestmark = pytest.mark.browser

REASONS = ["out of scope", "not qualitative", "wrong population", "not in English"]


def test_the_owners_own_row_and_a_signed_in_reviewer_are_not_said_to_be_not_signed_in(browser, review):
    """The owner, signed in and looking at the reviewers page, read 'not signed in yet' on their own
    row (only votes and other events counted as activity; a sign-in did not)."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        alice = signed_in_page(browser, server, tokens["alice"], 1280)      # signs in, does nothing else
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/reviewers")
        mine = owner.inner_text("#reviewer-olivia")
        assert "(you)" in mine and "not signed in yet" not in mine and "active" in mine, mine
        assert "not signed in yet" not in owner.inner_text("#reviewer-alice")
        assert "not signed in yet" in owner.inner_text("#reviewer-bob")         # bob never signed in
        alice.close()
        owner.close()


def _workbench(browser, server: str, token: str, width: int, height: int = 720):
    page = signed_in_page(browser, server, token, width)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/workbench")
    return page


def test_the_workbench_with_table1_is_not_thousands_of_pixels_tall(browser, review):
    """With Table 1 as published pasted, the workbench page was about 6,200 px tall at 1280x720 (every
    target's translation open, one under the other), so Saved versions, Test and Search PubMed began
    below 5,000 px, out of anyone's sight. Translations are now one line each (name, badge, Copy,
    Download) and open on a click, remembered per browser; links at the top reach every section."""
    from pathlib import Path

    from screener.query import TARGETS
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    table1 = (Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "table1_medline_as_published.txt").read_text(
        encoding="utf-8")
    with serving_with_reasons(ws, REASONS) as server:
        page = _workbench(browser, server, sam, 1280)
        page.fill("#text", table1)
        page.wait_for_selector(f".tcard >> nth={len(TARGETS) - 1}", timeout=15_000)
        page.wait_for_function("() => document.getElementById('check-summary').textContent.includes('errors')")
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 2600, f"the workbench is {height} px tall with Table 1"
        print(f"workbench with Table 1: {height} px tall at 1280x720")
        # every target is there, PubMed's query shown, the others a click away
        assert page.locator(".tcard").count() == len(TARGETS)
        assert page.locator('.tcard[data-target="pubmed"] pre.query').is_visible()
        embase = page.locator('.tcard[data-target="ovid-embase"]')
        assert not embase.locator("pre.query").is_visible()
        assert embase.locator("button.copy").is_visible()                  # copy without opening
        embase.locator("summary").first.click()
        assert embase.locator("pre.query").is_visible()
        page.reload()
        page.fill("#text", table1)
        page.wait_for_selector(f".tcard >> nth={len(TARGETS) - 1}", timeout=15_000)
        assert page.locator('.tcard[data-target="ovid-embase"] pre.query').is_visible()   # remembered
        # the sections are reachable from the top of the page
        page.evaluate("window.scrollTo(0, 0)")
        page.click("#wb-jump a[href='#pubmed-panel']")
        page.wait_for_function("() => { const top = document.getElementById('pubmed-panel').getBoundingClientRect().top;"
                              " return top >= 0 && top < innerHeight - 200; }")
        page.close()


OFF_SCREEN = """() => { const w = document.documentElement.clientWidth; const out = [];
  const clipped = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= w + 1) return true; }
    return false; };
  for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1 && !clipped(e)) out.push(`${e.tagName}#${e.id}.${e.className} ${Math.round(r.right)}`); }
  return out; }"""  # elements past the right edge of the screen, but for those an on-screen box clips


def test_the_workbench_with_table1_fits_a_phone(browser, review):
    """At 390 px, pasting Table 1 as published made the page 858 px wide (the one-column layout's
    column grew to the longest problem excerpt, so the editor and everything in it ran off the
    screen); the PubMed job's counts (four label/number pairs a row) and the saved versions' table
    were past the right edge too."""
    from pathlib import Path

    from screener.query import TARGETS
    from screener.search.standin import EutilsStandin
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    table1 = (Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "table1_medline_as_published.txt").read_text(
        encoding="utf-8")
    with serving_with_reasons(ws, REASONS) as server:
        page = _workbench(browser, server, sam, 390, 800)
        page.fill("#text", table1)
        page.wait_for_selector(f".tcard >> nth={len(TARGETS) - 1}", timeout=15_000)
        page.fill("#save-name", "MEDLINE as published")
        page.fill("#save-note", "Table 1 exactly as printed, before any fix")
        page.click("#save")
        page.wait_for_selector("#versions tbody tr")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate(OFF_SCREEN) == []
        # a PubMed search (the local E-utilities stand-in) and its counts
        files = sorted(p for p in (Path(__file__).resolve().parents[2] / "fixtures" / "records" / "pubmed-xml")
                       .glob("*.xml") if "Malformed" not in p.name)
        standin = EutilsStandin(files, enforce_rate=False)
        standin.start()
        try:
            page.fill("#text", "1. pain.ti,ab.\n2. qualitative.ti,ab.\n3. 1 or 2\n")
            page.click("#save")
            page.wait_for_selector("#versions tbody tr >> nth=1")
            page.fill("#eutils-url", standin.url)
            page.click("#search-button")
            page.wait_for_selector(".jobstate.complete", timeout=30_000)
        finally:
            standin.stop()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate(OFF_SCREEN) == []
        page.close()


def test_the_web_app_never_sends_its_users_to_a_terminal(browser, review, tmp_path):
    """The owner who chose a PDF on the imports page was told to 'attach full texts with `screener
    fulltext`', one who chose a saved E-utilities answer to 'use `screener search pubmed`', and the
    information specialist's PubMed search log said 'no --email given ... (or set $NCBI_EMAIL)':
    commands and options of a terminal the web user may not have. Each now names the page or field."""
    from pathlib import Path

    from screener.search.standin import EutilsStandin
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    repo = Path(__file__).resolve().parents[2]
    pdf = tmp_path / "smith-2019.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    with serving_with_reasons(ws, REASONS) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        for upload, says in ((pdf, "full-text screening page"),
                             (repo / "fixtures" / "eutils" / "biopython__esearch1.xml", "Search strategies")):
            owner.goto(f"{server}/owner/imports")
            owner.set_input_files("#files", str(upload))
            owner.click("#check-files")
            owner.wait_for_selector("#error, .error-message")
            message = owner.inner_text(".error-message")
            assert upload.name in message and says in message, message
            assert "`" not in message and "screener " not in message, message
        answer = owner.goto(f"{server}/fulltext/{studies[0]}")            # no PDF attached yet
        assert answer.status == 404
        assert "full-text screening page" in owner.inner_text("main") and "`" not in owner.inner_text("main")
        owner.close()

        files = sorted(p for p in (repo / "fixtures" / "records" / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)
        standin = EutilsStandin(files, enforce_rate=False)
        standin.start()
        try:
            page = _workbench(browser, server, sam, 1280)
            page.fill("#text", "1. pain.ti,ab.\n2. qualitative.ti,ab.\n3. 1 and 2\n")
            page.fill("#save-name", "MEDLINE main")
            page.click("#save")
            page.wait_for_selector("#versions tbody tr")
            page.fill("#eutils-url", standin.url)
            page.click("#search-button")                     # no email given
            page.wait_for_selector(".jobstate.complete", timeout=30_000)
        finally:
            standin.stop()
        log = page.inner_text("#job")
        assert "Email for NCBI" in log, log
        assert "--email" not in log and "$NCBI_EMAIL" not in log, log
        page.close()


def test_a_file_imported_twice_is_refused_in_the_pages_words(browser, review, monkeypatch):
    """Choosing an export already imported, under a server started with a relative folder (`screener
    serve --root reviews`), the owner read 'this file was already imported (import 1 of
    /home/…/scopus.ris at 2026-12-06T21:52:47.606970+00:00, 10 records); send again=true to import
    it a second time': a path on the server, a raw timestamp and an API field the page has no way to
    send. The page now says which import has it, when, and what to do instead."""
    from pathlib import Path

    ws, studies, tokens = review
    export = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris" / \
        "citation-file-formatting___baseline_scopus.ris"
    monkeypatch.chdir(ws.path.parent)
    with serving(Path(ws.path.name)) as server:         # as `serve` is given it: relative
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        for attempt in range(2):
            owner.goto(f"{server}/owner/imports")
            owner.set_input_files("#files", str(export))
            owner.click("#check-files")
            if attempt == 0:
                owner.wait_for_selector("#preview")
                owner.locator("#confirm-form input[name=database]").fill("Scopus")
                owner.click("#confirm-import")
                owner.wait_for_url(f"{server}/owner/imports")
        owner.wait_for_selector(".error-message")
        message = owner.inner_text(".error-message")
        assert message.startswith(f"{export.name}: this file was already imported (import 1"), message
        assert "/" not in message.split(":", 1)[1].replace("/owner", ""), message      # no path on the server
        assert "again=true" not in message and not re.search(r"\d{4}-\d\d-\d\dT", message), message
        assert "Correct database or search details" in message, message
        owner.close()


def test_run_on_the_reviews_records_names_the_review_not_a_folder_on_the_server(browser, review, tmp_path):
    """'Run: hits per line' answered 'MEDLINE main v2 over 73 source records of the review
    reviews/toye' (the server's folder), and in a review without records '/srv/…/toye: the workspace
    has no source records yet (`screener import` or `screener search pubmed` first)'. The page now
    names the review by its title and says where to import."""
    from screener import Workspace
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    empty = Workspace.init(tmp_path / "empty-review", title="Empty review")
    empty_owner = add_reviewer(empty, "olga", "owner")[1]
    empty.close()
    sam = add_reviewer(ws, "sam", "searcher")[1]
    strategy = "1. pain.ti,ab.\n2. qualitative.ti,ab.\n3. 1 and 2\n"
    with serving_with_reasons(ws, REASONS) as server:
        page = _save_and_run(browser, server, sam, strategy, "#run-result table.history")
        said = page.inner_text("#run-result")
        assert "source records of the review “Web test review”" in said, said
        assert str(ws.path.parent) not in said, said
        page.close()
    with serving(tmp_path / "empty-review") as server:
        page = _save_and_run(browser, server, empty_owner, strategy, "#run-result .error-message")
        said = page.inner_text("#run-result")
        assert "no source records yet" in said and "Imports" in said, said
        assert "`" not in said and "empty-review" not in said, said
        page.close()


def _save_and_run(browser, server: str, token: str, strategy: str, answer: str):
    """The strategy pasted into the workbench, saved as a version and run on the review's records;
    returns the page once ``answer`` (a selector) shows."""
    page = _workbench(browser, server, token, 1280)
    page.fill("#text", strategy)
    page.fill("#save-name", "MEDLINE main")
    page.click("#save")
    page.wait_for_selector("#versions tbody tr")
    page.click("#run-button")
    page.wait_for_selector(answer)
    return page


def test_adding_a_reviewer_who_exists_keeps_what_was_typed(browser, review):
    """Adding 'alice' as an arbiter when a screener alice exists was refused (409, rightly), but the
    form came back empty with the role reset to screener: the owner typed it all again to fix one
    letter. The name and role stay, and the field has the focus."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/reviewers")
        owner.fill("#new-name", "alice")
        owner.select_option("#new-role", "arbiter")
        with owner.expect_navigation() as answer:
            owner.click("#add-reviewer-button")
        assert answer.value.status == 409
        assert "already exists" in owner.inner_text(".error-message")
        assert owner.input_value("#new-name") == "alice"
        assert owner.input_value("#new-role") == "arbiter"
        assert owner.evaluate("document.activeElement.id") == "new-name"
        owner.close()


def test_a_new_reviews_owner_is_told_where_to_start(browser, tmp_path):
    """The owner of a review just created landed on '0 studies at this stage, 2 votes each ... Screen
    title/abstract' and nothing said that exports are imported (or PubMed searched) and reviewers
    invited under Manage first. Until there are studies the page lists those steps, with links."""
    from screener import Workspace
    from screener.workspace.reviewers import add_reviewer

    ws = Workspace.init(tmp_path / "new-review", title="New review")
    owner_token = add_reviewer(ws, "olga", "owner")[1]
    screener_token = add_reviewer(ws, "sid", "screener")[1]
    ws.close()
    with serving(tmp_path / "new-review") as server:
        owner = signed_in_page(browser, server, owner_token, 1280)
        steps = owner.locator("#first-steps")
        assert steps.is_visible()
        for href in ("/owner/imports", "/workbench", "/owner/dedupe", "/owner/reviewers", "/owner/settings"):
            assert steps.locator(f"a[href$='{href}']").count() == 1, href
        owner.close()
        sid = signed_in_page(browser, server, screener_token, 1280)           # a screener: nothing to do yet
        assert sid.locator("#first-steps").count() == 0
        assert "no studies to screen yet" in sid.inner_text("main")
        sid.close()


def test_the_add_reviewer_form_explains_every_role_it_offers(browser, review):
    """The role list offers screener, arbiter, owner and searcher, but the line under it explained
    only the first three: the owner inviting an information specialist could not tell what
    'searcher' may do."""
    from screener.workspace.reviewers import ROLES

    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/reviewers")
        offered = owner.eval_on_selector_all("#new-role option", "os => os.map(o => o.value)")
        assert set(offered) == set(ROLES)
        hint = owner.inner_text("#add-reviewer .hint")
        for role in offered:
            assert role in hint.lower(), (role, hint)
        owner.close()


def test_the_sign_in_page_speaks_to_a_reviewer_not_to_a_terminal(browser, review):
    """A screener whose session had ended was sent to a sign-in page saying 'Use the sign-in link the
    review's owner gave you (`screener reviewers link` prints one)': a command for a terminal the
    screener does not have (the owner makes links on the Reviewers page)."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(f"{server}/screen?stage=title_abstract")
        page.wait_for_selector("#signin")
        said = page.inner_text("main")
        assert "screener reviewers" not in said and "`" not in said, said
        assert "owner" in said and "link" in said, said
        page.close()



def test_signing_in_returns_to_the_page_asked_for(browser, review):
    """A screener who opened a study's page (a link from the arbiter, a bookmark, a session that had
    ended) was sent to sign in and then to the start page: the study asked for was lost. After
    signing in they are on that page; an address off this review is not followed."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        wanted = f"/screen?stage=title_abstract&study={studies[2]}"
        page.goto(server + wanted)
        page.wait_for_selector("#signin")
        page.fill("#token", tokens["alice"])
        page.click("#signin")
        page.wait_for_url(server + wanted)
        assert f"Study {studies[2]}" in page.inner_text("main")
        page.close()
        for elsewhere in ("//example.org/x", "https://example.org/", "/\\example.org"):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{server}/signin?next={elsewhere}")
            page.fill("#token", tokens["bob"])
            page.click("#signin")
            page.wait_for_url(f"{server}/")
            page.close()


def test_the_owners_menu_stays_on_one_line_at_laptop_width(browser, review):
    """With a real review's title ('Healthcare professionals treating chronic pain: meta-ethnography')
    the owner's menu wrapped onto three rows at 1280x720 (the title kept 30rem, the eight links got
    what was left): a 94 px header over every page, abstract lines lost on the screening page. The
    title gives way (cut with an ellipsis, whole on hover) and the menu keeps one row."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        toml = ws.path / "review.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace(
            'title = "Web test review"',
            'title = "Healthcare professionals treating chronic pain: meta-ethnography"'), encoding="utf-8")
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.set_viewport_size({"width": 1280, "height": 720})
        owner.goto(f"{server}/screen?stage=title_abstract")
        tops = owner.eval_on_selector_all(".top nav a", "as => as.map(a => Math.round(a.getBoundingClientRect().top))")
        assert len(tops) == 7 and len(set(tops)) == 1, tops      # (7: 'My votes' was the same page as Studies)
        height = owner.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
        assert height < 50, height
        title = owner.locator(".top .review")
        assert title.get_attribute("title") == "Healthcare professionals treating chronic pain: meta-ethnography"
        assert title.bounding_box()["width"] > 100                      # still there, cut short
        owner.close()



def test_an_owner_who_may_not_vote_under_blind_mode_is_told_so_in_the_pages_words(browser, review):
    """Under blind mode with two screeners, the owner's home page offered 'Screen title/abstract' and
    the menu's Title/abstract; both led to a 403 page saying 'resolve conflicts with `screener
    resolve`, or set blind = false in review.toml' — a terminal and a file on the server. The home
    page now says why there is nothing for them to screen, and the 403 names the Conflicts page and
    Settings. A searcher who opened the screening page was told 'arbiters do not screen'."""
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving_with_reasons(ws, REASONS) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        home = owner.inner_text("main")
        assert "Screen title/abstract" not in home and "Screen full text" not in home, home
        assert "Under blind mode" in home and "Conflicts" in home, home
        answer = owner.goto(f"{server}/screen?stage=title_abstract")
        assert answer.status == 403
        said = owner.inner_text("main")
        assert "Conflicts page" in said and "Settings" in said, said
        assert "`" not in said and "review.toml" not in said, said
        owner.close()
        searcher = signed_in_page(browser, server, sam, 1280)
        answer = searcher.goto(f"{server}/screen?stage=title_abstract")
        assert answer.status == 403
        said = searcher.inner_text("main")
        assert "arbiter" not in said and "searcher" in said and "Search strategies" in said, said
        searcher.close()


def test_the_dashboard_tables_fit_a_phone(browser, review):
    """At 390 px the dashboard's progress table (Reviewer, Role, Voted, Remaining, Awaiting decision,
    In conflict: 531 px) and its agreement table (nine columns, 740 px) scrolled sideways inside a
    346 px panel: 'Remaining' cut at the edge and the columns after it, kappa and AC1 among them,
    out of sight with nothing saying they were there. On phones each row is a card whose values
    are labelled."""
    from screener.workspace.screening import cast_vote

    ws, studies, tokens = review
    for who, vote in (("alice", "include"), ("bob", "exclude")):
        cast_vote(ws, who, studies[0], "title_abstract", vote)
    for who in ("alice", "bob"):
        cast_vote(ws, who, studies[1], "title_abstract", "include")
    with serving_with_reasons(ws, REASONS) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 390)
        owner.goto(f"{server}/dashboard")
        assert owner.evaluate("document.documentElement.scrollWidth") <= 390
        assert owner.evaluate(OFF_SCREEN) == []
        sideways = owner.evaluate("() => [...document.querySelectorAll('main table')]"
                                  ".filter(t => t.scrollWidth > t.clientWidth + 1).length")
        assert sideways == 0
        for label in ("Remaining", "In conflict", "Cohen's κ", "Gwet's AC1"):   # each value says what it is
            cell = owner.locator(f'td[data-label="{label}"]').first
            assert cell.is_visible(), label
            assert owner.evaluate("c => getComputedStyle(c, '::before').content", cell.element_handle()) == f'"{label}: "'
        owner.close()
