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
by lines (``--all``: every distinct strategy of the corpus, the slowest listed). Two warm-up requests
each, then median, 95th percentile and maximum of --repeat requests. The workbench keeps its last
answers (``screener.query.workbench.forget_answers``): they are forgotten before every measured
request, so the figures are the work for a text not seen before (every keystroke's case); the
"asked again" column is the same text sent again (undo, a word typed and deleted), answered from
the kept answer. "Typing" is the case of the page while one types: each request is the text before
it with one more character typed into a word of a middle line (--repeat characters), after the text
before it was answered, so the lines compiled for it are kept (``screener.query.dialects.reuse``)
and only the edited line and the lines that contain it are compiled again.
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


def workloads(every: bool = False) -> list[tuple[str, str, str]]:
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
        named = [("longest (characters)", longest), ("most lines", most_lines)]
        if every:    # each distinct text once (a few topics share one strategy)
            seen = {(longest[0], longest[1]), (most_lines[0], most_lines[1])}
            for x in sorted(distinct, key=lambda x: (x[2], x[0], x[1])):
                if (x[0], x[1]) not in seen:
                    seen.add((x[0], x[1]))
                    named.append(("", x))
        for what, (read, text, topic) in named:
            lines = len([ln for ln in text.splitlines() if ln.strip()])
            label = f"CLEF {what}: " if what else "CLEF "
            out.append((f"{label}{topic or '?'} ({read}, {lines} lines, {len(text):,} chars)", read, text))
    else:
        print(f"note: {corpus} not found; CLEF rows skipped", file=sys.stderr)
    return out


def keystrokes(text: str, count: int) -> list[str]:
    """``text``, then ``count - 1`` texts each with one more character typed after the first word of
    four letters or more of the middle line that has one (as one types a word's ending)."""
    lines = text.split("\n")
    order = sorted(range(len(lines)), key=lambda k: abs(k - len(lines) // 2))
    for k in order:
        m = re.search(r"[A-Za-z]{4,}", lines[k])
        if m:
            break
    else:
        k, m = len(lines) - 1, None
    at = m.end() if m else len(lines[k])
    out = []
    for n in range(count):
        edited = list(lines)
        edited[k] = lines[k][:at] + "s" * n + lines[k][at:]
        out.append("\n".join(edited))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=30, help="requests per workload (default 30)")
    ap.add_argument("--all", action="store_true", help="every distinct CLEF strategy (the slowest are listed)")
    args = ap.parse_args()

    from screener import Workspace
    from screener.query import TARGETS
    from screener.query.workbench import forget_answers
    from screener.web import create_app
    from screener.workspace.reviewers import add_reviewer

    tmp = tempfile.TemporaryDirectory(prefix="screener-workbench-bench-")
    ws = Workspace.init(Path(tmp.name) / "review", title="benchmark")
    token = add_reviewer(ws, "sam", "searcher")[1]
    app = create_app(ws.path, secret_key=b"b" * 48)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def ask(text: str, read: str):
        answer = client.post("/api/strategies/translate", headers=headers,
                             json={"text": text, "from": read, "to": "all"})
        assert answer.status_code == 200, answer.get_json()
        return answer, float(re.search(r"dur=([\d.]+)", answer.headers["Server-Timing"]).group(1))

    rows = []
    for name, read, text in workloads(args.all):
        server, work, cpu, again = [], [], [], []
        for i in range(args.repeat + 2):
            forget_answers()
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
        for _ in range(max(3, args.repeat // 3)):
            again.append(ask(text, read)[1])
        typing, typing_cpu = [], []
        forget_answers()
        for i, typed in enumerate(keystrokes(text, args.repeat + 1)):
            c0 = time.process_time()
            ms = ask(typed, read)[1]
            c1 = time.process_time()
            if i:        # the first text is the strategy as it was: its lines are compiled here
                typing.append(ms)
                typing_cpu.append((c1 - c0) * 1000)
        problems = len(data["check"]["problems"])
        rows.append((name, problems, server, work, cpu, again, typing, typing_cpu))

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, load average {load}; "
          f"{args.repeat} requests per workload after 2 warm-ups; {len(TARGETS)} targets\n")
    print("| strategy | problems | server time median | p95 | max | work median | CPU median | asked again, median "
          "| typing: server time median / p95 / CPU median | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    missed = False
    shown = rows
    if args.all:    # the named workloads, then the five slowest of the rest
        named = [r for r in rows if not r[0].startswith("CLEF CD")]
        shown = named + sorted((r for r in rows if r not in named), key=lambda r: -statistics.median(r[2]))[:5]
    for row in rows:
        name, problems, server, work, cpu, again, typing, typing_cpu = row
        ok = p95(server) < TARGET_MS
        missed |= not ok
        if row not in shown and ok:
            continue
        print(f"| {name} | {problems} | {statistics.median(server):.1f} ms | {p95(server):.1f} ms | {max(server):.1f} ms | "
              f"{statistics.median(work):.1f} ms | {statistics.median(cpu):.1f} ms | {statistics.median(again):.1f} ms | "
              f"{statistics.median(typing):.1f} / {p95(typing):.1f} / {statistics.median(typing_cpu):.1f} ms | "
              f"< {TARGET_MS:.0f} ms {'met' if ok else 'NOT met'} |")
    if args.all:
        medians = sorted((statistics.median(r[2]), r[0]) for r in rows)
        cpus = sorted(statistics.median(r[4]) for r in rows)
        typed = sorted(statistics.median(r[6]) for r in rows)
        print(f"\n{len(rows)} strategies: server time median {medians[0][0]:.1f}–{medians[-1][0]:.1f} ms "
              f"(slowest: {medians[-1][1]}), CPU median {cpus[0]:.1f}–{cpus[-1]:.1f} ms; "
              f"{sum(1 for r in rows if p95(r[2]) >= TARGET_MS)} with p95 ≥ {TARGET_MS:.0f} ms; "
              f"typing: server time median {typed[0]:.1f}–{typed[-1]:.1f} ms")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    app.extensions["screener"].ws.close()
    ws.close()
    tmp.cleanup()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
