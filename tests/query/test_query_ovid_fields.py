"""Ovid MEDLINE → Ovid Embase / PsycINFO / AMED: a field code that keeps its letters but searches
other fields in the target is reported at its line and column, never copied silently. `.mp.` (and
an unsuffixed word, which Ovid searches in .mp.) differs in every one of them; the one-line note
says which fields differ (Ovid's mp= lists: MEDLINE, Embase, PsycINFO)."""

from __future__ import annotations

import pytest

from screener.query import translate

STRATEGY = "1. pain.mp.\n2. back pain\n3. sciatica.ti,ab.\n4. or/1-3\n"

#: words each target's note must contain (fields .mp. adds, fields of MEDLINE's .mp. it lacks)
MP_NOTES = {
    "ovid-embase": ("trade names", "candidate term", "name of substance word", "synonyms"),
    "ovid-psycinfo": ("tests & measures", "table of contents", "name of substance word",
                      "keyword heading word"),
    "ovid-amed": ("AMED", "name of substance word", "keyword heading word"),
}


def _field_notes(t, line):
    return [p for p in t.warnings if p.code == "FIELD_APPROXIMATED" and p.line == line]


@pytest.mark.parametrize("target", sorted(MP_NOTES))
def test_mp_suffix_is_reported_with_the_fields_that_differ(target):
    t = translate(STRATEGY, write=target)
    (p,) = _field_notes(t, 1)
    assert p.col == 4
    for words in MP_NOTES[target]:
        assert words in p.message, p.message
    assert "\n" not in p.message
    assert t.query.splitlines()[0] == "1 pain.mp."       # still .mp.: the nearest field set


@pytest.mark.parametrize("target", sorted(MP_NOTES))
def test_an_unsuffixed_word_searches_the_targets_mp_and_says_so(target):
    t = translate(STRATEGY, write=target)
    (p,) = _field_notes(t, 2)
    assert (p.line, p.col) == (2, 4)
    assert "unsuffixed" in p.message and ".mp." in p.message
    assert MP_NOTES[target][0] in p.message
    assert _field_notes(t, 3) == []                    # .ti,ab. means the same everywhere


def test_one_warning_per_line_for_several_unsuffixed_words():
    t = translate("1. (back pain or lumbago or sciatica)\n", write="ovid-embase")
    assert len(_field_notes(t, 1)) == 1


def test_ovid_medline_round_trip_reports_nothing_about_mp():
    t = translate(STRATEGY, write="ovid-medline")
    assert t.warnings == [] and t.errors == []


@pytest.mark.parametrize("target, lines", [
    ("ovid-embase", ["1 aspirin.tn.", "2 pain.kw.", "3 dt.fs.", "4 back pain", "5 pain.mp.", "6 or/1-5"]),
    ("ovid-psycinfo", ["1 pain.id.", "2 back pain", "3 pain.mp.", "4 or/1-3"]),
])
def test_a_strategy_read_as_the_target_database_keeps_its_own_codes(target, lines):
    """Read --from ovid-embase and written for Ovid Embase, `.tn.` became `.mp.` and `.fs.` was
    dropped (MEDLINE's table applied to Embase's own codes); the codes are that database's."""
    t = translate("\n".join(lines) + "\n", read=target, write=target)
    assert t.query.splitlines() == lines
    assert [p.code for p in t.warnings + t.errors if p.code != "UNUSED_LINES"] == []


def test_embase_keeps_kf_word_indexed_author_keywords():
    """`.kf.` became Embase's `.kw.` (phrase-indexed: `sciatica.kw.` finds only the keyword
    'sciatica' itself); Ovid Embase has had MEDLINE's word-indexed `.kf.` since 2021."""
    t = translate("1. sciatica.kf.\n2. lumbago.ti,ab,kf.\n3. 1 or 2\n", write="ovid-embase")
    assert t.query.splitlines()[:2] == ["1 sciatica.kf.", "2 lumbago.ti,ab,kf."]
    assert t.warnings == [] and t.errors == []


def test_embase_floating_subheading_is_kept_with_a_warning_not_dropped():
    """`.fs.` was a FIELD_UNSUPPORTED error and the line dropped; Embase has floating subheadings,
    its own (drug, disease and device subheadings), so the code is kept and the values flagged."""
    t = translate("1. pain.ti,ab.\n2. dt.fs.\n3. 1 and 2\n", write="ovid-embase")
    assert "2 dt.fs." in t.query.splitlines()
    assert t.errors == []
    (p,) = _field_notes(t, 2)
    assert p.col == 4 and "subheading" in p.message


def test_psycinfo_key_concepts_become_embase_author_keywords_with_a_note():
    t = translate("1. sciatica.id.\n", read="ovid-psycinfo", write="ovid-embase")
    assert t.query == "1 sciatica.kf."
    (p,) = _field_notes(t, 1)
    assert "key concepts" in p.message


@pytest.mark.parametrize("target, line, words", [
    # Ovid Embase's .tw. is title, abstract and drug trade name (MEDLINE's: title, abstract)
    ("ovid-embase", "1. lumbago.tw.", "drug trade name"),
    # heading words are words of the target's thesaurus, not MeSH's
    ("ovid-psycinfo", "1. pain.hw.", "APA"),
    ("ovid-amed", "1. pain.hw.", "AMED"),
])
def test_a_code_that_keeps_its_letters_but_searches_other_fields_is_reported(target, line, words):
    t = translate(line + "\n", write=target)
    assert t.query == line.replace(". ", " ", 1)
    (p,) = _field_notes(t, 1)
    assert p.col == 4 and words in p.message
