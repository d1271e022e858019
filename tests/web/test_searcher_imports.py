"""The information specialist (role searcher) imports the exports of the databases they searched
outside screener (Embase, CINAHL, PsycINFO, AMED) and corrects an import's PRISMA-S details — the
owner's Imports page and API, with the same checks, each change an event under the searcher's
name. Withdrawing or restoring an import and deduplication stay the owner's. Before: a searcher
got 'this page is for the review's owner' (403) on /owner/imports and 403 from POST /api/imports.
Headless Chromium; screenshots go to tests/artifacts/web/searcher/."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

from screener.workspace.imports import import_exports, list_imports
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote

EMBASE = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_embase.ris"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "searcher"


def _h(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _writes(ws) -> dict:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("imports", "import_metadata", "source_records", "events", "study_links")}


def _upload(client, token, path: Path, **fields):
    data = dict(fields, file=[(io.BytesIO(path.read_bytes()), path.name)])
    return client.post("/api/imports", data=data, headers=_h(token), content_type="multipart/form-data")


def _actors(ws, import_id: int) -> list[tuple[str, str]]:
    return [tuple(r) for r in ws.db.execute(
        "SELECT change, actor FROM import_metadata WHERE import_id = ? ORDER BY id", (import_id,))]


@pytest.mark.browser
def test_a_searcher_imports_an_export_corrects_it_and_is_refused_what_stays_the_owners(browser, review):
    ws, _, tokens = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, sam, 1280)
        # the menu and the start page lead the searcher to the imports
        page.click("header nav a:has-text('Imports')")
        page.wait_for_url(f"{base}/owner/imports")
        assert page.locator(".owner-tabs").count() == 0          # Duplicates, Reviewers, ... are not theirs
        page.set_input_files("#files", str(EMBASE))
        page.click("#check-files")
        page.wait_for_selector("#confirm-form")
        page.fill("#confirm-form input[name=database]", "Embase")
        page.fill("#confirm-form input[name=platform]", "Ovid")
        page.fill("#confirm-form input[name=searched_on]", "2016-11-16")
        page.fill("#confirm-form textarea[name=strategy]", "1 exp chronic pain/\n2 qualitative.tw.\n3 1 and 2")
        page.click("#confirm-import")
        page.wait_for_url(f"{base}/owner/imports")
        page.screenshot(path=str(SHOTS / "searcher-imported.png"), full_page=True)
        assert "Imported" in page.locator(".flashes").inner_text()
        article = page.locator("article.import").last
        assert article.inner_text().startswith("Embase via Ovid · searched 2016-11-16"), article.inner_text()
        # what is the owner's is not offered: no Withdraw, no link to the owner's Duplicates page
        assert article.locator("button.withdraw").count() == 0
        assert page.locator("a[href$='/owner/dedupe']").count() == 0
        [item] = list_imports(ws)
        assert _actors(ws, item["id"]) == [("import", "sam")]

        article.locator("summary").click()
        article.locator("input[name=platform]").fill("Embase.com")
        article.locator("button.primary").click()
        page.wait_for_url(f"{base}/owner/imports*")
        assert "platform now 'Embase.com'" in page.locator(".flashes").inner_text()
        assert "via Embase.com" in page.locator("article.import").last.inner_text()
        assert _actors(ws, item["id"]) == [("import", "sam"), ("relabel", "sam")]

        # a withdrawal posted by hand (the page offers none) is refused, saying whose it is
        before = _writes(ws)
        csrf = page.input_value("#upload-form input[name=csrf_token]")
        answer = page.request.post(f"{base}/owner/imports/{item['id']}",
                                   form={"csrf_token": csrf, "action": "withdraw"}, headers={"Origin": base})
        assert answer.status == 403
        assert "only the review's owner may withdraw or restore an import" in html.unescape(answer.text())
        assert _writes(ws) == before
        refused = page.goto(f"{base}/owner/dedupe")
        assert refused is not None and refused.status == 403
        assert "this page is for the review's owner" in page.inner_text("main")
        page.close()

        screener = signed_in_page(browser, base, tokens["alice"], 1280)
        assert screener.locator("header nav a:has-text('Imports')").count() == 0
        answer = screener.goto(f"{base}/owner/imports")
        assert answer is not None and answer.status == 403
        said = screener.inner_text("main")
        assert "this page is for the review's owner or searcher" in said and "alice" in said, said
        screener.close()


@pytest.mark.browser
def test_the_imports_page_a_searcher_sees_shows_no_screening_outcome(browser, review):
    """Blinding: the Imports page counts records per import and nothing else; no vote, decision or
    conflict and no link to a page that shows them."""
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], "title_abstract", "include")
    cast_vote(ws, "bob", studies[0], "title_abstract", "exclude")        # a conflict
    import_exports(ws, [EMBASE], metadata={"database": "Embase", "platform": "Ovid"}, actor="olivia")
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, sam, 1280)
        page.goto(f"{base}/owner/imports")
        assert "Embase via Ovid" in page.inner_text("#imports")
        text = page.inner_text("main").lower()
        for word in ("conflict", "include", "exclude", "vote", "decided"):
            assert word not in text, word
        hrefs = page.eval_on_selector_all("main a[href]", "as => as.map(a => a.getAttribute('href'))")
        assert not [h for h in hrefs if any(p in h for p in ("/owner/", "/dashboard", "/conflicts", "/studies"))
                    and not h.startswith("/owner/imports")], hrefs
        page.close()


def test_the_api_lets_a_searcher_import_and_relabel_and_keeps_the_rest_the_owners(app, review):
    ws, _, tokens = review
    client = app.test_client()
    sam = add_reviewer(ws, "sam", "searcher")[1]
    done = _upload(client, sam, EMBASE, database="Embase", platform="Ovid", searched_on="2016-11-16")
    assert done.status_code == 201, done.get_data(as_text=True)
    listed = client.get("/api/imports", headers=_h(sam))
    assert listed.status_code == 200
    [item] = listed.get_json()
    assert item["counted_as"] == "Embase" and item["platform"] == "Ovid"

    # the same checks as the owner's: a bad date is refused and nothing is written
    before = _writes(ws)
    bad = client.post(f"/api/imports/{item['id']}", json={"searched_on": "16/11/2016"}, headers=_h(sam))
    assert bad.status_code == 400 and _writes(ws) == before
    changed = client.post(f"/api/imports/{item['id']}", json={"platform": "Embase.com"}, headers=_h(sam))
    assert changed.status_code == 200, changed.get_data(as_text=True)
    assert changed.get_json()["changed"]["platform"] == {"from": "Ovid", "to": "Embase.com"}
    assert _actors(ws, item["id"]) == [("import", "sam"), ("relabel", "sam")]
    actors = {r[0] for r in ws.db.execute("SELECT actor FROM events WHERE kind = 'import'")}
    assert actors == {"sam"}

    # withdrawal (alone or with a relabel), restore and dedupe stay the owner's; nothing written
    before = _writes(ws)
    for change in ({"withdrawn": True}, {"withdrawn": True, "notes": "x"}, {"withdrawn": False}):
        refused = client.post(f"/api/imports/{item['id']}", json=change, headers=_h(sam))
        assert refused.status_code == 403, refused.get_json()
        assert "only the review's owner may withdraw or restore an import" in refused.get_json()["error"]
    refused = client.post("/api/dedupe", headers=_h(sam))
    assert refused.status_code == 403 and "only the review's owner may run deduplication" in refused.get_json()["error"]
    assert _writes(ws) == before

    # a screener is refused the imports as before
    for answer in (client.get("/api/imports", headers=_h(tokens["alice"])),
                   _upload(client, tokens["alice"], EMBASE),
                   client.post(f"/api/imports/{item['id']}", json={"notes": "x"}, headers=_h(tokens["alice"]))):
        assert answer.status_code == 403
        assert "reviewer 'alice' is a screener; only the review's owner or a searcher may" in answer.get_json()["error"]
    assert _writes(ws) == before


def test_an_empty_export_a_searcher_imports_tells_them_to_ask_the_owner_to_withdraw_it(app, review, tmp_path):
    """An empty export (accepted with empty_ok) stands as a search that found nothing; the hint told
    everyone to send {"withdrawn": true} — which a searcher is refused."""
    ws, _, tokens = review
    empty = tmp_path / "cinahl-empty.ris"
    empty.write_text("", encoding="utf-8")
    client = app.test_client()
    sam = add_reviewer(ws, "sam", "searcher")[1]
    done = _upload(client, sam, empty, database="CINAHL", empty_ok="true")
    assert done.status_code == 201, done.get_data(as_text=True)
    [hint] = [h for h in done.get_json()["hints"] if "no records" in h]
    assert "withdrawn" not in hint and "ask the review's owner to withdraw the import" in hint, hint
    owner = _upload(client, tokens["olivia"], empty, database="CINAHL", empty_ok="true", again="true")
    assert owner.status_code == 201, owner.get_data(as_text=True)
    assert any('{"withdrawn": true}' in h for h in owner.get_json()["hints"])


@pytest.mark.browser
def test_the_workbench_leads_the_searcher_to_the_imports(browser, review):
    """Beside Search PubMed: the other databases' exports are imported on Imports."""
    ws, _, _ = review
    sam = add_reviewer(ws, "sam", "searcher")[1]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, sam, 1280)
        page.goto(f"{base}/workbench")
        page.click("#import-exports")
        page.wait_for_url(f"{base}/owner/imports")
        assert page.is_visible("#upload-form")
        page.close()
