"""Import speed: reading large exports with ``read_file`` and storing one with ``import_files``.

    .venv/bin/python benchmarks/records.py               # every case once, a table
    .venv/bin/python benchmarks/records.py --repeat 5 import import_medline   # medians of 5 runs

Inputs are real exports from ../shared (skipped when absent), replicated to about 10,000 records:
the Scopus RIS export of 255 records ×40, the MEDLINE file of 175 records ×60, the Zoological
Record (WoS tagged) file of 134 records ×75, and the dedupe benchmark's digital_work CSV (7,159
records) as is. BibTeX: the Scopus RIS case written by ``write_bibtex`` (10,200 entries, unique
keys). EndNote .enw: fixtures/records/enw/colrev__ais_enl.txt (6 records, AIS eLibrary) ×1,700.
``import``, ``import_medline``, ``import_bibtex`` and ``import_enw`` store the RIS, MEDLINE, BibTeX
and .enw cases with ``import_files`` into a fresh workspace; ``import_no_fts`` is a diagnostic: the
RIS import with the workspace's free-text (FTS5) index left out (the bulk store's index rows not
written), to show what that index costs per record. ``store`` and ``store_no_fts`` are diagnostics
too: the RIS case read first (not timed), then only ``store_source_records`` timed, in one
transaction with its commit, with and without the index rows — so reading, storing the rows and
indexing can be told apart (``ris`` + ``store`` ≈ ``import``). Each case runs in a
fresh process (so the peak RSS is that case's); wall time and the process's CPU time are both
reported, with the load average, because on a shared machine the wall time includes waiting for a
core; the import and store cases also report the size of the workspace's review.db afterwards (its
write-ahead log copied in, not timed). Prints a Markdown table (the README's Performance section).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SCREENER_SHARED", ROOT.parent / "shared"))
CASES = ("ris", "medline", "wos", "csv", "bibtex", "enw", "import", "import_medline", "import_bibtex", "import_enw",
         "import_no_fts", "store", "store_no_fts")
# not run by default (minutes each, and the 10^6 file is 2.5 GB): name them, e.g. `--repeat 1 import_1e5`
LARGE = {"import_1e5": 392, "import_1e6": 3922, "import_medline_1e5": 572}
LABELS = {
    "ris": "RIS (Scopus export ×40)", "medline": "MEDLINE/nbib (175-record file ×60)",
    "wos": "WoS tagged (Zoological Record ×75)", "csv": "CSV (digital_work benchmark)",
    "bibtex": "BibTeX (the RIS case written by write_bibtex)", "enw": "EndNote .enw (AIS eLibrary file ×1,700)",
    "import": "`import_files` of the RIS case into a workspace",
    "import_medline": "`import_files` of the MEDLINE case into a workspace",
    "import_bibtex": "`import_files` of the BibTeX case into a workspace",
    "import_enw": "`import_files` of the .enw case into a workspace",
    "import_no_fts": "diagnostic: the RIS import without the free-text index",
    "store": "diagnostic: storing the RIS case's records (read beforehand, not timed)",
    "store_no_fts": "diagnostic: storing them without the free-text index",
    "import_1e5": "`import_files` of the Scopus RIS export ×392 (one file)",
    "import_1e6": "`import_files` of the Scopus RIS export ×3,922 (one file)",
    "import_medline_1e5": "`import_files` of the MEDLINE file ×572 (one file)",
}


def _input(kind: str, tmp: Path) -> Path:
    fixtures = SHARED / "fixtures"
    if kind in LARGE:     # written copy by copy: the file is never in memory whole
        medline = "medline" in kind
        src = (fixtures / ("nbib/metaknowledge__medline_test.medline" if medline else
                           "ris/CiteSource__20221207_gambling-harms_scopus_255.ris")).read_text(encoding="utf-8")
        path = tmp / f"{kind}.{'nbib' if medline else 'ris'}"
        with open(path, "w", encoding="utf-8") as out:
            for _ in range(LARGE[kind]):
                out.write(src + "\n\n" if medline else src)
    elif kind in ("ris", "import", "import_no_fts", "store", "store_no_fts"):
        src = (fixtures / "ris/CiteSource__20221207_gambling-harms_scopus_255.ris").read_text(encoding="utf-8")
        path = tmp / "scopus_x40.ris"
        path.write_text(src * 40, encoding="utf-8")
    elif kind in ("bibtex", "import_bibtex"):
        sys.path.insert(0, str(ROOT))
        from screener.records import read_file
        from screener.records.bibtex import write_bibtex

        ris = _input("ris", tmp)
        path = tmp / "scopus_x40.bib"
        path.write_text(write_bibtex(read_file(ris).records), encoding="utf-8")
    elif kind in ("enw", "import_enw"):
        src = (ROOT / "fixtures/records/enw/colrev__ais_enl.txt").read_text(encoding="utf-8")
        path = tmp / "ais_x1700.enw"
        path.write_text((src.rstrip("\n") + "\n\n\n") * 1700, encoding="utf-8")
    elif kind in ("medline", "import_medline"):
        src = (fixtures / "nbib/metaknowledge__medline_test.medline").read_text(encoding="utf-8")
        path = tmp / "medline_x60.nbib"
        path.write_text((src + "\n\n") * 60, encoding="utf-8")
    elif kind == "wos":
        src = (fixtures / "wos/synthesisr__zoorec.txt").read_text(encoding="utf-8-sig")
        body = src.split("\nPT ", 1)[1].rsplit("\nEF", 1)[0]
        path = tmp / "zoorec_x75.txt"
        path.write_text("FN x\nVR 1.0\nPT " + "\nPT ".join([body] * 75) + "\nEF\n", encoding="utf-8")
    else:
        path = SHARED / "benchmarks/dedup/bib-dedupe/digital_work/records_pre_merged.csv"
    return path


def run_case(kind: str) -> None:
    sys.path.insert(0, str(ROOT))
    from screener.records import read_file

    tmp = Path(tempfile.mkdtemp())
    path = _input(kind, tmp)
    wall, cpu = time.perf_counter(), time.process_time()
    if kind.startswith("store"):
        from screener import Workspace
        from screener.workspace import store

        ws = Workspace.init(tmp / "ws")
        in_hand = read_file(path).records
        if kind == "store_no_fts":
            store.index_new_records = lambda conn, rows: None  # type: ignore
        wall, cpu = time.perf_counter(), time.process_time()
        with ws.transaction() as conn:
            records = len(store.store_source_records(conn, in_hand))
    elif kind.startswith("import"):
        from screener import Workspace
        from screener.workspace.importer import import_files

        ws = Workspace.init(tmp / "ws")
        if kind == "import_no_fts":      # the bulk store's index rows do not go in
            from screener.workspace import store

            store.index_new_records = lambda conn, rows: None  # type: ignore
        wall, cpu = time.perf_counter(), time.process_time()
        records = import_files(ws, [path]).records
    else:
        records = len(read_file(path).records)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    database = 0.0          # the workspace's review.db once its write-ahead log is copied in (not timed)
    if kind.startswith(("store", "import")):
        ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        database = (tmp / "ws" / "review.db").stat().st_size / 1e6
    print(f"{kind}\t{records}\t{path.stat().st_size / 1e6:.1f}\t{wall:.2f}\t{cpu:.2f}\t{rss:.0f}\t{database:.1f}")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)     # each import case left 100-200 MB in /tmp


def _once(kind: str) -> tuple[int, float, float, float, float, float]:
    out = subprocess.run([sys.executable, __file__, "--case", kind], capture_output=True, text=True,
                         check=True).stdout.strip().split("\t")
    _, records, mb, wall, cpu, rss, database = out
    return int(records), float(mb), float(wall), float(cpu), float(rss), float(database)


def repeat(n: int, kinds: list[str]) -> int:
    """Each case N times, interleaved (case 1, case 2, …, then again), with the median and range."""
    import statistics

    runs: dict[str, list[tuple[int, float, float, float, float, float]]] = {k: [] for k in kinds}
    loads = [os.getloadavg()[0]]
    for _ in range(n):
        for kind in kinds:
            runs[kind].append(_once(kind))
            loads.append(os.getloadavg()[0])
    print(f"{n} runs per case, load average {min(loads):.1f}–{max(loads):.1f} (cores: {os.cpu_count()})\n")
    print("| case | records | CPU s, median (range) | records/s (CPU, median) | wall s, median (range) | peak RSS MB "
          "| review.db MB |")
    print("|---|---|---|---|---|---|---|")
    for kind, rs in runs.items():
        cpu, wall = [r[3] for r in rs], [r[2] for r in rs]
        print(f"| {LABELS[kind]} | {rs[0][0]:,} | {statistics.median(cpu):.2f} ({min(cpu):.2f}–{max(cpu):.2f}) | "
              f"{rs[0][0] / statistics.median(cpu):,.0f} | {statistics.median(wall):.2f} ({min(wall):.2f}–{max(wall):.2f}) "
              f"| {max(r[4] for r in rs):.0f} | {f'{rs[0][5]:.1f}' if rs[0][5] else ''} |")
    return 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        run_case(sys.argv[2])
        return 0
    if len(sys.argv) >= 3 and sys.argv[1] == "--repeat":      # --repeat N [CASE...]: medians of N runs
        return repeat(int(sys.argv[2]), sys.argv[3:] or list(CASES))
    if not (SHARED / "fixtures").is_dir():
        print(f"{SHARED}/fixtures not present; nothing to measure")
        return 0
    print(f"load average before: {os.getloadavg()[0]:.1f} (cores: {os.cpu_count()})\n")
    print("| case | records | MB | wall s | CPU s | records/s (CPU) | peak RSS MB | review.db MB |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in CASES:
        out = subprocess.run([sys.executable, __file__, "--case", kind], capture_output=True, text=True,
                             check=True).stdout.strip().split("\t")
        _, records, mb, wall, cpu, rss, database = out
        rate = int(records) / float(cpu)
        print(f"| {LABELS[kind]} | {int(records):,} | {mb} | {wall} | {cpu} | {rate:,.0f} | {rss} | "
              f"{database if float(database) else ''} |")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
