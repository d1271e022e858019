"""The queue state stored with a vote must not tell a blinded screener that someone else voted."""

import json

from screener.records.model import Record
from screener.workspace.queue import next_study
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import VoteBook, cast_vote, reviewer_votes


def test_second_voter_sees_no_queue_state(workspace):
    with workspace.transaction():
        workspace.add_source_records([Record(title=f"Study {i}", raw=f"r{i}") for i in range(3)])
    add_reviewer(workspace, "A", "screener")
    add_reviewer(workspace, "B", "screener")
    first = next_study(workspace, "A", "title_abstract")
    cast_vote(workspace, "A", first["study"], "title_abstract", "include")
    # B is given the study A voted on first ("awaiting another vote" in the queue's own state)
    second = next_study(workspace, "B", "title_abstract")
    assert second["study"] == first["study"]
    answer = cast_vote(workspace, "B", second["study"], "title_abstract", "exclude")  # a conflict: undecided
    stored = json.loads(workspace.db.execute("SELECT ranker_state FROM votes ORDER BY id DESC").fetchone()[0])
    assert stored.get("queue") == "awaiting another vote"   # kept on record for the owner
    assert answer["outcome"]["status"] == "undecided"
    assert answer["vote"]["ranker_state"] == {}             # but not shown to B
    assert "awaiting" not in json.dumps(answer)
    assert "awaiting" not in json.dumps(reviewer_votes(workspace, "B"))
    owner_view = VoteBook(workspace).votes(second["study"], "title_abstract")
    assert any(e.ranker_state.get("queue") == "awaiting another vote" for e in owner_view)
