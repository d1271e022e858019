"""The audit CSV names each vote's reviewer twice: by the name they sign in with (stable: the
record of who did what, never rewritten) and by the name the pages show them under. The server's
owner appeared only as 'root-owner' while every page showed 'Review owner' or the name they gave,
so an auditor could not match the export to what the team saw."""

from __future__ import annotations

import csv
import io
import json

from screener.report.exports import export_studies
from screener.workspace.importer import import_files
from screener.workspace.reviewers import add_reviewer, set_display_name
from screener.workspace.root import ROOT_OWNER
from screener.workspace.screening import cast_vote

TA = "title_abstract"


def _events(ws) -> list[dict]:
    text, _ = export_studies(ws, "csv")
    return [e for row in csv.DictReader(io.StringIO(text)) for e in json.loads(row[f"{TA}_events"])]


def test_each_vote_names_the_reviewer_as_they_sign_in_and_as_the_pages_show_them(workspace, fixtures_dir):
    import_files(workspace, [fixtures_dir / "records/ris/asreview__embase.ris"])
    add_reviewer(workspace, ROOT_OWNER, "owner")
    add_reviewer(workspace, "alice", "screener")
    cast_vote(workspace, ROOT_OWNER, 1, TA, "include")
    cast_vote(workspace, "alice", 1, TA, "include")
    assert [(e["name"], e["display_name"]) for e in _events(workspace)] == [
        (ROOT_OWNER, "Review owner"), ("alice", "alice")]
    set_display_name(workspace, ROOT_OWNER, "Ana Ruiz", actor=ROOT_OWNER)
    assert [(e["name"], e["display_name"]) for e in _events(workspace)] == [
        (ROOT_OWNER, "Ana Ruiz"), ("alice", "alice")]
