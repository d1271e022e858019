"""UNUSED_LINES suggests the combining line to add. For a PubMed or EBSCOhost strategy it was written
in Ovid's syntax (`8 3 and 7`), which those databases do not read: it must be the strategy's own."""

from __future__ import annotations

import pytest

from screener.query import parse


@pytest.mark.parametrize("syntax, text, example", [
    ("ovid", "1 pain.ti.\n2 ache.ti.\n3 2\n", "`4 1 and 3`"),
    ("pubmed", "#1 pain[tiab]\n#2 ache[tiab]\n#3 #2\n", "`#4 #1 AND #3`"),
    ("ebsco-cinahl", "S1 TI pain\nS2 TI ache\nS3 S2\n", "`S4 S1 AND S3`"),
])
def test_the_suggested_line_is_in_the_strategys_syntax(syntax, text, example):
    [warning] = [p for p in parse(text, read=syntax).problems if p.code == "UNUSED_LINES"]
    assert f"(e.g. {example})" in warning.message, warning.message
