"""A screener opening a decided study (from My votes) read 'Outcome: include by votes' when the
screeners agreed and 'Outcome: include by arbiter' when the arbiter decided: the code's words for
who decided. It now reads 'Outcome: include — the screeners agreed' and 'Outcome: exclude (out of
scope) — decided by carol' (who decided: the arbiter, or an owner). Found walking the screener's journey after the arbiter's
decision, at 390 px. Real Chromium."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.screening import cast_vote, resolve


@pytest.mark.browser
def test_the_outcome_says_who_decided_in_words(browser, review):
    ws, studies, tokens = review
    agreed, resolved = studies[0], studies[1]
    for name in ("alice", "bob"):
        cast_vote(ws, name, agreed, TA, "include")
    cast_vote(ws, "alice", resolved, TA, "include")
    cast_vote(ws, "bob", resolved, TA, "exclude")
    resolve(ws, "carol", resolved, TA, "exclude", reason="out of scope")
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], 390)
        page.goto(f"{base}/screen?stage={TA}&study={agreed}")
        assert page.inner_text(".outcome") == "Outcome: include — the screeners agreed"
        page.goto(f"{base}/screen?stage={TA}&study={resolved}")
        assert page.inner_text(".outcome") == "Outcome: exclude (out of scope) — decided by carol"
        page.close()
