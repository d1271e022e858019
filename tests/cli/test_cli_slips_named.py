"""Slips an owner or a screener makes on the command line and in review.toml, each answered with the
value meant: a reason listed twice in review.toml was 'lists a reason twice' (which one, in a list of
ten?), a ranker preset misspelt listed the presets without the one meant, `export --decision included`
said only 'unknown decision', and `vote DIR include 145` (the vote before the study) said 'STUDY
'include': give a whole number'; `rank presets` put 'ensemble-lite' against its description."""

from __future__ import annotations

import re

from screener.cli.main import run


def _toml(workspace, old, new):
    path = workspace.path / "review.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_reason_listed_twice_is_named(workspace, capsys):
    _toml(workspace, '    "out of scope",\n', '    "out of scope",\n    "out of scope",\n')
    assert run(["status", str(workspace.path)]) == 1
    err = capsys.readouterr().err
    assert "key 'exclusion_reasons' lists 'out of scope' twice; give each reason once" in err, err


def test_a_misspelt_preset_names_the_one_meant(workspace, capsys):
    _toml(workspace, 'preset = "default"', 'preset = "defualt"')
    assert run(["status", str(workspace.path)]) == 1
    assert "is not a ranker preset (did you mean 'default'?) (presets: " in capsys.readouterr().err


def test_export_decision_slip(workspace, capsys):
    assert run(["export", str(workspace.path), "--format", "ris", "--stage", "title_abstract",
                "--decision", "included"]) == 2
    assert "--decision included: unknown decision (did you mean 'include'?); use include or exclude" in capsys.readouterr().err


def test_vote_before_the_study_says_the_order(workspace, capsys):
    assert run(["vote", str(workspace.path), "include", "145", "--as", "FT", "--stage", "title_abstract"]) == 2
    err = capsys.readouterr().err
    assert ("STUDY 'include': give a whole number; the study number comes before the vote: "
            "`screener vote DIR STUDY include ...`") in err, err


def test_rank_presets_lines_up_every_name(capsys):
    assert run(["rank", "presets"]) == 0
    out = capsys.readouterr().out
    columns = {re.match(r"  \S+ +", line).end() for line in out.splitlines() if line.startswith("  ")}
    assert len(columns) == 1, out


def test_resolve_before_the_study_says_the_order(workspace, capsys):
    assert run(["resolve", str(workspace.path), "exclude", "5", "--as", "KS", "--stage", "title_abstract"]) == 2
    assert ("STUDY 'exclude': give a whole number; the study number comes before the decision: "
            "`screener resolve DIR STUDY exclude ...`") in capsys.readouterr().err
