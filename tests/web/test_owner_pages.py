"""The owner's pages through the Flask test client: forms post to the same Python API as the JSON API."""

from __future__ import annotations

import io
import re

from test_owner_api import CINAHL, PDF, SCOPUS, _all_writes
from web_helpers import csrf_of, signed_in


def _page(client, path):
    answer = client.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    html = answer.get_data(as_text=True)
    return html, csrf_of(html)


def test_upload_preview_confirm_then_correct(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    html, csrf = _page(owner, "/owner/imports")
    assert 'id="dropzone"' in html and "Up to 200 MB" in html
    before = _all_writes(ws)
    preview = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "file": [
        (io.BytesIO(CINAHL.read_bytes()), CINAHL.name), (io.BytesIO(SCOPUS.read_bytes()), SCOPUS.name)]},
        content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    assert "Check before importing" in page and "Import 19 records" in page
    assert _all_writes(ws) == before                     # a preview writes nothing to the review
    staged = re.search(r'name="staged" value="([^"]+)"', page).group(1)
    done = owner.post("/owner/imports/confirm", data={
        "csrf_token": csrf, "staged": staged, "database": "", "platform": "EBSCOhost", "searched_on": "2026-11-02",
        "strategy": "1. pain.tw.\n2. qualitative.tw.", "coverage": "", "limits": "", "notes": ""})
    assert done.status_code == 303, done.get_data(as_text=True)
    html, csrf = _page(owner, "/owner/imports")
    assert "Imported 19 records from 2 files." in html and "via EBSCOhost" in html
    # the Import button of that preview pressed again (Back): said, and nothing imported twice
    again = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": staged})
    assert again.status_code == 303 and again.headers["Location"].startswith("/owner/imports#import-")
    assert owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": "not-a-key"}).status_code == 400
    import_id = ws.db.execute("SELECT max(id) FROM imports").fetchone()[0]
    relabel = owner.post(f"/owner/imports/{import_id}", data={"csrf_token": csrf, "action": "relabel",
                                                               "database": "Scopus", "platform": "Elsevier"})
    assert relabel.status_code == 303
    assert owner.post(f"/owner/imports/{import_id}", data={"csrf_token": csrf, "action": "withdraw"}).status_code == 303
    html, _ = _page(owner, "/owner/imports")
    assert "withdrawn" in html and "Restore" in html


def test_a_file_in_no_known_format_is_refused_with_422(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    _, csrf = _page(owner, "/owner/imports")
    before = _all_writes(ws)
    answer = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "file": [
        (io.BytesIO(b"hello\nworld\n"), "letter.txt")]}, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert "letter.txt: this is not a search export screener can read" in answer.get_data(as_text=True), \
        answer.get_data(as_text=True)[-1500:]
    assert _all_writes(ws) == before


def test_a_screener_gets_403_on_every_owner_page(app, review):
    ws, _, tokens = review
    alice = signed_in(app, tokens["alice"])
    for path in ("/owner/imports", "/owner/dedupe", "/owner/reviewers", "/owner/settings", "/owner/exports",
                 "/owner/reports/prisma.svg", "/owner/exports/download?format=ris"):
        assert alice.get(path).status_code == 403, path
    _, csrf = _page(alice, "/")
    before = _all_writes(ws)
    for path, data in (("/owner/dedupe/run", {}), ("/owner/reviewers", {"name": "x"}),
                       ("/owner/settings", {"title": "x"}), ("/owner/imports/1", {"action": "withdraw"})):
        assert alice.post(path, data={"csrf_token": csrf, **data}).status_code == 403, path
    assert _all_writes(ws) == before


def test_reviewers_page_adds_links_and_revokes(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    _, csrf = _page(owner, "/owner/reviewers")
    added = owner.post("/owner/reviewers", follow_redirects=True, data={"csrf_token": csrf, "name": "dora", "role": "arbiter"})
    html = added.get_data(as_text=True)
    assert added.status_code == 200 and "Added dora (arbiter)" in html
    url = re.search(r'id="link-url" class="link-url" value="([^"]+)"|value="(http://localhost/signin\?token=[^"]+)"', html)
    assert url
    duplicate = owner.post("/owner/reviewers", follow_redirects=True,
                           data={"csrf_token": csrf, "name": "dora", "role": "screener"})
    assert duplicate.status_code == 409 and "already exists" in duplicate.get_data(as_text=True)
    assert owner.post("/owner/reviewers/dora/revoke", data={"csrf_token": csrf}).status_code == 303
    html, _ = _page(owner, "/owner/reviewers")
    assert "revoked" in html


def test_settings_page_saves_refuses_stale_and_invalid(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    html, csrf = _page(owner, "/owner/settings")
    version = re.search(r'name="version" value="([^"]+)"', html).group(1)
    form = {"csrf_token": csrf, "version": version, "title": "Web test review",
            "inclusion_criteria": "Population: adults with chronic pain.\nDesign: qualitative studies.",
            "exclusion_reasons": "out of scope\nnot qualitative\nwrong population",
            "votes_needed_title_abstract": "2", "votes_needed_full_text": "2", "reason_required_full_text": "on",
            "blind": "on", "highlight_include": "qualitative\ninterview*\nfocus group*", "highlight_exclude": "randomi*\nscript",
            "ranker_preset": "default"}
    saved = owner.post("/owner/settings", data=form)
    assert saved.status_code == 303, saved.get_data(as_text=True)
    assert ws.reload_settings().highlight_include == ["qualitative", "interview*", "focus group*"]
    before = _all_writes(ws)
    stale = owner.post("/owner/settings", data={**form, "highlight_include": "x"})
    assert stale.status_code == 409 and "nothing of yours was saved" in stale.get_data(as_text=True)
    html, _ = _page(owner, "/owner/settings")
    version = re.search(r'name="version" value="([^"]+)"', html).group(1)
    bad = owner.post("/owner/settings", data={**form, "version": version, "votes_needed_full_text": "7"})
    assert bad.status_code == 400 and "from 1 to 5" in bad.get_data(as_text=True)
    assert _all_writes(ws) == before


def test_pdf_upload_is_shown_inline_and_a_non_pdf_is_refused(app, review):
    from screener.workspace.screening import cast_vote
    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, "title_abstract", "include")
    alice = signed_in(app, tokens["alice"])
    html, csrf = _page(alice, f"/screen?stage=full_text&study={study}")
    assert 'id="fulltext-form"' in html
    before = _all_writes(ws)
    fake = alice.post(f"/studies/{study}/fulltext", data={"csrf_token": csrf, "file": (io.BytesIO(b"GIF89a...."), "x.pdf")},
                      content_type="multipart/form-data")
    # refused: back to the study's page (redirect-after-post: a reload does not send the file again)
    assert fake.status_code == 303 and fake.headers["Location"].endswith(f"/screen?stage=full_text&study={study}")
    assert _all_writes(ws) == before
    shown = alice.get(fake.headers["Location"]).get_data(as_text=True)
    assert "Full text not attached:" in shown and "not a PDF" in shown
    ok = alice.post(f"/studies/{study}/fulltext", data={"csrf_token": csrf, "file": (io.BytesIO(PDF), "smith.pdf")},
                    content_type="multipart/form-data")
    assert ok.status_code == 303
    html, _ = _page(alice, f"/screen?stage=full_text&study={study}")
    assert f'src="/studies/{study}/fulltext.pdf"' in html
    pdf = alice.get(f"/studies/{study}/fulltext.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data == PDF
    assert pdf.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'self'"
    assert pdf.headers["X-Frame-Options"] == "SAMEORIGIN"
    carol = signed_in(app, tokens["carol"])
    _, carol_csrf = _page(carol, "/conflicts")
    assert carol.post(f"/studies/{study}/fulltext", data={"csrf_token": carol_csrf, "url": "https://e.org"}).status_code == 403


def test_exports_page_and_downloads(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    html, _ = _page(owner, "/owner/exports")
    assert "PRISMA 2020 flow diagram (SVG)" in html
    assert owner.get("/owner/exports/download?format=csv").status_code == 200
    assert owner.get("/owner/exports/download?format=nope").status_code == 400
    assert owner.get("/owner/reports/searches.md").status_code == 200
    assert owner.get("/owner/reports/agreement.txt").status_code == 200
    assert owner.get("/owner/reports/other").status_code == 404


def test_the_arbiters_full_text_conflict_card_links_the_pdf(app, review):
    from screener.workspace.fulltext_upload import attach_pdf
    from screener.workspace.screening import cast_vote

    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, "title_abstract", "include")
    attach_pdf(ws, study, PDF, "smith.pdf", actor="olivia")
    cast_vote(ws, "alice", study, "full_text", "include")
    cast_vote(ws, "bob", study, "full_text", "exclude", reason="out of scope")
    carol = signed_in(app, tokens["carol"])
    html, _ = _page(carol, "/conflicts?stage=full_text")
    assert re.search(rf'<p class="fulltext-link" id="fulltext-{study}">\s*<a class="button" href="/fulltext/{study}"', html)
    assert carol.get(f"/studies/{study}/fulltext.pdf").data == PDF


def test_page_messages_name_buttons_not_commands(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    _, csrf = _page(owner, "/owner/reviewers")
    html = owner.post("/owner/reviewers", follow_redirects=True,
                      data={"csrf_token": csrf, "name": "alice"}).get_data(as_text=True)
    assert "give them a new link from the table" in html and "screener reviewers token" not in html
    html = owner.post("/owner/reviewers/nobody/link", follow_redirects=True, data={"csrf_token": csrf}).get_data(as_text=True)
    assert "add them below" in html and "screener reviewers add" not in html


def test_oversized_uploads_on_pages_are_refused_before_reading(app, review, monkeypatch):
    from screener.web import owner_api
    from screener.workspace import fulltext_upload

    ws, studies, tokens = review
    owner = signed_in(app, tokens["olivia"])
    _, csrf = _page(owner, "/owner/imports")
    monkeypatch.setattr(owner_api, "IMPORT_LIMIT", 1000)
    monkeypatch.setattr(fulltext_upload, "PDF_LIMIT", 10)
    before = _all_writes(ws)
    big = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "file": [
        (io.BytesIO(CINAHL.read_bytes()), CINAHL.name)]}, content_type="multipart/form-data")
    assert big.status_code == 413 and "the limit here is 200 MB" in big.get_data(as_text=True)
    pdf = owner.post(f"/studies/{studies[0]}/fulltext", data={"csrf_token": csrf, "file": (io.BytesIO(PDF * 20000), "big.pdf")},
                     content_type="multipart/form-data")
    assert pdf.status_code == 303 and "the limit here is 50 MB" in owner.get(pdf.headers["Location"]).get_data(as_text=True)
    assert _all_writes(ws) == before


def test_a_screener_may_mark_a_report_not_retrieved(app, review):
    from screener.workspace.screening import cast_vote

    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, "title_abstract", "include")
    alice = signed_in(app, tokens["alice"])
    _, csrf = _page(alice, f"/screen?stage=full_text&study={study}")
    done = alice.post(f"/studies/{study}/fulltext", data={"csrf_token": csrf, "not_retrieved": "on"})
    assert done.status_code == 303
    assert tuple(ws.db.execute("SELECT kind, actor FROM fulltexts").fetchone()) == ("not_retrieved", "alice")


def test_a_strategy_file_saved_by_notepad_is_read_as_the_commands_read_it(app, review):
    """The strategy as run, uploaded as a file on the import page, is read as `screener import
    --strategy` reads it (screener.query.strategy_file): Notepad's "Unicode" (UTF-16) was decoded
    as Windows-1252 and kept in the PRISMA-S search log as 'ÿþ1\\x00 \\x00p\\x00…'; a Word document
    is refused with 400, naming the file, and nothing is imported."""
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])

    def staged_preview():
        _, csrf = _page(owner, "/owner/imports")
        preview = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "file": [
            (io.BytesIO(CINAHL.read_bytes()), CINAHL.name)]}, content_type="multipart/form-data")
        return csrf, re.search(r'name="staged" value="([^"]+)"', preview.get_data(as_text=True)).group(1)

    csrf, staged = staged_preview()
    docx = io.BytesIO(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40)
    before = _all_writes(ws)
    refused = owner.post("/owner/imports/confirm", data={
        "csrf_token": csrf, "staged": staged, "database": "CINAHL", "strategy": "",
        "strategy_upload": (docx, "strategy.docx")}, content_type="multipart/form-data")
    assert refused.status_code == 400, refused.status_code
    assert "the strategy file strategy.docx is not a text file (a Word document" in refused.get_data(as_text=True)
    assert _all_writes(ws) == before

    utf16 = io.BytesIO("1. exp Chronic Pain/\r\n2. “qualitative research”.tw.\r\n".encode("utf-16"))
    done = owner.post("/owner/imports/confirm", data={
        "csrf_token": csrf, "staged": staged, "database": "CINAHL", "strategy": "",
        "strategy_upload": (utf16, "strategy.txt")}, content_type="multipart/form-data")
    assert done.status_code == 303, done.get_data(as_text=True)[-800:]
    row = ws.db.execute("SELECT strategy, strategy_file FROM import_metadata ORDER BY rowid DESC LIMIT 1").fetchone()
    assert tuple(row) == ("1. exp Chronic Pain/\n2. “qualitative research”.tw.\n", "strategy.txt")
