"""resolve(..., expected=ID): the Python API under the Conflicts page's and the JSON API's check
that a conflict was not decided by someone else since the sender looked (two arbiters on one
conflict: before, the second decision silently replaced the first). Two handles on one review, as
two web app processes."""

from __future__ import annotations

import pytest

from screener.errors import UsageError
from screener.workspace import Workspace
from screener.workspace.decided_meanwhile import DecidedMeanwhile
from screener.workspace.screening import cast_vote, resolve, study_outcome

TA = "title_abstract"


def test_a_decision_made_since_refuses_and_records_nothing(team, counts):
    ws, studies, _ = team
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude")
    other = Workspace.open(ws.path)
    try:
        first = resolve(other, "carol", study, TA, "include", expected=0)["resolutions"][-1]["id"]
    finally:
        other.close()
    before = counts(ws)
    with pytest.raises(DecidedMeanwhile) as refused:
        resolve(ws, "olivia", study, TA, "exclude", reason="out of scope", expected=0)
    assert refused.value.http_status == 409 and refused.value.latest.arbiter == "carol"
    assert "decided meanwhile by carol: include" in str(refused.value) and f'"expected": {first}' in str(refused.value)
    assert counts(ws) == before and study_outcome(ws, study, TA).status == "include"
    # carol's own decision again (a double click) is a repeat, not a refusal
    assert resolve(ws, "carol", study, TA, "include", expected=0)["recorded"] is False
    # knowingly, and without saying (scripts, the command line): recorded, a new event each
    assert resolve(ws, "olivia", study, TA, "exclude", reason="out of scope", expected=first)["recorded"]
    assert resolve(ws, "carol", study, TA, "include")["recorded"]
    assert counts(ws)["resolutions"] == before["resolutions"] + 2


def test_expected_naming_a_decision_where_there_is_none_is_refused(team):
    ws, studies, _ = team
    study = studies[1]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "exclude")
    with pytest.raises(UsageError, match="there is none yet; send 0"):
        resolve(ws, "carol", study, TA, "include", expected=7)
    assert study_outcome(ws, study, TA).status == "conflict"
