"""Pages of addresses no page answers (session 9's user review): the app's layout with the menu of
whoever is signed in, a plain sentence and a link to the start page; JSON in the API's shape under
/api/. A real server on 127.0.0.1 and headless Chromium."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"


@pytest.mark.browser
def test_an_unknown_address_has_the_apps_menu_and_a_plain_sentence(browser, review):
    """Before: /no-such-page, /fulltext/abc and /studies/9 showed Werkzeug's 'The requested URL was
    not found on the server. If you entered the URL manually please check your spelling and try
    again.' without the menu; GET /screen/vote 'The method is not allowed for the requested URL.'
    (GET /screen/vote now goes to /screen, the page its form is on: test_web_form_addresses; a method
    no form of the page sends still answers 405 in the page's words.)"""
    ws, _, tokens = review
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        for path, status in (("/no-such-page", 404), ("/fulltext/abc", 404), ("/studies/9", 404)):
            answer = page.goto(base + path)
            assert answer.status == status, path
            said = " ".join(page.inner_text("main").split())
            assert "requested URL" not in said and "If you entered" not in said, said
            assert page.locator("header nav a", has_text="Title/abstract").count() == 1, path
            assert page.locator("main a", has_text="start page").count() == 1
            assert f"There is no page at {path}" in said, said
        refused = page.request.fetch(base + "/screen/vote", method="PUT")
        assert refused.status == 405 and "not a page to open" in refused.text() and "requested URL" not in refused.text()
        page.screenshot(path=str(SHOTS / "not-found-390.png"), full_page=True)
        page.close()
        guest = browser.new_page()                 # not signed in: the layout, no menu
        answer = guest.goto(base + "/no-such-page")
        assert answer.status == 404 and "There is no page at /no-such-page" in guest.inner_text("main")
        assert guest.locator("header nav").count() == 0
        guest.close()
    with serving(ws.path) as base:                 # the API answers JSON, in its own shape, as before
        for path, method in (("/api/no-such-call", "GET"), ("/api/votes", "DELETE"), ("/api", "GET")):
            request = urllib.request.Request(base + path, method=method,
                                             headers={"Authorization": f"Bearer {tokens['alice']}"})
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(request, timeout=30)
            body = json.loads(caught.value.read().decode())
            assert body["ok"] is False and "requested URL" not in body["error"], body
            assert path in body["error"], body
