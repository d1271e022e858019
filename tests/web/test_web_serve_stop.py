"""`screener serve` stopped with Ctrl+C, as its own line asks ('Ctrl+C to stop'): it ended without a
word (the access log's last request the last line), so the owner could not tell a stop from a
crash, nor whether the votes in flight were kept."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request


def test_ctrl_c_stops_the_server_saying_so(review):
    ws, studies, tokens = review
    ws.close()
    # a test run started in the background by a shell (`make test &`, CI runners) ignores SIGINT, and an
    # ignored signal stays ignored in the child: the server would never see the Ctrl+C this sends
    proc = subprocess.Popen([sys.executable, "-m", "screener", "serve", str(ws.path), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        line = proc.stdout.readline()
        assert "(Ctrl+C to stop)" in line, line + proc.stderr.read()
        url = line.split(" on ", 1)[1].split("/ ", 1)[0]
        with urllib.request.urlopen(f"{url}/signin", timeout=60) as page:   # serving: in its loop
            assert page.status == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    assert err.splitlines()[-1] == ("Stopped (Ctrl+C): every answered vote and change is recorded; "
                                    f"`screener serve {ws.path}` starts it again."), err
