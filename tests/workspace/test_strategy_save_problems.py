"""Saving a strategy says how many errors and warnings the saved text has: a draft with errors
may be saved (the workbench keeps work in progress), but the answer said only "Saved", so a
searcher could believe the version was ready to run."""

from __future__ import annotations

from screener.workspace.strategies import save_strategy

GOOD = "1. pain.ti,ab.\n2. (qualitative or interview*).ti,ab.\n3. 1 and 2\n"
BAD = "1. exp chronic pain\n2. (qualitative adj3 study.ti,ab.\n3. 1 and 4\n"


def test_the_answer_counts_the_saved_text_s_problems(workspace):
    saved = save_strategy(workspace, "draft", BAD, actor="sam")
    assert saved["recorded"] is True
    assert saved["errors"] >= 2 and isinstance(saved["warnings"], int)
    again = save_strategy(workspace, "draft", BAD, actor="sam")     # unchanged: the same counts
    assert again["recorded"] is False and (again["errors"], again["warnings"]) == (saved["errors"], saved["warnings"])
    clean = save_strategy(workspace, "draft", GOOD, actor="sam")
    assert (clean["version"], clean["errors"], clean["warnings"]) == (2, 0, 0)
