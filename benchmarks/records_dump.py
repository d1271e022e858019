"""Every record of every fixture and ../shared file, as JSON lines, to show a reader change left
the output alone.

    .venv/bin/python benchmarks/records_dump.py before.jsonl     # on the code before the change
    .venv/bin/python benchmarks/records_dump.py after.jsonl      # on the code after it
    cmp before.jsonl after.jsonl

For each file under fixtures/ and ../shared ($SCREENER_SHARED) that ``read_file`` takes: one line
with its format, encoding, warnings, rejected records and search query, then one line per record
with every field (the verbatim ``raw`` text and the ``tags`` included); a file it refuses gives
one line with the error. Paths are written as found (relative for fixtures/), so the dumps of two
checkouts of the same fixtures compare byte for byte. The shared files carry publishers'
abstracts: write the dumps outside the repository.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SCREENER_SHARED", ROOT.parent / "shared"))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    sys.path.insert(0, str(ROOT))
    from screener.records import read_file

    os.chdir(ROOT)
    files = records = 0
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for root in (Path("fixtures"), SHARED):
            for path in sorted(p for p in root.rglob("*") if p.is_file() and p.stat().st_size <= 60_000_000):
                try:
                    result = read_file(path)
                except Exception as exc:          # refusals are part of the output too
                    out.write(json.dumps({"file": str(path), "error": f"{type(exc).__name__}: {exc}"}) + "\n")
                    continue
                files += 1
                out.write(json.dumps({"file": str(path), "format": result.format, "encoding": result.encoding,
                                      "warnings": [w.to_dict() for w in result.warnings],
                                      "rejected": [r.to_dict() for r in result.rejected],
                                      "search_query": result.search_query}, ensure_ascii=False) + "\n")
                for record in result.records:
                    records += 1
                    out.write(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True, default=repr) + "\n")
    print(f"{files} files read, {records} records", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
