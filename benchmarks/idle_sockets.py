"""Idle sockets against the web server: can one reviewer still get an answer?

    nice -n 10 .venv/bin/python benchmarks/idle_sockets.py [--idle 2000] [--requests 20] [--old]

Builds a small workspace with one screener, starts `screener serve` on 127.0.0.1 (a separate
process, as a user runs it), opens ``--idle`` TCP connections to it — half of them send nothing,
half send half a request and then nothing (a slow client) — and while they stay open times
``GET /api/me`` with the screener's token ``--requests`` times, each a new connection. Prints a
Markdown table. ``--old`` serves with the waitress options used before issue 21
(connection_limit 100, select(), channel_timeout 60) for comparison; each request gives up after
``--timeout`` seconds. Bounded: the sockets are closed and the server stopped at the end.
"""

from __future__ import annotations

import argparse
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener import Record, Workspace  # noqa: E402
from screener.workspace.reviewers import add_reviewer  # noqa: E402

OLD_SERVER = """
import sys
from waitress import create_server
from screener.web.app import create_app
app = create_app(sys.argv[1], loopback_only=True)
server = create_server(app, host="127.0.0.1", port=0, threads=8, ident="screener",
                       clear_untrusted_proxy_headers=True, channel_timeout=60)
print(f"Serving on http://127.0.0.1:{server.effective_port}/ (old options)", flush=True)
server.run()
"""


def build(base: Path) -> tuple[Path, str]:
    ws = Workspace.init(base / "review", title="Idle sockets")
    with ws.transaction():
        ws.add_source_records([Record(title=f"Study {i}", abstract="Text.", database="bench",
                                      record_number=i + 1) for i in range(50)])
    token = add_reviewer(ws, "alice", "screener")[1]
    ws.close()
    return ws.path, token


def start(path: Path, old: bool) -> tuple[subprocess.Popen, str]:
    cmd = ([sys.executable, "-c", OLD_SERVER, str(path)] if old else
           [sys.executable, "-m", "screener", "serve", str(path), "--port", "0"])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = proc.stdout.readline()
    if " on http://" not in line:
        proc.kill()
        raise SystemExit(f"server did not start: {line}{proc.stderr.read()}")
    return proc, line.split(" on ", 1)[1].split("/ ", 1)[0].rstrip("/")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--idle", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--old", action="store_true", help="waitress options from before issue 21")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < args.idle + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, args.idle + 200), hard))
    with tempfile.TemporaryDirectory() as tmp:
        path, token = build(Path(tmp))
        proc, url = start(path, args.old)
        host, port = url.rsplit("//", 1)[1].rsplit(":", 1)
        idle: list[socket.socket] = []
        times: list[float] = []
        failures = 0
        try:
            warm = urllib.request.Request(f"{url}/api/me", headers={"Authorization": f"Bearer {token}"})
            urllib.request.urlopen(warm, timeout=60).read()     # the first request loads the app
            t0 = time.perf_counter()
            refused = 0
            for i in range(args.idle):
                try:
                    s = socket.create_connection((host, int(port)), timeout=args.timeout)
                except OSError:           # the old server's backlog fills: connect() times out
                    refused += 1
                    if refused >= 3:
                        break
                    continue
                if i % 2:
                    s.sendall(b"GET /api/me HTTP/1.1\r\nHost: x\r\n")
                idle.append(s)
            opened = time.perf_counter() - t0
            first = _timed(url, token, args.timeout)   # at once: the server may still be accepting them
            time.sleep(2.0)
            for _ in range(args.requests):
                elapsed = _timed(url, token, args.timeout)
                if elapsed is not None:
                    times.append(elapsed)
                else:
                    failures += 1
                    if failures >= 3:
                        break
            alive = sum(1 for s in idle if _alive(s))
            print("times (ms):", " ".join(f"{t * 1000:.0f}" for t in times), file=sys.stderr)
        finally:
            for s in idle:
                s.close()
            proc.terminate()
            proc.wait(timeout=30)
    print("| server | idle sockets opened | opened in | first /api/me right after | then /api/me answered | median | max "
          "| idle sockets still open at the end |")
    print("|---|---|---|---|---|---|---|---|")
    med = f"{statistics.median(times) * 1000:.1f} ms" if times else "-"
    mx = f"{max(times) * 1000:.1f} ms" if times else "-"
    server = "waitress, old options" if args.old else "screener serve"
    first_answer = "timed out" if first is None else f"{first * 1000:.0f} ms"
    print(f"| {server} | {len(idle):,} of {args.idle:,} | {opened:.2f} s | {first_answer} "
          f"| {len(times)} of {len(times) + failures} (timeout {args.timeout:g} s) | {med} | {mx} | {alive:,} |")


def _timed(url: str, token: str, timeout: float) -> float | None:
    """Seconds for one GET /api/me on a new connection, or None when it fails or times out."""
    request = urllib.request.Request(f"{url}/api/me", headers={"Authorization": f"Bearer {token}"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            answer.read()
            ok = answer.status == 200
    except OSError:
        ok = False
    return time.perf_counter() - t if ok else None


def _alive(s: socket.socket) -> bool:
    try:
        s.setblocking(False)
        data = s.recv(1, socket.MSG_PEEK)
        return data != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


if __name__ == "__main__":
    main()
