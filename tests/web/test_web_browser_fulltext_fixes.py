"""Two defects found by the web review, in headless Chromium: the full-text exclusion reason was cut
off in its dropdown, and reloading the page a refused PDF upload answered sent the upload again.
Screenshots go to tests/artifacts/web/."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import TA, serving_with_reasons, signed_in_page

from screener.workspace.screening import cast_vote

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"

pytestmark = pytest.mark.browser

REASONS = ["out of scope", "not qualitative or limited qualitative data", "methodological report",
           "wrong population: not healthcare professionals treating adults"]

# the selected option's text against the room the select gives it (its width less padding and arrow)
CLIPPED = """el => {
  const style = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = ctx.measureText(el.options[el.selectedIndex].text).width;
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
  return {text, room};
}"""


@pytest.fixture()
def server(review):
    with serving_with_reasons(review[0], REASONS) as url:
        yield url


@pytest.mark.parametrize("width", [1280, 1024, 390])
def test_the_full_text_reason_is_not_cut_off(browser, server, review, width):

    ws, studies, tokens = review
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")
    page = signed_in_page(browser, server, tokens["bob"], width)
    page.goto(f"{server}/screen?stage=full_text")
    page.select_option("#reason", REASONS[3])
    page.screenshot(path=str(ARTIFACTS / f"full-text-reason-{width}.png"))
    # every reason reads whole; on a phone, the seed review's own (up to 45 characters) do
    for reason in REASONS if width > 900 else [r for r in REASONS if len(r) <= 45]:
        page.select_option("#reason", reason)
        room = page.locator("#reason").evaluate(CLIPPED)
        assert room["text"] <= room["room"], (width, reason, room)
    bar = page.locator("#votebar").bounding_box()
    assert bar["width"] <= width                                       # nothing pushed off the screen
    # the page leaves room under its last line for the (taller) bar: nothing hides behind it
    padding = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main')).paddingBottom)")
    assert bar["height"] <= padding, (bar, padding)
    page.close()


def test_a_refused_pdf_upload_is_not_sent_again_on_reload(browser, server, review, tmp_path):

    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, TA, "include")
    fake = tmp_path / "smith.pdf"
    fake.write_bytes(b"GIF89a not a PDF at all")
    page = signed_in_page(browser, server, tokens["bob"], 1280)
    page.goto(f"{server}/screen?stage=full_text&study={study}")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.set_input_files("#fulltext-file", str(fake))
    page.click("#fulltext-submit")
    page.wait_for_selector(".flash.error")
    assert page.url == f"{server}/screen?stage=full_text&study={study}"     # back on the study's page
    message = page.inner_text(".flash.error")
    assert message.startswith("Full text not attached:") and "not a PDF" in message
    assert page.locator("#fulltext-form").is_visible()                       # choose another file there
    page.screenshot(path=str(ARTIFACTS / "full-text-upload-refused.png"))
    assert posts == [f"{server}/studies/{study}/fulltext"]
    answer = page.reload()                                                    # no "resubmit the form?"
    assert answer.request.method == "GET" and answer.status == 200
    assert posts == [f"{server}/studies/{study}/fulltext"]                    # the upload was not sent again
    assert page.locator(".flash.error").count() == 0                          # said once
    assert ws.db.execute("SELECT count(*) FROM fulltexts").fetchone()[0] == 0
    page.close()


# where the word "above" lies on the page: one rectangle when it is on one line
_WORD_RECTS = """(el, word) => {
  const node = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes(word));
  const range = document.createRange(), at = node.textContent.indexOf(word);
  range.setStart(node, at); range.setEnd(node, at + word.length);
  return range.getClientRects().length;
}"""


def test_the_full_text_hint_breaks_a_long_link_not_its_words(browser, server, review):
    # Was: 'word-break: break-all' (meant for long links) split the words of the hint at 390 px:
    # "No full text attached yet; try the DOI link a / bove."
    from screener.workspace.fulltext import attach_fulltext

    ws, studies, tokens = review
    first, second = studies[0], studies[2]
    for study in (first, second):
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include")
    long_link = "https://example.org/" + "a-very-long-path-segment-without-spaces" * 4 + ".pdf"
    attach_fulltext(ws, second, long_link, actor="olivia")
    page = signed_in_page(browser, server, tokens["bob"], 390)
    page.goto(f"{server}/screen?stage=full_text&study={first}")
    hint = page.locator("#fulltext .hint").first
    assert "try the DOI link above" in hint.inner_text()
    assert hint.evaluate(_WORD_RECTS, "above") == 1
    page.goto(f"{server}/screen?stage=full_text&study={second}")
    assert page.locator("#fulltext .hint").first.inner_text() == long_link
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390       # the link still breaks
    page.screenshot(path=str(ARTIFACTS / "full-text-long-link-390.png"))
    page.close()
