"""Many reviews on one server (`screener serve --root`): the picker, the root owner creating reviews,
and nothing of one review reachable from another."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from werkzeug.test import Client

from screener.cli.main import run
from screener.errors import NameTaken
from screener.web.multi import ReviewRoot
from screener.workspace import Workspace
from screener.workspace.reviewers import add_reviewer
from screener.workspace.root import create_review, mint_root_token


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _sign_in_review(client: Client, slug: str, token: str) -> None:
    page = client.get(f"/r/{slug}/signin?token={token}")
    assert page.status_code == 200, page.get_data(as_text=True)
    answer = client.post(f"/r/{slug}/signin", data={"token": token, "csrf_token": _csrf(page.get_data(as_text=True))})
    assert answer.status_code == 303, answer.get_data(as_text=True)


@pytest.fixture()
def server(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    owner_token = mint_root_token(root)
    holder = ReviewRoot(root)
    yield root, holder, owner_token
    for app in holder.apps.values():
        app.extensions["screener"].ws.close()


def test_root_owner_creates_a_review_in_the_browser_and_lands_in_it(server):
    root, holder, owner_token = server
    client = Client(holder)
    landing = client.get("/").get_data(as_text=True)
    assert "open the sign-in link your review's owner sent you" in landing
    bad = client.post("/signin", data={"token": "nope", "csrf_token": _csrf(landing)})
    assert bad.status_code == 401
    page = client.get(f"/signin?token={owner_token}").get_data(as_text=True)
    assert client.post("/signin", data={"token": owner_token, "csrf_token": _csrf(page)}).status_code == 303
    picker = client.get("/").get_data(as_text=True)
    assert "No reviews yet" in picker
    created = client.post("/reviews", data={"csrf_token": _csrf(picker), "slug": "pain-qual",
                                            "title": "Chronic pain: a qualitative review"})
    assert created.status_code == 303           # signed in to the new review at once: no sign-in page
    assert created.headers["Location"] == "http://localhost/r/pain-qual/"
    assert "token" not in created.headers["Location"]
    imports = client.get("/r/pain-qual/owner/imports")
    assert imports.status_code == 200 and "Import search results" in imports.get_data(as_text=True)
    assert (root / "pain-qual" / "review.toml").is_file()
    picker = client.get("/").get_data(as_text=True)
    assert "Chronic pain: a qualitative review" in picker
    again = client.post("/reviews", data={"csrf_token": _csrf(picker), "slug": "pain-qual", "title": "x"})
    assert again.status_code == 409 and "already a folder" in again.get_data(as_text=True)
    odd = client.post("/reviews", data={"csrf_token": _csrf(picker), "slug": "../etc", "title": "x"})
    assert odd.status_code == 400


def test_nothing_of_one_review_is_visible_from_another(server):
    root, holder, owner_token = server
    a, _ = create_review(root, "alpha", "Alpha review")
    b, _ = create_review(root, "beta", "Beta review")
    _, alice = add_reviewer(a, "alice", "screener")
    _, bob = add_reviewer(b, "bob", "screener")
    a.close()
    b.close()
    client = Client(holder)
    assert client.get("/r/alpha/api/me", headers={"Authorization": f"Bearer {alice}"}).status_code == 200
    assert client.get("/r/beta/api/me", headers={"Authorization": f"Bearer {alice}"}).status_code == 401
    assert client.get("/r/beta/api/me", headers={"Authorization": f"Bearer {bob}"}).status_code == 200
    # a session in alpha is no session in beta, and its cookie is only sent under /r/alpha/
    _sign_in_review(client, "alpha", alice)
    assert client.get("/r/alpha/").status_code == 200
    beta = client.get("/r/beta/")
    assert beta.status_code == 302 and beta.headers["Location"].endswith("/r/beta/signin")
    cookie = client.get_cookie(next(c.key for c in client._cookies.values() if c.key.startswith("screener_")),
                               domain="localhost", path="/r/alpha/")
    assert cookie is not None and cookie.path == "/r/alpha/"
    # the picker names no review to anyone but the root owner
    landing = client.get("/").get_data(as_text=True)
    assert "Alpha review" not in landing and "Beta review" not in landing
    assert client.get("/api/reviews", headers={"Authorization": f"Bearer {alice}"}).status_code == 401
    assert client.get("/r/gamma/").status_code == 404
    listed = client.get("/api/reviews", headers={"Authorization": f"Bearer {owner_token}"}).get_json()
    assert [r["slug"] for r in listed] == ["alpha", "beta"]


def test_root_api_creates_a_review_and_a_new_root_token_replaces_the_old(server):
    root, holder, owner_token = server
    client = Client(holder)
    made = client.post("/api/reviews", json={"slug": "gamma", "title": "Gamma"},
                       headers={"Authorization": f"Bearer {owner_token}"})
    assert made.status_code == 201
    owner = made.get_json()["owner_token"]
    assert client.get("/r/gamma/api/imports", headers={"Authorization": f"Bearer {owner}"}).get_json() == []
    newer = mint_root_token(root)
    assert client.get("/api/reviews", headers={"Authorization": f"Bearer {owner_token}"}).status_code == 401
    assert client.get("/api/reviews", headers={"Authorization": f"Bearer {newer}"}).status_code == 200
    assert client.post("/api/reviews", json={"slug": "Bad Name", "title": "x"},
                       headers={"Authorization": f"Bearer {newer}"}).status_code == 400


def test_a_review_workspace_is_not_taken_for_a_server_root(tmp_path, capsys):
    # `screener admin token myreview` wrote .root-tokens into the review and printed a link to a
    # server of 0 reviews (the review's own links come from `screener reviewers link`)
    Workspace.init(tmp_path / "myreview").close()
    assert run(["admin", "token", str(tmp_path / "myreview")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a review workspace, not a server root" in err
    assert "screener reviewers link" in err
    assert not (tmp_path / "myreview" / ".root-tokens").exists()


def test_admin_token_and_serve_options(tmp_path, capsys):
    root = tmp_path / "root"
    root.mkdir()
    assert run(["admin", "token", str(root)]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/signin?token=" in out
    assert run(["admin", "token", str(tmp_path / "missing")]) == 1
    assert run(["serve"]) == 2
    assert "give the review's DIR, or --root ROOT" in capsys.readouterr().err
    Workspace.init(tmp_path / "one").close()
    assert run(["serve", str(tmp_path / "one"), "--root", str(root)]) == 2


def test_a_short_name_taken_is_a_409_by_its_error_naming_the_field(server):
    # Before: 'there is already a folder 'pain-qual' on this server; choose another name' (no field
    # named: the form has a Title, a Short name and Your name), and the page and the JSON API made it
    # a 409 by looking for 'already a folder' in the words
    root, _, _ = server
    create_review(root, "pain-qual", "First")
    with pytest.raises(NameTaken) as taken:
        create_review(root, "pain-qual", "Second")
    assert taken.value.http_status == 409
    assert str(taken.value) == ("short name 'pain-qual': there is already a folder 'pain-qual' on this server (a review, "
                                "or something kept there); choose another short name")
    web = Path(__file__).resolve().parents[2] / "screener" / "web" / "multi.py"
    assert "already a folder" not in web.read_text()
