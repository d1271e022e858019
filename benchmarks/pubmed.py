"""PubMed search benchmark: requests, wall time at NCBI's 3 requests/s, peak memory, by result size.

Runs ``search_pubmed`` end to end (ESearch, date slicing over 10,000, EPost, EFetch in batches of
500, staging, import) against the local E-utilities stand-in, which enforces NCBI's limit (HTTP 429
above 3 requests in any sliding second) and logs when each request arrived. The client uses the
production pacing (3/s with its 0.15 s margin) and backoff.

The stand-in and the client run in separate processes, so the client's peak RSS is the search's
own. Memory should stay flat as the result grows: one EFetch batch is parsed at a time and records
are streamed from staging into the workspace. ``--traced`` adds the ``tracemalloc`` peak (Python
allocations during the search; it slows the run about threefold, so wall times are then not
comparable).

    .venv/bin/python benchmarks/pubmed.py            # 2,500, 12,500 and 25,000 records
    .venv/bin/python benchmarks/pubmed.py 25000      # one size
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screener import Workspace  # noqa: E402
from screener.search import search_pubmed  # noqa: E402
from screener.search.ratelimit import RateLimiter  # noqa: E402
from screener.search.standin import EutilsStandin  # noqa: E402


def dates(i: int) -> dt.date:
    """30 years of records; one in five dated by year only (PubMed files those on 1 January)."""
    year = 1995 + i % 30
    if i % 5 == 0:
        return dt.date(year, 1, 1)
    return dt.date(year, 1, 1) + dt.timedelta(days=(i * 37) % 365)


def serve(size: int, stats_path: str) -> None:
    """Child process: the stand-in; on SIGTERM it writes what it saw to ``stats_path``."""
    server = EutilsStandin(generated=size, generated_dates=dates, enforce_rate=True)

    def finish(*_):
        by_kind: dict[str, int] = {}
        for request in server.requests:
            by_kind[request.endpoint] = by_kind.get(request.endpoint, 0) + 1
        Path(stats_path).write_text(json.dumps({
            "requests": len(server.requests), "by_endpoint": by_kind,
            "http_429": sum(1 for r in server.requests if r.status == 429),
            "max_in_1s_window": server.max_in_window(1.0)}))
        server.stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, finish)
    print(server.start(), flush=True)
    while True:
        time.sleep(3600)


def client(url: str, size: int, traced: bool) -> None:
    """Child process: one search into a fresh workspace; prints its measurements as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.init(Path(tmp) / "review")
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_SELF)
        cpu_before = before.ru_utime + before.ru_stime
        report = search_pubmed(ws, query="chronic pain AND qualitative", eutils_url=url,
                               email="benchmark@example.org", limiter=RateLimiter(rate=3))
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime - cpu_before
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        imported = ws.db.execute("SELECT count(DISTINCT pmid), count(*) FROM source_records").fetchone()
        ws.close()
    assert imported[0] == imported[1] == size, imported
    print(json.dumps({"records": size, "imported": imported[0], "slices": len(report.slices),
                      "client_requests": report.requests, "retries": report.retries,
                      "wall_seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
                      "peak_traced_mb": round(peak / 1e6, 1) if traced else None,
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def run(size: int, traced: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        stats = Path(tmp) / "server.json"
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(size), str(stats)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            url = server.stdout.readline().strip()
            args = [sys.executable, __file__, "--client", url, str(size)] + (["--traced"] if traced else [])
            done = subprocess.run(args, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"client failed for {size} records:\n{done.stderr}")
            out = done.stdout
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        result = json.loads(out.strip().splitlines()[-1])
        result.update(json.loads(stats.read_text()))
    return result


def main(argv: list[str]) -> None:
    if argv[:1] == ["--serve"]:
        return serve(int(argv[1]), argv[2])
    if argv[:1] == ["--client"]:
        return client(argv[1], int(argv[2]), "--traced" in argv)
    traced = "--traced" in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [2_500, 12_500, 25_000]
    rows = [run(size, traced) for size in sizes]
    print(json.dumps(rows, indent=2))
    print("\n| records | requests (esearch/epost/efetch) | 429s | max in any 1 s | slices | wall time | "
          "client CPU | least possible at 3/s | client peak RSS |" + (" peak traced |" if traced else ""))
    print("|---|---|---|---|---|---|---|---|---|" + ("---|" if traced else ""))
    for r in rows:
        e = r["by_endpoint"]
        print(f"| {r['records']:,} | {r['requests']} ({e.get('esearch', 0)}/{e.get('epost', 0)}/"
              f"{e.get('efetch', 0)}) | {r['http_429']} | {r['max_in_1s_window']} | {r['slices']} | "
              f"{r['wall_seconds']} s | {r['cpu_seconds']} s | {round((r['requests'] - 1) / 3 * 1.15, 1)} s | "
              f"{r['peak_rss_mb']} MB |"
              + (f" {r['peak_traced_mb']} MB |" if traced else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
