"""Ovid's `a adj b` (the two words next to each other, in order) in Web of Science, which has no
ordered adjacency: alone it was the phrase "a b" (order kept), but inside an OR-group under one field
suffix — Table 1's `((field adj note*) or (field adj record*) or fieldnote*).ti,ab.` — it became
`field NEAR/0 note*` with a PROXIMITY_DEGRADED warning ('the order of the words is no longer
required'), leaving the information specialist to rewrite it as the phrase by hand."""

from __future__ import annotations

import pytest

from screener.query import translate


@pytest.mark.parametrize("ovid, wos", [
    ("(field adj note*).ti,ab.", '(TI="field note*" OR AB="field note*")'),
    ("((field adj note*) or fieldnote*).ti,ab.",
     '(TI=("field note*" OR fieldnote*) OR AB=("field note*" OR fieldnote*))'),
    ("((digital adj record) or audiorecord*).ti,ab.",
     '(TI=("digital record" OR audiorecord*) OR AB=("digital record" OR audiorecord*))'),
])
def test_adjacent_words_in_a_group_are_the_phrase(ovid, wos):
    result = translate(ovid, read="ovid", write="wos")
    assert result.query == wos
    assert not [w for w in result.warnings if w.code == "PROXIMITY_DEGRADED"]


def test_adjacency_that_is_no_phrase_still_warns():
    # `(a or b) adj c` is no single phrase: NEAR/0, and the order lost is said
    result = translate("((field or site) adj note*).ti,ab.", read="ovid", write="wos")
    assert "NEAR/0" in result.query
    assert [w.code for w in result.warnings] == ["PROXIMITY_DEGRADED"]
