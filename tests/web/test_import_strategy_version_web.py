"""The strategy as run of an import chosen from the review's saved versions: in the JSON API and in
the owner's import pages in headless Chromium; the PRISMA-S report cites the version and its text.
Screenshots go to tests/artifacts/web/owner/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from web_helpers import serving

from screener.workspace.strategies import save_strategy

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "records"
CINAHL = FIXTURES / "ris/citation-file-formatting___baseline_cinahl.ris"
SCOPUS = FIXTURES / "ris/citation-file-formatting___baseline_scopus.ris"
V1 = "1. exp Chronic Pain/\n2. (qualitative or interview*).tw.\n3. 1 and 2"
V2 = "1. exp Chronic Pain/\n2. (qualitative or interview* or focus group*).tw.\n3. 1 and 2"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "owner"


def _h(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _writes(ws) -> dict:
    data = {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("imports", "import_metadata", "source_records", "events")}
    data["exports"] = sorted(p.name for p in (ws.path / "exports").glob("*")) if (ws.path / "exports").exists() else []
    return data


def _upload(client, token, path: Path, **fields):
    data = dict(fields, file=[(io.BytesIO(path.read_bytes()), path.name)])
    return client.post("/api/imports", data=data, headers=_h(token), content_type="multipart/form-data")


@pytest.fixture()
def versions(review):
    ws = review[0]
    return save_strategy(ws, "CINAHL main", V1, actor="olivia"), save_strategy(ws, "CINAHL main", V2, actor="olivia")


def test_api_import_with_a_saved_version_relabel_and_report(app, review, versions):
    ws, _, tokens = review
    one, two = versions
    client, token = app.test_client(), tokens["olivia"]
    done = _upload(client, token, CINAHL, database="CINAHL", strategy_version=str(one["id"]))
    assert done.status_code == 201, done.get_data(as_text=True)
    assert not [h for h in done.get_json()["hints"] if "no strategy recorded" in h]
    [item] = [i for i in client.get("/api/imports", headers=_h(token)).get_json() if i["file"] == CINAHL.name]
    assert item["strategy"] == V1 and item["strategy_version"]["label"] == "CINAHL main v1"
    report = client.get("/api/reports/searches?format=md", headers=_h(token)).get_data(as_text=True)
    assert "Strategy file: saved strategy CINAHL main v1" in report and "2. (qualitative or interview*).tw." in report

    changed = client.post(f"/api/imports/{item['id']}", json={"strategy_version": "CINAHL main v2"}, headers=_h(token))
    assert changed.status_code == 200, changed.get_data(as_text=True)
    assert changed.get_json()["changed"]["strategy_version"] == {"from": "CINAHL main v1", "to": "CINAHL main v2"}
    csv = client.get("/api/reports/searches?format=csv", headers=_h(token)).get_data(as_text=True)
    assert "saved strategy CINAHL main v2" in csv and "focus group*" in csv

    # a screener may not import (a searcher may: tests/web/test_searcher_imports.py)
    before = _writes(ws)
    refused = _upload(client, tokens["alice"], SCOPUS, strategy_version=str(one["id"]))
    assert refused.status_code == 403
    assert _writes(ws) == before


@pytest.mark.parametrize("fields, status, message", [
    ({"strategy_version": "999"}, 404, "no saved strategy version 999 in this review (saved versions: 1 = CINAHL main v1, "
                                            "2 = CINAHL main v2)"),
    ({"strategy_version": "CINAHL main v7"}, 404, "saved versions: CINAHL main v1, CINAHL main v2"),
    ({"strategy_version": "1", "strategy": "1. pain.tw."}, 400, "both a strategy text and the saved version CINAHL main v1"),
])
def test_api_refuses_a_wrong_version_and_writes_nothing(app, review, versions, fields, status, message):
    ws, _, tokens = review
    client, token = app.test_client(), tokens["olivia"]
    before = _writes(ws)
    answer = _upload(client, token, CINAHL, **fields)
    assert answer.status_code == status and message in answer.get_json()["error"], answer.get_json()
    assert _writes(ws) == before
    assert _upload(client, token, SCOPUS).status_code == 201
    [item] = client.get("/api/imports", headers=_h(token)).get_json()[-1:]
    before = _writes(ws)
    answer = client.post(f"/api/imports/{item['id']}", json={**fields, "withdrawn": True}, headers=_h(token))
    assert answer.status_code == status and message in answer.get_json()["error"]
    assert _writes(ws) == before


@pytest.fixture()
def served(review):
    ws = review[0]
    with serving(ws.path) as url:
        yield url, ws, review[2]


@pytest.mark.browser
def test_owner_picks_the_strategy_as_run_from_saved_versions(browser, served, versions):
    base, ws, tokens = served
    one, two = versions
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/signin?token={tokens['olivia']}")
    page.click("#signin")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/owner/imports")
    page.set_input_files("#files", str(CINAHL))
    page.click("#check-files")
    page.wait_for_selector("#confirm-form")
    select = page.locator("#confirm-form select[name=strategy_version]")
    options = select.locator("option").all_inner_texts()
    assert options[0].startswith("— none") and options[1].startswith("CINAHL main v1 · 3 lines · saved ")
    assert options[2].startswith("CINAHL main v2")
    select.select_option(label=options[1])
    page.fill("#confirm-form input[name=platform]", "EBSCOhost")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-strategy-from-saved-version.png"), full_page=True)
    page.click("#confirm-import")
    page.wait_for_url(f"{base}/owner/imports")
    article = page.locator("article.import").last
    assert article.locator(".tag-version").inner_text() == "strategy: CINAHL main v1"
    # a recorded strategy is not a warning: green, not the amber of "no strategy recorded"
    assert article.locator(".tag-version").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(227, 244, 230)"
    assert "no strategy recorded" not in page.inner_text("body")

    # corrected to v2 from the import's own form: the text there is v1's, unchanged, so the pick wins
    article.locator("summary").click()
    relabel = article.locator("select[name=strategy_version]")
    assert relabel.input_value() == str(one["id"])
    relabel.select_option(str(two["id"]))
    article.locator("button:has-text('Save correction')").click()
    page.wait_for_url(f"{base}/owner/imports#import-*")
    assert "strategy version now 'CINAHL main v2'" in page.inner_text("body")
    assert page.locator("article.import").last.locator(".tag-version").inner_text() == "strategy: CINAHL main v2"

    # a pasted text that differs from the version picked: one clear message, nothing written
    before = _writes(ws)
    page.locator("article.import").last.locator("summary").click()
    form = page.locator("article.import").last
    form.locator("select[name=strategy_version]").select_option(str(one["id"]))
    form.locator("textarea[name=strategy]").fill("1. something else.tw.")
    form.locator("button:has-text('Save correction')").click()
    page.wait_for_selector("#error")
    assert "both a strategy text and the saved version CINAHL main v1" in page.inner_text("#error")
    assert _writes(ws) == before

    answer = page.request.get(f"{base}/owner/reports/searches.md")      # the Exports page's link, as a download
    assert answer.ok
    text = answer.text()
    assert "saved strategy CINAHL main v2" in text and "focus group*" in text
    page.close()
