"""The owner's JSON API: every call, the role refusals, and nothing written when a call is refused."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from web_helpers import counts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
R = FIXTURES / "records/ris"
CINAHL = R / "citation-file-formatting___baseline_cinahl.ris"
SCOPUS = R / "citation-file-formatting___baseline_scopus.ris"
PUBMED = FIXTURES / "records/nbib/citation-file-formatting___baseline_pubmed.ris"
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _h(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _all_writes(ws) -> dict:
    data = counts(ws)
    for table in ("imports", "import_metadata", "source_records", "study_links", "fulltexts", "reviewers",
                  "dedupe_runs"):
        data[table] = ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    data["review.toml"] = (ws.path / "review.toml").read_bytes()
    data["files"] = sorted(str(p.relative_to(ws.path)) for p in ws.path.rglob("*") if p.is_file()
                           and not p.name.startswith("review.db") and ".ranker" not in str(p))
    return data


def _upload(client, token, files, **fields):
    data = {k: v for k, v in fields.items()}
    data["file"] = [(io.BytesIO(Path(f).read_bytes() if isinstance(f, Path) else f[1]),
                     f.name if isinstance(f, Path) else f[0]) for f in files]
    return client.post("/api/imports", data=data, headers=_h(token), content_type="multipart/form-data")


@pytest.fixture()
def owner(app, review):
    return app.test_client(), review[2]["olivia"], review[0]


def test_imports_dry_run_import_list_relabel_withdraw(owner):
    client, token, ws = owner
    before = _all_writes(ws)
    dry = _upload(client, token, [CINAHL, SCOPUS], dry_run="true")
    assert dry.status_code == 200, dry.get_data(as_text=True)
    report = dry.get_json()
    assert report["dry_run"] and report["records"] == 19
    assert [(f["file"], f["format"], f["encoding"], f["records"], f["database"]) for f in report["files"]] == [
        (CINAHL.name, "ris", "utf-8", 9, "Academic Search Premier"), (SCOPUS.name, "ris", "utf-8-sig", 10, "Scopus")]
    assert "screener-upload" not in json.dumps(report)       # the server's temporary folder is never shown
    assert _all_writes(ws) == before

    done = _upload(client, token, [SCOPUS], database="Embase", platform="Elsevier", searched_on="2026-11-01",
                   strategy="TITLE-ABS-KEY(pain AND qualitative)", coverage="1947-", limits="English", notes="n")
    assert done.status_code == 201, done.get_data(as_text=True)
    assert (ws.path / "exports" / SCOPUS.name).read_bytes() == SCOPUS.read_bytes()   # kept verbatim
    listed = client.get("/api/imports", headers=_h(token)).get_json()
    new = [i for i in listed if i["file"] == SCOPUS.name][0]
    assert (new["database"], new["platform"], new["searched_on"], new["strategy"]) == (
        "Embase", "Elsevier", "2026-11-01", "TITLE-ABS-KEY(pain AND qualitative)")
    relabel = client.post(f"/api/imports/{new['id']}", json={"database": "Scopus"}, headers=_h(token))
    assert relabel.status_code == 200 and relabel.get_json()["changed"] == {"database": {"from": "Embase", "to": "Scopus"}}
    prisma = client.get("/api/reports/prisma.svg", headers=_h(token))
    assert prisma.status_code == 200 and prisma.mimetype == "image/svg+xml"
    assert "Scopus via Elsevier" in prisma.get_data(as_text=True)
    gone = client.post(f"/api/imports/{new['id']}", json={"withdrawn": True}, headers=_h(token))
    assert gone.status_code == 200 and gone.get_json()["withdrawn"] is True
    assert "Scopus" not in client.get("/api/reports/searches?format=md", headers=_h(token)).get_data(as_text=True)
    again = client.post(f"/api/imports/{new['id']}", json={"withdrawn": True}, headers=_h(token))
    assert again.status_code == 409 and "already withdrawn" in again.get_json()["error"]
    back = client.post(f"/api/imports/{new['id']}", json={"withdrawn": False}, headers=_h(token))
    assert back.status_code == 200 and back.get_json()["withdrawn"] is False
    csv = client.get("/api/reports/searches?format=csv", headers=_h(token))
    assert csv.mimetype == "text/csv" and "Scopus,Elsevier,2026-11-01" in csv.get_data(as_text=True)


@pytest.mark.parametrize("case, status, message", [
    ("unknown format", 422, "notes.txt"),
    ("empty", 422, "no records in this file"),
    ("bad date", 400, "write the date searched as YYYY-MM-DD"),
    ("unknown field", 400, "unknown field 'colour'"),
    ("no file", 400, "choose one or more export files"),
    ("twice", 409, "already imported"),
])
def test_bad_imports_are_refused_and_write_nothing(owner, case, status, message):
    client, token, ws = owner
    if case == "twice":
        assert _upload(client, token, [CINAHL]).status_code == 201
    before = _all_writes(ws)
    files, fields = [CINAHL], {}
    if case == "unknown format":
        files = [("notes.txt", b"Dear colleague,\nplease find attached the search results.\n")]
    elif case == "empty":
        files = [("empty.ris", b"\n\n")]
    elif case == "bad date":
        fields = {"searched_on": "30/11/2026"}
    elif case == "unknown field":
        fields = {"colour": "red"}
    elif case == "no file":
        files = []
    answer = _upload(client, token, files, **fields)
    assert answer.status_code == status, answer.get_data(as_text=True)
    assert message in answer.get_json()["error"]
    assert _all_writes(ws) == before


def test_an_oversized_upload_is_refused_before_it_is_read(owner, monkeypatch):
    from screener.web import owner_api

    client, token, ws = owner
    monkeypatch.setattr(owner_api, "IMPORT_LIMIT", 2000)
    before = _all_writes(ws)
    answer = _upload(client, token, [PUBMED])
    assert answer.status_code == 413
    assert "the limit here is 200 MB" in answer.get_json()["error"]
    assert _all_writes(ws) == before


def test_dedupe_and_pairs(owner):
    client, token, ws = owner
    for f in (CINAHL, SCOPUS, PUBMED):
        assert _upload(client, token, [f]).status_code == 201
    run = client.post("/api/dedupe", headers=_h(token))
    assert run.status_code == 200 and run.get_json()["records"] == 75
    pairs = client.get("/api/pairs?status=all", headers=_h(token)).get_json()
    assert pairs
    pair = pairs[0]["pair"]
    answer = client.post(f"/api/pairs/{pair}", json={"decision": "different"}, headers=_h(token))
    assert answer.status_code == 200 and answer.get_json()["decision"] == "different"
    assert client.post(f"/api/pairs/{pair}", json={"decision": "maybe"}, headers=_h(token)).status_code == 400
    assert client.post("/api/pairs/999999", json={"decision": "same"}, headers=_h(token)).status_code == 404
    assert client.get("/api/pairs?status=odd", headers=_h(token)).status_code == 400


def test_reviewers_add_link_revoke(owner):
    client, token, ws = owner
    added = client.post("/api/reviewers", json={"name": "dora", "role": "screener"}, headers=_h(token))
    assert added.status_code == 201
    dora = added.get_json()
    assert dora["url"].startswith("http://localhost/signin?token=")
    assert client.get("/api/me", headers=_h(dora["token"])).get_json()["name"] == "dora"
    assert client.post("/api/reviewers", json={"name": "dora"}, headers=_h(token)).status_code == 409
    assert client.post("/api/reviewers", json={"name": "eve", "role": "boss"}, headers=_h(token)).status_code == 400
    link = client.post("/api/reviewers/dora/link", headers=_h(token)).get_json()
    assert client.get("/api/me", headers=_h(dora["token"])).status_code == 401
    assert client.get("/api/me", headers=_h(link["token"])).status_code == 200
    revoked = client.post("/api/reviewers/dora/revoke", headers=_h(token))
    assert revoked.status_code == 200 and revoked.get_json()["revoked"] is True
    assert client.get("/api/me", headers=_h(link["token"])).status_code == 401
    assert client.post("/api/reviewers/dora/revoke", headers=_h(token)).status_code == 409
    assert client.post("/api/reviewers/nobody/link", headers=_h(token)).status_code == 404
    team = {r["name"]: r for r in client.get("/api/reviewers", headers=_h(token)).get_json()}
    assert team["dora"]["revoked"] and not team["alice"]["revoked"] and team["olivia"]["role"] == "owner"


def test_settings_get_put_stale_and_invalid(owner):
    client, token, ws = owner
    current = client.get("/api/settings", headers=_h(token)).get_json()
    assert current["highlight_include"] == ["qualitative", "interview*"]
    changed = client.put("/api/settings", json={"version": current["version"], "highlight_include": ["lived experience"],
                                                "votes_needed": {"title_abstract": 1}}, headers=_h(token))
    assert changed.status_code == 200, changed.get_data(as_text=True)
    assert changed.get_json()["changed"]["highlight_include"] == {"from": ["qualitative", "interview*"],
                                                                  "to": ["lived experience"]}
    assert 'include = [\n    "lived experience",\n]' in (ws.path / "review.toml").read_text()
    event = ws.db.execute("SELECT actor, payload FROM events WHERE kind = 'settings_change'").fetchone()
    assert event["actor"] == "olivia" and "votes_needed" in json.loads(event["payload"])["changed"]
    before = _all_writes(ws)
    stale = client.put("/api/settings", json={"version": current["version"], "blind": False}, headers=_h(token))
    assert stale.status_code == 409 and "changed by someone else" in stale.get_json()["error"]
    for bad, message in (({"votes_needed": {"full_text": 9}}, "from 1 to 5"), ({"blind": "yes"}, "true or false"),
                         ({"exclusion_reasons": []}, "at least one"), ({"ranker_preset": "magic"}, "is not a preset"),
                         ({"colour": 1}, "unknown field 'colour'"), ({}, "no settings to change")):
        version = client.get("/api/settings", headers=_h(token)).get_json()["version"]
        answer = client.put("/api/settings", json={"version": version, **bad}, headers=_h(token))
        assert answer.status_code == 400 and message in answer.get_json()["error"], (bad, answer.get_json())
    assert client.put("/api/settings", json={"blind": False}, headers=_h(token)).status_code == 400
    assert _all_writes(ws) == before


def test_fulltext_pdf_link_and_refusals(owner, review):
    client, token, ws = owner
    study = review[1][0]
    before = _all_writes(ws)
    fake = client.post(f"/api/studies/{study}/fulltext", data={"file": (io.BytesIO(b"<html>not a pdf</html>"), "a.pdf")},
                       headers=_h(token), content_type="multipart/form-data")
    assert fake.status_code == 400 and "not a PDF" in fake.get_json()["error"]
    arbiter = client.post(f"/api/studies/{study}/fulltext", json={"url": "https://example.org/a.pdf"},
                          headers=_h(review[2]["carol"]))
    assert arbiter.status_code == 403
    local = client.post(f"/api/studies/{study}/fulltext", json={"url": "/etc/passwd"}, headers=_h(token))
    assert local.status_code == 400 and "http:// or https://" in local.get_json()["error"]
    assert _all_writes(ws) == before
    ok = client.post(f"/api/studies/{study}/fulltext", data={"file": (io.BytesIO(PDF), "smith.pdf")},
                     headers=_h(review[2]["alice"]), content_type="multipart/form-data")
    assert ok.status_code == 201, ok.get_data(as_text=True)
    stored = ok.get_json()["fulltext"]
    assert stored["location"].startswith("fulltext/sha256/") and stored["sha256"] in stored["location"]
    other = client.post(f"/api/studies/{review[1][1]}/fulltext", data={"file": (io.BytesIO(PDF), "copy.pdf")},
                        headers=_h(token), content_type="multipart/form-data")
    assert other.get_json()["fulltext"]["location"] == stored["location"]     # the same bytes stored once
    assert len(list((ws.path / "fulltext" / "sha256").glob("*.pdf"))) == 1
    link = client.post(f"/api/studies/{study}/fulltext", json={"url": "https://example.org/a"}, headers=_h(token))
    assert link.status_code == 201 and link.get_json()["fulltext"]["kind"] == "url"
    assert client.post("/api/studies/99999/fulltext", json={"url": "https://e.org"}, headers=_h(token)).status_code == 404
    both = client.post(f"/api/studies/{study}/fulltext", json={"url": "https://e.org", "not_retrieved": True},
                       headers=_h(token))
    assert both.status_code == 400


def test_exports_and_reports(owner):
    client, token, ws = owner
    ris = client.get("/api/exports?format=ris", headers=_h(token))
    assert ris.status_code == 200 and ris.get_data(as_text=True).count("ER  -") == 6
    assert f'filename="{ws.path.name}-studies.ris"' in ris.headers["Content-Disposition"]
    asreview = client.get("/api/exports?format=asreview&stage=title_abstract&decision=include", headers=_h(token))
    assert asreview.status_code == 200 and asreview.headers["X-Studies"] == "0"
    assert client.get("/api/exports?format=docx", headers=_h(token)).status_code == 400
    assert client.get("/api/exports", headers=_h(token)).status_code == 400
    assert client.get("/api/reports/searches?format=pdf", headers=_h(token)).status_code == 400
    agreement = client.get("/api/reports/agreement", headers=_h(token))
    assert agreement.status_code == 200 and "stages" in agreement.get_json()


@pytest.mark.parametrize("fmt, name, marker", [
    ("bib", "studies.bib", "@"), ("bibtex", "studies.bib", "@"),
    ("endnote-xml", "studies.xml", "<records>"),
])
def test_exports_in_every_format_the_cli_writes(owner, fmt, name, marker):
    """BibTeX and EndNote XML (the CLI's formats) were a 500 on the API: no content type for them."""
    client, token, ws = owner
    response = client.get(f"/api/exports?format={fmt}", headers=_h(token))
    assert response.status_code == 200, response.get_data(as_text=True)[:200]
    assert f'filename="{ws.path.name}-{name}"' in response.headers["Content-Disposition"]
    assert marker in response.get_data(as_text=True) and response.headers["X-Studies"] == "6"


@pytest.mark.parametrize("method, path, payload", [
    ("post", "/api/imports", None), ("get", "/api/imports", None), ("post", "/api/imports/1", {"withdrawn": True}),
    ("post", "/api/dedupe", None), ("get", "/api/pairs", None), ("post", "/api/pairs/1", {"decision": "same"}),
    ("get", "/api/reviewers", None), ("post", "/api/reviewers", {"name": "x"}), ("post", "/api/reviewers/bob/link", None),
    ("post", "/api/reviewers/bob/revoke", None), ("put", "/api/settings", {"version": "v", "blind": False}),
    ("get", "/api/exports?format=ris", None), ("get", "/api/reports/prisma.svg", None),
    ("get", "/api/reports/searches?format=md", None), ("get", "/api/reports/agreement", None),
])
def test_a_screener_calling_an_owner_action_is_refused_and_nothing_is_written(app, review, method, path, payload):
    ws, _, tokens = review
    client = app.test_client()
    before = _all_writes(ws)
    kwargs = {"json": payload} if payload is not None else {}
    answer = getattr(client, method)(path, headers=_h(tokens["alice"]), **kwargs)
    assert answer.status_code == 403, answer.get_data(as_text=True)
    # the imports are the owner's and the searcher's (tests/web/test_searcher_imports.py)
    assert ("only the review's owner or a searcher may" if path.startswith("/api/imports")
            else "only the review's owner may") in answer.get_json()["error"]
    assert getattr(client, method)(path, **kwargs).status_code == 401
    assert _all_writes(ws) == before


def test_settings_are_readable_by_every_reviewer(app, review):
    answer = app.test_client().get("/api/settings", headers=_h(review[2]["alice"]))
    assert answer.status_code == 200 and answer.get_json()["exclusion_reasons"][0] == "out of scope"


def test_prisma_png_is_drawn_by_chromium(owner):
    import shutil

    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("chromium is not installed; the PNG needs it (the SVG does not)")
    client, token, ws = owner
    png = client.get("/api/reports/prisma.png", headers=_h(token))
    assert png.status_code == 200 and png.mimetype == "image/png" and png.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_export_format_has_a_download_type():
    from screener.report.exports import FORMATS
    from screener.web.owner_api import EXPORT_TYPES

    assert set(EXPORT_TYPES) == set(FORMATS)
