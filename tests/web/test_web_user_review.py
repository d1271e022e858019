"""What a user review of the web app found (session 9: the owner, the information specialist, two
blinded screeners and the arbiter walked through a review in headless Chromium at 1280 and 390 px):
each test names what the person saw before. A real server on 127.0.0.1, SQLite, real Chromium for
what a person sees; screenshots go to tests/artifacts/web/user-review/."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from web_helpers import serving

from screener.workspace.imports import import_exports
from screener.workspace.reviewers import add_reviewer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures/records/ris"
EMBASE = FIXTURES / "citation-file-formatting___baseline_embase.ris"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"


def _call(base: str, path: str, token: str, body: dict | None = None) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method="POST" if data is not None else "GET",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.read().decode()


def test_the_imports_api_gives_the_file_name_never_where_the_server_keeps_it(review):
    """Before: GET /api/imports (to the owner and to a searcher) and the answer to a correction gave
    each import's "path", the server's own folder ('/srv/reviews/pain/exports/embase.ris')."""
    ws, _, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    import_exports(ws, [EMBASE], metadata={"database": "Embase"}, actor="olivia")
    folder = str(ws.path.resolve())
    with serving(ws.path) as base:
        for token in (tokens["olivia"], sam):
            status, text = _call(base, "/api/imports", token)
            assert status == 200
            [item] = json.loads(text)
            assert item["file"] == EMBASE.name
            assert "path" not in item and folder not in text and str(ws.path) not in text, text
        status, text = _call(base, "/api/imports/1", sam, {"platform": "Ovid"})
        assert status == 200 and json.loads(text)["changed"]["platform"]["to"] == "Ovid"
        assert "path" not in json.loads(text) and folder not in text, text
