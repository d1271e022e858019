"""Refusals name the reviewer's role with its article: 'is a arbiter' (bulk actions, the
workbench, the owner's pages) and 'is an searcher' / 'is an screener' (attaching a full text on
the owner's API) came from writing 'is a {role}' or 'is an {role}' whatever the role."""

from __future__ import annotations

import pytest

from screener.errors import PermissionDenied
from screener.workspace.bulk import bulk_action
from screener.workspace.reviewers import Reviewer, add_reviewer
from screener.workspace.study_search import StudyFilter


@pytest.mark.parametrize("role, phrase", [("screener", "a screener"), ("arbiter", "an arbiter"),
                                          ("owner", "an owner"), ("searcher", "a searcher")])
def test_a_role_with_its_article(role, phrase):
    assert Reviewer(1, "x", role, "").role_phrase == phrase


def test_a_bulk_action_by_the_arbiter(workspace):
    add_reviewer(workspace, "carol", "arbiter")
    with pytest.raises(PermissionDenied) as refused:
        bulk_action(workspace, "carol", StudyFilter(), label="x")
    assert str(refused.value) == "reviewer 'carol' is an arbiter; bulk actions are the owner's"
