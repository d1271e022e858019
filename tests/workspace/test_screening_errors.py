"""Bad input: one clear line (an exception the CLI prints as `error: ...`) and nothing written."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.errors import NotFoundError, PermissionDenied, ScreeningError, UsageError
from screener.workspace.queue import next_study
from screener.workspace.screening import cast_vote, list_conflicts, resolve

TA, FT = "title_abstract", "full_text"


def _refused(ws, counts, exc_type, pattern, call):
    before = counts(ws)
    with pytest.raises(exc_type, match=pattern) as info:
        call()
    assert "\n" not in str(info.value)
    assert counts(ws) == before, "a refused request wrote something"
    return str(info.value)


def test_unknown_reviewer_and_study(team, counts):
    ws, studies, _ = team
    msg = _refused(ws, counts, NotFoundError, "no reviewer 'zed'", lambda: cast_vote(ws, "zed", studies[0], TA, "include"))
    assert "known reviewers: alice, bob, carol, olivia" in msg
    _refused(ws, counts, NotFoundError, "no study 999", lambda: cast_vote(ws, "alice", 999, TA, "include"))
    _refused(ws, counts, NotFoundError, "no reviewer", lambda: next_study(ws, "zed", TA))
    _refused(ws, counts, NotFoundError, "no study 999", lambda: resolve(ws, "carol", 999, TA, "include"))


def test_bad_stage_and_vote_values(team, counts):
    ws, studies, _ = team
    _refused(ws, counts, UsageError, "stage 'abstract' is not a stage; use one of: title_abstract, full_text",
             lambda: cast_vote(ws, "alice", studies[0], "abstract", "include"))
    _refused(ws, counts, UsageError, "vote 'yes' is not a vote",
             lambda: cast_vote(ws, "alice", studies[0], TA, "yes"))
    _refused(ws, counts, UsageError, "decision 'maybe' is not a decision",
             lambda: resolve(ws, "carol", studies[0], TA, "maybe"))
    _refused(ws, counts, UsageError, "a reason goes with an exclusion only",
             lambda: cast_vote(ws, "alice", studies[0], TA, "include", reason="out of scope"))


def test_voting_at_a_stage_not_reached(team, counts):
    ws, studies, _ = team
    cast_vote(ws, "alice", studies[0], TA, "include")
    _refused(ws, counts, ScreeningError, f"study {studies[0]} has not reached full text",
             lambda: cast_vote(ws, "alice", studies[0], FT, "include"))


def test_missing_and_unknown_reason(team, counts):
    ws, studies, _ = team
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "include"); cast_vote(ws, "bob", s, TA, "include")
    msg = _refused(ws, counts, ScreeningError, "an exclusion at full_text needs a reason",
                   lambda: cast_vote(ws, "alice", s, FT, "exclude"))
    assert "'not qualitative or limited qualitative data'; 'out of scope'; 'methodological report'" in msg
    msg = _refused(ws, counts, ScreeningError, "reason 'too old' is not one of the exclusion_reasons",
                   lambda: cast_vote(ws, "alice", s, FT, "exclude", reason="too old"))
    assert "review.toml" in msg and "'out of scope'" in msg
    # at title/abstract a reason is optional by default, but still checked against the list
    _refused(ws, counts, ScreeningError, "is not one of the exclusion_reasons",
             lambda: cast_vote(ws, "alice", studies[1], TA, "exclude", reason="too old"))


def test_reason_required_at_title_abstract_when_configured(team, counts):
    ws, studies, _ = team
    ws.settings.stages[TA].reason_required = True
    _refused(ws, counts, ScreeningError, "an exclusion at title_abstract needs a reason",
             lambda: cast_vote(ws, "alice", studies[0], TA, "exclude"))
    cast_vote(ws, "alice", studies[0], TA, "exclude", reason="out of scope")


def test_screener_cannot_resolve_and_arbiter_cannot_vote(team, counts):
    ws, studies, _ = team
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "include"); cast_vote(ws, "bob", s, TA, "exclude")
    _refused(ws, counts, PermissionDenied, "reviewer 'alice' is a screener; only an arbiter or the owner",
             lambda: resolve(ws, "alice", s, TA, "include"))
    _refused(ws, counts, PermissionDenied, "shown to arbiters and the owner only",
             lambda: list_conflicts(ws, "bob"))
    _refused(ws, counts, PermissionDenied, "reviewer 'carol' is an arbiter",
             lambda: cast_vote(ws, "carol", studies[1], TA, "include"))
    _refused(ws, counts, PermissionDenied, "reviewer 'carol' is an arbiter", lambda: next_study(ws, "carol", TA))


def test_vote_on_decided_study_and_resolving_too_early(team, counts):
    ws, studies, _ = team
    s = studies[0]
    _refused(ws, counts, ScreeningError, "not in conflict at title_abstract: it has 0 of the 2 votes",
             lambda: resolve(ws, "carol", s, TA, "include"))
    cast_vote(ws, "alice", s, TA, "exclude")
    _refused(ws, counts, ScreeningError, "it has 1 of the 2 votes", lambda: resolve(ws, "carol", s, TA, "include"))
    cast_vote(ws, "bob", s, TA, "exclude")
    _refused(ws, counts, ScreeningError, "already decided at title_abstract \\(exclude by agreement\\)",
             lambda: cast_vote(ws, "alice", s, TA, "include"))
    _refused(ws, counts, ScreeningError, "already decided", lambda: cast_vote(ws, "olivia", s, TA, "include"))
    t = studies[1]
    cast_vote(ws, "alice", t, TA, "exclude"); cast_vote(ws, "bob", t, TA, "include")
    resolve(ws, "carol", t, TA, "exclude")
    _refused(ws, counts, ScreeningError, "exclude by the arbiter", lambda: cast_vote(ws, "bob", t, TA, "maybe"))


def test_retract_without_a_vote_and_third_reviewer(team, counts):
    ws, studies, _ = team
    _refused(ws, counts, ScreeningError, "has no vote on study", lambda: cast_vote(ws, "alice", studies[0], TA, "retract"))
    cast_vote(ws, "alice", studies[0], TA, "include"); cast_vote(ws, "bob", studies[0], TA, "exclude")
    _refused(ws, counts, ScreeningError, "already has the 2 reviewers it needs",
             lambda: cast_vote(ws, "olivia", studies[0], TA, "include"))


def test_merged_away_study_names_where_it_went(team, counts):
    ws, studies, _ = team
    a, b = studies[:2]
    cast_vote(ws, "alice", b, TA, "include")
    record_b = ws.db.execute("SELECT source_record_id FROM current_links WHERE study_id = ?", (b,)).fetchone()[0]
    with ws.transaction() as conn:  # what dedupe does: move b's record into a
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('t', ?, ?, 'merge')",
                     (record_b, a))
    _refused(ws, counts, NotFoundError, f"study {b} was merged into study {a} by deduplication",
             lambda: cast_vote(ws, "bob", b, TA, "include"))
    assert next_study(ws, "bob", TA)["study"] != b
    from screener.workspace.screening import progress
    report = progress(ws)
    assert report["merged_away_with_votes"] == [{"study": b, "merged_into": [a]}]
    assert report["stages"][TA]["studies"] == 5
    assert "merged_away_with_votes" not in progress(ws, "bob")


@pytest.mark.parametrize("minutes", [float("nan"), float("inf"), -5, 1e12])
def test_lease_minutes_out_of_range(team, counts, minutes):
    ws, _, _ = team
    _refused(ws, counts, UsageError, r"^lease minutes .*: give a number of minutes from 0 to 10080 \(a week\)$",
             lambda: next_study(ws, "alice", TA, lease_minutes=minutes))


def test_cli_lease_minutes_not_a_number_is_one_line(team, counts, capsys):
    ws, _, _ = team
    assert run(["next", str(ws.path), "--as", "alice", "--stage", TA, "--lease-minutes", "nan"]) == 2
    assert capsys.readouterr().err == ("error: lease minutes nan: give a number of minutes from 0 to 10080 "
                                       "(a week)\n")


def test_cli_prints_one_line_and_writes_nothing(team, counts, capsys):
    ws, studies, _ = team
    before = counts(ws)
    code = run(["vote", str(ws.path), str(studies[0]), "--as", "alice", "--stage", FT, "include"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: study ") and "has not reached full text" in err
    assert err.count("\n") == 1
    code = run(["resolve", str(ws.path), str(studies[0]), "--as", "bob", "--stage", TA, "include"])
    err = capsys.readouterr().err
    assert (code, err.count("\n")) == (1, 1)
    assert "only an arbiter or the owner" in err
    code = run(["vote", str(ws.path), "77", "--as", "nobody", "--stage", TA, "include"])
    assert code == 1 and capsys.readouterr().err.startswith("error: no reviewer 'nobody'")
    assert counts(ws) == before
