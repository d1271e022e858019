"""A screener at the end of their queue, with few relevant studies found. The side panel said
'Stopping estimate: … — nothing left for you; 4 undecided with the other screeners or the arbiter'
and under it, in yellow, 'Caution: only 1 relevant study found so far: … — screen on or check the
search before setting the rest aside': 'screen on' to a screener with nothing to screen (the
caution is for whoever decides to stop: the owner's dashboard keeps it). With studies left the
caution stays. Found finishing the title/abstract queue at 1280 px. Through the HTTP client."""

from __future__ import annotations

import re

from web_helpers import TA, signed_in

from screener.workspace.screening import cast_vote


def test_the_caution_to_screen_on_is_not_given_to_a_screener_with_nothing_left(app, review):
    ws, studies, tokens = review
    for name in ("alice", "bob"):
        cast_vote(ws, name, studies[0], TA, "include")         # one relevant study, agreed
        cast_vote(ws, name, studies[1], TA, "exclude")
    client = signed_in(app, tokens["alice"])
    page = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    assert 'id="record"' in page and "Caution: only 1 relevant study found so far" in page   # studies left: said
    for study in studies[2:]:
        cast_vote(ws, "alice", study, TA, "exclude")
    page = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    assert 'id="done"' in page and "nothing left for you" in page
    shown = " ".join(re.sub(r"<[^>]+>", " ", page).split())      # the words on the page, not its tooltips
    assert "screen on" not in shown and "Caution:" not in shown, shown
