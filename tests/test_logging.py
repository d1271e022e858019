"""Unconfigured, the package's warnings and errors still reach stderr (Python's last-resort
handler): importing screener installs no handler that would swallow them."""

from __future__ import annotations

import subprocess
import sys


def test_a_package_warning_reaches_stderr_without_logging_configured():
    code = ("import logging, screener, screener.rank.live\n"
            "logging.getLogger('screener.rank').warning('the ranker cache is damaged')\n"
            "logging.getLogger('screener.web.access').info('GET / 200 1.0ms')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "the ranker cache is damaged" in done.stderr
    assert "GET /" not in done.stderr          # the access log only where `screener serve` turns it on
