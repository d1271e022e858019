"""What the session-6 user-level review of the web app in headless Chromium found (owner, screeners,
arbiter, information specialist, at 1280x720, 1024x768 and 390x844): each test is a defect as a
person saw it, written before its fix."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

pytestmark = pytest.mark.browser

LONG_TITLE = "Healthcare professionals' experience of treating chronic pain"


def _titled(ws, title: str = LONG_TITLE) -> None:
    toml = ws.path / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('title = "Web test review"', f'title = "{title}"'),
                    encoding="utf-8")
    ws.reload_settings()


def test_the_owner_given_nothing_to_screen_is_not_shown_studies_remaining(browser, review, app):
    """Under blind mode with two screeners the owner's home page says 'you are given none to
    screen', yet the dashboard's progress table gave the owner's own row 'Remaining 6' (49 in a
    review of five imports): every study, as if the owner had them all to do. The row now says the
    owner has none to screen (blind mode), and the API's row has remaining 0 and screens false."""
    ws, studies, tokens = review
    client = app.test_client()
    answer = client.get("/api/progress", headers={"Authorization": f"Bearer {tokens['olivia']}"}).get_json()
    rows = {r["name"]: r for r in answer["stages"][TA]["reviewers"]}
    assert rows["olivia"]["remaining"] == 0 and rows["olivia"]["screens"] is False, rows["olivia"]
    assert rows["alice"]["remaining"] == len(studies) and rows["alice"]["screens"] is True, rows["alice"]
    with serving(ws.path) as server:
        for width in (1280, 390):
            owner = signed_in_page(browser, server, tokens["olivia"], width)
            owner.goto(f"{server}/dashboard")
            row = owner.locator("#progress-table tbody tr", has_text="olivia").first
            remaining = row.locator('td[data-label="Remaining"]').inner_text()
            assert remaining == "none to screen: under blind mode the screeners give the votes", remaining
            alice = owner.locator("#progress-table tbody tr", has_text="alice").first
            assert alice.locator('td[data-label="Remaining"]').inner_text() == str(len(studies))
            owner.close()


def test_the_menu_keeps_one_row_at_1024_px(browser, review):
    """At 1024x768 (a small laptop, a tablet held sideways) the owner's header took three rows,
    111 px: the title on one, the eight links on the next, the name and 'Sign out' alone on a
    third — 111 px less for the abstract on every screening page. It is one row, as at 1280."""
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    _titled(ws)
    tokens["root-owner"] = add_reviewer(ws, "root-owner", "owner")[1]     # as `serve --root` names its owner
    with serving(ws.path) as server:
        for who in ("root-owner", "alice"):
            page = signed_in_page(browser, server, tokens[who], 1024)
            page.set_viewport_size({"width": 1024, "height": 768})
            for path in ("/", "/screen?stage=title_abstract" if who == "alice" else "/dashboard", "/owner/imports"):
                page.goto(f"{server}{path}")
                header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
                tops = page.eval_on_selector_all(
                    ".top nav a, .top .brand, .top .who, .top button.link",
                    "es => es.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))")
                assert header < 50 and max(tops) - min(tops) <= 4, (who, path, header, tops)
                assert page.evaluate("document.documentElement.scrollWidth") <= 1024
                assert page.locator(".top .review").bounding_box()["width"] > 40      # the title, cut short
            page.close()


def test_the_keyboard_panel_is_in_sight_above_the_vote_bar_at_1280x720(browser, review):
    """At 1280x720 the screening page's Keyboard panel began under the inclusion criteria and the
    highlight legend, and its rows ran on behind the fixed vote bar: a screener saw 'Keyboard' and
    three keys, the rest hidden until they scrolled. The whole panel is now above the bar."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        for stage in ("title_abstract", "full_text"):
            page = signed_in_page(browser, server, tokens["alice"], 1280)
            page.set_viewport_size({"width": 1280, "height": 720})
            page.goto(f"{server}/screen?stage={stage}")
            keys = page.locator("#shortcuts").bounding_box()
            bar = page.locator("#votebar").bounding_box()
            assert keys["y"] + keys["height"] <= bar["y"], (stage, keys, bar)
            assert "leave the note or reason field" in page.inner_text("#shortcuts")
            page.close()


def test_a_stage_no_study_has_reached_says_so_rather_than_all_done(browser, review, tmp_path):
    """A screener opening Full text before any study was included read 'Nothing left for you at full
    text. Every study at this stage has your vote or the votes it needs' beside 'Decided: 0 included,
    0 excluded of 0' — as if the work were done; so did the title/abstract page of a review with no
    records yet. Each now says that no study is there yet, and why."""
    from screener import Workspace
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["alice"], 1280)
        page.goto(f"{server}/screen?stage=full_text")
        said = page.inner_text("#done")
        assert said.startswith("No study has reached full text yet"), said
        assert "included at title/abstract" in said and "Every study at this stage" not in said, said
        page.goto(f"{server}/screen?stage=title_abstract")              # six studies: the queue
        assert page.locator("#record").count() == 1
        page.close()
    empty = Workspace.init(tmp_path / "empty", title="Empty review")
    token = add_reviewer(empty, "ann", "screener")[1]
    with serving(empty.path) as server:
        page = signed_in_page(browser, server, token, 390)
        page.goto(f"{server}/screen?stage=title_abstract")
        said = page.inner_text("#done")
        assert said.startswith("No studies to screen yet"), said
        assert "imported" in said and "Every study at this stage" not in said, said
        page.close()
    empty.close()


def test_my_votes_before_any_vote_says_so_rather_than_no_match(browser, review):
    """'My votes' before a first vote, and 'Studies' at full text before any study got there, said
    'No studies match among the studies you voted on.' / 'No studies match.' with no search and no
    filter: a reader looks for the filter that hides them. Without a filter the page now says what
    the empty list means; a filter that matches nothing keeps 'No studies match'."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        alice = signed_in_page(browser, server, tokens["alice"], 1280)
        alice.goto(f"{server}/studies")
        assert alice.inner_text("#no-results") == "You have not voted at title/abstract yet."
        alice.goto(f"{server}/studies?q=nothingmatchesthis")
        assert alice.inner_text("#no-results") == "No studies match among the studies you voted on."
        alice.close()
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/studies?stage=full_text")
        assert owner.inner_text("#no-results") == "No study has reached full text yet."
        owner.goto(f"{server}/studies?q=nothingmatchesthis")
        assert owner.inner_text("#no-results") == "No studies match."
        owner.close()


def test_the_arbiters_empty_discussion_does_not_ask_why_they_voted(browser, review):
    """On every conflict card the arbiter, who has not voted, read 'No comments yet: say why you
    voted as you did.' under Discussion. An arbiter or owner is now told what the thread is for;
    the heading counts the open conflicts."""
    from screener.workspace.screening import cast_vote

    ws, studies, tokens = review
    for study in studies[:2]:
        cast_vote(ws, "alice", study, TA, "include")
        cast_vote(ws, "bob", study, TA, "exclude")
    with serving(ws.path) as server:
        for who in ("carol", "olivia"):
            page = signed_in_page(browser, server, tokens[who], 1280)
            page.goto(f"{server}/conflicts")
            hint = page.locator(f"#conflict-{studies[0]}-{TA} .thread .hint").inner_text()
            assert "you voted" not in hint, hint
            assert hint == "No comments yet. Ask the screeners why they voted as they did, or ask them to vote again.", hint
            assert page.inner_text("main h1") == "Conflicts to resolve (2)"
            page.close()


def test_the_dashboards_estimate_does_not_count_conflicts_as_unscreened(browser, review):
    """The dashboard said 'Included 28 · excluded 27 · in conflict 12 · awaiting votes 0 · unscreened 0'
    and, two lines below, 'Stopping estimate (buscar): 28 relevant in 55 screened, 12 unscreened':
    the estimate leaves studies in conflict out of its screened ones, and the page called them
    unscreened. It now says 'unscreened or in conflict'."""
    from screener.workspace.screening import cast_vote

    ws, studies, tokens = review
    for who in ("alice", "bob"):
        cast_vote(ws, who, studies[0], TA, "include")
    cast_vote(ws, "alice", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "exclude")
    with serving(ws.path) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/dashboard")
        counts = owner.locator("#progress-table p").nth(0).inner_text()
        estimate = owner.locator("#progress-table p.estimate").nth(0).inner_text()
        assert "in conflict 1" in counts and f"unscreened {len(studies) - 2}" in counts, counts
        assert f", {len(studies) - 1} unscreened or in conflict" in estimate, estimate
        owner.close()


def test_the_imports_page_lists_the_pubmed_searches_run_here(browser, review, fixtures_dir):
    """After the information specialist's PubMed search (20 records) the owner's Imports page said
    'Imports (5)' and listed the five export files only, while the dashboard's PRISMA counted
    'PubMed 20': the search was nowhere on the page that lists where the records came from
    (`screener imports list` shows it). The page now lists each search run from the workbench."""
    from screener.search.pubmed import search_pubmed
    from screener.search.standin import EutilsStandin

    ws, studies, tokens = review
    xml = fixtures_dir / "records" / "pubmed-xml" / "biopython__pubmed1.xml"
    with EutilsStandin(records_xml_files=[xml]) as url:
        search_pubmed(ws, query="chronic pain[tiab] AND qualitative[tiab]", eutils_url=url, email="team@example.org")
    with serving(ws.path) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/imports")
        said = owner.inner_text("#searches")
        assert "PubMed searches run here (1)" in said, said
        assert "Search 1 · PubMed" in said and "2 records" in said and "complete" in said, said
        assert "chronic pain[tiab] AND qualitative[tiab]" in said, said
        assert "Nothing imported yet" not in owner.inner_text("main")
        owner.set_viewport_size({"width": 390, "height": 844})
        assert owner.evaluate("document.documentElement.scrollWidth") <= 390
        owner.close()


def test_the_dedupe_message_counts_in_words_not_with_parentheses(browser, review):
    """Finding duplicates flashed 'Deduplication: 6 records; 6 studies before, 6 after; 0 uncertain
    pair(s) to check.' (and a pair decision '1 record(s) moved'): the page counts in words."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/dedupe")
        owner.click("#run-dedupe")
        owner.wait_for_url(f"{server}/owner/dedupe")
        said = " ".join(owner.locator(".flash").all_inner_texts())
        assert said == (f"Deduplication: {len(studies)} records; {len(studies)} studies before, {len(studies)} after; "
                        "no uncertain pairs to check."), said
        owner.close()


def test_the_reviewers_page_counts_the_arbiters_decisions(browser, review):
    """After the arbiter had resolved three conflicts the owner's Reviewers page still gave them
    'Votes 0' — an arbiter does not vote, so the table said they had done nothing. Decisions are
    counted beside votes (and in GET /api/reviewers)."""
    from screener.workspace.screening import cast_vote, resolve

    ws, studies, tokens = review
    for study in studies[:2]:
        cast_vote(ws, "alice", study, TA, "include")
        cast_vote(ws, "bob", study, TA, "exclude")
        resolve(ws, "carol", study, TA, "include")
    with serving(ws.path) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/reviewers")
        assert owner.locator('#reviewer-carol td[data-label="Work"]').inner_text() == "2 decisions"
        assert owner.locator('#reviewer-alice td[data-label="Work"]').inner_text() == "2 votes"
        assert owner.locator('#reviewer-olivia td[data-label="Work"]').inner_text() == "0 votes"
        owner.close()


def test_the_recall_chart_says_nothing_to_draw_before_any_vote(browser, review):
    """Before any vote the dashboard's pace and agreement charts said 'nothing to draw yet' but the
    recall chart drew a dot at 0,0 on axes 0–1 labelled 'studies screened (of 0)' at full text, where
    no study had arrived. It now says 'nothing to draw yet' too, and its axis names no pool of 0."""
    ws, studies, tokens = review
    with serving(ws.path) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/dashboard")
        for stage in ("title_abstract", "full_text"):
            chart = owner.locator(f"#chart-recall-{stage}")
            text = chart.inner_html()
            assert "nothing to draw yet" in text and "<circle" not in text and "<polyline" not in text, stage
            assert "(of 0)" not in text, stage
        assert f"studies screened (of {len(studies)})" in owner.locator("#chart-recall-title_abstract").inner_html()
        owner.close()


def test_the_header_takes_two_rows_on_a_phone(browser, review):
    """At 390x844 the header took three rows, 100 px of every page (on the full-text screening
    page, with the vote bar's 200 px, a third of the screen): the brand and the title, then the name
    and Sign out alone on a row, then the links (the owner's eight on three more rows: 123 px). The
    name and Sign out now share the title's row (the role is on hover, a long name is cut) and the
    links take the rows below: two rows for a screener, three for an owner."""
    from screener.workspace.reviewers import add_reviewer

    ws, studies, tokens = review
    _titled(ws)
    tokens["root-owner"] = add_reviewer(ws, "root-owner", "owner")[1]
    with serving(ws.path) as server:
        for who, path in (("alice", "/screen?stage=full_text"), ("root-owner", "/dashboard")):
            page = signed_in_page(browser, server, tokens[who], 390)
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(f"{server}{path}")
            header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
            rows = page.eval_on_selector_all(
                ".top nav a, .top .brand, .top .who, .top button.link",
                "es => [...new Set(es.map(e => Math.round(e.getBoundingClientRect().top / 10)))].length")
            most = 2 if who == "alice" else 3
            assert header < 12 + 29 * most and rows <= most, (who, header, rows)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            assert page.locator(".top .review").bounding_box()["width"] > 30
            shown = "alice (screener)" if who == "alice" else "Review owner (owner)"    # (session 9: not root-owner)
            assert page.get_attribute(".top .who", "title") == shown
            page.close()


def test_the_first_conflicts_resolve_button_is_in_sight_at_1280x720(browser, review):
    """On the Conflicts page at 1280x720 the arbiter saw the first conflict's votes but not its
    decision: the discussion (its hint, a comment box and two buttons) came first, and Resolve sat
    at y=826, under the fold, on every card. The decision now comes right after the votes, the
    discussion after it."""
    from screener.workspace.screening import cast_vote

    ws, studies, tokens = review
    for study in studies[:2]:
        cast_vote(ws, "alice", study, TA, "include")
        cast_vote(ws, "bob", study, TA, "exclude")
    with serving(ws.path) as server:
        page = signed_in_page(browser, server, tokens["carol"], 1280)
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(f"{server}/conflicts")
        card = page.locator("article.conflict").first
        button = card.locator("form.resolve button[type=submit]").bounding_box()
        assert button["y"] + button["height"] <= 720, button
        order = card.evaluate("c => [...c.querySelectorAll('form.resolve, .thread')].map(e => e.tagName)")
        assert order == ["FORM", "SECTION"], order
        page.close()


def test_downloads_are_named_after_the_review_and_what_they_hold(browser, review):
    """The Exports page's downloads were 'studies-ris.ris', 'studies-csv.csv' (the audit trail, not
    studies), 'prisma.png', 'searches.md', 'agreement.txt': an owner with two reviews on the server
    got files that collide in one Downloads folder and say nothing of their review. Each is now
    named after the review's folder (its short name under serve --root) and what it holds."""
    ws, studies, tokens = review
    name = ws.path.name
    with serving(ws.path) as server:
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/exports")
        got = []
        for fmt in ("ris", "csv", "asreview"):
            owner.select_option("select[name=format]", fmt)
            with owner.expect_download() as info:
                owner.click("#download-export")
            got.append(info.value.suggested_filename)
        for link in ("PNG", "PRISMA-S table of searches (Markdown)", "Agreement between screeners"):
            with owner.expect_download() as info:
                owner.click(f"text={link}")
            got.append(info.value.suggested_filename)
        assert got == [f"{name}-studies.ris", f"{name}-audit.csv", f"{name}-asreview.csv", f"{name}-prisma.png",
                       f"{name}-searches.md", f"{name}-agreement.txt"], got
        owner.close()


def test_the_server_owner_opening_a_review_is_not_told_to_ask_its_owner(browser, tmp_path):
    """Creating a review (or 'Open as owner' on the picker) led the server's owner to the review's
    sign-in page saying 'Open the sign-in link the review's owner sent you … Ask the owner for a new
    link' — they are that owner, and the one click left to do was not explained. The page now says
    it opens the review as its owner, one review's sign-in at a time. (Since session 7 there is no
    sign-in page in between at all: creating the review signs its creator in.)"""
    from web_helpers import serving_root

    from screener.workspace.root import mint_root_token

    root = tmp_path / "reviews"
    root.mkdir()
    token = mint_root_token(root)
    with serving_root(root) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{server}/signin?token={token}")
        page.click("#signin")
        page.fill("#new-title", "Living with chronic pain")
        page.fill("#new-slug", "pain")
        page.click("#create-review")
        page.wait_for_url(f"{server}/r/pain/")        # (session 7: no sign-in page in between any more)
        said = page.inner_text("main")
        assert "sent you" not in said and "Ask the owner" not in said, said
        assert "Review “Living with chronic pain” created" in page.inner_text("body")
        page.close()
