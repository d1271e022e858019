"""What a person sees of labels, search, bulk labels, the discussion of a conflict and the layout,
in headless Chromium (as tests/web/test_web_browser.py). Screenshots go to tests/artifacts/web/."""

from __future__ import annotations

import pytest
from test_web_browser import ARTIFACTS, _shot, _sign_in, server  # noqa: F401 (a fixture)
from web_helpers import TA

from screener.records.model import Record
from screener.workspace.screening import cast_vote

pytestmark = pytest.mark.browser

SENTENCE = ("Participants described how persistent pain reshaped work, family roles and identity, and how "
            "interviews with clinicians revealed unmet needs for validation. ")


def _long_study(ws) -> int:
    with ws.transaction():
        ws.add_source_records([Record(
            title="A long abstract: " + "qualitative synthesis of lived experience " * 3,
            abstract="BACKGROUND: " + SENTENCE * 6 + "METHODS: " + SENTENCE * 8 + "RESULTS: " + SENTENCE * 12
                     + "CONCLUSIONS: " + SENTENCE * 3,
            authors=[f"Author{i}, A" for i in range(14)], journal="Qual Health Res", year=2022, database="test",
            keywords=["chronic pain", "qualitative"])])
    return max(r[0] for r in ws.db.execute("SELECT study_id FROM current_links"))


def _page(browser, base, token, width, height):  # noqa: F811 (the fixtures imported above)
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{base}/signin?token={token}")
    page.click("#signin")
    page.wait_for_url(f"{base}/")
    return page


VISIBLE_LINES = """() => {
  const bar = document.getElementById('votebar').getBoundingClientRect().top;
  const walker = document.createTreeWalker(document.getElementById('abstract'), NodeFilter.SHOW_TEXT);
  const tops = new Set();
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest('h2, h3')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.height > 0 && r.top >= 0 && r.bottom <= bar) tops.add(Math.round(r.top));
    }
  }
  return tops.size;
}"""

CLIPPED = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('button, a, input, select, textarea, label, h1, h2, p, span.label-chip')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    let scroller = el.parentElement, inScroller = false;      // reachable by scrolling its box
    for (; scroller; scroller = scroller.parentElement) {
      const o = getComputedStyle(scroller).overflowX;
      if (o === 'auto' || o === 'scroll') { inScroller = true; break; }
    }
    if (inScroller) continue;
    const name = el.id || el.className || el.tagName;
    if (r.left < -1 || r.right > width + 1) out.push(name + ' outside: ' + Math.round(r.left) + '..' + Math.round(r.right));
    const cuts = style.overflowX === 'hidden' || style.textOverflow === 'ellipsis';
    const field = el.tagName === 'SELECT' || el.tagName === 'INPUT';
    if (cuts && !field && el.scrollWidth > el.clientWidth + 1) out.push(name + ' clipped');
  }
  return out;
}"""


def test_label_by_keys_and_see_it_in_my_votes_filters(browser, server, review):  # noqa: F811 (the fixtures imported above)
    ws, studies, tokens = review
    path = ws.path / "review.toml"
    shared = 'labels = ["adult?", "check with team"]\nexclusion_reasons'
    path.write_text(path.read_text().replace("exclusion_reasons", shared, 1))
    page = _page(browser, server, tokens["alice"], 1280, 720)
    page.goto(f"{server}/screen?stage=title_abstract")
    study = int(page.get_attribute("#record", "data-study"))
    assert "adult?" in page.locator("#recent-labels-keys").inner_text()
    page.keyboard.press("Shift+Digit1")                       # the first shared label
    page.wait_for_selector("#label-chips .label-chip:has-text('adult?')")
    page.keyboard.press("l")
    page.keyboard.type("mixed methods")
    page.keyboard.press("Enter")
    page.wait_for_selector("#label-chips .label-chip:has-text('mixed methods')")
    _shot(page, "10-labels-on-screening-page.png")
    page.keyboard.press("Shift+Digit1")                       # toggles it off again …
    page.wait_for_selector("#label-chips .label-chip:has-text('adult?')", state="detached")
    page.keyboard.press("Shift+Digit1")                       # … and on
    page.wait_for_selector("#label-chips .label-chip:has-text('adult?')")
    page.keyboard.press("i")
    page.wait_for_selector(f"text=Study {study}: include.")
    page.click("#nav-my-votes")
    page.wait_for_selector("#facet-label")
    link = page.locator("#facet-label a[data-value='adult?']")
    assert link.locator("xpath=..").locator(".count").inner_text() == "1"
    link.click()
    page.wait_for_url("**label=adult%3F**")
    rows = page.locator("#results tbody tr").evaluate_all("rows => rows.map(r => r.dataset.study)")
    assert [int(r) for r in rows] == [study]
    _shot(page, "11-my-votes-filtered-by-label.png")
    page.close()


def test_search_for_a_word_and_get_the_right_studies(browser, server, review):  # noqa: F811 (the fixtures imported above)
    ws, studies, tokens = review
    page = _page(browser, server, tokens["olivia"], 1280, 720)
    page.goto(f"{server}/studies")
    assert page.locator("#total").inner_text() == "6 studies"
    page.fill("#q", "interview*")
    page.press("#q", "Enter")
    page.wait_for_url("**q=interview**")
    assert page.locator("#results tbody tr").count() == 1
    assert "qualitative interview study" in page.locator("#results").inner_text()
    page.fill("#q", "pain")
    page.press("#q", "Enter")
    page.wait_for_url("**q=pain**")
    assert page.locator("#total").inner_text() == "4 studies"
    assert "Study five" not in page.locator("#results").inner_text()
    _shot(page, "12-search.png")
    page.close()


def test_an_owner_labels_a_filtered_set(browser, server, review):  # noqa: F811 (the fixtures imported above)
    ws, studies, tokens = review
    page = _page(browser, server, tokens["olivia"], 1280, 720)
    page.goto(f"{server}/studies?year=2015-2016")
    assert page.locator("#total").inner_text() == "2 studies"
    page.click("#bulk summary")
    page.fill("#bulk-label-text", "older than 2017")
    page.click("#bulk-label-go")
    page.wait_for_selector("text=added to 2 of the 2 selected")
    assert page.locator("#facet-label a[data-value='older than 2017']").count() == 1
    _shot(page, "13-bulk-label.png")
    rows = ws.db.execute("SELECT study_id, bulk_filter FROM study_labels").fetchall()
    assert sorted(r[0] for r in rows) == [studies[4], studies[5]]
    assert {r[1] for r in rows} == {'{"stage": "title_abstract", "year": "2015-2016"}'}
    page.close()


def test_a_conflict_thread_between_two_screeners_and_the_arbiter_who_opens_the_pdf(browser, server, review, tmp_path):  # noqa: F811 (the fixtures imported above)
    from screener.workspace.fulltext import attach_fulltext

    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude")
    pdf = tmp_path / "smith2019.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    attach_fulltext(ws, study, pdf)
    page = _page(browser, server, tokens["carol"], 1280, 720)       # the arbiter opens the discussion
    page.goto(f"{server}/conflicts")
    page.locator(f"#conflict-{study}-title_abstract textarea").fill("What did each of you read in the methods?")
    page.locator(f"#conflict-{study}-title_abstract .comment-go").click()
    page.wait_for_selector("text=Comment added.")
    page.close()
    for name, text in (("alice", "It interviews 20 adults: qualitative."), ("bob", "Only a survey, I think.")):
        page = _page(browser, server, tokens[name], 1280, 720)
        page.goto(f"{server}/screen?stage=title_abstract&study={study}")
        thread = page.locator(f"#thread-{study}-title_abstract")
        thread.locator("textarea").fill(text)
        thread.locator(".comment-go").click()
        page.wait_for_selector("text=Comment added.")
        assert text in page.locator(f"#thread-{study}-title_abstract").inner_text()
        if name == "bob":
            assert "It interviews 20 adults" in page.locator(f"#thread-{study}-title_abstract").inner_text()
            _shot(page, "14-thread-screener.png")
        page.close()
    page = _page(browser, server, tokens["carol"], 1280, 720)
    page.goto(f"{server}/conflicts")
    card = page.locator(f"#conflict-{study}-title_abstract")
    assert [h.inner_text() for h in card.locator(".vote-card h3").all()] == ["alice", "bob"]
    assert "Only a survey" in card.inner_text()
    card.locator("textarea").fill("Please read the methods section again")
    card.locator(".revote-go").click()
    page.wait_for_selector("text=Asked the screeners to vote again.")
    card = page.locator(f"#conflict-{study}-title_abstract")
    assert "asks the screeners to vote again" in card.inner_text()
    _shot(page, "15-thread-arbiter.png")
    with page.context.expect_page() as opened:
        card.locator(f"#fulltext-{study} a").click()
    pdf_page = opened.value
    pdf_page.wait_for_load_state()
    assert pdf_page.url.endswith(f"/fulltext/{study}")
    response = page.request.get(f"{server}/fulltext/{study}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    page.close()
    alice = _page(browser, server, tokens["alice"], 1280, 720)
    alice.goto(f"{server}/screen?stage=title_abstract&study={study}")
    assert "asks the screeners to vote again" in alice.locator(f"#thread-{study}-title_abstract").inner_text()
    alice.close()


def test_layout_laptop_shows_twenty_lines_and_phone_clips_nothing(browser, server, review):  # noqa: F811 (the fixtures imported above)
    ws, studies, tokens = review
    long_study = _long_study(ws)
    cast_vote(ws, "alice", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "exclude")
    laptop = _page(browser, server, tokens["alice"], 1280, 720)
    laptop.goto(f"{server}/screen?stage=title_abstract&study={long_study}")
    lines = laptop.evaluate(VISIBLE_LINES)
    _shot(laptop, "20-laptop-1280x720.png")
    assert lines >= 20, f"{lines} lines of the abstract visible at 1280x720"
    laptop.click("#side-toggle")                                # the side panel folds away
    assert not laptop.locator("#side").is_visible()
    assert laptop.evaluate(VISIBLE_LINES) >= lines
    _shot(laptop, "21-laptop-panel-hidden.png")
    laptop.click("#side-toggle")
    laptop.close()
    for who, url, name in (("alice", f"/screen?stage=title_abstract&study={long_study}", "22-phone-screen.png"),
                           ("alice", "/screen?stage=title_abstract", "23-phone-queue.png"),
                           ("alice", "/studies", "24-phone-my-votes.png"),
                           ("carol", "/conflicts", "25-phone-conflicts.png"),
                           ("olivia", "/studies", "26-phone-studies.png"),
                           ("olivia", "/dashboard", "27-phone-dashboard.png")):
        phone = _page(browser, server, tokens[who], 390, 844)
        phone.goto(f"{server}{url}")
        _shot(phone, name)
        assert phone.evaluate(CLIPPED) == [], name
        if url.startswith("/screen"):
            for button in ("vote-include", "vote-exclude", "vote-maybe", "skip", "undo", "reason", "note"):
                box = phone.locator(f"#{button}").bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844, button
            # the end of the record can be scrolled into view above the fixed bar
            phone.mouse.wheel(0, 20000)
            phone.wait_for_timeout(150)
            last = phone.locator("#record").bounding_box()
            bar = phone.locator("#votebar").bounding_box()
            assert last["y"] + last["height"] <= bar["y"] + 1, name
        phone.close()
