"""A name typed nearly right (a stage with a hyphen, a target without its platform) is refused
with the list as before and the name meant: `--stage title-abstract`, `--to cinahl`."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.output import did_you_mean
from screener.query import TARGETS
from screener.workspace.stages import STAGES


@pytest.mark.parametrize("typed, hint", [
    ("title-abstract", " (did you mean 'title_abstract'?)"),
    ("Title_Abstract", " (did you mean 'title_abstract'?)"),
    ("fulltext", " (did you mean 'full_text'?)"),
    ("abstract", " (did you mean 'title_abstract'?)"),
    ("ta", ""),
    ("", ""),
])
def test_stages(typed, hint):
    assert did_you_mean(typed, STAGES) == hint


@pytest.mark.parametrize("typed, hint", [
    ("cinahl", " (did you mean 'ebsco-cinahl'?)"),
    ("CINAHL", " (did you mean 'ebsco-cinahl'?)"),
    ("psycinfo", " (did you mean 'ovid-psycinfo' or 'ebsco-psycinfo'?)"),
    ("embase.com", " (did you mean 'embase-com'?)"),
    ("medline", " (did you mean 'ovid-medline'?)"),
    ("scopsu", " (did you mean 'scopus'?)"),
    ("xyz", ""),
])
def test_targets(typed, hint):
    assert did_you_mean(typed, TARGETS) == hint


def test_the_commands_say_it(workspace, tmp_path, capsys):
    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 pain.ti,ab.\n", encoding="utf-8")
    assert run(["query", "translate", str(strategy), "--to", "cinahl"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown target 'cinahl'; use one of: pubmed, ") and \
        err.endswith(" (did you mean 'ebsco-cinahl'?)\n"), err
    assert run(["next", str(workspace.path), "--as", "FT", "--stage", "title-abstract"]) == 2
    assert capsys.readouterr().err == ("error: stage 'title-abstract' is not a stage; use one of: title_abstract, "
                                       "full_text (did you mean 'title_abstract'?)\n")
