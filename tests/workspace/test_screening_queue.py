"""The queue: one-vote studies first, then the ranker's order; leases; the full-text gate."""

from __future__ import annotations

import json

import pytest

import screener.rank.live as live
from screener.workspace import ranking
from screener.workspace.fulltext import attach_fulltext, mark_not_retrieved
from screener.workspace.queue import next_study, release_study
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, study_outcome

TA, FT = "title_abstract", "full_text"


def _drain(ws, who, stage, vote="include", limit=100):
    seen = []
    while len(seen) < limit:
        item = next_study(ws, who, stage)
        if item is None:
            break
        seen.append(item["study"])
        cast_vote(ws, who, item["study"], stage, vote)
    return seen


def test_queue_follows_the_ranker_not_file_order(workspace, make_studies):
    add_reviewer(workspace, "alice")
    studies = make_studies(workspace, 30)
    order = []
    while (item := next_study(workspace, "alice", TA)) is not None:
        # whatever the ranker says now (it may learn from votes), the queue follows it
        ranked = ranking.rank_studies(workspace, TA, sorted(studies)).order
        assert item["study"] == [s for s in ranked if s not in order][0]
        order.append(item["study"])
        cast_vote(workspace, "alice", item["study"], TA, "include")
    assert sorted(order) == sorted(studies)
    assert order != sorted(studies)
    assert next_study(workspace, "alice", TA) is None


def test_ranker_order_is_what_the_queue_uses(workspace, make_studies, monkeypatch):
    add_reviewer(workspace, "alice")
    studies = make_studies(workspace, 5)
    calls = []

    def reverse(ws, stage, ids, **options):   # options: the labels the queue keeps
        calls.append((stage, list(ids)))
        return live.RankedOrder(sorted(ids, reverse=True), {"ranker": "test-reverse", "round": len(calls)})
    monkeypatch.setattr(ranking, "rank_studies", reverse)
    first = next_study(workspace, "alice", TA)
    assert first["study"] == max(studies)
    assert calls == [(TA, sorted(studies))]
    cast_vote(workspace, "alice", first["study"], TA, "include")
    state = workspace.db.execute("SELECT ranker_state FROM votes").fetchone()[0]
    assert json.loads(state) == {"ranker": "test-reverse", "round": 1, "queue": "ranked"}


def test_both_screeners_walk_the_same_studies_in_the_same_order(workspace, make_studies):
    add_reviewer(workspace, "alice"); add_reviewer(workspace, "bob")
    make_studies(workspace, 12)
    first_alice = [next_study(workspace, "alice", TA)["study"]]
    cast_vote(workspace, "alice", first_alice[0], TA, "include")
    alice = first_alice + _drain(workspace, "alice", TA, limit=5)
    bob = _drain(workspace, "bob", TA)
    # bob gets alice's one-vote studies first, in the same ranker order, then the rest
    assert bob[:6] == alice
    assert len(bob) == 12


def _blind_off(ws):
    settings = ws.path / "review.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("blind = true", "blind = false"),
                        encoding="utf-8")
    ws.reload_settings()


def test_one_vote_studies_come_first_when_blind_mode_is_off(workspace, make_studies):
    _blind_off(workspace)
    add_reviewer(workspace, "alice"); add_reviewer(workspace, "bob")
    studies = make_studies(workspace, 10)
    ranked = ranking.rank_studies(workspace, TA, sorted(studies)).order
    last = ranked[-1]
    cast_vote(workspace, "alice", last, TA, "exclude")   # a vote without `next`
    assert next_study(workspace, "bob", TA)["study"] == last


def test_under_blind_mode_a_study_with_a_vote_is_not_served_first(workspace, make_studies):
    """Issue 21: serving one-vote studies first told a blinded screener someone had voted on the
    study. Under blind mode the queue is the ranker's order whoever has voted."""
    add_reviewer(workspace, "alice"); add_reviewer(workspace, "bob")
    studies = make_studies(workspace, 10)
    ranked = ranking.rank_studies(workspace, TA, sorted(studies)).order
    cast_vote(workspace, "alice", ranked[-1], TA, "exclude")
    assert next_study(workspace, "bob", TA)["study"] == ranked[0]


def test_pending_votes_cannot_leak_through_the_ranker_order(workspace, make_studies, monkeypatch):
    """Blind mode off: a ranker that learned from alice's pending votes would put her includes
    first; the queue offers bob the studies awaiting his vote in the order alice voted, whatever
    the ranker says. (Under blind mode pending votes are no labels at all: tests/rank.)"""
    _blind_off(workspace)
    add_reviewer(workspace, "alice"); add_reviewer(workspace, "bob")
    s1, s2, s3, s4 = make_studies(workspace, 4)
    for study, vote in ((s1, "exclude"), (s2, "include"), (s3, "exclude")):
        cast_vote(workspace, "alice", study, TA, vote)

    def learned(ws, stage, ids, **options):
        included = {r[0] for r in ws.db.execute("SELECT study_id FROM votes WHERE vote = 'include'")}
        return live.RankedOrder(sorted(ids, key=lambda s: (s not in included, s)), {"ranker": "leaky"})
    monkeypatch.setattr(ranking, "rank_studies", learned)
    got = []
    for _ in range(3):
        item = next_study(workspace, "bob", TA)
        got.append(item["study"])
        cast_vote(workspace, "bob", item["study"], TA, "maybe")
    assert got == [s1, s2, s3]
    state = workspace.db.execute("SELECT ranker_state FROM votes WHERE reviewer_id = 2 ORDER BY id").fetchone()[0]
    assert json.loads(state)["queue"] == "awaiting another vote"


def test_leases_cap_reviewers_per_study(workspace, make_studies):
    # first come, first served: with blind mode off (under blind mode with more screeners than a
    # study needs, studies are assigned in advance: test_blinding_assignment.py)
    workspace.settings.blind = False
    for name in ("alice", "bob", "dana", "eve"):
        add_reviewer(workspace, name)
    make_studies(workspace, 4)
    a = next_study(workspace, "alice", TA)["study"]
    assert next_study(workspace, "alice", TA)["study"] == a       # asking again: the same study
    b = next_study(workspace, "bob", TA)["study"]
    assert b == a                                                 # two votes needed: two reviewers
    d = next_study(workspace, "dana", TA)["study"]
    assert d != a                                                 # but not a third
    assert next_study(workspace, "eve", TA)["study"] == d
    # nobody else may vote on a study two others are working on
    from screener.errors import ScreeningError
    with pytest.raises(ScreeningError, match="already has the 2 reviewers it needs"):
        cast_vote(workspace, "eve", a, TA, "include")


def test_expired_lease_frees_the_study_and_holder_vote_is_never_refused(workspace, make_studies):
    workspace.settings.blind = False          # first come (leases), as in the test above
    for name in ("alice", "bob", "dana"):
        add_reviewer(workspace, name)
    make_studies(workspace, 3)
    s = next_study(workspace, "alice", TA, lease_minutes=0)["study"]   # alice's lease expires at once
    assert next_study(workspace, "bob", TA)["study"] == s
    assert next_study(workspace, "dana", TA)["study"] == s              # alice's place is free again
    cast_vote(workspace, "bob", s, TA, "include")
    cast_vote(workspace, "dana", s, TA, "maybe")
    assert study_outcome(workspace, s, TA).status == "include"
    # alice was given the study: her late vote is taken, kept, and does not reopen the decision
    answer = cast_vote(workspace, "alice", s, TA, "exclude")
    assert answer["recorded"] is True and answer["outcome"]["status"] == "include"
    outcome = study_outcome(workspace, s, TA)
    assert (outcome.status, outcome.votes, outcome.late_disagreement) == ("include", 3, True)
    # having voted, she is no longer a lease holder: changing it now is refused
    from screener.errors import ScreeningError
    with pytest.raises(ScreeningError, match="already decided"):
        cast_vote(workspace, "alice", s, TA, "include")


def test_release_skips_to_the_end(workspace, make_studies):
    add_reviewer(workspace, "alice")
    make_studies(workspace, 3)
    first = next_study(workspace, "alice", TA)
    release_study(workspace, "alice", first["study"], TA)
    second = next_study(workspace, "alice", TA)
    assert second["study"] != first["study"]
    assert second["remaining"] == 3
    cast_vote(workspace, "alice", second["study"], TA, "include")
    rest = _drain(workspace, "alice", TA)
    assert rest[-1] == first["study"]


def test_full_text_queue_only_has_title_abstract_includes(team):
    ws, studies, _ = team
    a, b, c, d = studies[:4]
    for s, (x, y) in zip((a, b, c, d), [("include", "include"), ("include", "exclude"),
                                        ("exclude", "exclude"), ("maybe", "maybe")]):
        cast_vote(ws, "alice", s, TA, x); cast_vote(ws, "bob", s, TA, y)
    mark_not_retrieved(ws, d)
    assert _drain(ws, "alice", FT) == [a]
    attach_fulltext(ws, d, "https://example.org/d.pdf")        # retrieved after all
    # bob: a (alice has voted) and d, in the ranker's order (under blind mode a study with a
    # vote is not served first: issue 21)
    given = {}
    for _ in range(2):
        item = next_study(ws, "bob", FT)
        given[item["study"]] = item
        cast_vote(ws, "bob", item["study"], FT, "include")
    assert set(given) == {a, d} and given[d]["fulltext"]["location"] == "https://example.org/d.pdf"


def test_next_json_cli(team, capsys):
    from screener.cli.main import run
    ws, studies, _ = team
    assert run(["next", str(ws.path), "--as", "alice", "--stage", TA, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["study"] in studies and data["title"].startswith("Study ") and data["abstract"].startswith("Abstract")
    assert run(["next", str(ws.path), "--as", "alice", "--stage", FT, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) is None
    assert run(["vote", str(ws.path), str(data["study"]), "exclude", "--as", "alice", "--stage", TA,
                "--reason", "out of scope", "--note", "n", "--json"]) == 0
    vote = json.loads(capsys.readouterr().out)
    assert (vote["vote"]["vote"], vote["vote"]["reason"], vote["outcome"]["status"]) == ("exclude", "out of scope",
                                                                                        "undecided")


@pytest.mark.parametrize("needed", [1, 3])
def test_votes_needed_other_than_two(workspace, make_studies, needed):
    workspace.settings.stages[TA].votes_needed = needed
    workspace.settings.blind = False          # first come (leases): more screeners than votes needed
    names = ["alice", "bob", "dana", "eve"]
    for name in names:
        add_reviewer(workspace, name)
    make_studies(workspace, 4)
    given = [next_study(workspace, name, TA)["study"] for name in names]
    # the first `needed` reviewers share the first study; the next ones get the other
    assert given[:needed] == [given[0]] * needed
    assert given[needed] != given[0]
    for name in names[:needed]:
        cast_vote(workspace, name, given[0], TA, "maybe")
    assert study_outcome(workspace, given[0], TA).status == "include"
    assert study_outcome(workspace, given[0], TA).votes == needed


def test_only_a_study_the_queue_gave_you_can_be_skipped(workspace, make_studies, counts):
    """Skipping a study never given to me, or one I voted on since, is refused and writes nothing."""
    from screener.errors import ScreeningError

    add_reviewer(workspace, "alice")
    studies = make_studies(workspace, 3)
    held = next_study(workspace, "alice", TA)["study"]
    other = next(s for s in studies if s != held)
    before = counts(workspace)
    with pytest.raises(ScreeningError, match=f"study {other} is not yours to skip at {TA}"):
        release_study(workspace, "alice", other, TA)
    cast_vote(workspace, "alice", held, TA, "include")
    with pytest.raises(ScreeningError, match=f"study {held} is not yours to skip"):
        release_study(workspace, "alice", held, TA)
    after = counts(workspace)
    assert after["leases"] == before["leases"] and after["votes"] == before["votes"] + 1


def test_a_study_number_beyond_sqlite_is_no_study(workspace, make_studies):
    from screener.errors import NotFoundError
    from screener.workspace.screening import require_current_study

    make_studies(workspace, 1)
    with pytest.raises(NotFoundError, match=f"no study {10 ** 30} in "):
        require_current_study(workspace, 10 ** 30)
