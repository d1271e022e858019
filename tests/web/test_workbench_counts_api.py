"""`POST /api/strategies/counts`: every line's PubMed count for the workbench, against the stand-in."""

from __future__ import annotations

import pytest
from test_workbench_api import bearer, written

from screener.search.line_counts import plan_counts
from screener.workspace.reviewers import add_reviewer

STRATEGY = "1. exp Chronic Pain/\n2. qualitatve.tw.\n3. interview*.tw.\n4. 2 or 3\n5. 1 and 4\n"


@pytest.fixture()
def standin(fixtures_dir):
    from screener.search.standin import EutilsStandin

    files = sorted(p for p in (fixtures_dir / "records" / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)
    server = EutilsStandin(files, enforce_rate=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def wb(app, review):
    ws, studies, tokens = review
    tokens = dict(tokens, sam=add_reviewer(ws, "sam", "searcher")[1])
    yield app.test_client(), ws, tokens


def _ask(client, token, **body):
    return client.post("/api/strategies/counts", headers=bearer(token), json={"text": STRATEGY, **body})


def test_lines_are_counted_as_asked_and_kept_for_the_day(wb, standin):
    client, ws, tokens = wb
    pmids = sorted(standin.pmids)
    q = {ln.number: ln.query for ln in plan_counts(STRATEGY)}
    standin.queries = {standin._normal(q[1]): pmids[:12], standin._normal(q[2]): []}
    standin.default = pmids[:3]
    standin.phrase_not_found = ["interview*"]
    plan = _ask(client, tokens["sam"], eutils_url=standin.url)
    assert plan.status_code == 200, plan.get_json()
    data = plan.get_json()
    assert [ln["status"] for ln in data["lines"]] == [""] * 5 and data["requests"] == 0    # nothing asked yet
    assert data["lines"][3]["query"] == "(qualitatve[tiab] OR interview*[tiab])" and data["lines"][4]["final"]
    first = _ask(client, tokens["sam"], eutils_url=standin.url, count=[1, 2]).get_json()
    assert [(ln["count"], ln["status"], ln["zero"]) for ln in first["lines"][:2]] == \
        [(12, "counted", False), (0, "counted", True)]
    rest = _ask(client, tokens["sam"], eutils_url=standin.url, count=[3, 4, 5]).get_json()
    assert [ln["status"] for ln in rest["lines"]] == ["counted", "counted", "refused", "refused", "refused"]
    assert "PhraseNotFound: interview*" in rest["lines"][2]["message"]
    assert [ln["cached"] for ln in rest["lines"]] == [True, True, False, False, False]
    asked = len(standin.requests)
    again = _ask(client, tokens["sam"], eutils_url=standin.url).get_json()     # the page opened again
    assert len(standin.requests) == asked == 5 and again["requests"] == 0
    assert [ln["count"] for ln in again["lines"]] == [12, 0, 0, 0, 0]
    assert all(ln["cached"] for ln in again["lines"])
    row = ws.db.execute("SELECT actor, day FROM pubmed_line_counts ORDER BY id LIMIT 1").fetchone()
    assert row[0] == "sam" and len(row[1]) == 10


def test_bad_input_is_400_and_nothing_is_asked_or_written(wb, standin):
    client, ws, tokens = wb
    before = written(ws)
    for body, words in (({"count": "1"}, "'count' must be a list of line numbers"),
                        ({"count": [9]}, "the strategy has no line 9 (its lines are numbered 1 to 5)"),
                        ({"count": list(range(1, 12))}, "ask for at most 10 at a time"),
                        ({"text": "   "}, "the strategy is empty"),
                        ({"from": "klingon"}, "klingon"),
                        ({"eutils_url": "ftp://x"}, "not an http(s) URL")):
        answer = _ask(client, tokens["sam"], **{"eutils_url": standin.url, **body})
        assert answer.status_code == 400, (body, answer.get_json())
        assert words in answer.get_json()["error"], (body, answer.get_json())
    assert standin.requests == [] and written(ws) == before
    assert ws.db.execute("SELECT count(*) FROM pubmed_line_counts").fetchone()[0] == 0
    screener = _ask(client, tokens["alice"], eutils_url=standin.url, count=[1])
    assert screener.status_code == 403 and standin.requests == []
