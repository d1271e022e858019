"""The web app's cookie key, DIR/.web-secret, left short: a disk that filled as `screener serve`
first wrote it, a copy cut short. It was used as it was: an empty key (every sign-in a 500: Flask
refuses sessions without a key) or a few bytes anyone could guess (a signed cookie forged from them
signs in as anyone). Now a key shorter than 32 bytes is replaced with a new one, written whole."""

from __future__ import annotations

import pytest
from web_helpers import signed_in

from screener.web import create_app
from screener.web.auth import SECRET_FILE, load_secret


@pytest.mark.parametrize("left", [b"", b"abc"])
def test_a_short_cookie_key_is_replaced_and_sign_in_works(review, left):
    ws, studies, tokens = review
    (ws.path / SECRET_FILE).write_bytes(left)
    app = create_app(ws.path)
    try:
        key = app.config["SECRET_KEY"]
        assert len(key) >= 32 and key != left
        assert (ws.path / SECRET_FILE).read_bytes() == key
        assert (ws.path / SECRET_FILE).stat().st_mode & 0o077 == 0
        client = signed_in(app, tokens["alice"])
        assert client.get("/").status_code == 200
        assert load_secret(ws.path) == key                # the next start keeps it: sessions survive
    finally:
        app.extensions["screener"].ws.close()
