"""MeSH headings checked offline (issue #19): a heading that is not a MeSH 2026 descriptor gets
UNKNOWN_HEADING at its line:col, naming the nearest real headings; real ones pass."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.query import parse, translate
from screener.query.mesh import descriptors, is_descriptor, nearest

OVID = "exp Qualitative Reserch/\nBack Pian/\n*Pain Managment/\nexp Humans/\nFemale/\nor/1-5\n"
PUBMED = '"Qualitative Reserch"[mh]\nOR "Back Pian"[mh:noexp]\nOR "Pain Managment"[majr]\nOR humans[mh]\n'
COCHRANE = ('#1 [mh "Qualitative Reserch"]\n#2 MeSH descriptor: [Back Pian] this term only\n'
            '#3 [mh ^"Pain Managment"]\n#4 [mh Humans]\n#5 #1 OR #2 OR #3 OR #4\n')
MEANT = {"Qualitative Reserch": "Qualitative Research", "Back Pian": "Back Pain",
         "Pain Managment": "Pain Management"}


def test_vocabulary_is_mesh_2026():
    names = descriptors()
    assert len(names) > 30_500
    for real in ("Qualitative Research", "Back Pain", "Aged, 80 and over", "Randomized Controlled "
                 "Trial", "Female", "Europe", "Surveys and Questionnaires", "Humans"):
        assert is_descriptor(real), real
    assert is_descriptor("back pain") and not is_descriptor("Questionnaires")


@pytest.mark.parametrize("text,read,cols", [(OVID, "ovid", (1, 1, 1)), (PUBMED, "pubmed", (1, 4, 4)),
                                           (COCHRANE, "cochrane", (4, 4, 4))])
def test_three_misspelt_headings_named_with_suggestions(text, read, cols):
    s = parse(text, read)
    found = [p for p in s.problems if p.code == "UNKNOWN_HEADING"]
    assert [(p.line, p.col) for p in found] == [(1, cols[0]), (2, cols[1]), (3, cols[2])]
    for p, (wrong, right) in zip(found, MEANT.items()):
        assert f'"{wrong}" is not a MeSH heading (nearest: "{right}"' in p.message
        assert p.severity == "warning"


def test_query_check_names_all_three(tmp_path, capsys):
    path = tmp_path / "s.txt"
    path.write_text(OVID, encoding="utf-8")
    assert run(["query", "check", str(path)]) == 0
    out = capsys.readouterr().out
    for wrong, right in MEANT.items():
        assert f'warning UNKNOWN_HEADING: "{wrong}" is not a MeSH heading (nearest: "{right}"' in out
    assert "0 errors, 3 warnings" in out


def test_other_thesauri_are_not_checked_against_mesh():
    s = parse("#1 'qualitative reserch'/exp\n", "embase-com")      # Emtree: not MeSH
    assert [p.code for p in s.problems] == []


def test_translation_carries_the_warning_to_every_target():
    t = translate("exp Qualitative Reserch/\n", write="scopus")
    assert "UNKNOWN_HEADING" in [p.code for p in t.warnings]


def test_nearest_handles_punctuation_and_word_order():
    assert nearest("Sacroiliac-joint")[0] == "Sacroiliac Joint"
    assert nearest("Aged to 80 and Over")[0] == "Aged, 80 and over"
