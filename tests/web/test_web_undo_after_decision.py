"""A screener voted, the other screener's vote came in a moment later and decided the study, and
the screener pressed U (a slip corrected, seconds late): the page said 'Could not undo: study 1
is already decided at title_abstract (include by agreement); only an arbiter can change it now' —
the stage's code, and nothing of whether the vote still counts (it does). It now says the vote
stands, that the study was decided meanwhile, and who can change it. Found walking the
screener's journey at 390 px. HTTP through the real sign-in and forms."""

from __future__ import annotations

import html
import re

from web_helpers import TA, csrf_of, signed_in

from screener.workspace.screening import cast_vote


def test_undo_of_a_vote_that_decided_the_study_meanwhile_says_the_vote_stands(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    page = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    study = int(re.search(r'id="record" data-study="(\d+)"', page).group(1))
    client.post("/screen/vote", data={"csrf_token": csrf_of(page), "stage": TA, "study": study, "vote": "include"})
    cast_vote(ws, "bob", study, TA, "include")            # decided by agreement, while alice reads on
    page = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    answer = client.post("/screen/undo", data={"csrf_token": csrf_of(page), "stage": TA}, follow_redirects=True)
    text = html.unescape(answer.get_data(as_text=True))
    assert f"Your vote on study {study} stands: the study was decided meanwhile (include" in text, text
    assert "only the arbiter or the review's owner can change it now" in text
    said = re.search(r'<p class="flash error">(.*?)</p>', text).group(1)
    assert "title_abstract" not in said and "Could not undo" not in said, said
    assert [r[0] for r in ws.db.execute("SELECT vote FROM votes WHERE study_id = ? AND reviewer_id = 1", (study,))] \
        == ["include"]
