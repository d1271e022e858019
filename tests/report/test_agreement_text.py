"""The agreement text explains an undefined kappa instead of leaving the reader to guess."""

from __future__ import annotations

from screener.report.agreement import agreement_statistics, format_agreement_text


def _report(a, b, c, d):
    pair = {"reviewers": ["alice", "bob"], "studies": a + b + c + d, "both_include": a,
            "first_include_second_exclude": b, "first_exclude_second_include": c, "both_exclude": d,
            "maybes": 0, "disagreements": b + c, **agreement_statistics(a, b, c, d)}
    return {"maybe_counts_as": "include", "stages": {"title_abstract": [pair], "full_text": []}}


def test_undefined_kappa_is_explained():
    lines = format_agreement_text(_report(0, 0, 0, 17)).splitlines()
    assert lines[1] == "  alice × bob: 17 studies, agreement 1.000, kappa undefined, AC1 1.000, PABAK 1.000"
    assert lines[3] == ("    kappa is undefined because both screeners gave every study the same answer "
                        "(expected agreement 1); AC1 and PABAK still apply")


def test_defined_kappa_has_no_note():
    lines = format_agreement_text(_report(10, 0, 3, 17)).splitlines()
    assert lines[3] == "full_text:"


def test_one_study_and_one_maybe_are_singular():
    report = _report(1, 0, 0, 0)
    report["stages"]["title_abstract"][0]["maybes"] = 1
    lines = format_agreement_text(report).splitlines()
    assert lines[1].startswith("  alice × bob: 1 study, agreement 1.000,")
    assert lines[2].endswith("(maybe counted as include: 1 maybe vote)")
