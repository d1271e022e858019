"""PubMed proximity ([tiab:~N]) cannot hold a truncated word or a phrase: the translation falls back
to AND and warns. The warning said what was lost but not what to change by hand to keep the
proximity; an information specialist needs both."""

from __future__ import annotations

from screener.query import translate


def test_the_warning_says_what_to_write_by_hand():
    result = translate("(qualitative adj5 (theor* or study)).ti,ab.", read="ovid", write="pubmed")
    [warning] = [w for w in result.warnings if w.code == "PROXIMITY_DEGRADED"]
    assert warning.message.startswith("PubMed proximity cannot hold a truncated word (theor*); those combinations "
                                      "are searched with AND (broader: anywhere in the field)")
    # before: the message ended there
    assert warning.message.endswith("; to keep the proximity, write out by hand the single words meant in place "
                                    "of theor*, one [tiab:~4] clause per combination")


def test_a_phrase_gets_the_same_advice():
    result = translate('(("in depth" or informal) adj3 interview).ti,ab.', read="ovid", write="pubmed")
    [warning] = [w for w in result.warnings if w.code == "PROXIMITY_DEGRADED"]
    assert ("; to keep the proximity, write out by hand the single words meant in place of in depth, one "
            "[tiab:~2] clause per combination") in warning.message
