"""A form's answer address opened as a page (a reload after the browser forgot the form, a bookmark,
an address copied from the bar): GET on an address that only takes the form's POST showed a bare 405
page ('/owner/imports/2 is where a page's form sends what you chose: it is not a page to open').
It now sends the browser (303) to the page the form lives on. A real server on 127.0.0.1 and headless
Chromium; the list of such addresses is checked against the app's routes so that a new form's address
cannot be forgotten."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from test_owner_api import CINAHL, SCOPUS
from web_helpers import csrf_of, serving, signed_in_page
from werkzeug.test import Client

from screener.web import create_app
from screener.web.form_homes import FORM_HOMES
from screener.web.multi import ReviewRoot
from screener.workspace.root import create_review

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "form-addresses"


def test_every_address_only_a_form_posts_to_has_a_page_to_go_to(review):
    ws, _, _ = review
    app = create_app(ws.path, secret_key=b"k" * 48)
    try:
        methods: dict[str, set[str]] = {}
        endpoints: dict[str, str] = {}
        for rule in app.url_map.iter_rules():
            methods.setdefault(rule.rule, set()).update(rule.methods or ())
            endpoints.setdefault(rule.rule, rule.endpoint)
        form_only = {endpoints[r] for r, m in methods.items()
                     if "GET" not in m and not r.startswith("/api") and "/api/" not in r}
    finally:
        app.extensions["screener"].ws.close()
    assert form_only, "no form addresses found: the check would pass for nothing"
    assert sorted(form_only - set(FORM_HOMES)) == [], "give each form's address its page in web/form_homes.py"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_opening_a_forms_address_goes_to_its_page(browser, app, review, width):
    ws, studies, tokens = review
    for path in (CINAHL, SCOPUS):
        answer = app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"},
                                        content_type="multipart/form-data",
                                        data={"file": [(io.BytesIO(path.read_bytes()), path.name)]})
        assert answer.status_code == 201, answer.get_json()
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        screener = signed_in_page(browser, base, tokens["alice"], width)
        for who, address, lands in (
                (page, "/owner/imports/2", "/owner/imports#import-2"), (page, "/owner/imports/preview", "/owner/imports"),
                (page, "/owner/imports/confirm", "/owner/imports"), (page, "/owner/dedupe/run", "/owner/dedupe"),
                (page, "/owner/reviewers/alice/revoke", "/owner/reviewers"), (page, "/conflicts/resolve", "/conflicts"),
                (screener, "/screen/vote", "/screen"), (screener, "/screen/skip", "/screen"),
                (screener, f"/studies/{studies[0]}/labels", "/studies"), (screener, "/signout", "/")):
            answer = who.goto(base + address)
            assert answer is not None and answer.status == 200, (address, answer and answer.status)
            assert who.url == base + lands, (address, who.url)
            said = who.inner_text("main")
            assert "not a page to open" not in said, (address, said[:300])
        assert screener.locator("header nav").count() == 1        # still signed in: a GET signs nobody out
        screener.close()
        page.goto(base + "/owner/imports/2")
        page.screenshot(path=str(SHOTS / f"imports-2-{width}.png"), full_page=False)
        assert page.locator("#import-2").count() == 1
        # a form's address sent another method than its form's still answers 405, with the page's words
        answer = page.request.fetch(base + "/owner/imports/2", method="PUT")
        assert answer.status == 405 and "not a page to open" in answer.text()
        page.close()


def test_under_a_server_root_the_page_keeps_the_reviews_prefix(tmp_path):
    """`screener serve --root`: /r/<review>/owner/imports/3 goes to /r/<review>/owner/imports, not to
    another review's or the root's /owner/imports."""
    root = tmp_path / "root"
    root.mkdir()
    ws, token = create_review(root, "pain-qual", "Pain review")
    ws.close()
    holder = ReviewRoot(root)
    try:
        client = Client(holder)
        page = client.get(f"/r/pain-qual/signin?token={token}").get_data(as_text=True)
        signed = client.post("/r/pain-qual/signin", data={"token": token, "csrf_token": csrf_of(page)})
        assert signed.status_code == 303
        answer = client.get("/r/pain-qual/owner/imports/3")
        assert answer.status_code == 303 and answer.headers["Location"].endswith("/r/pain-qual/owner/imports#import-3"), \
            (answer.status_code, answer.headers.get("Location"))
    finally:
        for app in holder.apps.values():
            app.extensions["screener"].ws.close()
