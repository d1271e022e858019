"""Defects found by a user-level review of the web app (each test failed before its fix)."""

from __future__ import annotations

import html as htmllib
import re

from web_helpers import csrf_of, signed_in

from screener.workspace.reviewers import add_reviewer


def test_a_reviewer_whose_name_has_a_slash_can_be_given_a_link_and_revoked(app, review):
    # Was: names may hold '/', but the routes took <name> as one path segment, so New link and
    # Revoke for 'Smith/Jones' answered 404 (on the page and in the API): a leaked link stayed valid.
    ws, _, tokens = review
    add_reviewer(ws, "Smith/Jones", "screener")
    owner = signed_in(app, tokens["olivia"])
    page = owner.get("/owner/reviewers").get_data(as_text=True)
    actions = [htmllib.unescape(a) for a in re.findall(r'action="([^"]*Smith[^"]*)"', page)]
    assert len(actions) == 2
    link = owner.post(next(a for a in actions if a.endswith("/link")), data={"csrf_token": csrf_of(page)},
                      follow_redirects=True)
    assert link.status_code == 200 and "New sign-in link for Smith/Jones" in link.get_data(as_text=True)
    revoke = owner.post(next(a for a in actions if a.endswith("/revoke")), data={"csrf_token": csrf_of(page)})
    assert revoke.status_code == 303, revoke.get_data(as_text=True)
    assert "revoked" in owner.get("/owner/reviewers").get_data(as_text=True)
    api = app.test_client().post("/api/reviewers/Smith/Jones/link", json={},
                                 headers={"Authorization": f"Bearer {tokens['olivia']}"})
    assert api.status_code == 200, api.get_data(as_text=True)


def test_the_conflict_card_links_its_pdf_once_and_names_no_storage_hash(app, review):
    # Was: two helpers each added a full-text link to the card: two 'Open the full text (PDF)'
    # under one id, the first followed by the upload's 64-hex storage name (wider than a phone).
    from test_owner_api import PDF

    from screener.workspace.fulltext_upload import attach_pdf
    from screener.workspace.screening import cast_vote

    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, "title_abstract", "include")
    attach_pdf(ws, study, PDF, "smith.pdf", actor="olivia")
    cast_vote(ws, "alice", study, "full_text", "include")
    cast_vote(ws, "bob", study, "full_text", "exclude", reason="out of scope")
    page = signed_in(app, tokens["carol"]).get("/conflicts?stage=full_text").get_data(as_text=True)
    assert page.count(f'id="fulltext-{study}"') == 1
    assert page.count("Open the full text") == 1
    assert not re.search(r"[0-9a-f]{64}", page)


def test_an_export_choice_that_needs_another_shows_the_form_again_in_its_own_words(app, review):
    # Was: choosing a stage without a decision (or the reverse) left the exports page for a bare
    # 400 page naming command-line flags ('--stage needs --decision include or exclude').
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    for query, words in (("stage=full_text&decision=", "choose a Decision too"),
                         ("stage=&decision=include", "choose a Stage too")):
        answer = owner.get(f"/owner/exports/download?format=ris&{query}")
        page = answer.get_data(as_text=True)
        assert answer.status_code == 400
        assert 'id="export-form"' in page and words in page
        assert "--stage" not in page and "--decision" not in page


def test_import_hints_after_a_successful_import_are_warnings_naming_the_file_as_it_is(app, review):
    # Was: every hint of a successful import ('no strategy recorded; PRISMA-S asks for …') was shown
    # as a red error, with the file name's first letter made upper-case ('Citation-file-…').
    import io

    from test_owner_api import SCOPUS

    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    page = owner.get("/owner/imports").get_data(as_text=True)
    preview = owner.post("/owner/imports/preview", follow_redirects=True, data={
        "csrf_token": csrf_of(page), "file": [(io.BytesIO(SCOPUS.read_bytes()), SCOPUS.name)]},
        content_type="multipart/form-data").get_data(as_text=True)
    staged = re.search(r'name="staged" value="([^"]+)"', preview).group(1)
    done = owner.post("/owner/imports/confirm", data={"csrf_token": csrf_of(page), "staged": staged})
    assert done.status_code == 303, done.get_data(as_text=True)
    page = owner.get("/owner/imports").get_data(as_text=True)
    hints = re.findall(r'<p class="flash (\w+)">([^<]*no strategy recorded[^<]*)</p>', page)
    assert hints and all(kind == "warning" and text.startswith(SCOPUS.name) for kind, text in hints), hints
