"""Two commands writing one review at once, as real processes: each waits its turn (saying so), and
neither undoes nor doubles what the other did."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from screener.workspace import Workspace
from screener.workspace.imports import import_exports

ROOT = Path(__file__).resolve().parents[2]
SCOPUS = ROOT / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_scopus.ris"
WAITING = "another process is writing to this review"


def _start_waiting(args: list[str]) -> subprocess.Popen:
    """A command started while the review's write lock is held, returned once it says it waits."""
    process = subprocess.Popen([sys.executable, "-m", "screener", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stderr is not None
    first = process.stderr.readline()
    assert WAITING in first, first + process.stderr.read()
    return process


def test_the_same_export_imported_twice_at_once_comes_in_once(tmp_path):
    """Two `screener import DIR same.ris` at once (two team members, a command run twice): both
    checked that the file was new before either wrote, and both imported it — its records counted
    twice among those identified in PRISMA; run one after the other, the second is refused."""
    directory = tmp_path / "review"
    Workspace.init(directory).close()
    holder = sqlite3.connect(directory / "review.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")                    # a third writer: both commands queue behind it
    try:
        first = _start_waiting(["import", str(directory), str(SCOPUS)])
        second = _start_waiting(["import", str(directory), str(SCOPUS)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    results = [process.communicate(timeout=120) + (process.returncode,) for process in (first, second)]
    codes = sorted(code for _, _, code in results)
    assert codes == [0, 1], results
    refused = next(err for _, err, code in results if code == 1)
    assert "Traceback" not in refused and "already imported" in refused, refused
    assert refused.rstrip("\n").splitlines()[-1].startswith("error: "), refused
    conn = sqlite3.connect(directory / "review.db")
    assert conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM source_records").fetchone()[0] == 10


def test_two_dedupe_runs_at_once_merge_once(tmp_path):
    """Two `screener dedupe DIR` at once (an owner's double start, the web app's Deduplicate and the
    command line): both compared the same studies, then each wrote its merges — the second
    reported '165 studies before, 91 after … 74 records joined another study' for merges already
    made, and the audit log held every merge twice. The second now compares again what the first
    left and says nothing more was to be merged."""
    directory = tmp_path / "review"
    ws = Workspace.init(directory)
    for name in ("embase", "scopus", "webofscience", "cinahl", "psychInfo_ovid"):
        import_exports(ws, [ROOT / "fixtures" / "records" / "ris" / f"citation-file-formatting___baseline_{name}.ris"],
                       metadata={"database": name})
    ws.close()
    holder = sqlite3.connect(directory / "review.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        first = _start_waiting(["dedupe", str(directory), "--json"])
        second = _start_waiting(["dedupe", str(directory), "--json"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    reports = []
    for process in (first, second):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and "Traceback" not in err, err
        reports.append(json.loads(out))
    moved = sorted(report["records_moved"] for report in reports)
    assert moved[0] == 0 and moved[1] > 0, reports
    conn = sqlite3.connect(directory / "review.db")
    merges = conn.execute("SELECT count(*) FROM study_links WHERE kind = 'merge'").fetchone()[0]
    assert merges == moved[1]
