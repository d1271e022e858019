"""What the session-9 user-level review of the web app in headless Chromium found (the owner's whole
journey at 1280x800 and 390x844), and the three defects session 7 left: each test is a defect as a
person saw it, written before its fix. Screenshots go to tests/artifacts/web/review6/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import RECORDS, TA, serving, serving_root, serving_with_reasons, signed_in_page, study_ids

from screener.workspace import Workspace
from screener.workspace.reviewers import add_reviewer
from screener.workspace.root import ROOT_OWNER, create_review, mint_root_token
from screener.workspace.screening import cast_vote

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "review6"

LONG_REASONS = ["out of scope", "not qualitative or limited qualitative data", "methodological report",
                "wrong population: not healthcare professionals treating adults with chronic non-malignant pain"]

# the selected option's text against the room the select gives it (its width less padding and arrow)
CLIPPED = """el => {
  const style = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = ctx.measureText(el.options[el.selectedIndex].text).width;
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
  return {text, room};
}"""


def _shot(page, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full)


def test_a_long_exclusion_reason_reads_whole_in_the_bar_at_1280_px(browser, review):
    """At 1280x800 the title/abstract vote bar kept one row and gave the reason list what the note
    left: 'wrong population: not healthcare professionals treating adults with chronic…' was cut
    at the list's edge, chosen or not, so a screener could not tell two long reasons apart. When
    the review's reasons do not fit that row, the bar takes two rows (the reason's row above the
    buttons, as at full text), and every reason reads whole; the bar is still clear of the text."""
    ws, studies, tokens = review
    for name in ("alice", "bob"):             # a study at full text: an empty queue shows no reason list
        cast_vote(ws, name, studies[-1], TA, "include")
    with serving_with_reasons(ws, LONG_REASONS) as server:
        for stage in ("title_abstract", "full_text"):
            page = signed_in_page(browser, server, tokens["alice"], 1280)
            page.set_viewport_size({"width": 1280, "height": 800})
            page.goto(f"{server}/screen?stage={stage}")
            for reason in LONG_REASONS:
                page.select_option("#reason", reason)
                room = page.locator("#reason").evaluate(CLIPPED)
                assert room["text"] <= room["room"], (stage, reason, room)
            _shot(page, f"long-reason-{stage}-1280.png")
            boxes = [page.locator(s).bounding_box() for s in ("#vote-include", "#reason", "#note")]
            assert all(b["x"] >= 0 and b["x"] + b["width"] <= 1280 for b in boxes), (stage, boxes)
            assert page.locator("#note").bounding_box()["width"] >= 192, stage
            bar = page.locator("#votebar").bounding_box()
            padding = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).paddingBottom)")
            assert bar["height"] <= padding, (stage, bar, padding)
            page.close()


def _root_page(browser, server: str, root, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{server}/signin?token={mint_root_token(root)}")
    page.click("#signin")
    page.wait_for_selector("#create-form")
    return page


def test_the_servers_owner_is_shown_by_a_persons_name_never_as_root_owner(browser, tmp_path):
    """The server's owner, inside every review they created or opened, was 'root-owner' — the
    name the server gives them internally — in the header, on the home page ('Signed in as
    root-owner'), in the team tables, on a conflict's vote cards and history, beside saved strategy
    versions. They are now 'Review owner' until they say their name, which they can give when
    creating a review or on the Reviewers page ('Your name'); the team sees that name everywhere."""
    root = tmp_path / "reviews"
    root.mkdir()
    ws, _ = create_review(root, "older", "An older review")          # made before names existed
    with ws.transaction():
        ws.add_source_records(RECORDS)
    add_reviewer(ws, "alice", "screener")
    carol = add_reviewer(ws, "carol", "arbiter")[1]
    ws.close()
    with serving_root(root) as server:
        page = _root_page(browser, server, root)
        page.locator("#review-older button").click()
        page.wait_for_url(f"{server}/r/older/dashboard")
        for path in ("/", "/dashboard", "/owner/reviewers"):
            page.goto(f"{server}/r/older{path}")
            body = page.inner_text("body")
            assert "root-owner" not in body, (path, body)
            assert "Review owner" in body, (path, body)
        page.fill("#display-name", "Ana Ruiz")                            # the Reviewers page
        page.click("#save-display-name")
        page.wait_for_selector("#team-table:has-text('Ana Ruiz')")
        assert "Ana Ruiz" in page.inner_text("header.top")
        _shot(page, "owner-named-reviewers-1280.png", full=True)
        # a conflict between the owner and alice, as the arbiter reads it
        with Workspace.open(root / "older") as review:
            study = study_ids(review)[0]
            cast_vote(review, ROOT_OWNER, study, TA, "include")
            cast_vote(review, "alice", study, TA, "exclude", reason="out of scope")
        page.goto(f"{server}/r/older/workbench")
        page.fill("#text", "1. exp Chronic Pain/\n2. qualitative.tw.\n3. 1 and 2")
        page.fill("#save-name", "MEDLINE")
        page.click("#save")
        page.wait_for_selector("#versions td:has-text('Ana Ruiz')")
        page.close()
        arbiter = browser.new_page(viewport={"width": 1280, "height": 800})
        arbiter.goto(f"{server}/r/older/signin?token={carol}")
        arbiter.click("#signin")
        arbiter.wait_for_url(f"{server}/r/older/")
        arbiter.goto(f"{server}/r/older/conflicts")
        conflicts = arbiter.inner_text("main")
        assert "Ana Ruiz" in conflicts and "root-owner" not in conflicts, conflicts
        arbiter.close()
        # a new review: its creator names themselves on the form
        page = _root_page(browser, server, root, 390)
        page.fill("#new-title", "Chronic pain, second review")
        page.fill("#new-slug", "second")
        page.fill("#new-owner-name", "Ana Ruiz")
        page.click("#create-review")
        page.wait_for_url(f"{server}/r/second/")
        assert "Ana Ruiz" in page.inner_text("main") and "root-owner" not in page.inner_text("body")
        _shot(page, "owner-named-home-390.png")
        page.close()


STRATEGY = "1. exp Chronic Pain/\n2. (qualitative or interview*).tw.\n3. (experience* adj3 pain).ti,ab.\n4. 1 and (2 or 3)"


def test_the_strategy_being_written_follows_its_writer_to_another_computer(browser, review):
    """The workbench kept the text being written in the browser's own storage: the information
    specialist who wrote half a strategy at the library and signed in at home found an empty editor
    (or an older saved version), with nothing saying the draft was on the other computer. The draft
    is now kept with the review (an event per pause in typing), as theirs: any browser they sign in
    from opens it, saying it is not saved as a version; a colleague's editor is their own."""
    ws, studies, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as server:
        library = browser.new_context(viewport={"width": 1280, "height": 800})
        page = library.new_page()
        page.goto(f"{server}/signin?token={sam}")
        page.click("#signin")
        page.wait_for_url(f"{server}/")
        page.goto(f"{server}/workbench")
        page.fill("#text", STRATEGY)
        page.wait_for_selector("#check-summary:has-text('4 lines read')")
        page.wait_for_selector("#draft-note:has-text('kept with the review')")
        _shot(page, "draft-kept-1280.png")
        library.close()
        home = browser.new_context(viewport={"width": 390, "height": 844})     # another computer
        page = home.new_page()
        page.goto(f"{server}/signin?token={sam}")
        page.click("#signin")
        page.wait_for_url(f"{server}/")
        page.goto(f"{server}/workbench")
        page.wait_for_selector("#check-summary:has-text('4 lines read')")
        assert page.input_value("#text") == STRATEGY
        note = page.inner_text("#draft-note")
        assert "Not saved as a version" in note and "only you" in note, note
        _shot(page, "draft-on-another-computer-390.png", full=True)
        home.close()
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/workbench")
        owner.wait_for_selector("#strategy-select")
        owner.wait_for_timeout(500)
        assert owner.input_value("#text") == ""                   # sam's draft is sam's
        owner.close()
    drafts = ws.db.execute("SELECT actor, json_extract(payload, '$.text') FROM events WHERE kind = 'strategy_draft'"
                           " ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(drafts) == ("sam", STRATEGY)


# a text cut at its box's edge (an ellipsis)
CUT = "el => el.scrollWidth > el.clientWidth + 0.5"


def test_the_name_in_the_header_reads_whole_at_1280_px(browser, tmp_path):
    """At 1280 px the header cut the server's owner's name to 'Review ow…' (and the server root's
    'server ow…'), with room to spare: the name had 6.5rem from 1001 to 1439 px. From 1280 px it has
    8.5rem: both read whole, and the review's title keeps its room."""
    root = tmp_path / "reviews"
    root.mkdir()
    create_review(root, "pain", "Healthcare professionals' experience of treating chronic pain")[0].close()
    with serving_root(root) as server:
        page = _root_page(browser, server, root)
        assert not page.locator(".top .who").evaluate(CUT), page.inner_text(".top .who")
        page.locator("#review-pain button").click()
        page.wait_for_url(f"{server}/r/pain/dashboard")
        _shot(page, "header-name-1280.png")
        assert not page.locator(".top .who").evaluate(CUT), page.inner_text(".top .who")
        assert page.locator(".top .review").bounding_box()["width"] >= 200
        assert page.evaluate("document.querySelector('header.top').getBoundingClientRect().height") < 50
        page.close()


def test_a_screener_with_nothing_left_is_not_told_to_keep_screening(browser, review):
    """A blinded screener who had voted on every study read 'Nothing left for you' beside 'Stopping
    estimate (buscar): recall about 64% … — keep screening': the studies left were conflicts, with
    the arbiter, and 'buscar' named nothing they knew. The estimate now says what is left is with
    the others, and names its method after the numbers."""
    ws, studies, tokens = review
    for study in studies:
        cast_vote(ws, "bob", study, TA, "include" if study in studies[:2] else "exclude")
        cast_vote(ws, "alice", study, TA, "include" if study in studies[:1] else "exclude")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["alice"], 1280)
        page.goto(f"{server}/screen?stage=title_abstract")
        page.wait_for_selector("text=Nothing left for you")
        said = page.inner_text("#estimate")
        _shot(page, "estimate-nothing-left-1280.png")
        assert "keep screening" not in said and "(buscar)" not in said, said
        assert "with the other screeners or the arbiter" in said, said
        page.close()


def test_a_conflict_says_what_the_screeners_disagree_on_in_words(browser, review):
    """Each conflict was headed 'Study 1 · Title/abstract · over the decision' (or '… over the
    reason'): words from the code. It now says 'include or exclude: the votes differ', or 'both
    exclude, for different reasons'."""
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude", reason="out of scope")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["carol"], 390)
        page.goto(f"{server}/conflicts")
        meta = page.inner_text(".conflict .meta")
        assert "over the" not in meta and "include or exclude: the votes differ" in meta, meta
        page.close()


def test_the_export_form_keeps_what_was_chosen_when_it_says_what_is_missing(browser, review):
    """Choosing 'included' without a stage answered 'a decision filter needs a stage: choose a Stage
    too' above a form reset to RIS, all studies, any decision: what was chosen was gone. The form
    now keeps the format and the decision, and marks the Stage list to choose."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 1280)
        page.goto(f"{server}/owner/exports")
        page.select_option("select[name=format]", "bib")
        page.select_option("select[name=decision]", "include")
        page.click("#download-export")
        page.wait_for_selector("#export-error")
        assert page.input_value("select[name=format]") == "bib"
        assert page.input_value("select[name=decision]") == "include"
        assert page.get_attribute("select[name=stage]", "aria-invalid") == "true"
        page.close()


def test_after_importing_the_pages_point_to_find_duplicates_and_say_when_it_ran(browser, review):
    """After 'Imported 49 records from 5 files' the Imports page offered nothing next (Find
    duplicates was on another tab), and the dashboard, after Find duplicates had run, still said
    'No uncertain pairs waiting. Find duplicates after importing.' The Imports page now points to
    Find duplicates while records have not been compared, and the dashboard says when it ran
    (or that new records are waiting for it)."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 390)
        page.goto(f"{server}/owner/imports")
        nudge = page.locator("#next-dedupe")
        assert nudge.is_visible() and "6 records" in nudge.inner_text(), nudge.inner_text()
        _shot(page, "imports-next-step-390.png")
        nudge.locator("a").click()
        page.wait_for_url(f"{server}/owner/dedupe")
        page.click("#run-dedupe")
        page.wait_for_load_state()
        page.goto(f"{server}/owner/imports")
        assert page.locator("#next-dedupe").count() == 0
        page.goto(f"{server}/dashboard")
        said = page.inner_text("#dedupe")
        assert "after importing" not in said and "Find duplicates last ran" in said and "all 6 records" in said, said
        page.close()


def test_the_keyboard_reaches_the_page_at_once_and_sees_where_it_is(browser, review):
    """With the keyboard, every page took ten Tabs through the menu before its first field (the
    owner's pages fifteen), and on the Imports page the Tab that reached the file chooser showed
    nothing: the file input is invisible over its drop zone, so its focus ring was too. The first
    Tab now offers 'Skip to the page', and the drop zone is outlined while its chooser has focus."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 1280)
        page.goto(f"{server}/owner/imports")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to the page"
        assert page.locator("a.skip").is_visible()
        page.keyboard.press("Enter")
        for _ in range(8):                        # from the page's start: the owner's tabs, then the chooser
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "files":
                break
        assert page.evaluate("document.activeElement.id") == "files"
        ring = page.locator("#dropzone").evaluate("el => getComputedStyle(el).outlineStyle")
        _shot(page, "dropzone-focus-1280.png")
        assert ring != "none", ring
        page.close()


def test_the_settings_page_speaks_to_the_owner_not_of_files_and_codes(browser, review):
    """Settings said 'Saved to review.toml' (a file on the server the owner never sees) and offered
    'Ranker preset' as seven codes (default, elas-u4, ensemble, …) with nothing saying what the
    ranker does or which to choose. It now says the settings are saved with the review, and the
    list says the ranker orders the screening queue, each preset with what it is."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 390)
        page.goto(f"{server}/owner/settings")
        said = page.inner_text("main")
        assert "review.toml" not in said, said
        assert "orders the screening queue" in said, said
        titles = page.eval_on_selector_all("select[name=ranker_preset] option", "os => os.map(o => o.title)")
        assert all(titles), titles
        _shot(page, "settings-390.png", full=True)
        page.close()


def test_the_dashboard_counts_the_arbiters_decisions(browser, review):
    """The dashboard's table per stage listed the screeners and the owner ('Remaining: none: resolves
    conflicts') but not the arbiter who had resolved every conflict: their work appeared nowhere on
    it. Under each stage's table it now says who decided how many studies."""
    from screener.workspace.screening import resolve

    ws, studies, tokens = review
    for study in studies[:2]:
        cast_vote(ws, "alice", study, TA, "include")
        cast_vote(ws, "bob", study, TA, "exclude")
        resolve(ws, "carol", study, TA, "include")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 390)
        page.goto(f"{server}/dashboard")
        said = page.locator("#progress-table .decided").first.inner_text()
        assert "carol 2" in said, said
        page.close()


def test_a_long_reason_chosen_on_a_phone_reads_whole(browser, review):
    """At 390x844 the reason list is the screen's width and a long reason is cut in it ('4. wrong
    population: not healthcare profes…'); chosen with 1-9 the page said it whole above the bar,
    chosen from the list (a phone has no keys) it did not. Either way the chosen reason is now said
    whole, wrapped to the screen."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, LONG_REASONS) as server:
        page = signed_in_page(browser, server, tokens["alice"], 390)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{server}/screen?stage=full_text")
        page.goto(f"{server}/screen?stage=title_abstract")
        page.select_option("#reason", LONG_REASONS[3])
        message = page.locator("#client-message")
        assert LONG_REASONS[3] in message.inner_text(), message.inner_text()
        box = message.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        _shot(page, "long-reason-390.png")
        page.close()


def test_an_address_of_no_review_says_what_to_open_instead(browser, tmp_path):
    """A reviewer whose link was cut when it was copied ('/r/pain-qua…') was told 'The requested URL
    was not found on the server. If you entered the URL manually please check your spelling and
    try again.' — the framework's words. The server now says there is no review at that address
    and what to open instead (their link, or the start page), naming no review."""
    root = tmp_path / "reviews"
    root.mkdir()
    create_review(root, "pain-qual", "Chronic pain")[0].close()
    with serving_root(root) as server:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        answer = page.goto(f"{server}/r/pain-qua/signin?token=abc")
        said = page.inner_text("main")
        assert answer.status == 404
        assert "no review at this address" in said and "sign-in link" in said, said
        assert "pain-qual" not in page.content() and "Chronic pain" not in page.content()
        page.close()


def test_a_decided_study_does_not_invite_a_vote_it_will_refuse(browser, review):
    """Opening a decided study (from My votes, or a link) said 'Your vote: exclude. Vote again to
    change it.' with the vote buttons live; voting then answered 'study 1 is already decided at
    full_text (include by the arbiter); only an arbiter can change it now'. The page now says the
    study is decided and who can change it, and its vote buttons are off, saying why."""
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "include")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["alice"], 1280)
        page.goto(f"{server}/screen?stage=title_abstract&study={studies[0]}")
        said = page.inner_text("#record")
        assert "Vote again to change it" not in said, said
        assert "can no longer change it" in said and "arbiter" in said, said
        assert page.locator("#vote-include").is_disabled() and page.locator("#vote-exclude").is_disabled()
        _shot(page, "decided-study-1280.png")
        page.close()


def test_a_screener_asked_to_vote_again_is_told_where(browser, review):
    """The arbiter pressed 'Ask the screeners to vote again' on a conflict, with a question; the
    screeners' home page and queue said nothing of it (the study did not come back to their queue),
    so the request reached no one. Their home page and screening page now list what they were asked
    to vote on again, with the arbiter's words and a link; once they vote it leaves the list."""
    from screener.workspace.comments import add_comment

    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude", reason="out of scope")
    add_comment(ws, "carol", studies[0], TA, "Interviews with nurses: in scope?", kind="revote_request")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["bob"], 390)
        asked = page.locator("#revotes")
        assert "Interviews with nurses: in scope?" in asked.inner_text() and "carol" in asked.inner_text()
        _shot(page, "revote-asked-390.png")
        page.goto(f"{server}/screen?stage=title_abstract")
        assert page.locator("#revotes").is_visible()
        page.locator("#revotes a").first.click()
        page.wait_for_selector("#vote-include")
        with page.expect_navigation():
            page.click("#vote-include")
        page.goto(f"{server}/")
        assert page.locator("#revotes").count() == 0
        page.close()


def test_signing_in_with_the_owners_review_link_greets_them_by_name(browser, tmp_path):
    """The server's owner signing in to a review with its own link (`screener reviewers link ROOT/NAME
    root-owner`, another browser) was greeted 'Signed in as root-owner (owner).'"""
    from screener.workspace.reviewers import mint_token

    root = tmp_path / "reviews"
    root.mkdir()
    ws, _ = create_review(root, "pain", "Chronic pain", owner_name="Ana Ruiz")
    token = mint_token(ws, ROOT_OWNER)
    ws.close()
    with serving_root(root) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server}/r/pain/signin?token={token}")
        page.click("#signin")
        page.wait_for_url(f"{server}/r/pain/")
        said = page.inner_text("body")
        assert "Signed in as Ana Ruiz, owner." in said and "root-owner" not in said, said
        page.close()


def test_the_studies_pages_reviewer_filter_names_people(browser, review):
    """The Studies page's Reviewer filter listed the server's owner as 'root-owner' (and the chip of
    the filter in force said 'reviewer: root-owner')."""
    ws, studies, tokens = review
    owner = add_reviewer(ws, ROOT_OWNER, "owner")[1]
    (ws.path / "review.toml").write_text((ws.path / "review.toml").read_text().replace("blind = true", "blind = false"))
    ws.reload_settings()
    cast_vote(ws, ROOT_OWNER, studies[0], TA, "include")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, owner, 1280)
        page.goto(f"{server}/studies")
        facet = page.inner_text("#facet-reviewer")
        assert "Review owner" in facet and "root-owner" not in facet, facet
        page.click("#facet-reviewer a:has-text('Review owner')")
        page.wait_for_load_state()
        assert "root-owner" not in page.inner_text("main")
        page.close()


def test_the_included_studies_are_one_click_away(browser, review):
    """The export most owners want — the review's included studies for their reference manager —
    took three lists set right (RIS, Full text, included); 'included' alone was refused ('a decision
    filter needs a stage'). The exports panel now offers it as one link, the included studies'
    count beside it."""
    ws, studies, tokens = review
    for stage in (TA, "full_text"):
        for name in ("alice", "bob"):
            cast_vote(ws, name, studies[0], stage, "include")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["olivia"], 390)
        page.goto(f"{server}/owner/exports")
        link = page.locator("#included-ris")
        assert "1 included" in link.inner_text(), link.inner_text()
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith("full_text-include.ris"), download.value.suggested_filename
        assert "Living with chronic pain" in Path(download.value.path()).read_text(encoding="utf-8")
        page.close()


def test_nothing_left_does_not_hide_a_request_to_vote_again(browser, review):
    """A screener whose queue was empty read 'Nothing left for you … Studies waiting for another
    screener or the arbiter come back here only if they need you' while the arbiter had asked them
    to vote again on one: the page now says so in its main text, with the link."""
    from screener.workspace.comments import add_comment

    ws, studies, tokens = review
    for study in studies:
        cast_vote(ws, "alice", study, TA, "include")
        cast_vote(ws, "bob", study, TA, "exclude" if study == studies[0] else "include")
    add_comment(ws, "carol", studies[0], TA, "", kind="revote_request")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["alice"], 1280)
        page.goto(f"{server}/screen?stage=title_abstract")
        main = page.inner_text("article")
        assert "asked to vote again on study 1" in main, main
        page.locator("article a:has-text('study 1')").click()
        page.wait_for_selector("#vote-include:not([disabled])")
        page.close()
