"""The arbiter deciding a full-text conflict over reasons with Exclude but no reason: the page came
back at its top with the refusal ('This exclusion needs a reason: pick one from the list.') inside
the conflict's card, below its title, abstract and the votes — out of sight at 390 px, so the click
seemed to do nothing. The page now opens at the refusal (it takes the focus), the form with what was
chosen right under it. Found walking the arbiter's journey at 390 px (screenshot viewed). Real
Chromium."""

from __future__ import annotations

import pytest
from web_helpers import FT, TA, serving, signed_in_page

from screener.workspace.screening import cast_vote


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_a_refused_decision_opens_the_page_at_its_refusal(browser, review, width):
    ws, studies, tokens = review
    for study in studies[:2]:
        for name in ("alice", "bob"):
            cast_vote(ws, name, study, TA, "include")
        cast_vote(ws, "alice", study, FT, "exclude", reason="out of scope")
        cast_vote(ws, "bob", study, FT, "exclude", reason="not qualitative")
    study = studies[1]                                  # the second card, below the first
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["carol"], width)
        page.goto(f"{base}/conflicts?stage={FT}")
        card = page.locator(f"#conflict-{study}-{FT}")
        card.locator("input[value=exclude]").check()
        with page.expect_navigation():
            card.locator("form.resolve button[type=submit]").click()
        refusal = page.locator(f"#conflict-{study}-{FT} [role=alert]")
        assert "needs a reason" in refusal.inner_text()
        box = refusal.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 800, box
        assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
        assert card.locator("input[value=exclude]").is_checked()
        page.close()
