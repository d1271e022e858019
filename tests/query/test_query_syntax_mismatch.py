"""A strategy pasted in another database's syntax (PubMed's into the Ovid box, CINAHL's or Embase.com's into
Ovid, Ovid's into PubMed) was read as the syntax chosen: errors such as 'missing operator before (' or one
FOREIGN_SYNTAX warning a tag, and nothing saying which syntax the text is written in. Now one SYNTAX_MISMATCH
warning at the first token of the other syntax names it and the source to choose, when that syntax reads the
text with fewer errors; a strategy in the syntax chosen says nothing new."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.query import parse
from screener.query.syntax_guess import suggested_syntax

CINAHL = ('S1 (MH "Back Pain+")\n'
          'S2 TI exercise* OR AB exercise*\n'
          'S3 S1 AND S2\n')
PUBMED = ('("back pain"[mh] OR lumbago[tiab]) AND (exercise[tiab] OR "exercise therapy"[mh])\n')
EMBASE_COM = ("#1 'low back pain'/exp OR lumbago:ti,ab\n"
              "#2 exercise*:ti,ab,kw\n"
              "#3 #1 AND #2\n")
OVID = ("1 exp Back Pain/\n"
        "2 (low adj3 back).ti,ab.\n"
        "3 or/1-2\n")
SCOPUS = 'TITLE-ABS-KEY("back pain" OR lumbago) AND TITLE-ABS-KEY(exercise*)\n'


def mismatch(text: str, read: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in parse(text, read).problems if p.code == "SYNTAX_MISMATCH"]


@pytest.mark.parametrize("text, read, named, code, at", [
    (CINAHL, "ovid", "EBSCOhost CINAHL", "ebsco-cinahl", (1, 1)),
    (PUBMED, "ovid", "PubMed", "pubmed", (1, 13)),
    (EMBASE_COM, "ovid", "Embase.com", "embase-com", (1, 4)),
    (OVID, "pubmed", "Ovid", "ovid", (1, 3)),
    (SCOPUS, "ovid", "Scopus", "scopus", (1, 1)),
    (CINAHL, "pubmed", "EBSCOhost CINAHL", "ebsco-cinahl", (1, 1)),
])
def test_a_strategy_in_another_syntax_is_named_with_the_source_to_choose(text, read, named, code, at):
    found = mismatch(text, read)
    assert len(found) == 1, found
    line, col, message = found[0]
    assert (line, col) == at
    assert f"looks like {named} syntax" in message
    assert f"choose {named} as the source syntax (--from {code})" in message
    problem = next(p for p in parse(text, read).problems if p.code == "SYNTAX_MISMATCH")
    assert problem.severity == "warning"
    assert suggested_syntax(problem) == code
    assert parse(text, code).errors == []      # the syntax named reads it without an error


@pytest.mark.parametrize("text, read", [
    (CINAHL, "ebsco-cinahl"), (PUBMED, "pubmed"), (EMBASE_COM, "embase-com"), (OVID, "ovid"),
    (OVID, "ovid-embase"), (SCOPUS, "scopus"),
    # an Ovid strategy with one PubMed tag slipped in is still an Ovid strategy
    ("1 exp Back Pain/\n2 lumbago[tiab]\n3 (low adj3 back).ti,ab.\n4 or/1-3\n", "ovid"),
    # a real slip in the syntax chosen is not another syntax
    ("1 (back pain.ti,ab.\n2 exercise.tw.\n3 1 and 2\n", "ovid"),
    ("pain[tiab] AND (exercise[tiab]\n", "pubmed"),
    # Web of Science writes NEAR/n too (round 26's priority-area strings: one TS= and nine NEAR/n were named
    # Embase.com syntax when the rounds were run again)
    ('TS=(("oscillation*" NEAR/3 ocean*) OR (climate NEAR/5 variab*) OR (ice NEAR/2 sheet*)\n'
     ' OR ("sea level" NEAR/3 ris*))\n', "wos"),
])
def test_a_strategy_in_the_syntax_chosen_says_nothing_new(text, read):
    assert mismatch(text, read) == []


def test_cli_check_says_which_syntax_to_choose(tmp_path, capsys):
    f = tmp_path / "cinahl.txt"
    f.write_text(CINAHL, encoding="utf-8")
    assert run(["query", "check", str(f)]) == 1
    err = capsys.readouterr().out        # the problems are the command's output; the verdict goes to stderr
    assert (f"{f}:1:1: warning SYNTAX_MISMATCH: this looks like EBSCOhost CINAHL syntax" in err)
    assert "choose EBSCOhost CINAHL as the source syntax (--from ebsco-cinahl)" in err
    assert run(["query", "check", str(f), "--from", "ebsco-cinahl"]) == 0
    assert "SYNTAX_MISMATCH" not in capsys.readouterr().out
