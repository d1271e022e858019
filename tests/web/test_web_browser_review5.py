"""What the session-7 user-level review of the web app in headless Chromium found (the owner's whole
journey, the information specialist's, at 1280x720, 1024x768 and 390x844), and the three defects
session 6 left: each test is a defect as a person saw it, written before its fix. Screenshots go to
tests/artifacts/web/review5/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, serving, serving_root, serving_with_reasons, signed_in_page

from screener.workspace.root import create_review, mint_root_token
from screener.workspace.screening import cast_vote

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "review5"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "records"
CINAHL = FIXTURES / "ris/citation-file-formatting___baseline_cinahl.ris"

# what lies past the right edge of the viewport, cells of a table included (a table that scrolls
# sideways inside its panel does not widen the page, but its last columns are out of sight)
OFF_SCREEN = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().width > 0)
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 40))"""


def _shot(page, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full)


def test_the_import_preview_on_a_phone_shows_every_column(browser, review):
    """At 390x844 the import preview's table (File, Format, Encoding, Records, Database(s),
    Warnings) scrolled sideways inside its panel: 'Records' and the database cut off at the screen's
    edge, the number of warnings out of sight, with nothing showing they were there — the numbers
    the owner is asked to check before importing. On a phone each file is a card, its values
    labelled, as the dashboard's and the reviewers' tables are."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 390)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{server}/owner/imports")
        page.set_input_files("#files", str(CINAHL))
        page.click("#check-files")
        page.wait_for_selector("#preview")
        _shot(page, "import-preview-390.png", full=True)
        hidden = page.evaluate(OFF_SCREEN, "#preview table, #preview th, #preview td")
        assert hidden == [], hidden
        card = page.eval_on_selector_all(      # what a reader sees: each value after its ::before label
            "#preview tr.preview-file td",
            "tds => tds.map(td => (getComputedStyle(td, '::before').content.replace(/^\"|\"$/g, '')"
            ".replace(/^none$/, '')) + td.innerText).join(' | ')")
        for said in ("citation-file-formatting___baseline_cinahl.ris", "Format: RIS", "Records: 9", "Warnings: 0"):
            assert said in card, card
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.set_viewport_size({"width": 1280, "height": 720})           # a laptop keeps its table
        assert page.locator("#preview thead").is_visible()
        page.close()


REASONS = ["out of scope", "not qualitative or limited qualitative data", "methodological report",
           "wrong population: not healthcare professionals treating adults"]


def test_the_full_text_vote_bar_is_not_squeezed_at_1024_px(browser, review):
    """At 1024x768 the full-text vote bar gave its top row to the reason list, as wide as its longest
    reason (504 px), and squeezed the note into what was left (244 px, its hint cut at the edge),
    while the row of vote buttons below used less than two thirds of the width. The note now sits
    beside the buttons and the reason list keeps its width: nothing in the bar is squeezed."""
    ws, studies, tokens = review
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")
    with serving_with_reasons(ws, REASONS) as server:
        for width, height in ((1024, 768), (1280, 720)):
            page = signed_in_page(browser, server, tokens["bob"], width)
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{server}/screen?stage=full_text")
            page.select_option("#reason", REASONS[3])
            _shot(page, f"full-text-bar-{width}.png")
            note = page.locator("#note").bounding_box()
            assert note["width"] >= 320, (width, note)
            hint = page.locator("#note").evaluate(
                "el => { const c = document.createElement('canvas').getContext('2d'); const s = getComputedStyle(el);"
                " c.font = `${s.fontSize} ${s.fontFamily}`; return c.measureText(el.placeholder).width; }")
            assert hint + 20 <= note["width"], (width, hint, note)
            reason = page.locator("#reason").bounding_box()
            assert reason["width"] >= 430, (width, reason)                       # the reason reads whole
            boxes = [page.locator(s).bounding_box() for s in ("#vote-include", "#vote-exclude", "#vote-maybe",
                                                               "#skip", "#undo", "#reason", "#note")]
            assert all(b["x"] >= 0 and b["x"] + b["width"] <= width for b in boxes), (width, boxes)
            bar = page.locator("#votebar").bounding_box()
            assert bar["height"] <= 110, (width, bar)                          # not taller than it was
            padding = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).paddingBottom)")
            assert bar["height"] <= padding, (bar, padding)
            page.close()


# the selected option's text against the room the select gives it (its width less padding and arrow)
CLIPPED = """el => {
  const style = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = ctx.measureText(el.options[el.selectedIndex].text).width;
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
  return {text, room};
}"""


def test_the_title_abstract_reason_and_note_are_not_squeezed(browser, review):
    """At title/abstract the bar kept one row at every laptop width: at 1024x768 the reason list was
    40 px wide (a chosen reason showed as '—' or nothing at all) and the note 90 px; at 1280 the
    list had 88 px, '1. out of scope' cut. Below 1280 px the bar now takes the full-text layout
    (the reason's row above the buttons, the note beside them); from 1280 px the list is as wide as
    its reasons as far as a 12rem note field lets it (a short reason reads whole; at title/abstract a
    reason is optional, and the bar keeps one row to leave the height to the abstract)."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        for width, height, readable in ((1024, 768, REASONS), (1280, 720, REASONS[:1])):
            page = signed_in_page(browser, server, tokens["alice"], width)
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{server}/screen?stage=title_abstract")
            for reason in readable:
                page.select_option("#reason", reason)
                room = page.locator("#reason").evaluate(CLIPPED)
                assert room["text"] <= room["room"], (width, reason, room)
            _shot(page, f"title-abstract-bar-{width}.png")
            note = page.locator("#note").bounding_box()
            assert note["width"] >= (320 if width < 1280 else 192), (width, note)
            boxes = [page.locator(s).bounding_box() for s in ("#vote-include", "#undo", "#reason", "#note")]
            assert all(b["x"] >= 0 and b["x"] + b["width"] <= width for b in boxes), (width, boxes)
            bar = page.locator("#votebar").bounding_box()
            padding = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).paddingBottom)")
            assert bar["height"] <= padding, (bar, padding)
            page.close()


def test_undo_is_disabled_with_a_reason_before_any_vote(browser, review):
    """A screener who had not voted at a stage saw Undo enabled; pressing it (or U) sent them through
    a page load to 'You have no vote to undo at this stage'. Undo is now disabled until they vote,
    and says why on hover and to a screen reader; U says it on the page."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        for width in (1280, 390):
            page = signed_in_page(browser, server, tokens["alice"], width)
            page.goto(f"{server}/screen?stage=title_abstract")
            undo = page.locator("#undo")
            assert undo.is_disabled()
            why = "You have not voted at this stage yet: there is no vote to undo."
            assert undo.get_attribute("title") == why
            described = undo.get_attribute("aria-describedby")
            assert described and page.locator(f"#{described}").inner_text() == why
            loads: list[str] = []
            page.on("request", lambda r, loads=loads: loads.append(r.url) if r.resource_type == "document" else None)
            page.keyboard.press("u")
            page.wait_for_timeout(300)
            assert loads == [] and page.inner_text("#client-message") == why
            page.click("#vote-include")
            page.wait_for_selector(".flash")
            assert not page.locator("#undo").is_disabled()
            assert page.locator("#undo").get_attribute("aria-describedby") is None
            page.click("#undo")
            page.wait_for_selector(".flash")
            assert "withdrawn" in page.inner_text(".flash")
            page.close()
        # the full-text stage: no vote there yet, though one at title/abstract
        for name in ("alice", "bob"):
            cast_vote(ws, name, studies[0], TA, "include")
        page = signed_in_page(browser, server, tokens["alice"], 1024)
        page.goto(f"{server}/screen?stage=full_text")
        assert page.locator("#undo").is_disabled()
        page.close()


def test_creating_a_review_lands_in_it_without_another_click(browser, tmp_path):
    """The server's owner created a review and was shown a sign-in page with one button, 'Open the
    review', before reaching it: a click that asked nothing. Creating (and 'Open as owner') now
    signs them in to the review at once: a new review opens on its Getting started steps, an
    existing one on its dashboard; the owner's token never appears in the address bar."""
    root = tmp_path / "reviews"
    root.mkdir()
    ws, _ = create_review(root, "older", "An older review")
    ws.close()
    with serving_root(root) as server:
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 844 if width == 390 else 720})
            page = context.new_page()
            page.goto(f"{server}/signin?token={mint_root_token(root)}")
            page.click("#signin")
            page.wait_for_selector("#create-form")
            slug = f"pain-{width}"
            page.fill("#new-title", f"Chronic pain at {width}")
            page.fill("#new-slug", slug)
            seen: list[str] = []
            page.on("framenavigated",
                    lambda frame, seen=seen, page=page: seen.append(frame.url) if frame == page.main_frame else None)
            page.click("#create-review")
            page.wait_for_url(f"{server}/r/{slug}/")
            _shot(page, f"created-{width}.png")
            assert not any("/signin" in url for url in seen), seen
            assert page.locator("#first-steps").is_visible()
            flash = page.inner_text(".flash")
            assert f"Review “Chronic pain at {width}” created" in flash, flash
            assert "Review owner" in page.inner_text("header.top")     # (session 9: not root-owner)
            page.goto(f"{server}/")
            page.locator("#review-older button").click()
            page.wait_for_url(f"{server}/r/older/dashboard")
            assert "Dashboard" in page.inner_text("main")
            context.close()


STRATEGY = "1. exp Chronic Pain/\n2. (qualitative or interview*).tw.\n3. (experience* adj3 pain).ti,ab.\n4. 1 and (2 or 3)"


def test_the_strategy_being_written_survives_leaving_the_page(browser, review):
    """The information specialist wrote a strategy in Search strategies, followed a menu link (or
    reloaded, or the browser restored the tab) before saving it, and came back to an empty editor:
    the text was gone. Even after saving, coming back showed an empty editor and 'Every database's
    translation appears here' until they found 'Open' on a version. The editor now keeps what was
    being written in this browser (saying it is not saved), and otherwise opens the newest saved
    version of the chosen strategy."""
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, sam, 1280)
        page.goto(f"{server}/workbench")
        page.fill("#text", STRATEGY)
        page.wait_for_selector("#check-summary:has-text('4 lines read')")
        page.click("text=Search strategies")            # the menu, by mistake, then back
        page.goto(f"{server}/")
        page.go_back()
        page.wait_for_url(f"{server}/workbench")
        page.wait_for_selector("#check-summary:has-text('4 lines read')")
        assert page.input_value("#text") == STRATEGY
        assert "Not saved as a version" in page.inner_text("#draft-note")
        _shot(page, "workbench-draft-kept.png")
        page.fill("#save-name", "MEDLINE main")
        page.click("#save")
        page.wait_for_selector("#save-status:has-text('Saved MEDLINE main v1')")
        page.reload()
        page.wait_for_selector("#check-summary:has-text('4 lines read')")
        assert page.input_value("#text") == STRATEGY
        assert "Not saved" not in page.inner_text("#draft-note")      # saved: nothing to warn about
        page.close()
        # another browser: the draft, kept with the review since session 9, is that saved version
        other = signed_in_page(browser, server, sam, 390)
        other.goto(f"{server}/workbench")
        other.wait_for_selector("#check-summary:has-text('4 lines read')")
        assert other.input_value("#text") == STRATEGY
        assert "MEDLINE main v1" in other.inner_text("#draft-note")
        other.close()


# a table cell's text wider than the room inside the cell (it runs into the next column)
CELL_OVERFLOW = """cells => cells.filter(c => c.getClientRects().length).map(c => {
  const r = document.createRange(); r.selectNodeContents(c);
  const s = getComputedStyle(c);
  const room = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  return [c.textContent.trim(), Math.round(r.getBoundingClientRect().width), Math.round(room)];
}).filter(([, text, room]) => text > room + 0.5)"""


def test_saved_versions_on_a_phone_do_not_run_into_each_other(browser, review):
    """At 390 px the Saved versions table's headings ran into each other ('FromTo', 'VersionSaved'):
    columns of 35 and 42 px for words 38 and 52 px wide. Every heading fits its column."""
    from screener.workspace.reviewers import add_reviewer
    from screener.workspace.strategies import save_strategy

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MEDLINE main", STRATEGY, actor="sam", note="first draft")
    save_strategy(ws, "MEDLINE main", STRATEGY + "\n5. limit 4 to english language", actor="sam", note="English only")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, sam, 390)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{server}/workbench")
        page.wait_for_selector("#versions tbody tr >> nth=1")
        page.locator("#saved-panel").scroll_into_view_if_needed()
        _shot(page, "saved-versions-390.png")
        assert page.eval_on_selector_all("#versions th, #versions td", CELL_OVERFLOW) == []
        assert page.evaluate(OFF_SCREEN, "#versions, #versions th, #versions td, #versions button") == []
        page.close()


def test_the_import_preview_points_at_its_own_form(browser, review, tmp_path):
    """Checking an export whose records name no database, the preview said 'give the database
    searched ('Correct database or search details' on the import)' — a link that is on the page of
    an import already made, not on the preview, whose 'Database searched' field is right below.
    The preview's hint now names that field."""
    ws, studies, tokens = review
    export = tmp_path / "embase.ris"
    export.write_text("TY  - JOUR\nTI  - Pain narratives\nAU  - Smith, J\nPY  - 2020\nER  - \n", encoding="utf-8")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 1280)
        page.goto(f"{server}/owner/imports")
        page.set_input_files("#files", str(export))
        page.click("#check-files")
        page.wait_for_selector("#preview")
        said = page.inner_text("#preview")
        assert "Correct database or search details" not in said, said
        assert "embase.ris: the records do not say which database they came from; give the database searched " \
               "in 'Database searched' below" in said, said
        assert page.locator("#confirm-form input[name=database]").is_visible()
        page.close()


def test_the_search_log_reads_whole_and_the_prisma_svg_is_named_after_the_review(browser, review, tmp_path):
    """Two things the owner and the information specialist met at the end of their journeys: the
    PubMed search's log cut its lines at the panel's edge ('NCBI asks every E-utilities user for
    one (f' — the advice to fill in 'Email for NCBI' unreadable without scrolling the log sideways,
    at 1280 px as on a phone); and the PRISMA diagram's SVG downloaded as 'prisma.svg' while every
    other download is named after the review (two reviews' diagrams collided in one folder)."""
    from screener.search.standin import EutilsStandin
    from screener.workspace.reviewers import add_reviewer
    from screener.workspace.strategies import save_strategy

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MEDLINE main", STRATEGY, actor="sam")
    standin = EutilsStandin(sorted(p for p in (FIXTURES / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name),
                            enforce_rate=False)
    standin.start()
    try:
        with serving(ws.path) as server:
            for width in (1280, 390):
                page = signed_in_page(browser, server, sam, width)
                page.goto(f"{server}/workbench")
                page.wait_for_selector("#search-button:not([disabled])")
                page.fill("#eutils-url", standin.url)
                page.click("#search-button")
                page.wait_for_selector("#job-state.complete", timeout=60_000)
                log = page.locator("#job pre.joblog")
                assert "NCBI asks every E-utilities user for one" in log.inner_text()
                page.locator("#pubmed-panel").scroll_into_view_if_needed()
                _shot(page, f"search-log-{width}.png")
                sizes = log.evaluate("e => [e.scrollWidth, e.clientWidth]")
                assert sizes[0] <= sizes[1], (width, sizes)
                page.close()
            owner = signed_in_page(browser, server, tokens["olivia"], 1280)
            owner.goto(f"{server}/owner/exports")
            with owner.expect_download() as info:
                owner.click("#prisma-svg")
            assert info.value.suggested_filename == f"{ws.path.name}-prisma.svg"
            assert owner.evaluate("document.getElementById('prisma-img').naturalWidth") > 0     # still shown
            owner.close()
    finally:
        standin.stop()


def test_validation_says_which_pasted_lines_it_left_out(browser, review):
    """Validating against pasted known studies, a line that is neither a PMID nor a DOI (a typo, a
    title pasted by mistake) was dropped without a word: 'Recall 100%: 1 of 1 known studies' for a
    list of three. The result now says how many pasted lines were left out, and why."""
    from screener.workspace.reviewers import add_reviewer
    from screener.workspace.strategies import save_strategy

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MEDLINE main", STRATEGY, actor="sam")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, sam, 1024)
        page.goto(f"{server}/workbench")
        page.wait_for_selector("#validate-button:not([disabled])")
        page.fill("#known", "10.1000/pain.1\n10.1000pain.2\nLiving with chronic pain: a qualitative interview study")
        page.click("#validate-button")
        page.wait_for_selector("#validate-result .recall")
        said = page.inner_text("#validate-result")
        assert "of 1 known studies" in said, said
        assert "2 pasted lines are neither a PMID nor a DOI: left out of the known studies" in said, said
        page.locator("#validate-result").scroll_into_view_if_needed()
        _shot(page, "validate-left-out-1024.png")
        page.close()


def test_errors_shown_beside_a_form_do_not_show_the_servers_folders(app, review):
    """An error the page shows beside its form (not on the error page) named the review's folder on
    the server: 'no study 999 in /srv/reviews/pain' to an arbiter resolving a conflict from a stale
    page, 'no reviewer 'nobody' in /srv/…' to the owner. The error page already said 'the review'."""
    from web_helpers import csrf_of, signed_in

    ws, studies, tokens = review
    folder = str(ws.path)
    carol = signed_in(app, tokens["carol"])
    token = csrf_of(carol.get("/conflicts").get_data(as_text=True))
    answer = carol.post("/conflicts/resolve", data={"csrf_token": token, "stage": TA, "study": "999",
                                                     "decision": "include"})
    said = answer.get_data(as_text=True)
    assert answer.status_code == 404 and "no study 999 in the review" in said and folder not in said, said
    owner = signed_in(app, tokens["olivia"])
    token = csrf_of(owner.get("/owner/reviewers").get_data(as_text=True))
    answer = owner.post("/owner/reviewers/nobody/revoke", data={"csrf_token": token})
    said = answer.get_data(as_text=True)
    assert answer.status_code == 404 and "no reviewer 'nobody' in the review" in said.replace("&#39;", "'"), said
    assert folder not in said, said


def test_home_counts_one_study_as_one_study(app, review):
    """The home page's stage cards said '1 studies at this stage, 2 votes each' once a single study
    had reached full text (and '1 votes each' for a stage needing one vote)."""
    from web_helpers import signed_in

    ws, studies, tokens = review
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")
    toml = ws.path / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[stages.full_text]\nvotes_needed = 2",
                                                             "[stages.full_text]\nvotes_needed = 1"), encoding="utf-8")
    ws.reload_settings()
    for who in ("carol", "alice"):
        said = signed_in(app, tokens[who]).get("/").get_data(as_text=True)
        assert "1 study at this stage, 1 vote each." in said and "1 studies" not in said, said
        assert f"{len(studies)} studies at this stage, 2 votes each." in said, said


def test_the_owner_at_1024_px_sees_which_review_they_are_in(browser, review):
    """At 1024 px the owner's header (eight links, 'root-owner', Sign out) left the review's title
    56 px: 'Livin…' — on a server of several reviews the owner could not tell which one they were
    in. The title now keeps room for its first words, the header still one row."""
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    toml = ws.path / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'title = "Web test review"', 'title = "Living with chronic pain: a qualitative evidence synthesis"'), encoding="utf-8")
    ws.reload_settings()
    owner = add_reviewer(ws, "root-owner", "owner")[1]
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, owner, 1024)
        page.set_viewport_size({"width": 1024, "height": 768})
        page.goto(f"{server}/owner/imports")
        _shot(page, "owner-header-1024.png")
        title = page.locator(".top .review").bounding_box()
        assert title["width"] >= 110, title
        tops = page.eval_on_selector_all(
            ".top nav a, .top .brand, .top .who, .top button.link, .top .review",
            "es => es.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))")
        assert max(tops) - min(tops) <= 4, tops
        assert page.evaluate("document.documentElement.scrollWidth") <= 1024
        page.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_search_that_cannot_reach_pubmed_says_so_while_it_retries(browser, review):
    """Searching PubMed with E-utilities out of reach (a wrong URL, the network down), the job panel
    showed 'running', Requests 0, Retries 0 and nothing else for over a minute while the server
    tried seven times (the job's client never told the page it was retrying); then it failed with
    the command line's words: 'check the network or --eutils-url and run the same command again to
    resume'. Each retry is now in the log and counted, and the page's words name its own field and
    button. (A 'ftp://' URL was refused as '--eutils-url …' too.)"""
    from web_helpers import _close_app, served

    from screener.search.eutils import RetryPolicy
    from screener.web import create_app
    from screener.web.workbench_api import RUNNER_KEY
    from screener.workspace.reviewers import add_reviewer
    from screener.workspace.strategies import save_strategy

    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MEDLINE main", STRATEGY, actor="sam")
    app = create_app(ws.path)
    app.extensions[RUNNER_KEY].client_options = {"retry": RetryPolicy(attempts=4, base=0.4, jitter=0)}
    try:
        with served(app) as server:
            page = signed_in_page(browser, server, sam, 1280)
            page.goto(f"{server}/workbench")
            page.wait_for_selector("#search-button:not([disabled])")
            page.fill("#eutils-url", "ftp://example.org/")
            page.click("#search-button")
            page.wait_for_selector("#job .error-message")
            said = page.inner_text("#job")
            assert "--eutils-url" not in said and "E-utilities URL 'ftp://example.org/': not an http(s) URL" in said, said
            page.fill("#eutils-url", f"http://127.0.0.1:{_closed_port()}/entrez/eutils/")
            page.click("#search-button")
            page.wait_for_function("() => /trying again/.test(document.getElementById('job').textContent)",
                                   timeout=5_000)
            assert int(page.inner_text("#job-retries")) >= 1
            page.wait_for_selector("#job-state.failed", timeout=30_000)
            page.locator("#pubmed-panel").scroll_into_view_if_needed()
            _shot(page, "search-unreachable-1280.png")
            said = page.inner_text("#job")
            assert "connection refused" in said and "--eutils-url" not in said and "command" not in said, said
            assert "check the network or the E-utilities URL, then press Search PubMed to resume" in said, said
            page.close()
    finally:
        _close_app(app)


def test_a_stale_link_is_answered_in_the_pages_words(app, review):
    """A study or pair that is no longer there (a bookmark, a link from before a dedupe, a page left
    open) was answered on the error page with the command line's words: 'no study 999 in the
    review; `screener next` gives the study numbers to screen', 'no pair 999; list pairs with
    `screener pairs list the review --all`'. The page now says where to go instead."""
    from web_helpers import csrf_of, signed_in

    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    answer = alice.get(f"/screen?stage={TA}&study=999")
    said = answer.get_data(as_text=True)
    assert answer.status_code == 404 and "no study 999 in the review" in said, said
    assert "`screener" not in said and "open your queue (Title/abstract or Full text in the menu)" in said, said
    owner = signed_in(app, tokens["olivia"])
    token = csrf_of(owner.get("/owner/dedupe").get_data(as_text=True))
    answer = owner.post("/owner/dedupe/pairs/999", data={"csrf_token": token, "decision": "same"})
    said = answer.get_data(as_text=True)
    assert answer.status_code == 404 and "no pair 999" in said and "`screener" not in said, said
    assert "Duplicates page" in said, said
    api = app.test_client().get(f"/api/studies/999?stage={TA}", headers={"Authorization": f"Bearer {tokens['alice']}"})
    assert api.status_code == 404 and "no study 999" in api.get_json()["error"]     # the API keeps its words


def test_no_merged_pairs_is_said_not_an_empty_list_to_open(app, review):
    """The Duplicates page of a review where dedupe merged nothing showed 'Merged automatically (0)',
    'Split one if it is wrong' and an open 'Show the merged pairs' with nothing under it."""
    from web_helpers import signed_in

    ws, studies, tokens = review
    said = signed_in(app, tokens["olivia"]).get("/owner/dedupe").get_data(as_text=True)
    merged = said[said.index('id="merged"'):said.index('id="decided"')]
    assert "Merged automatically (0)" in merged and "Show the merged pairs" not in merged, merged
    assert "No pairs were merged automatically" in merged, merged
