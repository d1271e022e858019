"""Import + dedupe at scale, through the CLI, into one workspace:

    .venv/bin/python benchmarks/scale.py 100000 250000          # N records each (default: 100000)
    .venv/bin/python benchmarks/scale.py --split 100000 1000000 # imported as files of 100,000, one command each

For each N: the five bib-dedupe labelled sets (../shared/benchmarks/dedup, 15,710 records with
their duplicate groups) are replicated to N records with ``benchmarks/dedup.py``'s ``build_scaled``
— replica *k* rotates the letters of titles, authors and journals by *k* and moves volumes by
1000·*k*, so each replica is a different set of studies with the labelled duplicate structure, and
every record is perturbed (case, trailing period, author format, short page ranges) — and written
as one CSV (``--split M``: files of M records, each imported by its own command, as a living
review's exports arrive). Then, each in its own process, as a user runs them: ``screener init``,
``screener import DIR FILE --database Benchmark`` and ``screener dedupe DIR --json``. Each step's
wall time, CPU time (user + system, from wait4) and peak RSS are reported, with the load average;
the workspace's studies are scored against the replicated labels with ``screener.dedup.scorer``
(sensitivity over removable duplicates, wrong merges). A workspace joins erratum notices to
their article's study (flagged), which the labels keep apart: those joins count as wrong merges
here, and the errata column says how many there were. Not run in the tests: a benchmark.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dedup import SHARED, build_scaled  # noqa: E402

from screener.dedup.scorer import score  # noqa: E402


def _run(args: list[str]) -> dict:
    """Run `python -m screener ARGS` (output to files, so wait4 can reap it and give its CPU time
    and peak RSS): wall s, CPU s, peak MB, load average at the start, stdout."""
    start = time.perf_counter()
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "screener", *args], stdout=out, stderr=err, text=True,
                                cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"screener {' '.join(args)} failed: {err.read().strip()[-500:]}")
        return {"wall": round(wall, 1), "cpu": round(usage.ru_utime + usage.ru_stime, 1),
                "peak_mb": usage.ru_maxrss // 1024, "load": round(load, 1), "out": out.read()}


def _studies(directory: Path) -> list[list[str]]:
    """The workspace's studies of two or more records, as lists of the CSV's record IDs."""
    conn = sqlite3.connect(directory / "review.db")
    rows = conn.execute("SELECT c.study_id, json_extract(s.record, '$.record_id') FROM source_records s"
                        " JOIN (SELECT l.source_record_id, l.study_id FROM study_links l WHERE l.id ="
                        " (SELECT max(id) FROM study_links m WHERE m.source_record_id = l.source_record_id)) c"
                        " ON c.source_record_id = s.id").fetchall()
    conn.close()
    groups: dict[int, list[str]] = {}
    for study, rid in rows:
        groups.setdefault(study, []).append(rid)
    return [g for g in groups.values() if len(g) > 1]


def _split(path: Path, size: int) -> list[Path]:
    """The CSV cut into files of ``size`` records (each with the header), as exports arrive."""
    parts: list[Path] = []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        out = writer = None
        for i, row in enumerate(reader):
            if i % size == 0:
                if out is not None:
                    out.close()
                parts.append(path.with_name(f"{path.stem}_part{len(parts) + 1:02d}.csv"))
                out = open(parts[-1], "w", newline="", encoding="utf-8")
                writer = csv.writer(out)
                writer.writerow(header)
            assert writer is not None
            writer.writerow(row)
        if out is not None:
            out.close()
    path.unlink()
    return parts


def measure(n: int, workdir: Path, split: int = 0) -> dict:
    started = time.perf_counter()
    path, truth = build_scaled(n, workdir)
    files = _split(path, split) if split and split < n else [path]
    built = time.perf_counter() - started
    directory = workdir / f"ws_{n}"
    _run(["init", str(directory)])
    steps = []
    for part in files:      # one `screener import` per file
        steps.append(_run(["import", str(directory), str(part), "--database", "Benchmark", "--json"]))
    records = sum(json.loads(step.pop("out"))["records"] for step in steps)
    imported = {"wall": round(sum(st["wall"] for st in steps), 1), "cpu": round(sum(st["cpu"] for st in steps), 1),
                "peak_mb": max(st["peak_mb"] for st in steps), "load": steps[0]["load"], "files": len(files)}
    deduped = _run(["dedupe", str(directory), "--json"])
    report = json.loads(deduped.pop("out"))
    s = score(_studies(directory), truth)
    return {"records": records, "mb": round(sum(f.stat().st_size for f in files) / 1e6, 1), "build_s": round(built, 1),
            "import": imported, "dedupe": deduped, "merged_records": report["records_moved"],
            "queued_pairs": report["queued_pairs"], "errata": len(report["errata_joined"]), "removable": s["removable"],
            "sensitivity": s["sensitivity_removable"], "wrong_merges": s["removed_wrongly"],
            "db_mb": round((directory / "review.db").stat().st_size / 1e6)}


def main() -> int:
    args = sys.argv[1:]
    split = 0
    if args[:1] == ["--split"]:
        split, args = int(args[1]), args[2:]
    sizes = [int(a) for a in args] or [100_000]
    if not SHARED.is_dir():
        print(f"{SHARED} not present; nothing to measure")
        return 0
    print(f"cores: {os.cpu_count()}, started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| records | CSV MB | import wall s (CPU s) | import records/s (CPU) | import peak MB | dedupe wall s (CPU s) "
          "| dedupe peak MB | total wall s | merged records | queued pairs | errata joined | sensitivity | wrong merges "
          "| load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory(dir=os.environ.get("SCALE_TMP")) as tmp:
            r = measure(n, Path(tmp), split)
        i, d = r["import"], r["dedupe"]
        files = f" in {i['files']} files" if i["files"] > 1 else ""
        print(f"| {r['records']:,}{files} | {r['mb']} | {i['wall']} ({i['cpu']}) | {r['records'] / i['cpu']:,.0f} | "
              f"{i['peak_mb']:,} | {d['wall']} ({d['cpu']}) | {d['peak_mb']:,} | {i['wall'] + d['wall']:.1f} | "
              f"{r['merged_records']:,} | {r['queued_pairs']:,} | {r['errata']:,} | {r['sensitivity']:.3f} | "
              f"{r['wrong_merges']} | "
              f"{i['load']}–{d['load']} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
