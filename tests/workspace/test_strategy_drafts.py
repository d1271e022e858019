"""The workbench's draft kept with the review: per person, an event per change, nothing overwritten."""

from __future__ import annotations

import pytest

from screener.errors import UsageError
from screener.workspace.strategies import save_strategy
from screener.workspace.strategy_drafts import get_draft, save_draft

TEXT = "1. exp Chronic Pain/\n2. qualitative.tw.\n3. 1 and 2"


def test_a_draft_is_its_writers_recorded_once_per_change_and_knows_its_saved_version(workspace):
    assert get_draft(workspace, "sam") is None
    first = save_draft(workspace, TEXT, "ovid", actor="sam")
    assert first["recorded"] and first["saved_as"] is None
    assert save_draft(workspace, TEXT, None, actor="sam")["recorded"] is False      # unchanged: nothing
    assert get_draft(workspace, "olivia") is None                                  # a colleague's is theirs
    save_strategy(workspace, "MEDLINE", TEXT, "ovid", actor="sam")
    assert get_draft(workspace, "sam")["saved_as"] == "MEDLINE v1"
    save_draft(workspace, "", "ovid", actor="sam")                                 # a cleared editor
    assert get_draft(workspace, "sam")["text"] == ""
    kinds = workspace.db.execute("SELECT count(*) FROM events WHERE kind = 'strategy_draft'").fetchone()[0]
    assert kinds == 2


def test_a_draft_in_an_unknown_syntax_or_too_long_is_refused(workspace):
    with pytest.raises(UsageError, match="not a syntax"):
        save_draft(workspace, TEXT, "medline-ish", actor="sam")
    with pytest.raises(UsageError, match="at most"):
        save_draft(workspace, "x" * 100_001, "ovid", actor="sam")
    with pytest.raises(UsageError, match="lines; the workbench takes at most"):   # as the workbench refuses it
        save_draft(workspace, "a\n" * 2_001, "ovid", actor="sam")
    assert get_draft(workspace, "sam") is None
