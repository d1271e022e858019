"""`query validate` names the parts of a line in the strategy's own words, not the parser's
(no 'boolop'), and an inline group of the final line is its own concept block."""

from __future__ import annotations

from screener.query import parse
from screener.query.evaluate.known import KnownSet, KnownStudy, concept_blocks, validate
from screener.records.model import Record

STRATEGY = "1 restoration.ti,ab.\n2 (ecolog* adj2 restor*).ti,ab.\n3 exp Ecosystem/\n4 1 and (2 or 3)\n"


def test_inline_group_is_a_block_of_its_own():
    blocks = concept_blocks(parse(STRATEGY))
    assert [(b.line, b.label) for b in blocks] == [
        (1, "line 1 (restoration.ti,ab.)"), (4, "part of line 4: (line 2 or line 3)")]


def test_missing_part_is_described_in_words():
    record = Record(title="Restoration of knees", abstract="Knee surgery.", pmid="1")
    known = KnownSet("k", [KnownStudy("PMID 1", pmid="1", record=record)], "records")
    outcome = validate("1 restoration.ti,ab.\n2 (ecolog* adj2 restor*).ti,ab.\n3 knee.ti.\n"
                       "4 1 and (2 or (soil and water).ti.)\n", known).outcomes[0]
    assert outcome.status == "miss"
    assert outcome.nearest.detail == "1 of 2 AND-ed parts match; missing: (line 2 or (soil and water))"
