"""Found walking the owner's and the information specialist's journey in the browser (session 9,
fresh workspace, fixtures/records exports): what the Manage pages said that a person on a page
cannot act on."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

from test_owner_api import _all_writes
from web_helpers import csrf_of, signed_in

from screener.workspace.settings_edit import settings_document

# an EBSCOhost BibTeX entry whose keywords hold a web page's script (colrev's ebsco_bib fixture):
# its braces do not balance, so the entry does not parse
BROKEN_BIB = b"""@article{ok2000,
Author = {Ann Author},
Title = {A readable entry},
Journal = {Journal of Tests},
Year = {2000},
}

@article{broken2018,
Author = {Tom Cruise},
Title = {When sharing fixes prices.},
Keywords = {Price fixing, ). addSize(768, 0, 160, 250).build(), 600, 600).build(), @type:Pers
}
"""


def test_a_bibtex_entry_that_does_not_parse_is_refused_in_page_words_not_a_cli_option(app, review):
    # Before: 'colrev__ebsco_bib.bib:15: cannot read this BibTeX entry (...): ... fix the entry or import
    # with --skip-bad' -- a command-line option the Imports page has no way to give.
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    before = _all_writes(ws)
    answer = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "file": [
        (io.BytesIO(BROKEN_BIB), "ebsco.bib")]}, content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422, page
    assert "ebsco.bib:8: cannot read this BibTeX entry (@article{broken2018,)" in page, page[-2000:]
    assert "--skip-bad" not in page
    assert "fix the entry in the file (or export the records again) and check the file again" in page
    assert _all_writes(ws) == before


def _settings_form(owner):
    html = owner.get("/owner/settings").get_data(as_text=True)
    fields = dict(re.findall(r'<input type="hidden" name="(csrf_token|version)" value="([^"]+)"', html))
    current = settings_document(owner.application.extensions["screener"].ws)
    return html, {**fields, "title": current["title"], "inclusion_criteria": current["inclusion_criteria"],
                  "exclusion_reasons": "\n".join(current["exclusion_reasons"]),
                  "votes_needed_title_abstract": "2", "votes_needed_full_text": "2", "reason_required_full_text": "on",
                  "blind": "on" if current["blind"] else "", "ranker_preset": current["ranker_preset"],
                  "highlight_include": "\n".join(current["highlight_include"]),
                  "highlight_exclude": "\n".join(current["highlight_exclude"])}


def test_the_shared_labels_are_set_on_the_settings_page(app, review):
    # Before: the Settings page had no place for the shared labels (README: `labels = [...]` in
    # review.toml), so an owner who does not edit files could not give the team its labels.
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    html, form = _settings_form(owner)
    assert '<textarea name="labels"' in html, html[-3000:]
    saved = owner.post("/owner/settings", data={**form, "labels": "adult?\r\ncheck with team\r\n"})
    assert saved.status_code == 303, saved.get_data(as_text=True)[-2000:]
    assert ws.reload_settings().labels == ["adult?", "check with team"]
    html = owner.get("/owner/settings").get_data(as_text=True)
    assert "Settings saved: Shared labels." in html, re.findall(r"Settings saved[^<]*", html)
    assert re.search(r'<textarea name="labels"[^>]*>adult\?\ncheck with team</textarea>', html), html[-3000:]
    event = ws.db.execute("SELECT payload FROM events WHERE kind = 'settings_change' ORDER BY id DESC").fetchone()[0]
    assert '"labels"' in event and "check with team" in event

    # a label twice (in any case) is refused in the form's words, with what was typed kept, nothing saved
    _, form = _settings_form(owner)
    before = _all_writes(ws)
    twice = owner.post("/owner/settings", data={**form, "labels": "adult?\nCheck with team\ncheck with TEAM"})
    page = twice.get_data(as_text=True)
    assert twice.status_code == 400, page[-2000:]
    assert "Shared labels" in page and "twice" in page and "'labels'" not in page
    assert "Check with team\ncheck with TEAM</textarea>" in page
    assert _all_writes(ws) == before and ws.reload_settings().labels == ["adult?", "check with team"]

    # a form without the field (one loaded before this change) leaves the labels alone
    _, form = _settings_form(owner)
    assert owner.post("/owner/settings", data={**form, "title": "Renamed"}).status_code == 303
    assert ws.reload_settings().labels == ["adult?", "check with team"]


def test_the_settings_api_reads_and_changes_the_shared_labels(app, review):
    client, token = app.test_client(), review[2]["olivia"]
    current = client.get("/api/settings", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert "labels" in current
    answer = client.put("/api/settings", json={"version": current["version"], "labels": ["adult?", "x" * 61]},
                        headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 400 and "at most 60 characters" in answer.get_json()["error"]
    answer = client.put("/api/settings", json={"version": current["version"], "labels": ["adult?"]},
                        headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["labels"] == ["adult?"] and answer.get_json()["changed"]["labels"]["to"] == ["adult?"]


CINAHL_CSV = Path(__file__).resolve().parents[2] / "fixtures/records/csv/citation-file-formatting___baseline_cinahl.csv"


def test_an_export_naming_only_its_platform_asks_for_the_database_searched(app, review):
    # Before: EBSCOhost's CSV (no database column) filled 'Database searched' with 'EBSCOhost', a
    # platform, and PRISMA counted the records under 'EBSCOhost' when the owner confirmed as shown.
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    preview = owner.post("/owner/imports/preview", follow_redirects=True, data={"csrf_token": csrf, "file": [
        (io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv")]}, content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page[-2000:]
    assert re.search(r'<input type="text" name="database" value=""[^>]* required', page), page[-4000:]
    assert re.search(r'<input type="text" name="platform" value="EBSCOhost"', page)
    assert ("cinahl.csv: the records name EBSCOhost, the platform they were exported from, not the database "
            "searched on it (PRISMA counts records per database): give the database searched on EBSCOhost (CINAHL, "
            "APA PsycInfo, …) in 'Database searched' below") in unescape(page)
    staged = re.search(r'name="staged" value="([^"]+)"', page).group(1)
    named = re.search(r'name="platform_named" value="([^"]+)"', page).group(1)

    before = _all_writes(ws)
    refused = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": staged, "platform_named": named,
                                                        "database": " ", "platform": "EBSCOhost",
                                                        "searched_on": "2026-11-30", "limits": "English"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400, page[-2000:]
    assert "give the database searched on EBSCOhost (CINAHL, APA PsycInfo, …) in 'Database searched'" in unescape(page)
    assert 'name="limits" value="English"' in page and 'name="searched_on" value="2026-11-30"' in page
    assert _all_writes(ws) == before

    done = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": staged, "platform_named": named,
                                                     "database": "CINAHL", "platform": "EBSCOhost",
                                                     "searched_on": "2026-11-30"})
    assert done.status_code == 303, (done.status_code, re.findall(r"role=\"alert\"[^<]*<?[^<]*", done.get_data(as_text=True)))
    imports = app.test_client().get("/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"}).get_json()
    last = imports[-1] if isinstance(imports, list) else imports["imports"][-1]
    assert (last["database"], last["platform"]) == ("CINAHL", "EBSCOhost"), last


def test_after_a_withdrawal_the_imports_page_does_not_speak_of_new_records(app, review):
    # Before: withdrawing an import (110 records down to 100) put 'Next: find duplicates among the
    # review's 100 records (new records since it last ran)' on the page: there were none.
    ws, _, tokens = review
    api, bearer = app.test_client(), {"Authorization": f"Bearer {tokens['olivia']}"}
    made = api.post("/api/imports", headers=bearer, content_type="multipart/form-data", data={
        "file": [(io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv")], "database": "CINAHL", "platform": "EBSCOhost"})
    assert made.status_code == 201, made.get_json()
    assert api.post("/api/dedupe", headers=bearer).status_code == 200
    owner = signed_in(app, tokens["olivia"])
    assert "next-dedupe" not in owner.get("/owner/imports").get_data(as_text=True)
    withdrawn = api.post(f"/api/imports/{made.get_json()['files'][0]['import_id']}", headers=bearer,
                         json={"withdrawn": True})
    assert withdrawn.status_code == 200, withdrawn.get_json()
    page = unescape(owner.get("/owner/imports").get_data(as_text=True))
    assert "next-dedupe" in page
    assert "new records since" not in page, re.findall(r'id="next-dedupe">.*?</p>', page)
    assert "(records were added or withdrawn since it last ran)" in page


def test_the_dashboard_says_a_revoked_screener_is_revoked_not_that_work_remains_for_them(app, review):
    # Before: a screener added by mistake and revoked stayed on the dashboard as 'x/y · screener ·
    # voted 0 · remaining 85', as if 85 studies waited for someone who can no longer sign in.
    ws, studies, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/reviewers").get_data(as_text=True))
    assert owner.post("/owner/reviewers", follow_redirects=True,
                      data={"csrf_token": csrf, "name": "dave", "role": "screener"}).status_code in (200, 303)
    assert owner.post("/owner/reviewers/dave/revoke", data={"csrf_token": csrf}).status_code == 303
    page = owner.get("/dashboard").get_data(as_text=True)
    rows = re.findall(r"<tr><td>dave.*?</tr>", page)
    assert rows, page[:3000]
    for row in rows:
        assert "revoked" in row, row
        assert not re.search(r'data-label="Remaining">\d', row), row
    alice = re.findall(r"<tr><td>alice.*?</tr>", page)
    assert alice and all(re.search(r'data-label="Remaining">\d', row) for row in alice)


def test_an_export_with_no_studies_says_so_instead_of_downloading_an_empty_file(app, review):
    # Before: 'The review's included studies (RIS, 0 included)' and Download with a filter no study
    # matched both saved an empty file (0 bytes), which the owner's reference manager then read as nothing.
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    page = unescape(owner.get("/owner/exports").get_data(as_text=True))
    assert 'id="included-ris" href=' not in page
    assert "No study is included at full text yet" in page
    answer = owner.get("/owner/exports/download?format=ris&stage=full_text&decision=include")
    page = unescape(answer.get_data(as_text=True))
    assert answer.status_code == 404, page[-2000:]
    assert "Content-Disposition" not in answer.headers
    assert "Nothing to download: no study is included at full text yet" in page
    excluded = owner.get("/owner/exports/download?format=bib&stage=title_abstract&decision=exclude")
    assert excluded.status_code == 404
    assert "Nothing to download: no study is excluded at title/abstract yet" in unescape(excluded.get_data(as_text=True))
    everything = owner.get("/owner/exports/download?format=ris")
    assert everything.status_code == 200 and everything.headers["X-Studies"] == "6"
    assert everything.headers["Content-Disposition"].startswith("attachment")


def test_the_sign_in_page_says_what_is_wrong_with_a_link_in_words_not_token_jargon(app, review):
    # Before: a sign-in link cut short when copied answered 'unknown token; ask the review's owner for
    # your link', and an old link 'this token was replaced by a newer one; use the newest link from the owner'.
    ws, _, tokens = review
    client = app.test_client()
    csrf = csrf_of(client.get("/signin").get_data(as_text=True))
    cut = client.post("/signin", data={"token": tokens["alice"][:-4], "csrf_token": csrf})
    page = unescape(cut.get_data(as_text=True))
    assert cut.status_code == 401
    assert "This sign-in link does not work: it may have been cut short or changed when it was copied" in page
    assert "unknown token" not in page
    old = tokens["alice"]
    add_new = signed_in(app, tokens["olivia"])
    csrf_owner = csrf_of(add_new.get("/owner/reviewers").get_data(as_text=True))
    assert add_new.post("/owner/reviewers/alice/link", follow_redirects=True,
                        data={"csrf_token": csrf_owner}).status_code in (200, 303)
    replaced = client.post("/signin", data={"token": old, "csrf_token": csrf})
    page = unescape(replaced.get_data(as_text=True))
    assert replaced.status_code == 401
    assert "This sign-in link was replaced by a newer one" in page and "this token was replaced" not in page


def test_the_imports_api_does_not_offer_a_command_line_option_either(app, review):
    # Before: POST /api/imports answered the same refusal with '… or import with --skip-bad', an
    # option the API does not take (a script sending skip_bad=true gets 400, unknown field).
    ws, _, tokens = review
    before = _all_writes(ws)
    answer = app.test_client().post("/api/imports", headers={"Authorization": f"Bearer {tokens['olivia']}"},
                                    content_type="multipart/form-data",
                                    data={"file": [(io.BytesIO(BROKEN_BIB), "ebsco.bib")]})
    assert answer.status_code == 422, answer.get_json()
    error = answer.get_json()["error"]
    assert error.startswith("ebsco.bib:8: cannot read this BibTeX entry") and "--skip-bad" not in error, error
    assert error.endswith("fix the entry in the file (or export the records again) and upload it again"), error
    assert _all_writes(ws) == before


def test_a_refused_file_among_several_says_the_others_were_read_and_to_choose_them_again(app, review):
    # Before: three files chosen, one a PDF: the page said only 'paper.pdf:1: a PDF document, not a
    # database export: …', the file chooser empty again, and nothing of the two good exports.
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    before = _all_writes(ws)
    answer = owner.post("/owner/imports/preview", follow_redirects=True,
                        content_type="multipart/form-data", data={"csrf_token": csrf, "file": [
        (io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv"), (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "paper.pdf"),
        (io.BytesIO(BROKEN_BIB), "ebsco.bib"), (io.BytesIO(CINAHL_CSV.read_bytes()[:-1]), "cinahl2.csv")]})
    page = unescape(answer.get_data(as_text=True))
    assert answer.status_code == 422, page[-2000:]
    said = re.search(r'role="alert" id="error">(.*?)</p>', page, re.S).group(1)
    assert "paper.pdf" in said and "ebsco.bib" in said
    assert said.endswith("nothing was imported. cinahl.csv and cinahl2.csv were read without a problem: choose "
                         "them again without paper.pdf and ebsco.bib."), said
    assert "upload it again" not in said and "fix the entry in the file (or export the records again) and check" in said
    assert _all_writes(ws) == before
    one = owner.post("/owner/imports/preview", follow_redirects=True,
                     content_type="multipart/form-data", data={"csrf_token": csrf, "file": [
        (io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv"), (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "paper.pdf")]})
    said = re.search(r'role="alert" id="error">(.*?)</p>', unescape(one.get_data(as_text=True)), re.S).group(1)
    assert said.startswith("paper.pdf:1: a PDF document") and said.endswith(
        ". Nothing was imported. cinahl.csv was read without a problem: choose it again without paper.pdf."), said
    # one file alone: nothing more to say
    alone = owner.post("/owner/imports/preview", follow_redirects=True,
                       content_type="multipart/form-data", data={"csrf_token": csrf, "file": [
        (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "paper.pdf")]})
    assert "without a problem" not in alone.get_data(as_text=True)


def test_the_highlight_boxes_say_a_phrase_and_a_star_work_in_both(app, review):
    # Before: 'Highlight as include (one word per line; * matches any ending)' and 'Highlight as
    # exclude (one word per line)': a phrase such as 'chronic pain' is highlighted whole, and * works
    # in both lists, so the owner was told less than the boxes take.
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    page = owner.get("/owner/settings").get_data(as_text=True)
    assert "one word per line" not in page
    assert page.count("(one word or phrase per line; a * at the end matches any ending, as in interview*)") == 2


def test_a_refused_correction_keeps_the_imports_tab_marked(app, review):
    # Before: after 'Correct database or search details' was refused (the page at /owner/imports/ID),
    # no tab was marked: the owner could not tell which Manage page they were on.
    ws, _, tokens = review
    api, bearer = app.test_client(), {"Authorization": f"Bearer {tokens['olivia']}"}
    made = api.post("/api/imports", headers=bearer, content_type="multipart/form-data", data={
        "file": [(io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv")], "database": "CINAHL"})
    import_id = made.get_json()["files"][0]["import_id"]
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    refused = owner.post(f"/owner/imports/{import_id}", data={"csrf_token": csrf, "action": "relabel",
                                                              "searched_on": "2099-01-01", "database": "CINAHL"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400, page[-1500:]
    assert re.search(r'class="active" aria-current="page">Imports</a>', page), re.findall(r"<a [^>]*>Imports</a>", page)


def test_the_json_api_refuses_an_export_naming_only_its_platform_without_a_database(app, review):
    # Before: POST /api/imports of EBSCOhost's CSV without "database" counted its records under 'EBSCOhost'
    # in PRISMA; the rule is now the Python API's (workspace.imports.platform_named), as the page's and the CLI's
    ws, _, tokens = review
    api, bearer = app.test_client(), {"Authorization": f"Bearer {tokens['olivia']}"}
    before = _all_writes(ws)
    refused = api.post("/api/imports", headers=bearer, content_type="multipart/form-data", data={
        "file": [(io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv")]})
    assert refused.status_code == 400, refused.get_json()
    assert refused.get_json()["error"].startswith(
        "cinahl.csv: the records name EBSCOhost, the platform they were exported from, not the database searched on it "
        "(PRISMA counts records per database): give the database searched on EBSCOhost (CINAHL, APA PsycInfo, …) "
        'as "database"; nothing was imported'), refused.get_json()
    assert _all_writes(ws) == before
    made = api.post("/api/imports", headers=bearer, content_type="multipart/form-data", data={
        "file": [(io.BytesIO(CINAHL_CSV.read_bytes()), "cinahl.csv")], "database": "CINAHL"})
    assert made.status_code == 201, made.get_json()
    last = api.get("/api/imports", headers=bearer).get_json()
    last = last[-1] if isinstance(last, list) else last["imports"][-1]
    assert (last["database"], last["platform"]) == ("CINAHL", "EBSCOhost"), last
