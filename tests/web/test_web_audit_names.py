"""The owner's audit CSV (Exports & reports) names each reviewer by sign-in name and by the name
the pages show, each in a column of its own (session 9's user review)."""

from __future__ import annotations

import csv
import io

from web_helpers import TA

from screener.records.csv_safety import written_by_us
from screener.report.exports import export_audit_csv
from screener.workspace.reviewers import set_display_name
from screener.workspace.screening import cast_vote


def test_the_audit_csv_gives_each_reviewers_display_name_a_column(review):
    """Before: the name a person is shown by was only inside each event's JSON ('display_name')."""
    ws, studies, _ = review
    set_display_name(ws, "alice", "Alice Smith", actor="olivia")
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "include")
    text = export_audit_csv(ws, studies)
    assert written_by_us(text.splitlines()[0])          # still recognised as one of ours
    rows = list(csv.DictReader(io.StringIO(text)))
    first = next(r for r in rows if r["study"] == str(studies[0]))
    assert first["reviewers"] == "alice; bob"
    assert first["reviewer_display_names"] == "Alice Smith; bob"
    assert list(rows[0])[-2:] == ["reviewers", "reviewer_display_names"]
