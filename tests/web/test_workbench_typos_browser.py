"""The search workbench in headless Chromium, as an information specialist types a strategy with the
slips people make: each problem in the list under the editor names its line and says what to write.
Screenshots (1280x800) go to tests/artifacts/workbench/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "workbench"
TYPED = """1 exp Qualitative Research/
2 exp Interviews as Topic
3 (qualitative adj5 (theor* or study)).ti,ab.
4 phenomenolog*.tw:
5 or/1-4
6 exp Pain/
7 5 and 6
8 7 and 12
9 (grounded adj3 (theor* or study).ti,ab.
10 (social and construct*) or feminis*).ti,ab.
"""


@pytest.fixture()
def page(browser, review):
    ws, _, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/signin?token={token}")
        page.click("#signin")
        page.wait_for_url(f"{base}/")
        page.click("text=Search strategies")
        page.wait_for_url(f"{base}/workbench")
        page.fill("#text", TYPED)
        page.wait_for_selector("#check-summary.has-errors")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "typos-problems.png"))
        yield page


def _problem(page, code: str) -> str:
    return page.locator(f'#problems li[data-code="{code}"]').first.inner_text()


def test_a_reference_to_a_line_that_is_not_there(page):
    text = _problem(page, "BAD_LINE_REFERENCE")
    assert text.startswith("8:")
    # before: 'line 12 comes later (a line can only combine earlier lines)' — there is no line 12
    assert "there is no line 12 (the strategy's lines are 1-10)" in text


def test_exp_without_the_slash_says_what_to_write(page):
    text = _problem(page, "HEADING_SYNTAX")
    assert text.startswith("2:3")
    # before: only "exp must be followed by a subject heading ending in '/' (read as free text)"
    assert "write `exp Interviews as Topic/`" in text


def test_unbalanced_parentheses_say_what_to_add(page):
    problems = page.locator('#problems li[data-code="UNBALANCED_PARENTHESIS"]').all_inner_texts()
    never_closed = next(t for t in problems if t.startswith("9:3"))
    # before: 'this parenthesis is never closed (closed at the end of the line)'
    assert "add its ')' where the group ends" in never_closed
    stray = next(t for t in problems if t.startswith("10:"))
    # before: 'a closing parenthesis without an opening one (ignored)'
    assert "add its '(' where the group starts, or delete it" in stray


def test_the_searcher_reads_the_prisma_s_table_from_the_workbench(page):
    """The information specialist writes the PRISMA-S appendix, but the table of searches was on the
    owner's Exports page only ('this page is for the review's owner' for a searcher)."""
    link = page.locator("#pubmed-panel a#searches-md")
    assert link.inner_text() == "PRISMA-S table of searches (Markdown)"
    base = page.url.split("/workbench")[0]
    answer = page.request.get(base + link.get_attribute("href"))
    assert answer.status == 200, answer.text()
    assert answer.text().startswith("| Database | Platform | Date | Strategy as run | Records | Status |") or \
        answer.text() == "No searches or imports recorded yet.\n"
    csv = page.request.get(base + page.locator("#pubmed-panel a#searches-csv").get_attribute("href"))
    assert csv.status == 200 and csv.text().startswith("database,platform,date,strategy")
