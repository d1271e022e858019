"""A read-only workspace (issue 21): it was called "not a usable SQLite database ... restore it
from a backup" although intact, and `status` and `export` were refused. Now it can be read
(status, export, reports) and a write says "read-only". Run as an unprivileged user: root may
write anything (skipped when neither that nor a non-root run is possible)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "records" / "ris" / "jabref__RisImporterTest1.ris"


def _as_reader(args: list[str]) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "screener", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make the workspace read-only")
        cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_a_read_only_workspace_can_be_read_and_says_read_only_on_write():
    from screener.cli.main import run

    base = Path(tempfile.mkdtemp(prefix="screener-ro-"))
    try:
        os.chmod(base, 0o755)
        review, out = base / "review", base / "out"
        assert run(["init", str(review), "--title", "Read-only"]) == 0
        assert run(["import", str(review), str(FIXTURE)]) == 0
        out.mkdir()
        os.chmod(out, 0o777)
        for path in [review, *review.iterdir()]:
            os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH | (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH
                                                                         if path.is_dir() else 0))
        probe = _as_reader(["status", str(review)])
        if ("Permission denied" in probe.stderr and "python" in probe.stderr.lower()) \
                or "No module named screener" in probe.stderr:
            # e.g. a checkout inside `mktemp -d` (mode 700): the unprivileged user cannot read it
            pytest.skip("the unprivileged user cannot run this checkout's Python or read its screener/")
        assert probe.returncode == 0, probe.stderr
        assert "restore it from a backup" not in probe.stderr
        exported = _as_reader(["export", str(review), "--format", "csv", "--out", str(out / "studies.csv")])
        assert exported.returncode == 0, exported.stderr
        assert (out / "studies.csv").read_text(encoding="utf-8").count("\n") > 5
        report = _as_reader(["report", "prisma", str(review), "--out", str(out / "prisma.svg")])
        assert report.returncode == 0, report.stderr
        write = _as_reader(["import", str(review), str(ROOT / "fixtures" / "records" / "ris" / "jabref__RisImporterTest3.ris")])
        assert write.returncode == 1 and "read-only" in write.stderr and "Traceback" not in write.stderr
        assert write.stderr.count("\n") == 1
    finally:
        for path in base.rglob("*"):
            os.chmod(path, 0o700)
        shutil.rmtree(base, ignore_errors=True)
