"""Agreement statistics against hand-computed values.

Table 1 (n = 50): both include 20, alice include/bob exclude 5, alice exclude/bob include 10, both
exclude 15. po = 35/50 = 0.7; p_alice = 0.5, p_bob = 0.6; kappa pe = 0.5·0.6 + 0.5·0.4 = 0.5,
kappa = 0.2/0.5 = 0.4; AC1 π = 0.55, pe = 2·0.55·0.45 = 0.495, AC1 = 0.205/0.505 = 0.40594059…;
PABAK = 0.4.

Table 2 (n = 100, rare includes — the kappa paradox): 1, 3, 2, 94. po = 0.95; p1 = 0.04, p2 = 0.03;
kappa pe = 0.0012 + 0.9312 = 0.9324, kappa = 0.0176/0.0676 = 0.26035503…; AC1 π = 0.035,
pe = 0.06755, AC1 = 0.88245/0.93245 = 0.94637782…; PABAK = 0.9.
"""

from __future__ import annotations

import json

import pytest

from screener.report.agreement import agreement_report, agreement_statistics, format_agreement_text
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote

TA = "title_abstract"


def test_table_one_by_hand():
    stats = agreement_statistics(20, 5, 10, 15)
    assert stats["observed_agreement"] == pytest.approx(0.7)
    assert stats["expected_agreement_kappa"] == pytest.approx(0.5)
    assert stats["cohen_kappa"] == pytest.approx(0.4)
    assert stats["expected_agreement_ac1"] == pytest.approx(0.495)
    assert stats["gwet_ac1"] == pytest.approx(0.205 / 0.505)
    assert round(stats["gwet_ac1"], 6) == 0.405941
    assert stats["pabak"] == pytest.approx(0.4)


def test_table_two_by_hand_prevalence_paradox():
    stats = agreement_statistics(1, 3, 2, 94)
    assert stats["observed_agreement"] == pytest.approx(0.95)
    assert stats["expected_agreement_kappa"] == pytest.approx(0.9324)
    assert round(stats["cohen_kappa"], 6) == 0.260355
    assert stats["expected_agreement_ac1"] == pytest.approx(0.06755)
    assert round(stats["gwet_ac1"], 6) == 0.946378
    assert stats["pabak"] == pytest.approx(0.9)


def test_degenerate_tables():
    # everyone excluded everything: kappa is undefined (0/0), AC1 and PABAK are 1
    stats = agreement_statistics(0, 0, 0, 12)
    assert stats["cohen_kappa"] is None
    assert stats["gwet_ac1"] == pytest.approx(1.0) and stats["pabak"] == pytest.approx(1.0)
    assert agreement_statistics(0, 0, 0, 0)["observed_agreement"] is None


def test_report_from_votes(workspace, make_studies):
    workspace.settings.blind = False      # three screeners voting where the test says (no assignment)
    for name in ("alice", "bob", "dana"):
        add_reviewer(workspace, name)
    studies = make_studies(workspace, 51)
    plan = ([("include", "include")] * 18 + [("maybe", "include"), ("maybe", "maybe")]     # 20 both include
            + [("include", "exclude")] * 5 + [("exclude", "maybe")] * 10 + [("exclude", "exclude")] * 15)
    for study, (a, b) in zip(studies, plan):
        cast_vote(workspace, "alice", study, TA, a)
        cast_vote(workspace, "bob", study, TA, b)
    # a retracted vote does not count; dana shares one study with alice only
    last = studies[50]
    cast_vote(workspace, "bob", last, TA, "include"); cast_vote(workspace, "bob", last, TA, "retract")
    cast_vote(workspace, "alice", last, TA, "exclude"); cast_vote(workspace, "dana", last, TA, "exclude")
    report = agreement_report(workspace)
    assert report["maybe_counts_as"] == "include"
    [ab, ad] = report["stages"][TA]
    assert ab["reviewers"] == ["alice", "bob"] and ad["reviewers"] == ["alice", "dana"]
    assert {k: ab[k] for k in ("studies", "both_include", "first_include_second_exclude",
                               "first_exclude_second_include", "both_exclude", "maybes", "disagreements")} == {
        "studies": 50, "both_include": 20, "first_include_second_exclude": 5,
        "first_exclude_second_include": 10, "both_exclude": 15, "maybes": 13, "disagreements": 15}
    assert ab["cohen_kappa"] == pytest.approx(0.4)
    assert ab["gwet_ac1"] == pytest.approx(0.205 / 0.505)
    assert ab["pabak"] == pytest.approx(0.4)
    assert (ad["studies"], ad["both_exclude"], ad["cohen_kappa"]) == (1, 1, None)
    assert report["stages"]["full_text"] == []
    json.dumps(report)
    text = format_agreement_text(report)
    assert "alice × bob: 50 studies, agreement 0.700, kappa 0.400, AC1 0.406, PABAK 0.400" in text
    assert "alice × dana: 1 study, agreement 1.000, kappa undefined" in text
    assert "full_text:\n  no pair of screeners has voted on the same study yet" in text
