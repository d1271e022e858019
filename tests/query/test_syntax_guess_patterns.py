"""The syntax guess's patterns that open with their literal ('.', ':', a space) and check the character
before it afterwards find exactly what the look-behind-first forms found (screener.query.syntax_guess:
the rewrite is for speed only)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from screener.query.syntax_guess import SIGNALS, syntax_signals

ROOT = Path(__file__).resolve().parents[2]
_I = re.I
_OVID_CODES = r"(?:ti|ab|tw|mp|kf|kw|sh|pt|fs|hw|ot|nm|rn|jn|lg|id|xm|af|tx)"
# the patterns as they were written before, look-behind first
BEFORE = {
    "ovid": re.compile(rf"(?<=[\w*$?#\")])\.{_OVID_CODES}(?:,{_OVID_CODES})*\.(?=[\s)]|$)", _I),
    "embase-com": re.compile(r"(?<=[\w*?')]):(?:ti|ab|kw|de|it|lnk|tn|dn)(?:,(?:ti|ab|kw|de|it|tn|dn))*\b", _I),
    "cochrane": re.compile(r"(?<=[\w*?\")]):(?:ti|ab|kw)(?:,(?:ti|ab|kw))*\b", _I),
    "ebsco-cinahl": re.compile(r"(?<=\w)[ \t]+[NW]\d+[ \t]+(?=[\w(\"])"),
}
PIECES = ["pain", "back", "*", "$", "?", "#", '"', "'", ")", "(", ".", ":", ",", " ", "  ", "\t", "\n", "ti",
          "ab", "kw", "de", "tw", "mp", "sh", "lnk", "N3", "W2", "n5", "x", "é", "1", "exp", "/", "ti,ab", ".ti,ab.",
          " N3 ", "\tW2\t", " n12 ",
          ":ti,ab", "'heart'", "[mh", "S1"]


def _now(before: re.Pattern) -> re.Pattern:
    """The pattern of SIGNALS that replaced ``before`` (the one finding the same tokens in its own syntax)."""
    syntax = next(s for s, p in BEFORE.items() if p is before)
    candidates = [p for p in SIGNALS[syntax] if p.pattern.startswith((r"\.", ":", "[ \\t]"))]
    assert len(candidates) == 1, (syntax, candidates)
    return candidates[0]


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("syntax", list(BEFORE))
def test_the_rewritten_pattern_finds_what_the_look_behind_first_one_found(syntax):
    before = BEFORE[syntax]
    now = _now(before)
    rng = random.Random(20261208)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(20_000)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").rglob("*")) if p.is_file()]
    found = 0
    for text in texts:
        spans = _spans(before, text)
        assert _spans(now, text) == spans, text
        found += bool(spans)
    assert found > 300          # the texts exercise the pattern, not only its misses


def test_a_strategy_in_each_syntax_is_still_told_apart():
    assert syntax_signals('1. exp Back Pain/\n2. (chronic adj3 pain).ti,ab.\n3. 1 and 2')["ovid"].count >= 3
    assert syntax_signals("'back pain'/exp OR (chronic NEAR/3 pain):ti,ab")["embase-com"].count == 3
    assert syntax_signals("S1 TI pain N3 chronic\nS2 S1 AND MH \"Back Pain\"")["ebsco-cinahl"].count >= 3
