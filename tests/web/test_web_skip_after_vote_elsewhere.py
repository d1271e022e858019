"""Skip pressed on a study already voted on in another tab (two tabs of the queue open on one
study: Include in the first, then S in the second). Before, the second tab said, in red, 'study 1
is not yours to skip at title/abstract: the queue has not given it to you, or you have voted on it
since; nothing was changed' — a refusal to a screener who had voted, guessing between two causes.
Now it says which: 'Study 1 was not skipped: you voted on it meanwhile (include), in another tab or
window.' (409, the next study below). A study not held for them (the hold lapsed, not voted on) says
so. Found with two tabs at 1280 px. Through the HTTP client."""

from __future__ import annotations

import re

from web_helpers import TA, csrf_of, signed_in

from screener.workspace.screening import cast_vote


def _said(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _skip(client, study: str):
    page = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    return client.post("/screen/skip", data={"csrf_token": csrf_of(page), "stage": TA, "study": study})


def test_skip_on_a_study_voted_in_another_tab_says_the_vote_is_there(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    study = re.search(r'data-study="(\d+)"', client.get(f"/screen?stage={TA}").get_data(as_text=True)).group(1)
    cast_vote(ws, "alice", int(study), TA, "include")          # the first tab's vote
    answer = _skip(client, study)
    said = _said(answer.get_data(as_text=True))
    assert answer.status_code == 409
    assert f"Study {study} was not skipped: you voted on it meanwhile (include), in another tab or window." in said, said
    assert "not yours to skip" not in said


def test_skip_on_a_study_no_longer_held_says_so(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    held = {int(s) for s in re.findall(r'data-study="(\d+)"', client.get(f"/screen?stage={TA}").get_data(as_text=True))}
    other = next(s for s in studies if s not in held)           # never given to alice by the queue
    answer = _skip(client, str(other))
    said = _said(answer.get_data(as_text=True))
    assert answer.status_code == 409
    assert f"Study {other} was not skipped: it is not held for you" in said, said
