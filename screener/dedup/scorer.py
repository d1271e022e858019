"""Scoring predicted duplicate groups against labelled groups (the ../shared/benchmarks/dedup format).

Two conventions, both reported:
- pairwise: every pair of records inside one group is a positive; precision and recall over pairs.
- "removable" (ASySD, bib-dedupe): a perfect deduplicator removes (records in groups − groups)
  records. A predicted group keeps one record; of the others, a record is removed correctly when
  a record of its own true group stays in the predicted group, wrongly when its true group (or it,
  a unique record) is not otherwise represented there. ``removed_wrongly`` counts wrong merges:
  each is a distinct study that would vanish from screening.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from screener.output import write_atomically
from screener.records.csv_safety import GuardedWriter, unguard, written_by_us


def read_groups(path: str | Path) -> list[list[str]]:
    """One group per row, IDs separated by ';' (header 'merged_ids' optional)."""
    groups = []
    with open(path, newline="", encoding="utf-8") as handle:
        ours = written_by_us(handle.readline())     # only our own files carry our CSV guard
        handle.seek(0)
        for row in csv.reader(handle):
            if not row or row[0].strip().lower() in {"merged_ids", "case"}:
                continue
            ids = [x.strip() for x in (unguard(row[0]) if ours else row[0]).split(";") if x.strip()]
            if len(ids) > 1:
                groups.append(ids)
    return groups


def groups_csv(groups: Iterable[Sequence[str]]) -> str:
    """Duplicate groups in the labelled sets' format: a ``merged_ids`` column, one row per group of
    ';'-separated record IDs."""
    text = io.StringIO()
    writer = GuardedWriter(text, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["merged_ids"])
    for group in groups:
        writer.writerow([";".join(group)])
    return text.getvalue()


def write_groups(path: str | Path, groups: Iterable[Sequence[str]]) -> int:
    """Write ``groups`` to ``path`` whole or not at all; returns how many."""
    groups = list(groups)
    write_atomically(Path(path), groups_csv(groups), "--groups-out")
    return len(groups)


def _pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    out = set()
    for g in groups:
        members = sorted(set(g))
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                out.add((members[i], members[j]))
    return out


def score(predicted: list[list[str]], truth: list[list[str]]) -> dict:
    true_pairs, found_pairs = _pairs(truth), _pairs(predicted)
    correct = len(true_pairs & found_pairs)
    label_of = {rid: n for n, g in enumerate(truth) for rid in g}
    removable = sum(len(g) - 1 for g in truth)
    removed_correctly = removed_wrongly = 0
    for group in predicted:
        classes = {label_of.get(rid, ("unique", rid)) for rid in group}
        removed_wrongly += len(classes) - 1
        removed_correctly += len(group) - len(classes)
    precision = correct / len(found_pairs) if found_pairs else 1.0
    recall = correct / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pair_precision": round(precision, 5), "pair_recall": round(recall, 5), "pair_f1": round(f1, 5),
        "true_pairs": len(true_pairs), "found_pairs": len(found_pairs),
        "false_pairs": len(found_pairs - true_pairs), "missed_pairs": len(true_pairs - found_pairs),
        "removable": removable, "removed_correctly": removed_correctly, "removed_wrongly": removed_wrongly,
        "sensitivity_removable": round(removed_correctly / removable, 5) if removable else 1.0,
    }
