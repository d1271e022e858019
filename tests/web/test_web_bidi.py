"""Bidirectional text on the pages (issue 21): a right-to-left override in an imported title used
to run on into the rest of the page (the vote buttons' labels, the next columns). Every value a
page shows that holds a bidi control character is isolated (FSI … PDI), in text and attributes."""

from __future__ import annotations

from web_helpers import TA, signed_in

from screener.records.model import Record
from screener.workspace.screening import cast_vote

RLO_TITLE = "Safe \u202eexe.evil\u202c study of pain"


def test_an_override_in_a_title_is_isolated_on_the_screening_page(app, review):
    ws, studies, tokens = review
    for study in studies:                      # alice has screened everything else
        cast_vote(ws, "alice", study, TA, "exclude")
    with ws.transaction():
        ws.add_source_records([Record(title=RLO_TITLE, abstract="\u202bAbstract", database="test")])
    alice = signed_in(app, tokens["alice"])
    html = alice.get(f"/screen?stage={TA}").get_data(as_text=True)
    assert "\u2068" + RLO_TITLE + "\u2069" in html
    assert "\u2068\u202bAbstract\u2069" in html
    rest = html.replace("\u2068" + RLO_TITLE + "\u2069", "").replace("\u2068\u202bAbstract\u2069", "")
    assert "\u2068" not in rest and "\u202e" not in rest      # nothing else wrapped, nothing unisolated
