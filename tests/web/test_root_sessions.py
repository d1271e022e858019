"""The root owner's session on `serve --root` (issue 21): it was a signed cookie only, so a copied
cookie kept the server's owner signed in for 14 days after sign-out. Sessions are now kept on the
server (ROOT/.root-sessions) and sign-out ends them; wrong root tokens are throttled per address
(429) like a review's."""

from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from screener.web.multi import ReviewRoot
from screener.workspace.root import mint_root_token


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture()
def server(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    token = mint_root_token(root)
    yield root, ReviewRoot(root), token


def _signed_in_client(holder, token) -> Client:
    client = Client(holder)
    page = client.get(f"/signin?token={token}").get_data(as_text=True)
    assert client.post("/signin", data={"token": token, "csrf_token": _csrf(page)}).status_code == 303
    return client


def _cookie(client: Client) -> tuple[str, str]:
    [cookie] = [c for c in client._cookies.values() if c.key.startswith("screener_root_")]
    return cookie.key, cookie.value


def test_a_copied_root_cookie_stops_working_after_sign_out(server):
    root, holder, token = server
    client = _signed_in_client(holder, token)
    name, value = _cookie(client)
    thief = Client(holder)
    thief.set_cookie(name, value)
    assert "No reviews yet" in thief.get("/").get_data(as_text=True)       # the copy works while signed in
    picker = client.get("/").get_data(as_text=True)
    assert client.post("/signout", data={"csrf_token": _csrf(picker)}).status_code == 303
    assert "No reviews yet" not in client.get("/").get_data(as_text=True)
    landing = thief.get("/").get_data(as_text=True)
    assert "No reviews yet" not in landing and "open the sign-in link" in landing
    refused = thief.post("/reviews", data={"csrf_token": _csrf(picker), "slug": "x", "title": "y"})
    assert refused.status_code == 401
    assert (root / ".root-sessions").stat().st_mode & 0o077 == 0          # owner-only, as .root-tokens


def test_another_root_session_survives_one_signing_out(server):
    _, holder, token = server
    laptop, phone = _signed_in_client(holder, token), _signed_in_client(holder, token)
    picker = laptop.get("/").get_data(as_text=True)
    laptop.post("/signout", data={"csrf_token": _csrf(picker)})
    assert "No reviews yet" in phone.get("/").get_data(as_text=True)


def test_wrong_root_tokens_are_throttled_per_address(server):
    _, holder, token = server
    client = Client(holder)
    page = client.get("/signin").get_data(as_text=True)
    codes = [client.post("/signin", data={"token": f"wrong{i}", "csrf_token": _csrf(page)}).status_code
             for i in range(21)]
    assert codes[:20] == [401] * 20 and codes[20] == 429
    right = client.post("/signin", data={"token": token, "csrf_token": _csrf(page)})
    assert right.status_code == 429 and "too many wrong tokens" in right.get_data(as_text=True)
    api = client.get("/api/reviews", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 429
    other = Client(holder)
    assert other.get("/api/reviews", headers={"Authorization": f"Bearer {token}"},
                     environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 200


def test_a_root_whose_sessions_cannot_be_recorded_says_so(server, monkeypatch):
    """A read-only or full disk under the server root: sign-in answers one line (503), not a 500."""
    import os

    root, holder, token = server
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".root-sessions"):
            raise OSError(30, "Read-only file system")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    client = Client(holder)
    page = client.get(f"/signin?token={token}").get_data(as_text=True)
    answer = client.post("/signin", data={"token": token, "csrf_token": _csrf(page)})
    assert answer.status_code == 503 and "cannot record the sign-in session" in answer.get_data(as_text=True)


def test_signing_out_of_the_root_signs_out_of_the_reviews_opened_from_it(server):
    """The root owner opens a review (a session there as 'root-owner'); signing out of the server
    root ends that session too: a copied review cookie stops working."""
    _, holder, token = server
    client = _signed_in_client(holder, token)
    picker = client.get("/").get_data(as_text=True)
    created = client.post("/reviews", data={"csrf_token": _csrf(picker), "slug": "pain-qual", "title": "Pain"})
    assert created.headers["Location"].endswith("/r/pain-qual/")        # signed in there by creating it
    [cookie] = [c for c in client._cookies.values() if c.path == "/r/pain-qual/"]
    thief = Client(holder)
    thief.set_cookie(cookie.key, cookie.value, path="/r/pain-qual/")
    assert thief.get("/r/pain-qual/owner/imports").status_code == 200
    client.post("/signout", data={"csrf_token": _csrf(client.get("/").get_data(as_text=True))})
    assert thief.get("/r/pain-qual/owner/imports").status_code != 200
    for app in holder.apps.values():
        app.extensions["screener"].ws.close()
