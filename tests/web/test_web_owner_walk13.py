"""Found walking the review owner's journey in the browser, start to finish (session 13: a review
made at the server root, its settings, reviewers, imports of Embase, PsycINFO, CINAHL, PubMed, Scopus
and Web of Science exports, dedupe, screening, conflicts, full text, exports), at 1280 and 390 px."""

from __future__ import annotations

from html import unescape

from test_owner_api import _all_writes
from test_web_owner_journey_words import _settings_form
from web_helpers import signed_in


def test_an_exclusion_reason_twice_in_other_capitals_is_refused(app, review):
    # Before: 'out of scope' and 'Out of scope' (a line retyped) were saved as two reasons: the screeners
    # picked either, and the PRISMA diagram listed 'out of scope (n = 3)' and 'Out of scope (n = 2)'
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    _, form = _settings_form(owner)
    before, reasons = _all_writes(ws), ws.reload_settings().exclusion_reasons
    typed = "not qualitative\nout of scope\nOut of scope"
    answer = owner.post("/owner/settings", data={**form, "exclusion_reasons": typed})
    page = unescape(answer.get_data(as_text=True))
    assert answer.status_code == 400, page[-2000:]
    assert "Exclusion reasons lists 'out of scope' and 'Out of scope', the same reason in other capitals" in page
    assert f">{typed}</textarea>" in page
    assert _all_writes(ws) == before and ws.reload_settings().exclusion_reasons == reasons
