"""MEDLINE's fast path: a record in PubMed's own layout (tag padded to four columns, then '- ';
continuations indented six spaces) is tokenised by str methods; it must give exactly the tags the
general chunk reader gives, and hand anything else back to it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from screener.records.base import Collector
from screener.records.medline import _clean_tags, _pubmed_tags, _TagKeys
from screener.records.textio import decode

EDGE_CASES = [
    "PMID- 1\nTI  - A title.\nAB  - first line \n      second line\n      third",
    "PMID- 1\nTI  - A title  \nAB  -  leading spaces\n        eight-space continuation",
    "PMID- 1\nAB  - \n      value only on the continuation",
    "PMID- 1\nAB  -\n      tag line without its space",
    "PMID- 1\nAB  - x\n      \n      whitespace-only continuation",
    "PMID- 1\nAB  - x\n      ",
    "PMID- 1\nAB  - x\n\tTab continuation",
    "PMID- 1\nAB  - x\n   three-space continuation",
    "PMID- 1\nAB  - x\xa0\n      no-break space at the line end",
    "PMID- 1\nAB  - \u2003em space first\n      y\u2003",
    "PMID- 1\nAU  - Smith J\nAU  -  Jones  K \nAU  - ",
    "PMID- 1\nAB-no padding\nTI  - t",
    "PMID- 1\nAB - x\nTI  - t",
    "PMID- 1\nab  - lower case\nTI  - t",
    "PMID- 1\nA1B - digit\nXYZW- unknown four-letter tag",
    "PMID- 1\nstray text\nTI  - t",
    "PMID- 1\nTI  - t\nPMID- 2\nTI  - u",
    "PMID- 1\nTI  - t\n",
    "TI  - no PMID",
    "  PMID- 1",
    "",
    "PMID- 1\nTI  - a value - with a dash\nJT      - wide padding",
    "PMID- 1\nTI - three columns\nOWN- NLM",
    "PMID- 1\nTI  - t\nXY  -x - y",
    "TI  - t\nPMID- 1",
    "PMID- 1\nTI  - ti\u00adtle\n      \u00a0wrapped\u2003",
    "PMID- 1\nAB  -- double dash",
    "PMID- 1\nTI  - t\nLI",
    "PMID- 1\nAB  \nTI  - t",
]


def _chunks():
    yield from EDGE_CASES
    roots = [Path(__file__).resolve().parents[2] / "fixtures/records/nbib"]
    shared = Path(os.environ.get("SCREENER_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    if (shared / "fixtures/nbib").is_dir():
        roots.append(shared / "fixtures/nbib")
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                text, _ = decode(path.read_bytes(), Collector(str(path)))
                yield from text.split("\n\n")


def test_fast_path_gives_the_general_readers_tags_or_declines():
    keys = _TagKeys()
    taken = 0
    for chunk in _chunks():
        fast = _pubmed_tags(chunk, keys)
        if fast is not None:
            taken += 1
            general = _clean_tags(chunk)
            assert general is not None, chunk
            assert list(fast[0].items()) == list(general.items()), chunk
            assert fast[1] == chunk.count("\n"), chunk
    assert taken >= 8


@pytest.mark.parametrize("chunk, expected", [
    (EDGE_CASES[0], {"PMID": ["1"], "TI": ["A title."], "AB": ["first line second line third"]}),
    (EDGE_CASES[2], {"PMID": ["1"], "AB": ["value only on the continuation"]}),
    (EDGE_CASES[10], {"PMID": ["1"], "AU": ["Smith J", "Jones  K", ""]}),
    (EDGE_CASES[21], {"PMID": ["1"], "TI": ["a value - with a dash"], "JT": ["wide padding"]}),
    (EDGE_CASES[22], {"PMID": ["1"], "TI": ["three columns"], "OWN": ["NLM"]}),
    (EDGE_CASES[25], {"PMID": ["1"], "TI": ["ti\u00adtle wrapped"]}),
])
def test_fast_path_reads_ordinary_records(chunk, expected):
    assert _pubmed_tags(chunk, _TagKeys()) == (expected, chunk.count("\n"))


@pytest.mark.parametrize("index", [3, 4, 5, 6, 7, 11, 13, 15, 16, 19, 20, 23, 24, 26, 27, 28])
def test_fast_path_declines_what_it_does_not_read(index):
    assert _pubmed_tags(EDGE_CASES[index], _TagKeys()) is None


def test_unknown_tag_is_noticed():
    keys = _TagKeys()
    _pubmed_tags("PMID- 1\nTI  - t", keys)
    assert not keys.unknown
    _pubmed_tags("PMID- 1\nXYZW- x", keys)
    assert keys.unknown
