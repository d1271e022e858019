"""With every screener logger at DEBUG (``SCREENER_LOG=debug``), a sign-in and API calls log no token,
cookie or bearer value anywhere — not only in the access log."""

from __future__ import annotations

import logging

from web_helpers import csrf_of


def test_no_logger_sees_a_token_or_cookie(app, review, caplog):
    ws, studies, tokens = review
    client = app.test_client()
    with caplog.at_level(logging.DEBUG, logger="screener"):
        form = client.get(f"/signin?token={tokens['alice']}")
        client.post("/signin", data={"token": tokens["alice"], "csrf_token": csrf_of(form.get_data(as_text=True))})
        client.get("/screen")
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        app.test_client().get("/api/progress", headers={"Authorization": f"Bearer {tokens['bob']}"})
        app.test_client().get("/api/progress", headers={"Authorization": "Bearer wrong-token-value"})
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert any(r.name == "screener.web.access" for r in caplog.records)
    assert cookie is not None
    for secret in (tokens["alice"], tokens["bob"], "wrong-token-value", cookie.value):
        assert secret not in text
