"""Exports of a review in progress: undecided and conflicting studies are not labelled excluded,
and --stage alone is not silently ignored."""

from __future__ import annotations

import csv
import io

import pytest

from screener.cli.main import run
from screener.cli.remedies import cli_line
from screener.errors import UsageError
from screener.report.exports import export_studies, select_studies
from screener.workspace.importer import import_files
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote

TA = "title_abstract"


@pytest.fixture()
def in_progress(workspace, fixtures_dir):
    import_files(workspace, [fixtures_dir / "records/ris/asreview__embase.ris"])
    add_reviewer(workspace, "alice", "screener")
    add_reviewer(workspace, "bob", "screener")
    s = select_studies(workspace, None, None)
    assert len(s) == 6
    for who in ("alice", "bob"):
        cast_vote(workspace, who, s[0], TA, "include")        # include
        cast_vote(workspace, who, s[1], TA, "exclude")        # exclude
    cast_vote(workspace, "alice", s[2], TA, "include")        # conflict
    cast_vote(workspace, "bob", s[2], TA, "exclude")
    cast_vote(workspace, "alice", s[3], TA, "exclude")        # one vote: awaiting the second
    return workspace, s                                        # s[4], s[5]: unscreened


def test_asreview_labels_only_decided_studies(in_progress):
    ws, s = in_progress
    text, n = export_studies(ws, "asreview")
    labels = [(int(r["record_id"]), r["label_included"]) for r in csv.DictReader(io.StringIO(text))]
    assert labels == [(s[0], "1"), (s[1], "0"), (s[2], ""), (s[3], ""), (s[4], ""), (s[5], "")]


def test_stage_without_decision_is_refused(in_progress, tmp_path, capsys):
    ws, _ = in_progress
    with pytest.raises(UsageError) as info:
        select_studies(ws, "full_text", None)
    # the Python API names no option; the command line says its own (cli_line)
    assert str(info.value) == "a stage filter needs a decision, include or exclude (without both, every study is exported)"
    assert cli_line(info.value) == "--stage needs --decision include or exclude (without both, every study is exported)"
    out = tmp_path / "x.ris"
    assert run(["export", str(ws.path), "--format", "ris", "--stage", "full_text", "--out", str(out)]) == 2
    assert not out.exists()
