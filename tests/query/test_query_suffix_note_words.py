"""The note a field suffix typed loosely gets must describe what was typed: `pain.ti ab.` and
`pain.ti, ab.` are read as .ti,ab. but were noted 'field suffix .ti without its final dot' (it has
one; .ab was not mentioned); `pain.ti,ab,` was noted '.ti,ab without its final dot' with no word of
the comma that was typed in its place."""

from __future__ import annotations

import pytest

from screener.query import parse, translate


def _notes(text: str) -> list[str]:
    return [p.message for p in parse(text, read="ovid").problems]


@pytest.mark.parametrize("text", ["pain.ti ab.", "pain.ti, ab."])
def test_codes_split_by_a_space_are_not_noted_as_a_missing_dot(text):
    assert translate(text, read="ovid", write="pubmed").query == "pain[tiab]"
    assert not [m for m in _notes(text) if "without its final dot" in m]


def test_codes_split_by_a_space_without_the_dot_name_every_code():
    # and the space itself is named since the typo benchmark (a warning: write .ti,ab.)
    assert _notes("pain.ti ab") == ["a space inside the field suffix .ti ab: write .ti,ab. (read so)",
                                    "field suffix .ti,ab without its final dot (accepted)"]


@pytest.mark.parametrize("text, col", [("pain.ti,ab,", 5), ("(pain or ache).ti,ab,", 15)])
def test_a_trailing_comma_is_named(text, col):
    [problem] = parse(text, read="ovid").problems
    assert (problem.code, problem.col) == ("SUFFIX_WITHOUT_DOT", col)
    assert problem.message == "field suffix .ti,ab, ends with ',' where its final dot goes; Ovid writes .ti,ab. (accepted)"
