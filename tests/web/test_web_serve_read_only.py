"""`screener serve` on a review this user cannot write (a backup copy, another user's folder, a
read-only disk): it started ('Serving … (Ctrl+C to stop)'), and then every sign-in, every queue and
every vote was a 503 'the workspace is read-only' — the owner learnt it from the screeners. Now it
refuses to start, in one line saying why and what to do. Run as an unprivileged user (root may write
anything); skipped, saying why, where that cannot be done."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from screener.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


def test_serve_refuses_a_review_it_cannot_write(tmp_path):
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the server as a user who cannot write the review")
    base = Path(tempfile.mkdtemp(prefix="screener-ro-serve-"))
    try:
        os.chmod(base, 0o755)
        review = base / "review"
        Workspace.init(review).close()
        for path in [review, *review.iterdir()]:
            os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH | (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH
                                                                         if path.is_dir() else 0))
        proc = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
                                 "screener", "serve", str(review), "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        try:
            first = proc.stdout.readline()           # '' once it has exited; the announcement if it serves
        finally:
            if proc.poll() is None and first:
                proc.kill()
        out, err = proc.communicate(timeout=120)
        if "No module named screener" in err or ("Permission denied" in err and "python" in err.lower()):
            pytest.skip("the unprivileged user cannot run this checkout's Python")
        assert not first.startswith("Serving"), first + err
        assert proc.returncode == 1, err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert f"{review}: this user cannot write the review" in err and "status, export and report" in err, err
    finally:
        for path in base.rglob("*"):
            os.chmod(path, 0o700)
        shutil.rmtree(base, ignore_errors=True)
