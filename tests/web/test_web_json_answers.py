"""The JSON API's answers: orjson writes what json.dumps(…, ensure_ascii=False, default=str) wrote, and
large answers are gzipped for clients that accept it (screener.web.json_answers)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from web_helpers import served

from screener.web import create_app
from screener.web.json_answers import GZIP_MIN_BYTES, json_bytes
from screener.workspace.reviewers import add_reviewer

ROOT = Path(__file__).resolve().parents[2]
TABLE1 = (ROOT / "queries" / "toye2017" / "medline.ovid").read_text(encoding="utf-8")


@dataclasses.dataclass
class Point:
    x: int


def _as_before(value):
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@pytest.mark.parametrize("value", [
    {"title": "Schmerz – Ärzte’ 痛み", "n": 3, "ok": True, "none": None, "x": 0.25},
    {1: "int key", "nested": [1, (2, 3), {"a": []}]},
    {"at": dt.datetime(2026, 12, 8, 10, 0, 0), "on": dt.date(2026, 12, 8)},
    {"path": Path("/srv/reviews/pain"), "point": Point(3), "set": {1}},
    {"float64": np.float64(0.5), "int64": np.int64(7)},
    {"big": 2 ** 70, "negative_big": -(2 ** 65)},
])
def test_the_answer_parses_to_what_json_dumps_wrote(value):
    assert json.loads(json_bytes(value)) == _as_before(value)


def test_non_ascii_is_written_as_itself_and_compact():
    body = json_bytes({"title": "Ärzte", "list": [1, 2]})
    assert body == '{"title":"Ärzte","list":[1,2]}'.encode()


def test_nan_is_null_not_the_invalid_NaN():
    assert json.loads(json_bytes({"x": float("nan")})) == {"x": None}


@pytest.fixture()
def workbench(review):
    ws, _, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    app = create_app(ws.path, secret_key=b"k" * 48)
    app.config["TESTING"] = True
    yield app, {"Authorization": f"Bearer {token}"}
    app.extensions["screener"].ws.close()


def _translate(client, headers, text=TABLE1):
    return client.post("/api/strategies/translate", headers=headers,
                       json={"text": text, "from": "ovid", "to": "all"})


def _without_timing(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "server_ms"}


def test_a_large_answer_is_gzipped_when_the_client_accepts_gzip(workbench):
    app, headers = workbench
    client = app.test_client()
    plain = _translate(client, headers)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert len(plain.data) >= GZIP_MIN_BYTES          # (Table 1 checked and compiled for every target)
    assert "Accept-Encoding" in plain.headers["Vary"]  # a cache must not give it to a client that accepts gzip
    packed = _translate(client, {**headers, "Accept-Encoding": "gzip, deflate, br"})
    assert packed.status_code == 200
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data) / 4
    assert _without_timing(json.loads(gzip.decompress(packed.data))) == _without_timing(plain.get_json())


def test_small_answers_errors_and_pages_are_not_gzipped(workbench):
    app, headers = workbench
    client = app.test_client()
    gzip_ok = {**headers, "Accept-Encoding": "gzip"}
    small = client.get("/api/strategies", headers=gzip_ok)
    assert small.status_code == 200 and "Content-Encoding" not in small.headers
    assert small.get_json() == {"strategies": []}
    refused = client.post("/api/strategies/translate", headers=gzip_ok, json={"text": "x" * 200_000, "from": "ovid"})
    assert refused.status_code == 400 and "Content-Encoding" not in refused.headers
    # a page carries the session's CSRF token beside what the request put there: never compressed (BREACH)
    page = client.get("/signin", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and "Content-Encoding" not in page.headers
    refused_gzip = _translate(client, {**headers, "Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused_gzip.headers


def test_through_the_real_server_the_gzipped_answer_arrives_whole(workbench):
    app, headers = workbench
    with served(app) as url:
        request = urllib.request.Request(
            url + "/api/strategies/translate", method="POST",
            data=json.dumps({"text": TABLE1, "from": "ovid", "to": "all"}).encode(),
            headers={**headers, "Content-Type": "application/json", "Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.headers["Content-Encoding"] == "gzip"
            body = answer.read()
    assert int(answer.headers["Content-Length"]) == len(body)
    data = json.loads(gzip.decompress(body))
    assert "pubmed" in data["targets"] and data["check"]["errors"] == 0
