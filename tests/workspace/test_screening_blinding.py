"""Blinding: a screener asks for everything it can ask for and never sees another screener's vote,
reason or note — nor that a study is in conflict — before the study is decided."""

from __future__ import annotations

import dataclasses
import json

import pytest

from screener.errors import PermissionDenied
from screener.workspace.queue import next_study
from screener.workspace.reviewers import authenticate
from screener.workspace.screening import (
    VoteBook,
    all_outcomes,
    cast_vote,
    list_conflicts,
    progress,
    resolve,
    study_outcome,
    study_view,
)

TA, FT = "title_abstract", "full_text"
SECRET = "ALICE-PRIVATE-NOTE"


def _dump(value) -> str:
    def default(o):
        if dataclasses.is_dataclass(o):
            return dataclasses.asdict(o)
        return str(o)
    return json.dumps(value, default=default)


def everything_bob_can_ask(ws, token, study):
    """Every screener-facing read path, as the web app would call them for a signed-in bob."""
    bob = authenticate(ws, token)
    seen = {
        "study_view": study_view(ws, bob, study, TA),
        "study_outcome": study_outcome(ws, study, TA, bob),
        "all_outcomes": all_outcomes(ws, bob),
        "progress": progress(ws, bob),
        "progress_by_name": progress(ws, "bob"),
        "book_votes": VoteBook(ws, bob).votes(study, TA, history=True),
        "book_outcome": VoteBook(ws, bob).outcome(study, TA),
        "next": next_study(ws, bob, TA),
    }
    with pytest.raises(PermissionDenied):
        list_conflicts(ws, bob)
    return seen


def _others_visible(seen) -> bool:
    text = _dump(seen)
    return SECRET in text or '"reviewer": "alice"' in text


def test_screener_never_sees_pending_or_conflicting_votes(team):
    ws, studies, tokens = team
    s = studies[0]
    # alice votes exclude with a reason and a note; bob has not voted yet (pending)
    cast_vote(ws, "alice", s, TA, "exclude", reason="out of scope", note=SECRET)
    seen = everything_bob_can_ask(ws, tokens["bob"], s)
    assert not _others_visible(seen)
    assert "out of scope" not in _dump(seen)
    assert seen["study_outcome"].status == "undecided" and seen["study_outcome"].votes is None
    assert seen["next"]["study"] == s            # one-vote studies come first ...
    assert seen["next"]["votes"] == []           # ... without the vote that put it there

    # bob disagrees: a conflict. Neither bob's vote answer nor any read reveals it.
    answer = cast_vote(ws, "bob", s, TA, "include", note="bob's own note")
    assert answer["outcome"]["status"] == "undecided"
    assert [v["reviewer"] for v in [answer["vote"]]] == ["bob"]
    assert not _others_visible(answer)
    seen = everything_bob_can_ask(ws, tokens["bob"], s)
    assert not _others_visible(seen)
    assert '"conflict": "' not in _dump(seen) and '"status": "conflict"' not in _dump(seen)
    assert [v.reviewer for v in seen["book_votes"]] == ["bob"]         # his own votes he sees
    assert seen["progress"]["stages"][TA]["reviewers"] == [
        {"name": "bob", "role": "screener", "voted": 1, "remaining": 5, "awaiting_decision": 1, "screens": True}]
    # the arbiter sees every vote of the conflict
    carol = authenticate(ws, tokens["carol"])
    [conflict] = list_conflicts(ws, carol)
    assert [(v["reviewer"], v["vote"], v["note"]) for v in conflict["votes"]] == [
        ("alice", "exclude", SECRET), ("bob", "include", "bob's own note")]

    # once decided, the votes are no longer secret
    resolve(ws, carol, s, TA, "exclude", reason="out of scope")
    view = study_view(ws, authenticate(ws, tokens["bob"]), s, TA)
    assert [(v["reviewer"], v["vote"]) for v in view["votes"]] == [("alice", "exclude"), ("bob", "include")]
    assert view["outcome"]["status"] == "exclude"


def test_agreement_reveals_after_decision_only(team):
    ws, studies, tokens = team
    s = studies[1]
    cast_vote(ws, "alice", s, TA, "include", note=SECRET)
    answer = cast_vote(ws, "bob", s, TA, "include")
    # a decision by agreement is public: bob may now see alice's vote
    assert answer["outcome"]["status"] == "include"
    bob = authenticate(ws, tokens["bob"])
    assert SECRET in _dump(study_view(ws, bob, s, TA))


def test_full_text_stage_is_blinded_too(team):
    ws, studies, tokens = team
    s = studies[2]
    cast_vote(ws, "alice", s, TA, "include"); cast_vote(ws, "bob", s, TA, "include")
    cast_vote(ws, "alice", s, FT, "exclude", reason="methodological report", note=SECRET)
    bob = authenticate(ws, tokens["bob"])
    offered = next_study(ws, bob, FT)
    assert offered["study"] == s and offered["votes"] == [] and "fulltext" in offered
    view = study_view(ws, bob, s, FT)
    assert view["votes"] == [] and view["outcome"]["status"] == "undecided"
    assert "methodological report" not in _dump(view) and SECRET not in _dump(progress(ws, bob))
    answer = cast_vote(ws, bob, s, FT, "exclude", reason="out of scope")
    assert answer["outcome"]["status"] == "undecided" and "methodological report" not in _dump(answer)


def test_blind_off_shows_votes(team):
    ws, studies, tokens = team
    ws.settings.blind = False
    cast_vote(ws, "alice", studies[0], TA, "exclude", note=SECRET)
    assert SECRET in _dump(study_view(ws, "bob", studies[0], TA))


def test_owner_cli_view_sees_everything(team):
    ws, studies, _ = team
    cast_vote(ws, "alice", studies[0], TA, "exclude", note=SECRET)
    assert SECRET in _dump(study_view(ws, None, studies[0], TA))
    assert progress(ws)["stages"][TA]["pending"] == 1


def test_my_votes_list_is_blinded(team):
    from screener.workspace.screening import reviewer_votes
    ws, studies, tokens = team
    cast_vote(ws, "alice", studies[0], TA, "exclude", note=SECRET)
    cast_vote(ws, "bob", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "maybe")
    mine = reviewer_votes(ws, authenticate(ws, tokens["bob"]))
    assert [(m["study"], m["vote"]["vote"], m["outcome"]["status"]) for m in mine] == [
        (studies[1], "maybe", "undecided"), (studies[0], "include", "undecided")]
    assert SECRET not in _dump(mine)


def test_votes_are_read_in_one_place_only():
    """Every package (workspace, web, report, cli, …) reads the votes table only through its owner,
    workspace/votebook.py (VoteBook; the owner's audit events and team counts)."""
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "screener"
    allowed = {"workspace/votebook.py"}
    readers = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("workspace/migrations/") or rel in allowed:
            continue
        if re.search(r"\bFROM\s+votes\b|\bJOIN\s+votes\b", path.read_text(), re.I):
            readers.append(rel)
    assert readers == []
