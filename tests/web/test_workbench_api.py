"""The search workbench's JSON API: check, translate, saved versions and their diff, run and validate
(the same answers as the CLI), PubMed search jobs against the local E-utilities stand-in — and every
refusal with its status, each writing nothing."""

from __future__ import annotations

import io
import json
import time
from contextlib import redirect_stdout

import pytest
from web_helpers import TA

from screener.query import TARGETS
from screener.workspace.reviewers import add_reviewer

STRATEGY = "1. pain.ti,ab.\n2. (qualitative or interview*).ti,ab.\n3. 1 and 2\n"
STRATEGY_V2 = "1. pain.ti,ab.\n2. (qualitative or interview* or focus group*).ti,ab.\n3. 1 and 2\n"
BAD = "1. exp chronic pain\n2. (qualitative adj3 study.ti,ab.\n3. 1 and 4\n"


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def written(ws) -> dict[str, int]:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("events", "strategies", "strategy_versions", "search_jobs", "search_job_events", "searches",
                      "source_records")}


@pytest.fixture()
def standin(fixtures_dir):
    """The E-utilities stand-in on 127.0.0.1 serving the 20 bundled real PubMed records."""
    from screener.search.standin import EutilsStandin

    files = sorted(p for p in (fixtures_dir / "records" / "pubmed-xml").glob("*.xml") if "Malformed" not in p.name)
    server = EutilsStandin(files, enforce_rate=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def wb(app, review):
    """(client, ws, tokens) with a searcher 'sam' added to the review's reviewers."""
    ws, studies, tokens = review
    tokens = dict(tokens, sam=add_reviewer(ws, "sam", "searcher")[1])
    yield app.test_client(), ws, tokens
    app.extensions["screener_search_jobs"].join(timeout=30)


def cli_json(*args: str) -> dict:
    from screener.cli.main import run

    out = io.StringIO()
    with redirect_stdout(out):
        code = run(list(args) + ["--json"])
    assert code == 0, out.getvalue()
    return json.loads(out.getvalue())


# ---- check and translate -------------------------------------------------------------------------

def test_check_lists_problems_with_their_exact_spans_and_each_lines_meaning(wb):
    client, ws, tokens = wb
    answer = client.post("/api/strategies/check", headers=bearer(tokens["alice"]), json={"text": BAD, "from": "ovid"})
    assert answer.status_code == 200, answer.get_json()
    data = answer.get_json()
    lines = BAD.splitlines()
    spans = {(p["code"], lines[p["line"] - 1][p["col"] - 1:p["end_col"] - 1]) for p in data["problems"]}
    assert ("UNBALANCED_PARENTHESIS", "(") in spans
    assert ("BAD_LINE_REFERENCE", "4") in spans
    assert data["errors"] == sum(1 for p in data["problems"] if p["severity"] == "error") >= 2
    assert [ln["number"] for ln in data["lines"]] == [1, 2, 3]
    good = client.post("/api/strategies/check", headers=bearer(tokens["alice"]), json={"text": STRATEGY}).get_json()
    assert good["errors"] == 0 and good["problems"] == []
    assert good["lines"][1]["meaning"] == "qualitative OR interview* in title, abstract"
    assert good["lines"][2]["meaning"] == "line 1 AND line 2"
    assert good["server_ms"] >= 0


def test_translate_to_every_target_or_some(wb):
    client, ws, tokens = wb
    data = client.post("/api/strategies/translate", headers=bearer(tokens["sam"]),
                       json={"text": STRATEGY, "from": "ovid", "to": "all"}).get_json()
    assert list(data["targets"]) == list(TARGETS)
    from screener.query import translate
    for target in TARGETS:
        assert data["targets"][target]["query"] == translate(STRATEGY, read="ovid", write=target).query
    pubmed = data["targets"]["pubmed"]
    assert {p["code"] for p in pubmed["problems"]} == {"FIELD_APPROXIMATED"}
    assert pubmed["problems"][0]["effect"] == "approximate" and pubmed["problems"][0]["strategy_line"] in (1, 2)
    assert [ln["number"] for ln in pubmed["lines"]] == [1, 2, 3]
    some = client.post("/api/strategies/translate", headers=bearer(tokens["sam"]),
                       json={"text": STRATEGY, "to": ["scopus", "wos"]}).get_json()
    assert list(some["targets"]) == ["scopus", "wos"]


@pytest.mark.parametrize("body, status, says", [
    ({"text": ""}, 400, "the strategy is empty"),
    ({"text": "   \n  "}, 400, "the strategy is empty"),
    ({"text": "pain.ti.", "to": ["pubmed", "embase.com-typo"]}, 400, "unknown target 'embase.com-typo'"),
    ({"text": "pain.ti.", "to": []}, 400, "'to' must be \"all\" or a list of targets"),
    ({"text": "pain.ti.", "from": "sql"}, 400, "'from' 'sql' is not a syntax"),
    ({"text": "pain.ti. or " * 9000}, 400, "the workbench takes at most 100,000"),
    ({"text": 12}, 400, "'text' must be the strategy as text"),
    ({"text": "1 pain.ti.\n2 \x89PNG\x00"}, 400, "line 2, column 3: a control character (U+0089)"),
    ({"txt": "pain"}, 400, "unknown field 'txt'"),
    ({}, 400, "missing field 'text'"),
])
def test_translate_refuses_bad_input_clearly(wb, body, status, says):
    client, ws, tokens = wb
    before = written(ws)
    answer = client.post("/api/strategies/translate", headers=bearer(tokens["olivia"]), json=body)
    assert answer.status_code == status
    assert says in answer.get_json()["error"]
    assert answer.get_json()["ok"] is False
    assert written(ws) == before


def test_not_json_no_token_and_a_bad_token(wb):
    client, ws, tokens = wb
    answer = client.post("/api/strategies/check", headers=bearer(tokens["sam"]), data="{text: 1",
                         content_type="application/json")
    assert answer.status_code == 400 and "not valid JSON at line 1 column 2" in answer.get_json()["error"]
    answer = client.post("/api/strategies/check", json={"text": STRATEGY})
    assert answer.status_code == 401 and "Authorization: Bearer TOKEN" in answer.get_json()["error"]
    answer = client.post("/api/strategies/check", headers=bearer("nope"), json={"text": STRATEGY})
    assert answer.status_code == 401 and "unknown token" in answer.get_json()["error"]


# ---- saved strategies ----------------------------------------------------------------------------

def test_every_save_is_a_new_version_and_the_diff_says_what_changed(wb):
    client, ws, tokens = wb
    first = client.post("/api/strategies", headers=bearer(tokens["sam"]),
                        json={"name": "MEDLINE main", "text": STRATEGY, "note": "first go"})
    assert first.status_code == 201, first.get_json()
    v1 = first.get_json()
    assert (v1["version"], v1["label"], v1["saved_by"], v1["recorded"]) == (1, "MEDLINE main v1", "sam", True)
    again = client.post("/api/strategies", headers=bearer(tokens["olivia"]), json={"name": "MEDLINE main", "text": STRATEGY})
    assert again.status_code == 200 and again.get_json()["recorded"] is False and again.get_json()["version"] == 1
    second = client.post("/api/strategies", headers=bearer(tokens["olivia"]),
                         json={"name": "MEDLINE main", "text": STRATEGY_V2})
    assert second.status_code == 201 and second.get_json()["version"] == 2
    sid = v1["strategy_id"]
    listing = client.get("/api/strategies", headers=bearer(tokens["alice"])).get_json()["strategies"]
    assert [(s["name"], s["versions"]) for s in listing] == [("MEDLINE main", 2)]
    got = client.get(f"/api/strategies/{sid}?version=1", headers=bearer(tokens["sam"])).get_json()
    assert got["version"]["text"] == STRATEGY and [v["version"] for v in got["versions"]] == [1, 2]
    diff = client.get(f"/api/strategies/{sid}/diff?from=1&to=2", headers=bearer(tokens["sam"])).get_json()
    assert (diff["removed"], diff["added"]) == (1, 1)
    changed = [(o["op"], o["text"]) for o in diff["ops"] if o["op"] != "equal"]
    assert changed == [("delete", "2. (qualitative or interview*).ti,ab."),
                       ("insert", "2. (qualitative or interview* or focus group*).ti,ab.")]
    assert "+2. (qualitative or interview* or focus group*).ti,ab." in diff["unified"]
    # nothing overwritten: both texts are still there
    texts = [r[0] for r in ws.db.execute("SELECT text FROM strategy_versions ORDER BY id")]
    assert texts == [STRATEGY, STRATEGY_V2]
    from screener.workspace.strategies import list_versions
    assert [v["label"] for v in list_versions(ws)] == ["MEDLINE main v1", "MEDLINE main v2"]


@pytest.mark.parametrize("who, body, status, says", [
    ("alice", {"name": "x", "text": STRATEGY}, 403, "is a screener; saving, running and searching"),
    ("carol", {"name": "x", "text": STRATEGY}, 403, "is an arbiter; saving"),
    ("sam", {"name": "", "text": STRATEGY}, 400, "a saved strategy needs a name"),
    ("sam", {"name": "x", "text": ""}, 400, "the strategy is empty"),
    ("sam", {"name": "x", "text": "a or " * 30000}, 400, "at most 100,000"),
    ("sam", {"name": "x", "text": STRATEGY, "from": "embase"}, 400, "'from' 'embase' is not a syntax"),
    ("sam", {"text": STRATEGY}, 400, "missing field 'name'"),
])
def test_saving_refusals_write_nothing(wb, who, body, status, says):
    client, ws, tokens = wb
    before = written(ws)
    answer = client.post("/api/strategies", headers=bearer(tokens[who]), json=body)
    assert answer.status_code == status, answer.get_json()
    assert says in answer.get_json()["error"]
    assert written(ws) == before


def test_unknown_strategy_and_version(wb):
    client, ws, tokens = wb
    assert client.get("/api/strategies/99", headers=bearer(tokens["sam"])).status_code == 404
    client.post("/api/strategies", headers=bearer(tokens["sam"]), json={"name": "s", "text": STRATEGY})
    answer = client.get("/api/strategies/1?version=7", headers=bearer(tokens["sam"]))
    assert answer.status_code == 404 and "has no version 7" in answer.get_json()["error"]
    answer = client.post("/api/strategies/1/run", headers=bearer(tokens["sam"]), json={"version": "two"})
    assert answer.status_code == 400 and "'version' must be a version number" in answer.get_json()["error"]


# ---- run and validate: the CLI's answers ------------------------------------------------------------

def _saved(client, tokens, text=STRATEGY, name="main") -> int:
    answer = client.post("/api/strategies", headers=bearer(tokens["sam"]), json={"name": name, "text": text})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["strategy_id"]


def test_run_answers_what_query_run_answers(wb, tmp_path):
    client, ws, tokens = wb
    sid = _saved(client, tokens)
    answer = client.post(f"/api/strategies/{sid}/run", headers=bearer(tokens["sam"]), json={})
    assert answer.status_code == 200, answer.get_json()
    api = answer.get_json()
    path = tmp_path / "s.ovid"
    path.write_text(STRATEGY, encoding="utf-8")
    cli = cli_json("query", "run", str(path), "--review", str(ws.path))
    for key in ("records", "lines", "warnings", "line", "matching", "undetermined"):
        assert api[key] == cli[key], key
    assert [ln["hits"] for ln in api["lines"]] == [4, 1, 1]
    assert [r["title"] for r in api["matching"]] == ["Living with chronic pain: a qualitative interview study"]
    assert api["version"]["label"] == "main v1"
    assert client.post(f"/api/strategies/{sid}/run", headers=bearer(tokens["bob"]), json={}).status_code == 403


def test_validate_on_pasted_identifiers_answers_what_query_validate_answers(wb, tmp_path):
    client, ws, tokens = wb
    sid = _saved(client, tokens)
    known = "10.1000/pain.1\n12345678\n"
    answer = client.post(f"/api/strategies/{sid}/validate", headers=bearer(tokens["olivia"]), json={"known": known})
    assert answer.status_code == 200, answer.get_json()
    api = answer.get_json()
    (tmp_path / "s.ovid").write_text(STRATEGY, encoding="utf-8")
    (tmp_path / "known.txt").write_text(known, encoding="utf-8")
    cli = cli_json("query", "validate", str(tmp_path / "s.ovid"), "--known", str(tmp_path / "known.txt"),
                   "--review", str(ws.path))
    for key in ("known", "found", "missed", "undetermined", "recall", "blocks", "studies", "not_in_records"):
        assert api[key] == cli[key], key
    assert (api["found"], api["not_in_records"], api["recall"]) == (1, 1, 1.0)
    assert api["known_file"] == "pasted identifiers"
    bad = client.post(f"/api/strategies/{sid}/validate", headers=bearer(tokens["olivia"]), json={"known": "hello\n"})
    assert bad.status_code == 400 and "pasted identifiers: no usable identifiers" in bad.get_json()["error"]
    empty = client.post(f"/api/strategies/{sid}/validate", headers=bearer(tokens["olivia"]), json={"known": " "})
    assert empty.status_code == 400 and "'known' is empty" in empty.get_json()["error"]


def test_validate_against_the_reviews_included_studies(wb, review):
    from screener.workspace.screening import cast_vote

    client, ws, tokens = wb
    studies = review[1]
    sid = _saved(client, tokens)
    none = client.post(f"/api/strategies/{sid}/validate", headers=bearer(tokens["sam"]), json={"known": "included"})
    assert none.status_code == 400 and "no study of this review is included yet" in none.get_json()["error"]
    for study in studies[:3]:                      # two include votes decide include at title/abstract
        for who in ("alice", "bob"):
            cast_vote(ws, who, study, TA, "include")
    data = client.post(f"/api/strategies/{sid}/validate", headers=bearer(tokens["sam"]),
                       json={"known": "included"}).get_json()
    assert data["known_file"] == "3 studies included at title/abstract"
    assert (data["known"], data["found"], data["missed"] + data["undetermined"]) == (3, 1, 2)
    missed = [s for s in data["studies"] if s["status"] == "miss"]
    assert missed and all(s["blocks"] for s in missed)       # the concept block that lost each one


# ---- PubMed search jobs ------------------------------------------------------------------------------

def _wait(client, token, job, until=("complete", "failed", "cancelled"), timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = client.get(f"/api/jobs/{job}", headers=bearer(token)).get_json()
        if data["state"] in until:
            return data
        time.sleep(0.1)
    raise AssertionError(f"job {job} still {data['state']}")


def test_a_pubmed_search_job_imports_every_record_once_and_logs_prisma_s(wb, standin):
    client, ws, tokens = wb
    sid = _saved(client, tokens)
    before = written(ws)
    answer = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]),
                         json={"strategy_id": sid, "eutils_url": standin.url, "batch_size": 7})
    assert answer.status_code == 202, answer.get_json()
    job = answer.get_json()
    assert job["state"] in ("queued", "running") and job["strategy_version"]["label"] == "main v1"
    done = _wait(client, tokens["sam"], job["id"])
    assert done["state"] == "complete", done
    assert done["counts"] == {"count": 20, "listed": 20, "fetched": 20, "imported": 20, "slices": 1, "batches": 3}
    pmids = [r[0] for r in ws.db.execute("SELECT pmid FROM source_records WHERE search_id = ?", (done["search_id"],))]
    assert len(pmids) == len(set(pmids)) == 20
    search = done["search"]
    from screener.query import translate
    assert (search["database"], search["status"]) == ("PubMed", "complete")
    assert search["platform"].startswith("NCBI E-utilities (http://127.0.0.1:")
    assert search["query_sent"] == translate(STRATEGY, write="pubmed").query
    assert search["started_at"][:2] == "20" and search["finished_at"] >= search["started_at"]
    from screener.workspace.strategies import search_version
    assert search_version(ws, done["search_id"])["label"] == "main v1"
    from screener.report.searches import search_log
    logged = [r for r in search_log(ws) if r["database"] == "PubMed"]
    assert len(logged) == 1 and logged[0]["strategy_file"] == "saved strategy main v1"   # PRISMA-S cites the version
    assert logged[0]["strategy"] == search["query_sent"]
    assert written(ws)["search_jobs"] == before["search_jobs"] + 1
    # a second run of the same version is a living-review update: nothing imported twice
    again = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]),
                        json={"strategy_id": sid, "eutils_url": standin.url}).get_json()
    second = _wait(client, tokens["sam"], again["id"])
    assert (second["state"], second["run"], second["counts"]["imported"]) == ("complete", "update", 0)


def test_one_job_at_a_time_cancel_and_a_job_of_another_review(wb, standin, tmp_path):
    from screener import Workspace
    from screener.search.standin import EutilsStandin
    from screener.workspace.search_jobs import create_job

    client, ws, tokens = wb
    slow = EutilsStandin(generated=300, enforce_rate=False)
    slow.start()
    try:
        first = client.post("/api/searches/pubmed", headers=bearer(tokens["olivia"]),
                            json={"query": "pain", "eutils_url": slow.url, "batch_size": 10}).get_json()
        jobs = written(ws)["search_jobs"]
        busy = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]),
                           json={"query": "other", "eutils_url": standin.url})
        assert busy.status_code == 409
        assert f"search job {first['id']} is still" in busy.get_json()["error"]
        assert written(ws)["search_jobs"] == jobs       # (the running job itself writes events meanwhile)
        _wait(client, tokens["sam"], first["id"], until=("running",))
        cancelled = client.post(f"/api/jobs/{first['id']}/cancel", headers=bearer(tokens["sam"]), json={}).get_json()
        assert cancelled["state"] == "cancelled", cancelled
        assert cancelled["counts"]["imported"] == 0        # a cancelled search imports nothing; it can resume
        again = client.post(f"/api/jobs/{first['id']}/cancel", headers=bearer(tokens["sam"]), json={})
        assert again.status_code == 409 and "already cancelled" in again.get_json()["error"]
    finally:
        slow.stop()
    other = Workspace.init(tmp_path / "other", title="Another review")
    theirs = create_job(other, actor="owner", query="pain", eutils_url=standin.url)
    other.close()
    for method, path in (("get", f"/api/jobs/{theirs['id']}"), ("post", f"/api/jobs/{theirs['id']}/cancel")):
        answer = getattr(client, method)(path, headers=bearer(tokens["sam"]), **({"json": {}} if method == "post" else {}))
        assert answer.status_code == 404
        assert f"no search job '{theirs['id']}' in this review" in answer.get_json()["error"]


@pytest.mark.parametrize("body, status, says", [
    ({}, 400, "give exactly one of 'strategy_id'"),
    ({"query": "pain", "strategy_id": 1}, 400, "give exactly one of"),
    ({"query": "   "}, 400, "is empty"),
    ({"strategy_id": 42}, 404, "no saved strategy 42"),
    ({"strategy_id": "main"}, 400, "'strategy_id' must be a saved strategy's number"),
    ({"query": "pain", "eutils_url": "ftp://example.org"}, 400, "not an http(s) URL"),
    ({"query": "pain", "email": "not-an-address"}, 400, "not a valid email address"),
    ({"query": "pain", "batch_size": 0}, 400, "'batch_size' 0"),
    ({"query": "pain", "when": "now"}, 400, "unknown field 'when'"),
])
def test_search_refusals_write_nothing(wb, body, status, says):
    client, ws, tokens = wb
    before = written(ws)
    answer = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]), json=body)
    assert answer.status_code == status, answer.get_json()
    assert says in answer.get_json()["error"]
    assert written(ws) == before


def test_a_strategy_with_errors_is_not_searched(wb, standin):
    client, ws, tokens = wb
    answer = client.post("/api/strategies", headers=bearer(tokens["sam"]), json={"name": "bad", "text": BAD})
    assert answer.status_code == 201          # a draft with errors may be saved …
    before = written(ws)
    search = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]),
                         json={"strategy_id": answer.get_json()["strategy_id"], "eutils_url": standin.url})
    assert search.status_code == 400          # … but not searched
    assert "saved strategy bad v1: nothing was searched: the strategy has errors; line 1" in search.get_json()["error"]
    assert written(ws) == before
    assert client.post("/api/searches/pubmed", headers=bearer(tokens["alice"]), json={"query": "pain"}).status_code == 403


def test_the_server_takes_its_eutils_url_from_the_environment(wb, standin, monkeypatch):
    client, ws, tokens = wb
    monkeypatch.setenv("SCREENER_EUTILS_URL", standin.url)
    job = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]), json={"query": "pain"}).get_json()
    assert job["eutils_url"] == standin.url
    assert _wait(client, tokens["sam"], job["id"])["counts"]["imported"] == 20


def test_a_job_left_running_by_a_stopped_server_resumes_when_the_app_starts(review, standin):
    """A run killed after some batches were staged: the next app resumes the job and imports each
    record once."""
    from screener.search.pubmed import search_pubmed
    from screener.web import create_app
    from screener.workspace.search_jobs import _event, create_job, job_status

    ws = review[0]
    job = create_job(ws, actor="olivia", query="pain", eutils_url=standin.url, batch_size=5)

    class Killed(Exception):
        pass

    def die_after_two_batches(message):
        if message.startswith("  fetched 10/"):
            raise Killed()

    _event(ws, job["id"], "running")
    with pytest.raises(Killed):
        search_pubmed(ws, query="pain", eutils_url=standin.url, batch_size=5, progress=die_after_two_batches)
    staged = ws.db.execute("SELECT count(*) FROM pubmed_staged_records").fetchone()[0]
    assert staged == 10 and job_status(ws, job["id"])["state"] == "running"
    app = create_app(ws.path, secret_key=b"k" * 48)
    try:
        runner = app.extensions["screener_search_jobs"]
        runner.join(timeout=60)
        done = runner.status(job["id"])
        assert done["state"] == "complete", done
        assert done["resumed"] == 1 and done["run"] == "resumed"
        pmids = [r[0] for r in ws.db.execute("SELECT pmid FROM source_records WHERE search_id = ?", (done["search_id"],))]
        assert len(pmids) == len(set(pmids)) == 20
        requested = [r for r in standin.requests if r.endpoint == "efetch"]
        assert requested      # the resumed run fetched only what was not staged
        assert ws.db.execute("SELECT count(*) FROM pubmed_staged_records").fetchone()[0] == 0
    finally:
        app.extensions["screener"].ws.close()


def test_a_saved_pubmed_syntax_strategy_is_searched_as_compiled(wb, standin):
    from screener.query import translate

    client, ws, tokens = wb
    text = "#1 pain[tiab]\n#2 qualitative[tiab] OR interview*[tiab]\n#3 #1 AND #2\n"
    saved = client.post("/api/strategies", headers=bearer(tokens["sam"]),
                        json={"name": "pubmed draft", "text": text, "from": "pubmed"}).get_json()
    assert saved["syntax"] == "pubmed"
    job = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]),
                      json={"strategy_id": saved["strategy_id"], "eutils_url": standin.url}).get_json()
    done = _wait(client, tokens["sam"], job["id"])
    assert done["state"] == "complete", done
    assert done["search"]["query_sent"] == translate(text, read="pubmed", write="pubmed").query
    assert done["strategy_version"]["label"] == "pubmed draft v1"
    from screener.report.searches import search_log
    assert [r["strategy_file"] for r in search_log(ws) if r["source"] == f"search {done['search_id']}"] == \
        ["saved strategy pubmed draft v1"]                # the PRISMA-S log cites the version


def test_the_page_and_its_session_calls_need_the_role_and_the_csrf_token(wb, app):
    from web_helpers import csrf_of, signed_in

    client, ws, tokens = wb
    screener = signed_in(app, tokens["alice"])
    page = screener.get("/workbench")
    assert page.status_code == 403 and "owner or searcher" in page.get_data(as_text=True)
    sam = signed_in(app, tokens["sam"])
    page = sam.get("/workbench")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="text"' in html and 'src="/static/workbench.js"' in html
    token = html.split('data-csrf="', 1)[1].split('"', 1)[0]
    assert token == csrf_of(html)
    before = written(ws)
    refused = sam.post("/api/strategies", json={"name": "s", "text": STRATEGY})          # no CSRF header
    assert refused.status_code == 403 and "security token" in refused.get_json()["error"]
    assert written(ws) == before
    saved = sam.post("/api/strategies", json={"name": "s", "text": STRATEGY}, headers={"X-CSRF-Token": token})
    assert saved.status_code == 201
    checked = sam.post("/api/strategies/check", json={"text": STRATEGY}, headers={"X-CSRF-Token": token})
    assert checked.status_code == 200 and checked.get_json()["errors"] == 0
    anonymous = app.test_client().get("/api/strategies")
    assert anonymous.status_code == 401


def test_targets_and_the_list_of_jobs(wb, standin):
    from screener.query import READERS, TARGETS

    client, ws, tokens = wb
    assert client.get("/api/strategies/targets", headers=bearer(tokens["alice"])).get_json() == \
        {"targets": list(TARGETS), "from": list(READERS)}
    assert client.get("/api/jobs", headers=bearer(tokens["sam"])).get_json() == {"jobs": []}
    job = client.post("/api/searches/pubmed", headers=bearer(tokens["sam"]),
                      json={"query": "pain", "eutils_url": standin.url}).get_json()
    _wait(client, tokens["sam"], job["id"])
    jobs = client.get("/api/jobs", headers=bearer(tokens["alice"])).get_json()["jobs"]
    assert [(j["id"], j["state"], j["counts"]["imported"]) for j in jobs] == [(job["id"], "complete", 20)]


def test_two_apps_over_one_review_share_one_runner(review):
    from screener.web import create_app

    ws = review[0]
    first = create_app(ws.path, secret_key=b"k" * 48)
    second = create_app(ws.path, secret_key=b"k" * 48)
    try:
        assert first.extensions["screener_search_jobs"] is second.extensions["screener_search_jobs"]
    finally:
        first.extensions["screener"].ws.close()
        second.extensions["screener"].ws.close()
