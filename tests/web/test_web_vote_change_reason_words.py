"""A re-vote (the arbiter asked for it) replacing an exclusion with a reason: the answer read
'Study 134: include; this replaces your earlier vote (exclude (out of scope)).', brackets in
brackets. Now 'Study 134: include; this replaces your earlier exclude (out of scope).'. Found
voting again as asked, at 390 px. Through the HTTP client."""

from __future__ import annotations

import re

from web_helpers import TA, csrf_of, signed_in


def _vote(client, study: str, vote: str, reason: str = "") -> str:
    page = client.get(f"/screen?stage={TA}&study={study}").get_data(as_text=True)
    answer = client.post("/screen/vote", data={"csrf_token": csrf_of(page), "stage": TA, "study": study,
                                               "vote": vote, "reason": reason}, follow_redirects=True)
    return " ".join(re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True)).split())


def test_a_vote_replacing_an_exclusion_names_it_once(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    study = str(studies[0])
    _vote(client, study, "exclude", "out of scope")
    said = _vote(client, study, "include")
    assert f"Study {study}: include; this replaces your earlier exclude (out of scope)." in said, said
    said = _vote(client, study, "maybe")
    assert f"Study {study}: maybe; this replaces your earlier include." in said, said
