"""Inter-rater agreement per stage and pair of screeners: observed agreement, Cohen's kappa, Gwet's
AC1 and PABAK, with the 2×2 counts behind them.

Computed on the studies both screeners voted on, from each one's current vote (changes and
retractions applied; arbiter decisions play no part). "maybe" counts as include, as in the outcome
rules. Studies that deduplication later merged away still count: the votes were real judgements.

Formulas (two raters, two categories, n studies, a = both include, d = both exclude,
p1/p2 = each rater's proportion of includes):
  observed   po = (a + d) / n
  kappa      pe = p1·p2 + (1−p1)(1−p2);  κ = (po − pe) / (1 − pe)   (undefined when pe = 1)
  AC1        π = (p1 + p2) / 2;  pe = 2π(1−π);  AC1 = (po − pe) / (1 − pe)   (Gwet 2008)
  PABAK      2·po − 1   (Byrt, Bishop & Carlin 1993)
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

from screener.workspace.queue_state import kept_state
from screener.workspace.screening import SAYS_INCLUDE
from screener.workspace.settings import STAGES

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def agreement_statistics(a: int, b: int, c: int, d: int) -> dict[str, float | None]:
    """From a 2×2 table: a both include, b first include/second exclude, c the reverse, d both exclude."""
    n = a + b + c + d
    if n == 0:
        return {"observed_agreement": None, "expected_agreement_kappa": None, "cohen_kappa": None,
                "expected_agreement_ac1": None, "gwet_ac1": None, "pabak": None}
    po = (a + d) / n
    p1, p2 = (a + b) / n, (a + c) / n
    pe_kappa = p1 * p2 + (1 - p1) * (1 - p2)
    kappa = None if abs(1 - pe_kappa) < 1e-12 else (po - pe_kappa) / (1 - pe_kappa)
    pi = (p1 + p2) / 2
    pe_ac1 = 2 * pi * (1 - pi)
    ac1 = (po - pe_ac1) / (1 - pe_ac1)
    return {"observed_agreement": po, "expected_agreement_kappa": pe_kappa, "cohen_kappa": kappa,
            "expected_agreement_ac1": pe_ac1, "gwet_ac1": ac1, "pabak": 2 * po - 1}


def agreement_report(ws: Workspace) -> dict[str, Any]:
    """``{"maybe_counts_as": "include", "stages": {stage: [pair, ...]}}``; each pair:
    ``reviewers`` [first, second], ``studies`` (both voted), ``both_include``,
    ``first_include_second_exclude``, ``first_exclude_second_include``, ``both_exclude``,
    ``maybes`` (maybe votes among them), ``disagreements``, and the statistics of
    ``agreement_statistics``. Pairs with no study in common are left out."""
    report: dict[str, Any] = {"maybe_counts_as": "include", "stages": {}}
    for stage in STAGES:
        votes: dict[str, dict[int, str]] = {}
        # the owner's view (reports are for the owner and the arbiter), from the queue's kept state
        with kept_state(ws) as state:
            book = state.view(None)
            for study in sorted(book.voted_studies()):
                for event in book.votes(study, stage):
                    votes.setdefault(event.reviewer, {})[study] = event.vote
        pairs = []
        for first, second in combinations(sorted(votes), 2):
            common = sorted(set(votes[first]) & set(votes[second]))
            if not common:
                continue
            table = {"both_include": 0, "first_include_second_exclude": 0,
                     "first_exclude_second_include": 0, "both_exclude": 0}
            maybes = 0
            for study in common:
                one, two = votes[first][study], votes[second][study]
                maybes += (one == "maybe") + (two == "maybe")
                key = {(True, True): "both_include", (True, False): "first_include_second_exclude",
                       (False, True): "first_exclude_second_include", (False, False): "both_exclude"}[
                    (one in SAYS_INCLUDE, two in SAYS_INCLUDE)]
                table[key] += 1
            pair = {"reviewers": [first, second], "studies": len(common), **table, "maybes": maybes,
                    "disagreements": table["first_include_second_exclude"] + table["first_exclude_second_include"]}
            pair.update(agreement_statistics(table["both_include"], table["first_include_second_exclude"],
                                             table["first_exclude_second_include"], table["both_exclude"]))
            pairs.append(pair)
        report["stages"][stage] = pairs
    return report


def _number(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def format_agreement_text(report: dict[str, Any]) -> str:
    lines = []
    for stage, pairs in report["stages"].items():
        lines.append(f"{stage}:")
        if not pairs:
            lines.append("  no pair of screeners has voted on the same study yet")
            continue
        for p in pairs:
            first, second = p["reviewers"]
            lines.append(
                f"  {first} × {second}: {p['studies']} stud{'y' if p['studies'] == 1 else 'ies'}, "
                f"agreement {_number(p['observed_agreement'])}, "
                f"kappa {_number(p['cohen_kappa'])}, AC1 {_number(p['gwet_ac1'])}, PABAK {_number(p['pabak'])}")
            lines.append(
                f"    both include {p['both_include']}, both exclude {p['both_exclude']}, "
                f"{first} include/{second} exclude {p['first_include_second_exclude']}, "
                f"{first} exclude/{second} include {p['first_exclude_second_include']}"
                f" (maybe counted as include: {p['maybes']} maybe vote{'' if p['maybes'] == 1 else 's'})")
            if p["cohen_kappa"] is None:
                lines.append("    kappa is undefined because both screeners gave every study the same answer "
                             "(expected agreement 1); AC1 and PABAK still apply")
    return "\n".join(lines)
