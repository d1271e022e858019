"""Idle or slow connections cannot starve the others (issue 21: 110 idle TCP connections made
`/api/me` take 71 s: waitress's default connection limit of 100 and its 60 s channel timeout).
The benchmark with 2,000 idle sockets is benchmarks/idle_sockets.py."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request


def _connect(host: str, port: int, partial: bool) -> socket.socket:
    s = socket.create_connection((host, port), timeout=10)
    if partial:                    # a slow client: half a request, then nothing
        s.sendall(b"GET /api/me HTTP/1.1\r\nHost: x\r\n")
    return s


def test_api_answers_while_300_idle_sockets_are_open(review):
    ws, _, tokens = review
    ws.close()
    proc = subprocess.Popen([sys.executable, "-m", "screener", "serve", str(ws.path), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    idle = []
    try:
        line = proc.stdout.readline()
        url = line.split(" on ", 1)[1].split("/ ", 1)[0]
        host, port = url.rsplit("//", 1)[1].rsplit(":", 1)
        idle = [_connect(host, int(port), partial=i % 2 == 1) for i in range(300)]
        time.sleep(0.5)
        request = urllib.request.Request(f"{url}/api/me",
                                         headers={"Authorization": f"Bearer {tokens['alice']}"})
        t0 = time.perf_counter()
        with urllib.request.urlopen(request, timeout=20) as answer:
            assert answer.status == 200 and b'"alice"' in answer.read()
        assert time.perf_counter() - t0 < 2.0
    finally:
        for s in idle:
            s.close()
        proc.terminate()
        proc.wait(timeout=30)
