"""The arbiter's Conflicts page at a stage with none left while the other stage has some. Before,
after deciding the last full-text conflict, the page said 'No open conflicts.' and nothing of the
2 waiting at title/abstract (the tabs above carry no counts; the start page did, a click away).
Now it says how many wait at the other stage, with a link there, as a screener's queue end does.
Found resolving as the arbiter at 1280 px. Through the HTTP client."""

from __future__ import annotations

import re

from web_helpers import FT, TA, signed_in

from screener.workspace.screening import cast_vote, resolve


def _said(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_no_conflict_left_at_a_stage_leads_to_those_at_the_other(app, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude")            # a conflict at title/abstract
    cast_vote(ws, "alice", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "exclude")            # and a second
    client = signed_in(app, tokens["carol"])
    html = client.get(f"/conflicts?stage={FT}").get_data(as_text=True)
    said = _said(html)
    assert "No open conflicts." in said, said
    assert "2 conflicts wait at title/abstract: resolve them" in said, said
    assert f'href="/conflicts?stage={TA}"' in html
    # at the stage that has them, no such line; with none anywhere, none either
    assert "wait at" not in _said(client.get(f"/conflicts?stage={TA}").get_data(as_text=True))
    resolve(ws, "carol", studies[1], TA, "include")             # one left: said in the singular
    said = _said(client.get(f"/conflicts?stage={FT}").get_data(as_text=True))
    assert "1 conflict waits at title/abstract: resolve it" in said, said
    resolve(ws, "carol", studies[0], TA, "exclude")             # none anywhere: nothing pointed to
    said = _said(client.get(f"/conflicts?stage={FT}").get_data(as_text=True))
    assert "No open conflicts." in said and "wait" not in said, said

