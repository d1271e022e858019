"""What a user-level review of the web app in headless Chromium found (owner, information specialist,
screeners): each test is a defect as a person saw it, written before its fix."""

from __future__ import annotations

import pytest
from web_helpers import serving_with_reasons, signed_in_page

pytestmark = pytest.mark.browser

REASONS = ["out of scope", "not qualitative", "wrong population", "not in English"]


def test_the_owners_own_row_and_a_signed_in_reviewer_are_not_said_to_be_not_signed_in(browser, review):
    """The owner, signed in and looking at the reviewers page, read 'not signed in yet' on their own
    row (only votes and other events counted as activity; a sign-in did not)."""
    ws, studies, tokens = review
    with serving_with_reasons(ws, REASONS) as server:
        alice = signed_in_page(browser, server, tokens["alice"], 1280)      # signs in, does nothing else
        owner = signed_in_page(browser, server, tokens["olivia"], 1280)
        owner.goto(f"{server}/owner/reviewers")
        mine = owner.inner_text("#reviewer-olivia")
        assert "(you)" in mine and "not signed in yet" not in mine and "active" in mine, mine
        assert "not signed in yet" not in owner.inner_text("#reviewer-alice")
        assert "not signed in yet" in owner.inner_text("#reviewer-bob")         # bob never signed in
        alice.close()
        owner.close()
