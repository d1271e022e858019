"""`screener serve --root`, one review under it that cannot be opened as it is (its review.db made by a
newer screener, emptied, damaged; its review.toml emptied or mistyped): every address of that review
answered 'Internal Server Error — The server encountered an unexpected internal server error', and the
server's log a traceback. Now a page saying the review cannot be opened and why (no server path), a 503,
one line in the log, and the other reviews untouched; once mended it opens without a restart."""

from __future__ import annotations

import logging

from werkzeug.test import Client

from screener.web.multi import ReviewRoot
from screener.workspace import Workspace
from screener.workspace.root import mint_root_token


def test_a_review_that_cannot_be_opened_is_a_503_saying_why(tmp_path, caplog):
    root = tmp_path / "root"
    root.mkdir()
    mint_root_token(root)
    Workspace.init(root / "good").close()
    Workspace.init(root / "bad").close()
    settings = (root / "bad" / "review.toml").read_bytes()
    (root / "bad" / "review.toml").write_bytes(b"")
    holder = ReviewRoot(root)
    client = Client(holder)
    try:
        with caplog.at_level(logging.WARNING):
            for address in ("/r/bad/", "/r/bad/signin"):
                answer = client.get(address)
                text = answer.get_data(as_text=True)
                assert answer.status_code == 503, text[:500]
                assert "This review cannot be opened on this server" in text and "review.toml: empty" in text, text
                assert str(root) not in text
            api = client.get("/r/bad/api/progress")
            assert api.status_code == 503 and "review.toml: empty" in api.get_json()["error"]
        assert "Traceback" not in caplog.text and "bad" in caplog.text
        assert client.get("/r/good/signin").status_code == 200
        (root / "bad" / "review.toml").write_bytes(settings)
        assert client.get("/r/bad/signin").status_code == 200
    finally:
        for app in holder.apps.values():
            app.extensions["screener"].ws.close()
