"""Sessions end on the server at sign-out, and wrong tokens are throttled per address (issue 21:
a copied cookie worked for 14 days after sign-out; nothing slowed a token guesser)."""

from __future__ import annotations

from web_helpers import csrf_of, signed_in

from screener.web.throttle import MAX_FAILURES


def test_a_copied_cookie_stops_working_after_sign_out(app, review):
    ws, _, tokens = review
    alice = signed_in(app, tokens["alice"])
    name = app.config["SESSION_COOKIE_NAME"]
    stolen = alice.get_cookie(name).value
    thief = app.test_client()
    thief.set_cookie(name, stolen)
    assert thief.get("/").status_code == 200                 # the copy works while alice is signed in
    page = alice.get("/").get_data(as_text=True)
    assert alice.post("/signout", data={"csrf_token": csrf_of(page)}).status_code == 303
    answer = thief.get("/")
    assert answer.status_code in (302, 303) and "/signin" in answer.headers["Location"]
    assert ws.db.execute("SELECT kind FROM web_sessions ORDER BY id").fetchall()[-1][0] == "close"


def test_wrong_bearer_tokens_are_throttled_per_address(app, review):
    _, _, tokens = review
    client = app.test_client()
    for _ in range(MAX_FAILURES):
        assert client.get("/api/me", headers={"Authorization": "Bearer wrong"}).status_code == 401
    refused = client.get("/api/me", headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 429 and "too many wrong tokens" in refused.get_json()["error"]
    # even the right token waits: a guesser cannot keep guessing
    assert client.get("/api/me", headers={"Authorization": f"Bearer {tokens['alice']}"}).status_code == 429
    other = app.test_client()
    answer = other.get("/api/me", headers={"Authorization": f"Bearer {tokens['alice']}"},
                       environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert answer.status_code == 200                         # another address is not held up


def test_wrong_sign_in_tokens_are_throttled(app, review):
    client = app.test_client()
    page = client.get("/signin").get_data(as_text=True)
    csrf = csrf_of(page)
    codes = [client.post("/signin", data={"token": "wrong", "csrf_token": csrf}).status_code
             for _ in range(MAX_FAILURES + 1)]
    assert codes[:MAX_FAILURES] == [401] * MAX_FAILURES and codes[-1] == 429
