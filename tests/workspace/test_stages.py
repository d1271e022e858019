"""One Stage type and one check of a stage name (screener.workspace.stages)."""

from __future__ import annotations

import pytest


def test_one_stage_check():
    from screener.errors import UsageError
    from screener.workspace.stages import STAGES, check_stage

    assert [check_stage(s) for s in STAGES] == ["title_abstract", "full_text"]
    with pytest.raises(UsageError, match=r"^--stage 'abstract' is not a stage; use one of: title_abstract, full_text "
                       r"\(did you mean 'title_abstract'\?\)$"):
        check_stage("abstract", "--stage")
    assert UsageError("x").http_status == 400
