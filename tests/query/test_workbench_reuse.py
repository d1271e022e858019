"""Lines compiled before are reused (``screener.query.dialects.reuse``): a strategy edited one
character at a time translates to exactly what a fresh compilation gives, for every target —
queries, per-line queries, segments, problems and their order."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from screener.query import workbench

ROOT = Path(__file__).resolve().parents[2]
CLEF = ROOT.parent / "shared" / "benchmarks" / "query" / "clef_tar" / "clef_tar_2017_2019_queries.json"


def _edits(text: str, rng: random.Random, count: int):
    """``count`` successive one-character edits (insert, delete) or inserted lines."""
    current = text
    for _ in range(count):
        lines = current.split("\n")
        k = rng.randrange(len(lines))
        line = lines[k]
        roll = rng.random()
        if roll < 0.5 or not line:
            at = rng.randrange(len(line) + 1)
            lines[k] = line[:at] + rng.choice("abxz *$.()[]/1") + line[at:]
        elif roll < 0.85:
            at = rng.randrange(len(line))
            lines[k] = line[:at] + line[at + 1:]
        else:
            lines.insert(k, "pain.ti.")
        current = "\n".join(lines)
        if current.strip():
            yield current


def _same_as_fresh(text: str, read: str) -> None:
    workbench.forget_answers(lines=False)
    reused = workbench.translate_all(text, read)          # lines kept from the versions before
    workbench.forget_answers(lines=True)
    fresh = workbench.translate_all(text, read)
    assert reused == fresh, text


@pytest.mark.parametrize("read, text", [
    ("ovid", (ROOT / "queries" / "toye2017" / "medline.ovid").read_text(encoding="utf-8")),
    # a reference to a later line, to itself, to a missing line; a line read twice; an unreadable line
    ("ovid", "1. pain.ti.\n2. 3 or 1\n3. back.ab.\n4. 4 and 1\n5. 9 or 1\n5. exp Pain/\n6. (((\n7. or/1-6\n"),
    # every line repeating all the lines before it: over the size limit for the one-query targets
    ("ovid", "1. a.ti.\n" + "".join(f"{n}. or/1-{n - 1}\n" for n in range(2, 40))),
    ("pubmed", "#1 pain[tiab]\n#2 back[tiab] OR lumbar[tiab]\n#3 #1 AND #2\n#4 #3 AND 2000:2015[dp]\n"),
])
def test_edited_strategies_translate_as_fresh(read, text):
    workbench.forget_answers()
    workbench.translate_all(text, read)
    _same_as_fresh(text, read)
    for edited in _edits(text, random.Random(11), 12):
        _same_as_fresh(edited, read)
        workbench.forget_answers(lines=False)
        workbench.translate_all(edited, read)


@pytest.mark.skipif(not CLEF.is_file(), reason="../shared (the CLEF TAR strategies) is not here")
def test_edited_clef_strategies_translate_as_fresh():
    topics = json.loads(CLEF.read_text(encoding="utf-8"))["topics"]
    strategies = sorted({("pubmed" if t["syntax_guess"] == "pubmed" else "ovid", t["query"]) for t in topics})
    rng = random.Random(5)
    for read, text in rng.sample(strategies, 6):
        workbench.forget_answers()
        workbench.translate_all(text, read)
        for edited in _edits(text, rng, 4):
            _same_as_fresh(edited, read)
            workbench.forget_answers(lines=False)
            workbench.translate_all(edited, read)
