"""The search workbench in headless Chromium, given what a person gives it by mistake or bad luck: a
strategy pasted over its limits, the server gone from under the page, binary text, a strategy file
saved by Notepad or Word. Each time one clear line in the person's words, and nothing left on the
page that belongs to an earlier text. Screenshots (1280 and 390 px) go to tests/artifacts/workbench/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

from screener.workspace.reviewers import add_reviewer

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "workbench"
STRATEGY = "1 MMSE*.ti,ab.\n2 Folstein*.ti,ab.\n3 \"mini mental stat*\".ti,ab.\n4 or/1-3"
TOO_MANY_LINES = STRATEGY + "\n" + "\n".join(f"{n} p{n}.ti." for n in range(5, 2_600))   # 2,599 lines
PROGRAMMER_WORDS = ("Failed to fetch", "NetworkError", "TypeError", "HTTP ", "`screener")


@pytest.fixture()
def workbench(browser, review):
    """(open, base): open(width) gives a page of the workbench signed in as searcher 'sam'."""
    ws, _, _ = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        pages = []

        def open_page(width: int = 1280):
            page = signed_in_page(browser, base, token, width)
            page.goto(f"{base}/workbench")
            pages.append(page)
            return page

        yield open_page, base
        for page in pages:
            page.close()


def _paste(page, text: str) -> None:
    """As a paste does: the whole text in at once, one input event."""
    page.evaluate("(v) => { const t = document.getElementById('text'); t.focus(); t.value = v; "
                  "t.dispatchEvent(new Event('input', {bubbles: true})); }", text)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_strategy_over_the_line_limit_leaves_nothing_of_the_earlier_text(workbench, width):
    """Before: a checked strategy, then 2,599 lines pasted over it: the summary said 'Could not check:
    the strategy has 2,599 lines; the workbench takes at most 2,000' while every database's
    translation of the earlier text stayed beside it, Copy and Download buttons and all, and the draft
    note said to 'save it as a version', which the same limit refuses."""
    open_page, _ = workbench
    page = open_page(width)
    _paste(page, STRATEGY)
    page.wait_for_selector("#translations .tcard[data-target=pubmed]")
    assert page.locator("#parsed tr").count() == 4
    _paste(page, TOO_MANY_LINES)
    page.wait_for_function("() => document.getElementById('check-summary').textContent.includes('2,599')")
    page.wait_for_function("() => !document.getElementById('draft-note').hidden")
    _shot(page, f"too-many-lines-{width}.png")
    summary = page.inner_text("#check-summary")
    assert summary == ("The strategy has 2,599 lines; the workbench takes at most 2,000: split it into "
                       "parts of at most 2,000 lines."), summary
    assert page.locator("#translations .tcard").count() == 0, page.inner_text("#translations")
    assert "MMSE" not in page.inner_text("#translations")
    assert page.locator("#parsed tr").count() == 0 and page.locator("#problems li").count() == 0
    note = page.inner_text("#draft-note")
    assert "save it as a version" not in note and "Copy it" in note, note
    assert not any(w in summary + note for w in PROGRAMMER_WORDS), (summary, note)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_strategy_over_the_character_limit_says_what_to_do_in_the_browsers_words(workbench):
    """Before: 'The strategy is 102,785 characters long; the workbench takes at most 100,000.' and a
    draft note '(… (split it, or check it with `screener query check`)): save it as a version' — a
    command for a terminal the information specialist may not have, and a save the limit refuses."""
    open_page, _ = workbench
    page = open_page()
    long_line = "1 " + " or ".join(f"word{n}" for n in range(12_500)) + ".ti,ab."
    _paste(page, long_line)
    page.wait_for_function("() => !document.getElementById('draft-note').hidden")
    summary, note = page.inner_text("#check-summary"), page.inner_text("#draft-note")
    assert summary.startswith(f"The strategy is {len(long_line):,} characters long; the workbench takes at "
                              "most 100,000: split it into parts"), summary
    assert not any(w in summary + note for w in PROGRAMMER_WORDS), (summary, note)
    assert "save it as a version" not in note, note


def test_the_server_gone_from_under_the_page_is_said_in_words(workbench):
    """Before: with the server stopped (or the network down), the summary said 'Could not check:
    Failed to fetch', the draft note '(Failed to fetch)' and Save 'Failed to fetch': the browser's
    words for a request that got no answer. The earlier text's translations stayed on the page."""
    open_page, _ = workbench
    page = open_page()
    _paste(page, STRATEGY)
    page.wait_for_selector("#translations .tcard[data-target=pubmed]")
    page.route("**/api/**", lambda route: route.abort("connectionrefused"))
    _paste(page, STRATEGY + "\n5 4 and pain.ti.")
    page.wait_for_function("() => !document.getElementById('check-summary').textContent.includes('read')")
    page.fill("#save-name", "MMSE")
    page.click("#save")
    page.wait_for_function("() => document.getElementById('save-status').textContent !== ''")
    # (the draft of the first text may have been kept before the server went: its note is replaced)
    page.wait_for_function("() => document.getElementById('draft-note').textContent.includes('not kept')"
                           " || document.getElementById('draft-note').textContent.includes('Failed')")
    _shot(page, "server-gone-1280.png")
    said = {k: page.inner_text(k) for k in ("#check-summary", "#save-status", "#draft-note")}
    for where, words in said.items():
        assert not any(w in words for w in PROGRAMMER_WORDS), (where, words)
        assert "could not reach the server" in words.lower(), (where, words)
    assert page.locator("#translations .tcard").count() == 0


def test_progress_lost_while_a_search_runs_is_one_line_not_one_a_poll(browser, review, monkeypatch):
    """Before: while a PubMed search ran and the page could not reach the server, every poll (0.7 s)
    added one more 'Progress unavailable: Failed to fetch' under the job: 8 identical lines in 6 s."""
    from screener.search.standin import EutilsStandin
    from screener.workspace.strategies import save_strategy

    ws, _, _ = review
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    token = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MMSE", STRATEGY, actor="sam")
    standin = EutilsStandin(generated=50, enforce_rate=False)
    standin.inject("slow", times=1, endpoint="esearch", seconds=8)        # the job stays running
    standin.start()
    try:
        with serving(ws.path) as base:
            page = signed_in_page(browser, base, token, 1280)
            page.goto(f"{base}/workbench")
            page.wait_for_selector("#search-button:not([disabled])")
            page.fill("#eutils-url", standin.url)
            page.click("#search-button")
            page.wait_for_selector("#job-state.running")
            page.route("**/api/jobs/**", lambda route: route.abort("connectionrefused"))
            page.wait_for_timeout(4_000)
            page.locator("#pubmed-panel").scroll_into_view_if_needed()
            _shot(page, "progress-unavailable-1280.png")
            lost = page.locator("#job p.error-message").all_inner_texts()
            assert len(lost) == 1, lost
            assert lost[0].startswith("Progress unavailable: could not reach the server"), lost
            assert not any(w in lost[0] for w in PROGRAMMER_WORDS), lost
            page.unroute("**/api/jobs/**")
            page.wait_for_selector("#job-state.complete", timeout=30_000)
            assert page.locator("#job p.poll-error").count() == 0
            page.close()
    finally:
        standin.stop()


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256))     # an image's first bytes
NOTEPAD = "1 exp Chronic Pain/\n2 “back pain”.ti,ab.\n3 (patient* adj3 expérience*).ti,ab.\n4 1 or 2 or 3"


def test_binary_text_is_refused_in_one_line_naming_where(workbench):
    """Before: an image's bytes pasted (or opened) were read as a strategy of 22 lines, '36 errors, 31
    warnings', each a 'missing operator' before a run of control characters; and '1 pain.ti,ab.' with
    three control characters after it was accepted silently and sent to PubMed as
    'pain.ti,ab.\\x00\\x01\\x02[tw]'. Now one line says where the first control character is, and the
    server refuses it (400) before anything is written."""
    open_page, base = workbench
    page = open_page()
    _paste(page, STRATEGY)
    page.wait_for_selector("#translations .tcard[data-target=pubmed]")
    _paste(page, "1 pain.ti,ab.\x00\x01\x02\n2 exp Back Pain/")
    page.wait_for_function("() => document.getElementById('check-summary').textContent.startsWith('Not checked')")
    summary = page.inner_text("#check-summary")
    assert summary == ("Not checked: line 1, column 14: a control character (U+0000), which a strategy never "
                       "holds: this looks like the bytes of a file that is not text; paste the strategy as text, "
                       "or open a plain-text (.txt) file."), summary
    assert page.locator("#translations .tcard").count() == 0 and page.locator("#toggle-targets").is_hidden()
    _shot(page, "binary-pasted-1280.png")
    answer = page.request.post(f"{base}/api/strategies/check", data={"text": PNG.decode("latin-1")},
                               headers={"X-CSRF-Token": page.get_attribute("#wb", "data-csrf")})
    assert answer.status == 400, answer.text()
    assert answer.json()["error"].startswith("line 1, column 1: a control character (U+0089)"), answer.json()


@pytest.mark.parametrize("width", [1280, 390])
def test_open_file_reads_notepad_and_word_text_and_refuses_an_image(workbench, width, tmp_path):
    """Before: Open file… read every file as UTF-8: Notepad's 'Unicode' (UTF-16) strategy came in as
    '��1\\x00 \\x00e\\x00x\\x00p…' (a flood of errors), a Word 'ANSI' (Windows-1252) one with its curly
    quotes and é as '�back pain�', and a PNG as a strategy of garbage. `query check` reads the same
    files right. Now the page reads them as the command does, says when a file was read as
    Windows-1252, and refuses an image in one line, leaving the editor as it was."""
    open_page, _ = workbench
    page = open_page(width)
    for name, data in (("notepad-unicode.txt", b"\xff\xfe" + NOTEPAD.encode("utf-16-le")),
                       ("word-ansi.txt", NOTEPAD.encode("cp1252"))):
        page.set_input_files("#upload", files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
        page.wait_for_function("(want) => document.getElementById('text').value === want", arg=NOTEPAD)
        page.wait_for_function("() => document.getElementById('check-summary').textContent.startsWith('4 lines read')")
    note = page.inner_text("#file-note")
    assert note == ("word-ansi.txt is not UTF-8: read as Windows-1252 (Word's and Notepad's “ANSI”); "
                    "check its quotes and accented letters."), note
    page.set_input_files("#upload", files=[{"name": "prisma.png", "mimeType": "image/png", "buffer": PNG}])
    page.wait_for_function("() => document.getElementById('file-note').textContent.startsWith('prisma.png')")
    _shot(page, f"open-file-image-{width}.png")
    assert page.inner_text("#file-note") == ("prisma.png is not a text file (a PNG image): save the strategy as "
                                             "plain text (.txt) and open that; the editor is as it was.")
    assert page.input_value("#text") == NOTEPAD
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_slow_answer_from_eutils_is_said_while_the_page_waits(browser, review, monkeypatch):
    """Before: while E-utilities took its time (here 9 s on ESearch; NCBI's can take a minute), the job
    panel stood still — 'running', the last log line 'ESearch: …', nothing moving — with nothing
    to say the page was still following the search. Now a line counts the seconds since anything
    changed, and says Cancel stops it; it goes once the search moves on."""
    from screener.search.standin import EutilsStandin
    from screener.workspace.strategies import save_strategy

    ws, _, _ = review
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    token = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MMSE", STRATEGY, actor="sam")
    standin = EutilsStandin(generated=20, enforce_rate=False)
    standin.inject("slow", times=2, endpoint="esearch", seconds=9)        # one search at each width
    standin.start()
    try:
        with serving(ws.path) as base:
            for width in (1280, 390):
                page = signed_in_page(browser, base, token, width)
                page.goto(f"{base}/workbench")
                page.wait_for_selector("#search-button:not([disabled])")
                page.fill("#eutils-url", standin.url)
                page.click("#search-button")
                page.wait_for_selector("#job-state.running")
                page.wait_for_selector("#job-wait", timeout=8_000)
                page.wait_for_function("() => /nothing new for [5-9] s/.test("
                                       "document.getElementById('job-wait').textContent)", timeout=8_000)
                page.locator("#job-wait").scroll_into_view_if_needed()
                _shot(page, f"pubmed-slow-answer-{width}.png")
                said = page.inner_text("#job-wait")
                assert said.startswith("Still running: nothing new for "), said
                assert said.endswith(" s. E-utilities can be slow to answer; Cancel stops the search."), said
                page.wait_for_selector("#job-state.complete", timeout=30_000)
                assert page.locator("#job-wait").count() == 0
                page.locator("#pubmed-panel").scroll_into_view_if_needed()
                _shot(page, f"pubmed-complete-{width}.png")
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                page.close()
    finally:
        standin.stop()


def test_a_search_that_stopped_says_its_count_is_not_known(browser, review, monkeypatch):
    """Before: a search PubMed refused (PhraseNotFound) showed 'PubMed count …' under 'failed', as if a
    number were still to come; the error said '… fix that line of the strategy and run again' and the
    note under it 'Search PubMed starts it again.' — which sends the same version to be refused."""
    from screener.search.standin import EutilsStandin
    from screener.workspace.strategies import save_strategy

    ws, _, _ = review
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    token = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MMSE", STRATEGY, actor="sam")
    with EutilsStandin(generated=20, enforce_rate=False, phrase_not_found=["folstein*"]) as url:
        with serving(ws.path) as base:
            page = signed_in_page(browser, base, token, 390)
            page.goto(f"{base}/workbench")
            page.wait_for_selector("#search-button:not([disabled])")
            page.fill("#eutils-url", url)
            page.click("#search-button")
            page.wait_for_selector("#job-state.failed", timeout=30_000)
            page.locator("#job").scroll_into_view_if_needed()
            _shot(page, "pubmed-refused-390.png")
            assert page.inner_text("#job-count") == "not\u00a0known", page.inner_text("#job")   # one line at 390 px
            # and what to do: not 'run again' (a terminal's words) nor 'Search PubMed starts it again',
            # which would send the version PubMed refused
            refused = page.inner_text("#job .error-message")
            assert refused == ("PubMed rejected the query: PhraseNotFound 'folstein*' (strategy line 2: "
                               "Folstein*.ti,ab.); fix that line of the strategy, save it as a new version and "
                               "press Search PubMed (nothing was imported)"), refused
            assert page.inner_text("#job-note") == ("Stopped. No record was imported. PubMed would refuse the same "
                                                    "version again: fix it first (above).")
            page.close()


def test_each_lines_meaning_is_there_for_the_keyboard_and_a_touch_screen(browser, review):
    """Before: 'Lines as read (hover a line for its meaning)': each line's meaning ('… at most 2 words
    apart (any order) in title, abstract') showed only under a mouse pointer. Its rows could not be
    reached with Tab, and a phone (390 px, no pointer) had no way to show them."""
    ws, _, _ = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, token, 1280)
        page.goto(f"{base}/workbench")
        _paste(page, STRATEGY)
        page.wait_for_selector("#parsed tr")
        row = page.locator("#parsed tr").nth(2)
        assert not row.locator(".meaning").is_visible()           # a long list stays short on a desk
        page.focus("#text")
        for _ in range(40):                                       # Tab from the editor to the third line
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.number") == "3":
                break
        assert page.evaluate("document.activeElement.dataset.number") == "3"
        assert row.locator(".meaning").is_visible()
        assert row.locator(".meaning").inner_text() == page.evaluate(
            "document.querySelectorAll('#parsed tr')[2].title")
        assert "Tab" in page.inner_text("#lines-view summary")
        page.close()

        context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
        phone = context.new_page()
        phone.goto(f"{base}/signin?token={token}")
        phone.click("#signin")
        phone.goto(f"{base}/workbench")
        _paste(phone, STRATEGY)
        phone.wait_for_selector("#parsed tr")
        phone.locator("#lines-view").scroll_into_view_if_needed()
        _shot(phone, "lines-as-read-phone-390.png")
        assert all(m.is_visible() for m in phone.locator("#parsed .meaning").all())
        context.close()


def test_the_caret_lines_meaning_names_the_editor_line_the_problems_use(workbench):
    """Before: Table 1 as published (unnumbered blocks under comment lines), the caret on editor line 16
    of the gutter: 'Line 8: chronic* OR persistent* …' under the editor, while every problem of that
    line is listed as '16:…' — two numbers for one line, with nothing to say which is which."""
    open_page, _ = workbench
    page = open_page()
    _paste(page, "// Table 1 as published\n\n(chronic* or persistent*)\nfibromyalgia.ti,ab\n\n"
                 "// block II\n'back ache' or backache")
    page.wait_for_selector("#parsed tr")
    page.evaluate("() => { const t = document.getElementById('text'); t.focus(); "
                  "t.setSelectionRange(t.value.length, t.value.length); t.dispatchEvent(new KeyboardEvent('keyup')); }")
    said = page.inner_text("#caret-line")
    assert said.startswith("Line 3 (editor line 7): "), said
    page.evaluate("() => { const t = document.getElementById('text'); t.setSelectionRange(30, 30); "
                  "t.dispatchEvent(new KeyboardEvent('keyup')); }")
    said = page.inner_text("#caret-line")
    assert said.startswith("Line 1 (editor line 3): "), said
    problems = page.locator("#problems li").all_inner_texts()
    assert any(p.startswith("7:") for p in problems), problems        # the problems' own numbering


def test_retries_are_said_in_words_not_endpoint_names(browser, review, monkeypatch):
    """Before: E-utilities answering 500 then 429 showed, in the job's log, 'E-utilities: esearch.fcgi
    failed (HTTP 500); trying again in 0.5 s (attempt 2 of 7)' — a script's file name and a bare
    status code; a person reads 'ESearch (the search itself) failed (HTTP 500: an error on
    E-utilities' side)'. The command line keeps its words."""
    from screener.search.standin import EutilsStandin
    from screener.workspace.strategies import save_strategy

    ws, _, _ = review
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    token = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MMSE", STRATEGY, actor="sam")
    standin = EutilsStandin(generated=20, enforce_rate=False)
    standin.inject("500", times=1, endpoint="esearch")
    standin.inject("429", times=1, endpoint="efetch")
    standin.start()
    try:
        with serving(ws.path) as base:
            page = signed_in_page(browser, base, token, 390)
            page.goto(f"{base}/workbench")
            page.wait_for_selector("#search-button:not([disabled])")
            page.fill("#eutils-url", standin.url)
            page.click("#search-button")
            page.wait_for_selector("#job-state.complete", timeout=60_000)
            page.locator("#job pre.joblog").scroll_into_view_if_needed()
            _shot(page, "pubmed-retries-390.png")
            log = page.inner_text("#job pre.joblog")
            assert ".fcgi" not in log, log
            assert "E-utilities: ESearch (the search itself) failed (HTTP 500: an error on E-utilities' side); " \
                   "trying again in" in log, log
            assert "E-utilities: EFetch (fetching the records) failed (HTTP 429: too many requests at once); " \
                   "trying again in" in log, log
            page.close()
    finally:
        standin.stop()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_eutils_box_says_what_an_empty_box_uses(workbench, width, monkeypatch):
    """Before: the E-utilities URL box read 'empty: eutils.ncbi.nlm.nih.gov' in grey — as if that were
    its value, or the box were broken. It now reads 'default: eutils.ncbi.nlm.nih.gov', whole at 390 px."""
    monkeypatch.delenv("SCREENER_EUTILS_URL", raising=False)
    open_page, _ = workbench
    page = open_page(width)
    box = page.locator("#eutils-url")
    assert box.get_attribute("placeholder") == "default: eutils.ncbi.nlm.nih.gov"
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    assert "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/" in box.get_attribute("title")


def test_opening_a_saved_version_over_unsaved_edits_asks_first(browser, review):
    """Before: edits typed into the editor, then Open on a saved version in the list: the edits were
    replaced at once, nothing said, and no way back on the page. Now the page asks first; Cancel keeps
    the edits; text already saved as a version opens without asking."""
    from screener.workspace.strategies import save_strategy

    ws, _, _ = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    save_strategy(ws, "MMSE", STRATEGY, actor="sam")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, token, 390)
        page.goto(f"{base}/workbench")
        page.wait_for_function("(want) => document.getElementById('text').value === want", arg=STRATEGY)
        asked: list[str] = []
        accept = [False]

        def answer(dialog):
            asked.append(dialog.message)
            dialog.accept() if accept[0] else dialog.dismiss()

        page.on("dialog", answer)
        page.locator("#versions button", has_text="Open").first.click()      # the same text: no question
        page.wait_for_timeout(500)
        assert asked == [] and page.input_value("#text") == STRATEGY
        page.focus("#text")
        page.keyboard.press("Control+End")
        page.keyboard.type("\n5 4 and dementia.ti.")
        edited = page.input_value("#text")
        page.locator("#versions button", has_text="Open").first.click()
        page.wait_for_timeout(500)
        assert asked == ["The text in the editor is not saved as a version. Open MMSE v1 in its place? Your edits "
                         "would be gone from the editor: Cancel, then Save as new version, to keep them."], asked
        assert page.input_value("#text") == edited                        # dismissed: the edits stay
        accept[0] = True
        page.locator("#versions button", has_text="Open").first.click()
        page.wait_for_function("(want) => document.getElementById('text').value === want", arg=STRATEGY)
        page.close()
