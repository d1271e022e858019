"""Signing in from one's link to the start page: the page said it twice, 'Signed in as Ann
(screener).' in the blue bar and 'Signed in as Ann, screener.' under the review's title, the first
thing each reviewer reads. The start page says it once; signed in to another page (a link to a
study, the sign-in asked for on the way) the bar still says who is signed in. Found signing in
each role at 1280 and 390 px. Through the HTTP client."""

from __future__ import annotations

import re

from web_helpers import TA, csrf_of


def _said(html: str) -> str:
    return " ".join(re.sub(r"</?(strong|b|em)>", "", re.sub(r"<(?!/?(strong|b|em)>)[^>]+>", " ", html)).split())


def _sign_in(app, token: str, wanted: str = ""):
    client = app.test_client()
    page = client.get(f"/signin?token={token}" + (f"&next={wanted}" if wanted else "")).get_data(as_text=True)
    data = {"token": token, "csrf_token": csrf_of(page)}
    if wanted:
        data["next"] = wanted
    return client.post("/signin", data=data, follow_redirects=True)


def test_the_start_page_says_who_is_signed_in_once(app, review):
    ws, studies, tokens = review
    for name, role in (("alice", "screener"), ("carol", "arbiter")):
        said = _said(_sign_in(app, tokens[name]).get_data(as_text=True))
        assert said.count("Signed in as") == 1, said
        assert f"Signed in as {name}, {role}." in said, said
    said = _said(_sign_in(app, tokens["alice"], f"/screen?stage={TA}").get_data(as_text=True))
    assert "Signed in as alice (screener)." in said, said
