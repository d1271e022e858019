"""A whole PubMed strategy checked without --from pubmed: one FOREIGN_SYNTAX warning per tag (115
for one CLEF strategy, each saying the same) and never that --from pubmed reads it as written
(found by session 7's CLI review). The first three are listed, then one line with the count and
the option; --json keeps every problem."""

from __future__ import annotations

import json

from screener.cli.main import run

PUBMED = ('("chronic pain"[mh] OR "chronic pain"[tiab]) AND (qualitative[tiab] OR interview*[tiab] '
          'OR "focus group*"[tiab])\n')


def test_check_lists_three_tags_then_says_to_read_it_as_pubmed(tmp_path, capsys):
    strategy = tmp_path / "pubmed.txt"
    strategy.write_text(PUBMED, encoding="utf-8")
    assert run(["query", "check", str(strategy)]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert text.count("warning FOREIGN_SYNTAX") == 3
    # the strategy is named as PubMed's once (SYNTAX_MISMATCH), and the folded tags' line gives the command
    assert text.count("warning SYNTAX_MISMATCH: this looks like PubMed syntax") == 1
    assert text.count("--from pubmed") == 2
    assert (f"{strategy}: 5 PubMed tags in all (2 more not listed); read as PubMed: "
            f"`screener query check {strategy} --from pubmed`") in text
    assert f"{strategy}: 1 line, 0 errors, 6 warnings, 0 notes" in text
    assert run(["query", "check", str(strategy), "--json"]) == 0
    assert [w["code"] for w in json.loads(capsys.readouterr().out)["warnings"]].count("FOREIGN_SYNTAX") == 5
    assert run(["query", "check", str(strategy), "--from", "pubmed"]) == 0
    assert "FOREIGN_SYNTAX" not in capsys.readouterr().err


def test_translate_folds_them_too_and_a_few_tags_are_all_listed(tmp_path, capsys):
    strategy = tmp_path / "pubmed.txt"
    strategy.write_text(PUBMED, encoding="utf-8")
    assert run(["query", "translate", str(strategy), "--to", "pubmed"]) == 0
    err = capsys.readouterr().err
    assert err.count("warning FOREIGN_SYNTAX") == 3 and "5 PubMed tags in all" in err
    few = tmp_path / "few.ovid"
    few.write_text("1 exp Chronic Pain/ or pain[tiab]\n", encoding="utf-8")
    assert run(["query", "check", str(few)]) == 0
    out = capsys.readouterr()
    assert (out.out + out.err).count("warning FOREIGN_SYNTAX") == 1 and "PubMed tags in all" not in out.out + out.err
