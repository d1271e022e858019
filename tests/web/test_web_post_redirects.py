"""Forms answered by a redirect (303 See Other) to a page read with GET, so that Back and Reload never
send a form again. Before, the Imports page's preview and column chooser and the Reviewers page's new
sign-in link were the POST's own answer: Back to them gave Chrome's 'Confirm Form Resubmission', a
reload sent the upload (or added the reviewer) again. A refused form keeps its page and status."""

from __future__ import annotations

import re

from test_owner_api import _all_writes
from web_helpers import csrf_of, signed_in


def _csrf(client, path: str) -> str:
    return csrf_of(client.get(path).get_data(as_text=True))



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
