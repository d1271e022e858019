"""The server's access log: method, path, status and time of every request — never a token or a
cookie, wherever the request carried them (sign-in link, form, bearer header, session cookie)."""

from __future__ import annotations

import logging
import re

from web_helpers import csrf_of


def test_access_log_names_each_request_and_never_a_secret(app, review, caplog):
    ws, studies, tokens = review
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="screener.web.access"):
        form = client.get(f"/signin?token={tokens['alice']}")                 # the link carries the token
        client.post("/signin", data={"token": tokens["alice"], "csrf_token": csrf_of(form.get_data(as_text=True))})
        client.get("/screen")                                                  # the session cookie
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        api = app.test_client().get("/api/progress", headers={"Authorization": f"Bearer {tokens['bob']}"})
        assert api.status_code == 200
        app.test_client().get("/api/progress", headers={"Authorization": "Bearer wrong-token-value"})
    lines = [r.getMessage() for r in caplog.records if r.name == "screener.web.access"]
    text = "\n".join(lines)
    assert re.fullmatch(r"GET /signin 200 \d+\.\dms", lines[0])
    assert any(re.fullmatch(r"GET /api/progress 200 \d+\.\dms", line) for line in lines)
    assert any(re.fullmatch(r"GET /api/progress 401 \d+\.\dms", line) for line in lines)
    for secret in (tokens["alice"], tokens["bob"], "wrong-token-value", cookie.value if cookie else "no-cookie"):
        assert secret not in text
    assert "?" not in text and "token" not in text.lower()
