"""Embase.com subheading links (`'pain'/exp/dm_th`) are reported, never searched as a word."""

from __future__ import annotations

import pytest

from screener.query import translate


@pytest.mark.parametrize("text, link", [
    ("'pain'/exp/dm_th", "/dm_th"),
    ("'aspirin'/de/dd_ae,dd_to AND 'back pain':ti,ab", "/dd_ae,dd_to"),
])
@pytest.mark.parametrize("target", ["pubmed", "ovid-medline", "scopus"])
def test_subheading_link_is_reported_and_not_searched(text, link, target):
    t = translate(text, read="embase-com", write=target)
    codes = {(p.code, p.line) for p in t.errors + t.warnings}
    assert ("HEADING_APPROXIMATED", 1) in codes
    assert link.split(",")[0].lstrip("/") not in t.query
    assert "pain" in t.query or "aspirin" in t.query


def test_subheading_link_position_points_at_the_link():
    t = translate("'pain'/exp/dm_th", read="embase-com", write="pubmed")
    (p,) = [p for p in t.warnings if p.code == "HEADING_APPROXIMATED" and "subheading link" in p.message]
    assert p.col == len("'pain'/exp") + 1
