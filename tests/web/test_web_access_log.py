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


def test_served_app_writes_the_traceback_of_a_server_error_to_stderr(review):
    # Was: the 'screener' logger's NullHandler counts as a handler, so Python's last-resort stderr
    # output never ran and `screener serve` answered 500 leaving no trace of why.
    import subprocess
    import sys

    ws = review[0]
    code = ("import sys\n"
            "from screener.web import create_app\n"
            "from screener.web.access import log_to_stderr\n"
            "log_to_stderr()\n"
            f"app = create_app({str(ws.path)!r})\n"
            "@app.get('/boom')\n"
            "def boom():\n"
            "    raise RuntimeError('the cause of this 500')\n"
            "print(app.test_client().get('/boom?token=secret-value').status_code)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "500", done.stderr
    assert "RuntimeError: the cause of this 500" in done.stderr
    assert "GET /boom 500" in done.stderr
    assert "secret-value" not in done.stderr
