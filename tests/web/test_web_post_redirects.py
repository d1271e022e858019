"""Forms answered by a redirect (303 See Other) to a page read with GET, so that Back and Reload never
send a form again. Before, the Imports page's preview and column chooser and the Reviewers page's new
sign-in link were the POST's own answer: Back to them gave Chrome's 'Confirm Form Resubmission', a
reload sent the upload (or added the reviewer) again. A refused form keeps its page and status."""

from __future__ import annotations

import io
import re

from test_owner_api import CINAHL, _all_writes
from test_web_import_columns_page import TABLE
from test_web_import_skip_bad import MOSTLY_GOOD
from web_helpers import csrf_of, signed_in

PREVIEW = re.compile(r"^/owner/imports/preview/([A-Za-z0-9_-]+)$")


def _csrf(client, path: str) -> str:
    return csrf_of(client.get(path).get_data(as_text=True))


def _upload(owner, csrf: str, name: str, data: bytes):
    return owner.post("/owner/imports/preview", content_type="multipart/form-data",
                      data={"csrf_token": csrf, "file": [(io.BytesIO(data), name)]})


def test_a_preview_is_a_page_of_its_own_that_reloads_without_reading_the_upload_again(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = _csrf(owner, "/owner/imports")
    before = _all_writes(ws)
    answer = _upload(owner, csrf, CINAHL.name, CINAHL.read_bytes())
    assert answer.status_code == 303, answer.get_data(as_text=True)[-1500:]
    where = answer.headers["Location"]
    key = PREVIEW.match(where).group(1)
    for _ in range(2):                                       # the page, then a reload of it
        page = owner.get(where)
        html = page.get_data(as_text=True)
        assert page.status_code == 200, html[-1500:]
        assert 'id="preview"' in html and "Import 9 records" in html and f'name="staged" value="{key}"' in html
    with owner.session_transaction() as session:
        assert list(session["staged"]) == [key]              # one upload kept, not one per reload
    assert _all_writes(ws) == before

    done = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": key, "database": "CINAHL"})
    assert done.status_code == 303 and done.headers["Location"].startswith("/owner/imports")
    imported = _all_writes(ws)
    assert imported["imports"] == before["imports"] + 1
    # Back to the preview once imported: the Imports page says so; the import is not made twice
    back = owner.get(where)
    assert back.status_code == 303 and back.headers["Location"].startswith("/owner/imports#import-")
    again = owner.post("/owner/imports/confirm", data={"csrf_token": csrf, "staged": key, "database": "CINAHL"})
    assert again.status_code == 303 and again.headers["Location"].startswith("/owner/imports#import-")
    html = owner.get("/owner/imports").get_data(as_text=True)
    assert "were imported already" in html, html[:3000]
    assert _all_writes(ws) == imported


def test_a_preview_nobody_staged_sends_to_the_imports_page(app, review):
    _, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    answer = owner.get("/owner/imports/preview/not-a-key")
    assert answer.status_code == 303 and answer.headers["Location"] == "/owner/imports"
    assert "choose the files again" in owner.get("/owner/imports").get_data(as_text=True)


def test_the_column_chooser_and_the_skip_bad_offer_are_pages_too(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = _csrf(owner, "/owner/imports")
    before = _all_writes(ws)
    asked = _upload(owner, csrf, "team.csv", TABLE.encode())
    assert asked.status_code == 303
    where = asked.headers["Location"]
    key = PREVIEW.match(where).group(1)
    page = owner.get(where)
    assert page.status_code == 422 and 'id="choose-columns"' in page.get_data(as_text=True)
    chosen = owner.post("/owner/imports/preview", data={"csrf_token": csrf, "staged": key, "col_title": "Heading",
                                                        "col_year": "Yr"})
    assert chosen.status_code == 303 and chosen.headers["Location"] == where
    page = owner.get(where)
    assert page.status_code == 200 and "columns read as chosen: title=Heading, year=Yr" in page.get_data(as_text=True)

    offered = _upload(owner, csrf, "ebsco.bib", MOSTLY_GOOD)
    assert offered.status_code == 303
    page = owner.get(offered.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and 'id="skip-bad"' in html and 'name="skip_bad" value="on"' in html
    assert _all_writes(ws) == before


def test_a_refused_upload_keeps_its_page_and_status(app, review):
    _, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    answer = _upload(owner, _csrf(owner, "/owner/imports"), "letter.txt", b"hello\nworld\n")
    assert answer.status_code == 422 and "letter.txt: this is not a search export" in answer.get_data(as_text=True)


def test_a_new_reviewer_and_a_new_link_are_shown_at_an_address_that_reloads(app, review):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = _csrf(owner, "/owner/reviewers")
    before = _all_writes(ws)
    added = owner.post("/owner/reviewers", data={"csrf_token": csrf, "name": "dora", "role": "arbiter"})
    assert added.status_code == 303
    where = added.headers["Location"]
    assert re.match(r"^/owner/reviewers\?link=[A-Za-z0-9_-]+#new-link$", where), where
    for _ in range(2):
        html = owner.get(where).get_data(as_text=True)
        assert "Added dora (arbiter)" in html and "/signin?token=" in html, html[:3000]
    assert _all_writes(ws)["reviewers"] == before["reviewers"] + 1
    assert "token=" not in where
    with owner.session_transaction() as session:
        assert "token=" not in str({k: v for k, v in session.items() if k != "shown_link"})

    link = owner.post("/owner/reviewers/alice/link", data={"csrf_token": csrf})
    assert link.status_code == 303
    html = owner.get(link.headers["Location"]).get_data(as_text=True)
    assert "New sign-in link for alice (screener)" in html
    url = re.search(r'value="([^"]*token=[^"]+)"', html).group(1)
    # the earlier address no longer shows dora's link (one link is kept); a link replaced since is not shown
    assert "Added dora" not in owner.get(where).get_data(as_text=True)
    owner.post("/owner/reviewers/alice/link", data={"csrf_token": csrf})
    assert url not in owner.get(link.headers["Location"]).get_data(as_text=True)


def test_a_refused_reviewer_form_keeps_what_was_typed(app, review):
    _, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    answer = owner.post("/owner/reviewers", data={"csrf_token": _csrf(owner, "/owner/reviewers"), "name": "alice",
                                                   "role": "arbiter"})
    assert answer.status_code == 409 and 'value="alice"' in answer.get_data(as_text=True)
