"""The search workbench's server time: check + translate to every target, as the strategy page asks it.

`.venv/bin/python benchmarks/workbench.py [--repeat 30]`

One `POST /api/strategies/translate {"text", "from", "to": "all"}` per measurement — what the page
sends ~300 ms after the last keystroke: the strategy is parsed once, checked (problems with spans,
each line's meaning) and compiled for every target `query targets` lists. The app runs in this
process (Flask's test client, no network); "server time" is the app's own time for the request as
its `Server-Timing` header reports it (routing, authentication, the work and the JSON answer), and
"work" is the part inside the call (`server_ms` in the answer). Workloads: Table 1 as published
(../shared/seed, its mistakes and all), Table 1 as reconstructed (queries/toye2017/medline.ovid), and
the longest strategy of the CLEF TAR corpus (../shared/benchmarks/query/clef_tar) by characters and
by lines. Two warm-up requests each, then median, 95th percentile and maximum of --repeat requests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SCREENER_SHARED", ROOT.parent / "shared"))
TARGET_MS = 200.0


def workloads() -> list[tuple[str, str, str]]:
    out = []
    published = SHARED / "seed" / "table1_medline_as_published.txt"
    if published.is_file():
        out.append(("Table 1 as published (../shared/seed)", "ovid", published.read_text(encoding="utf-8")))
    out.append(("Table 1 reconstructed (queries/toye2017/medline.ovid)", "ovid",
                (ROOT / "queries" / "toye2017" / "medline.ovid").read_text(encoding="utf-8")))
    corpus = SHARED / "benchmarks" / "query" / "clef_tar" / "clef_tar_2017_2019_queries.json"
    if corpus.is_file():
        topics = json.loads(corpus.read_text(encoding="utf-8"))["topics"]
        distinct = {("pubmed" if t["syntax_guess"] == "pubmed" else "ovid", t["query"], t.get("topic", "")) for t in topics}
        longest = max(distinct, key=lambda x: len(x[1]))
        most_lines = max(distinct, key=lambda x: len([ln for ln in x[1].splitlines() if ln.strip()]))
        for what, (read, text, topic) in (("longest (characters)", longest), ("most lines", most_lines)):
            lines = len([ln for ln in text.splitlines() if ln.strip()])
            out.append((f"CLEF {what}: {topic or '?'} ({read}, {lines} lines, {len(text):,} chars)", read, text))
    else:
        print(f"note: {corpus} not found; CLEF rows skipped", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=30, help="requests per workload (default 30)")
    args = ap.parse_args()

    from screener import Workspace
    from screener.query import TARGETS
    from screener.web import create_app
    from screener.workspace.reviewers import add_reviewer

    tmp = tempfile.TemporaryDirectory(prefix="screener-workbench-bench-")
    ws = Workspace.init(Path(tmp.name) / "review", title="benchmark")
    token = add_reviewer(ws, "sam", "searcher")[1]
    app = create_app(ws.path, secret_key=b"b" * 48)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    rows = []
    for name, read, text in workloads():
        server, work, cpu = [], [], []
        for i in range(args.repeat + 2):
            c0 = time.process_time()
            answer = client.post("/api/strategies/translate", headers=headers,
                                 json={"text": text, "from": read, "to": "all"})
            c1 = time.process_time()
            assert answer.status_code == 200, answer.get_json()
            data = answer.get_json()
            assert list(data["targets"]) == list(TARGETS)
            if i < 2:
                continue
            server.append(float(re.search(r"dur=([\d.]+)", answer.headers["Server-Timing"]).group(1)))
            work.append(data["server_ms"])
            cpu.append((c1 - c0) * 1000)
        problems = len(data["check"]["problems"])
        rows.append((name, problems, server, work, cpu))

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, load average {load}; "
          f"{args.repeat} requests per workload after 2 warm-ups; {len(TARGETS)} targets\n")
    print("| strategy | problems | server time median | p95 | max | work median | CPU median | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    missed = False
    for name, problems, server, work, cpu in rows:
        ok = p95(server) < TARGET_MS
        missed |= not ok
        print(f"| {name} | {problems} | {statistics.median(server):.1f} ms | {p95(server):.1f} ms | {max(server):.1f} ms | "
              f"{statistics.median(work):.1f} ms | {statistics.median(cpu):.1f} ms | "
              f"< {TARGET_MS:.0f} ms {'met' if ok else 'NOT met'} |")
    app.extensions["screener"].ws.close()
    ws.close()
    tmp.cleanup()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
