"""The arbiter's decision sent after their sign-in ended (a newer link, the session expired) while
the Conflicts page was open. Before, the page said 'What you sent was not recorded: you are no
longer signed in here …, then do it again.' — what they sent was a decision on a study, which the
screener's vote page names; now 'Your include decision on study 1 was not recorded: …, then decide
it again.' (401, nothing recorded). Found resolving as the arbiter at 1280 px with the session
gone. Through the HTTP client."""

from __future__ import annotations

import re

from web_helpers import TA, counts, csrf_of, signed_in

from screener.workspace.reviewers import mint_token
from screener.workspace.screening import cast_vote


def test_a_decision_sent_after_the_sign_in_ended_names_what_was_not_recorded(app, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "exclude")
    carol = signed_in(app, tokens["carol"])
    csrf = csrf_of(carol.get(f"/conflicts?stage={TA}").get_data(as_text=True))
    mint_token(ws, "carol")                          # the owner sends carol a new link: her session ends
    before = counts(ws)["resolutions"]
    answer = carol.post("/conflicts/resolve", data={"csrf_token": csrf, "study": studies[0], "stage": TA,
                                                   "decision": "include", "back": TA})
    said = " ".join(re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True)).split())
    assert answer.status_code == 401
    assert f"Your include decision on study {studies[0]} was not recorded: you are no longer signed in" in said, said
    assert "then decide it again." in said, said
    assert counts(ws)["resolutions"] == before
