"""Reviewers' display names: the server's owner reads as a person, names are events, and two
reviewers cannot share one."""

from __future__ import annotations

import pytest

from screener.errors import ScreeningError, UsageError
from screener.workspace.reviewers import ROOT_OWNER, add_reviewer, display_names, set_display_name


def test_display_names_default_follow_the_newest_event_and_keep_the_old(workspace):
    add_reviewer(workspace, ROOT_OWNER, "owner")
    add_reviewer(workspace, "alice", "screener")
    assert display_names(workspace) == {ROOT_OWNER: "Review owner", "alice": "alice"}
    assert set_display_name(workspace, ROOT_OWNER, "  Ana   Ruiz ", actor=ROOT_OWNER) == "Ana Ruiz"
    set_display_name(workspace, ROOT_OWNER, "Ana M. Ruiz", actor=ROOT_OWNER)
    assert display_names(workspace)[ROOT_OWNER] == "Ana M. Ruiz"
    said = [r[0] for r in workspace.db.execute(
        "SELECT json_extract(payload, '$.display_name') FROM events WHERE kind = 'reviewer_display_name' ORDER BY id")]
    assert said == ["Ana Ruiz", "Ana M. Ruiz"]


def test_a_name_another_reviewer_has_or_an_empty_one_is_refused(workspace):
    add_reviewer(workspace, ROOT_OWNER, "owner")
    add_reviewer(workspace, "alice", "screener")
    with pytest.raises(ScreeningError, match="already the name of another reviewer"):
        set_display_name(workspace, ROOT_OWNER, "ALICE", actor=ROOT_OWNER)
    with pytest.raises(UsageError, match="type the name"):
        set_display_name(workspace, ROOT_OWNER, "   ", actor=ROOT_OWNER)
    assert display_names(workspace)[ROOT_OWNER] == "Review owner"
