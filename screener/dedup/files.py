"""The standalone mode: deduplicate record files with no workspace, write groups of record IDs."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from screener.dedup.engine import find_duplicates
from screener.dedup.scorer import groups_csv
from screener.errors import UsageError
from screener.output import write_together
from screener.records import read_file
from screener.records.csv_safety import GuardedWriter


def record_ids(records, files: list[str]) -> list[str]:
    """Each record's ID as its file gives it (CSV id, RIS ID, AN); 'file:number' when it has none.
    When IDs repeat across files, every ID is qualified as 'file name:ID'."""
    raw = [r.record_id or f"{Path(r.file).name}:{r.record_number}" for r in records]
    if len(set(raw)) == len(raw):
        return raw
    counts = Counter(raw)
    # a record without an ID is already named by its file ('file:number'): not qualified twice
    return [f"{Path(r.file).name}:{rid}" if r.record_id and (counts[rid] > 1 or len(files) > 1) else rid
            for r, rid in zip(records, raw)]


def dedupe_files(paths: Sequence[str | Path], groups_out: str | Path, *, pairs_out: str | Path | None = None,
                 join_errata: bool = False, database: str | None = None) -> dict[str, Any]:
    """Read record files (any format ``read_file`` knows), find duplicate groups, write them as one
    row per group of ';'-separated record IDs (header ``merged_ids``). Uncertain pairs go to
    ``pairs_out`` when given. Erratum notices stay out of their article's group unless
    ``join_errata`` (a group is then strictly copies of one publication)."""
    if not paths:
        raise UsageError("give at least one record file")
    records = []
    per_file = {}
    for path in paths:
        if Path(path).is_dir():
            raise UsageError(f"{path}: a directory; the standalone mode takes record files "
                             f"(a workspace is deduplicated alone: `screener dedupe DIR`)")
        result = read_file(path, database=database)
        for record in result.records:
            if not record.file:
                record.file = str(path)
        per_file[str(path)] = len(result.records)
        records.extend(result.records)
    ids = record_ids(records, [str(p) for p in paths])
    found = find_duplicates(records, join_errata=join_errata)
    groups = [[ids[i] for i in g] for g in found.groups]
    outputs = [(Path(groups_out), groups_csv(groups), "--groups-out")]
    if pairs_out:
        text = io.StringIO()
        writer = GuardedWriter(text, lineterminator="\n")
        writer.writerow(["id_a", "id_b", "score", "erratum", "reasons"])
        for p in found.maybe_pairs:
            writer.writerow([ids[p.a], ids[p.b], round(p.verdict.score, 1), int(p.verdict.erratum),
                             "; ".join(p.verdict.reasons)])
        outputs.append((Path(pairs_out), text.getvalue(), "--pairs-out"))
    write_together(outputs)       # both or neither
    return {
        "records": len(records), "files": per_file, "groups": len(groups),
        "records_in_groups": sum(len(g) for g in groups),
        "removable": sum(len(g) - 1 for g in groups),
        "uncertain_pairs": len(found.maybe_pairs),
        "errata": [{"notice": ids[n], "article": ids[a]} for n, a in found.errata],
        "groups_out": str(groups_out), "pairs_out": str(pairs_out) if pairs_out else None,
    }
