"""Field-suffix and heading slips in Ovid strategies as information specialists paste them: each is
one error at its line and column whose message ends with what Ovid writes, and the line is read as
that corrected form (the same compiled query, for every target). `pain.ti.ab.` already was; the
same slip after a group, a phrase, a proximity or a number, with another separator, a doubled
dot, no leading dot, or a '.' where a heading's '/' goes, was read silently — some as the suffix
meant, some as a literal word (`"Back Pain/."[tw]`, `pain..ti,ab.[tw]`)."""

from __future__ import annotations

import pytest

from screener.query import TARGETS, parse, translate

TI_AB = "field suffix {w} separates its codes with '{sep}'; Ovid writes .ti,ab. (read so)"

# written, (code, column, message) of the one error, the corrected line it is read as
SLIPS = [
    # the group form: silent before
    ("(pain or ache).ti.ab.", ("UNKNOWN_FIELD", 15, TI_AB.format(w=".ti.ab.", sep=".")), "(pain or ache).ti,ab."),
    ("(pain or ache).ti.ab", ("UNKNOWN_FIELD", 15, TI_AB.format(w=".ti.ab", sep=".")), "(pain or ache).ti,ab."),
    ("(pain or ache) .ti.ab.", ("UNKNOWN_FIELD", 16, TI_AB.format(w=".ti.ab.", sep=".")), "(pain or ache).ti,ab."),
    ('"back pain".ti.ab.', ("UNKNOWN_FIELD", 12, TI_AB.format(w=".ti.ab.", sep=".")), '"back pain".ti,ab.'),
    ("(pain adj3 back).ti.ab.", ("UNKNOWN_FIELD", 17, TI_AB.format(w=".ti.ab.", sep=".")), "(pain adj3 back).ti,ab."),
    ("(pain or ache).ti.ab.kf.", ("UNKNOWN_FIELD", 15, "field suffix .ti.ab.kf. separates its codes with '.'; "
                                  "Ovid writes .ti,ab,kf. (read so)"), "(pain or ache).ti,ab,kf."),
    ("(pain or ache).mp.ti.", ("UNKNOWN_FIELD", 15, "field suffix .mp.ti. separates its codes with '.'; "
                               "Ovid writes .mp,ti. (read so)"), "(pain or ache).mp,ti."),
    # two errors and a warning about a parenthesis that is not unbalanced, before
    ("(pain or ache).ti:ab.", ("UNKNOWN_FIELD", 15, TI_AB.format(w=".ti:ab.", sep=":")), "(pain or ache).ti,ab."),
    ("(pain or ache):ti.ab.", ("UNKNOWN_FIELD", 15, "field suffix :ti.ab. starts with ':'; Ovid writes .ti,ab. "
                               "(read so)"), "(pain or ache).ti,ab."),
    # codes split by a dot and stray spaces (CLEF CD012768 has `.ti. ab .`)
    ("Xpert*.ti. ab .", ("UNKNOWN_FIELD", 7, TI_AB.format(w=".ti. ab .", sep=".")), "Xpert*.ti,ab."),
    ("(pain or ache).ti. ab.", ("UNKNOWN_FIELD", 15, TI_AB.format(w=".ti. ab.", sep=".")), "(pain or ache).ti,ab."),
    # after truncation and adjacency (already errors: kept so)
    ("pain*.ti.ab.", ("UNKNOWN_FIELD", 6, TI_AB.format(w=".ti.ab.", sep=".")), "pain*.ti,ab."),
    ("pain adj3 back.ti.ab.", ("UNKNOWN_FIELD", 15, TI_AB.format(w=".ti.ab.", sep=".")), "pain adj3 back.ti,ab."),
    # a number searched in fields: two suffixes, an error about a parenthesis, before
    ("1.ti.ab.", ("UNKNOWN_FIELD", 2, TI_AB.format(w=".ti.ab.", sep=".")), "1.ti,ab."),
    # '/' between codes (PubMed's [Title/Abstract]): a literal word or a missing operator, before
    ("pain.ti/ab.", ("UNKNOWN_FIELD", 5, TI_AB.format(w=".ti/ab.", sep="/")), "pain.ti,ab."),
    ("(pain or ache).ti/ab.", ("UNKNOWN_FIELD", 15, TI_AB.format(w=".ti/ab.", sep="/")), "(pain or ache).ti,ab."),
    # doubled dots: a literal word `pain..ti,ab.` before
    ("pain..ti,ab.", ("UNKNOWN_FIELD", 5, "field suffix ..ti,ab. starts with two dots; Ovid writes .ti,ab. "
                      "(read so)"), "pain.ti,ab."),
    ("pain.ti,ab..", ("UNKNOWN_FIELD", 5, "field suffix .ti,ab.. ends with two dots; Ovid writes .ti,ab. "
                      "(read so)"), "pain.ti,ab."),
    ("(pain or ache)..mp.", ("UNKNOWN_FIELD", 15, "field suffix ..mp. starts with two dots; Ovid writes .mp. "
                             "(read so)"), "(pain or ache).mp."),
    ("(pain or ache).ti,ab..", ("UNKNOWN_FIELD", 15, "field suffix .ti,ab.. ends with two dots; Ovid writes "
                                ".ti,ab. (read so)"), "(pain or ache).ti,ab."),
    # a doubled comma or a comma beside the final dot: searched as the literal word `pain.ti,ab,,` (and
    # after a group as `.ti,ab,,` with 'missing operator'), or read silently, before
    ("pain.ti,ab,,", ("UNKNOWN_FIELD", 5, "field suffix .ti,ab,, ends with ',,'; Ovid writes .ti,ab. (read so)"),
     "pain.ti,ab."),
    ("pain.ti,ab.,", ("UNKNOWN_FIELD", 5, "field suffix .ti,ab., ends with '.,'; Ovid writes .ti,ab. (read so)"),
     "pain.ti,ab."),
    ("(pain or ache).ti,ab,,", ("UNKNOWN_FIELD", 15, "field suffix .ti,ab,, ends with ',,'; Ovid writes .ti,ab. "
                                "(read so)"), "(pain or ache).ti,ab."),
    # ';' or ':' for the final dot: a literal word `pain.mp;` before
    ("pain.mp;", ("UNKNOWN_FIELD", 5, "field suffix .mp; ends with ';'; Ovid writes .mp. (read so)"), "pain.mp."),
    ("(pain or ache).ti,ab;", ("UNKNOWN_FIELD", 15, "field suffix .ti,ab; ends with ';'; Ovid writes .ti,ab. "
                               "(read so)"), "(pain or ache).ti,ab."),
    # no leading dot: the phrase "pain ti,ab." or a missing operator, before
    ("pain ti,ab.", ("UNKNOWN_FIELD", 6, "field suffix ti,ab. has no leading '.'; Ovid writes .ti,ab. "
                     "(read so)"), "pain.ti,ab."),
    ("(pain or ache) ti,ab,kf.", ("UNKNOWN_FIELD", 16, "field suffix ti,ab,kf. has no leading '.'; Ovid "
                                  "writes .ti,ab,kf. (read so)"), "(pain or ache).ti,ab,kf."),
    # subject headings: '.' where the '/' goes was free text with the dot in it ("Back Pain."[tw])
    ("exp Back Pain.", ("HEADING_SYNTAX", 14, "a subject heading ends in '/', not '.'; Ovid writes "
                        "exp Back Pain/ (read so)"), "exp Back Pain/"),
    ("*Back Pain.", ("HEADING_SYNTAX", 11, "a subject heading ends in '/', not '.'; Ovid writes *Back Pain/ "
                     "(read so)"), "*Back Pain/"),
    ("exp *Back Pain.", ("HEADING_SYNTAX", 15, "a subject heading ends in '/', not '.'; Ovid writes "
                         "exp *Back Pain/ (read so)"), "exp *Back Pain/"),
    ("exp Low Back Pain. or sciatica.ti,ab.", ("HEADING_SYNTAX", 18, "a subject heading ends in '/', not '.'; "
                                               "Ovid writes exp Low Back Pain/ (read so)"),
     "exp Low Back Pain/ or sciatica.ti,ab."),
    # said 'read as free text' but was the heading unexploded
    ("exp Back Pain.sh.", ("HEADING_SYNTAX", 14, "exp explodes a subject heading written with '/', not .sh.; "
                           "Ovid writes exp Back Pain/ (read so)"), "exp Back Pain/"),
    ("*Back Pain.sh.", ("HEADING_SYNTAX", 11, "* marks a major subject heading written with '/', not .sh.; "
                        "Ovid writes *Back Pain/ (read so)"), "*Back Pain/"),
    # '/' between codes without the final dot: the heading "Pain.ti/abnormalities"[mh:noexp] before
    ("pain.ti/ab", ("UNKNOWN_FIELD", 5, TI_AB.format(w=".ti/ab", sep="/")), "pain.ti,ab."),
    # a '.' after the heading's '/': free text "Back Pain/."[tw] before
    ("Back Pain/.", ("HEADING_SYNTAX", 11, "a subject heading ends at its '/': the '.' after it is not Ovid "
                     "syntax; Ovid writes Back Pain/ (read so)"), "Back Pain/"),
    ("exp Back Pain/. or sciatica.ti,ab.", ("HEADING_SYNTAX", 15, "a subject heading ends at its '/': the '.' "
                                            "after it is not Ovid syntax; Ovid writes exp Back Pain/ (read so)"),
     "exp Back Pain/ or sciatica.ti,ab."),
]


@pytest.mark.parametrize("written, error, corrected", SLIPS, ids=[s[0] for s in SLIPS])
def test_a_slip_is_one_error_at_its_column_read_as_corrected(written, error, corrected):
    strategy = parse(f"1 exp Pain/\n2 {written}\n3 1 or 2\n", "ovid")
    found = [(p.code, p.col - 2, p.message) for p in strategy.problems if p.severity != "info"]
    assert found == [error]
    assert all(p.line == 2 for p in strategy.errors)
    assert not parse(corrected, "ovid").errors
    for target in TARGETS:
        assert translate(written, "ovid", target).query == translate(corrected, "ovid", target).query, target


@pytest.mark.parametrize("line", [
    "pain.ti,ab.", "(pain or ache).ti,ab.", "pain.ti,ab,.", "(pain or ache).ti,ab,kf.", "1.ti,ab.",
    "exp Back Pain/", "Back Pain/", "exp *Back Pain/", "p.value", "covid-19.ti,ab.", "hiv/aids", "1 and 2",
    "Dementia/bl, cf", "(pain or ache). ti,ab.", "pain.ti, ab.", "tumo?r*.ti,ab,kf.", "Back Pain.sh.",
    "pain.mp,", '"ti,ab"', "pain or ti,ab.",
])
def test_what_ovid_reads_as_written_gets_no_error(line):
    assert parse(f"1 back\n2 knee\n3 {line}", "ovid").errors == []


def test_a_word_ending_in_a_dot_is_written_for_ovid_so_it_reads_back():
    # `dt.` in .ti,ab. was written `dt..ti,ab.`, which now reads as the slip `..ti,ab.`
    once = translate("dt. .ti,ab.", "ovid", "ovid-medline")
    assert once.query == '1 "dt.".ti,ab.'
    again = translate(once.query, "ovid", "ovid-medline")
    assert again.query == once.query and again.errors == []


@pytest.mark.parametrize("written, col, corrected", [
    ("pain.ti.ab.", 5, "pain.ti,ab."),                    # was "pain.ti"[tiab]
    ("pain.ti;ab.", 5, "pain.ti,ab."),                    # was the word 'pain.ti;ab.', silently
    ("(pain OR ache).ti.ab.", 15, "(pain OR ache).ti,ab."),  # was read as .ti,ab. silently
])
def test_the_same_slips_in_a_pubmed_strategy(written, col, corrected):
    strategy = parse(written, "pubmed")
    assert [(e.code, e.col) for e in strategy.errors] == [("UNKNOWN_FIELD", col)]
    assert "Ovid writes .ti,ab." in strategy.errors[0].message
    assert translate(written, "pubmed", "pubmed").query == translate(corrected, "pubmed", "pubmed").query


def test_a_heading_name_ending_in_a_dot_without_exp_is_a_warning_naming_the_heading():
    # 'Back Pain.' was searched as the words "Back Pain." with nothing said; Ovid's heading is `Back Pain/`
    strategy = parse("1 exp Sciatica/\n2 Back Pain.\n3 1 or 2\n", "ovid")
    assert strategy.errors == []
    assert [(p.code, p.line, p.col) for p in strategy.warnings] == [("STRAY_CHARACTER", 2, 12)]
    assert "Back Pain/" in strategy.warnings[0].message
    for line in ("1 back pain.ti,ab.", "1 e.g.", "1 chronic widespread ache.", '1 "Back Pain."'):
        assert not [p for p in parse(line, "ovid").warnings if p.code == "STRAY_CHARACTER"], line
