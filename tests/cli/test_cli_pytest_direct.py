"""`.venv/bin/pytest tests/workspace` (the pytest script, not `python -m pytest`) stopped at collection:
'ModuleNotFoundError: No module named tests' — the tests that share helpers import them as
`tests.workspace...`, which only `python -m` (it puts the current folder on sys.path) could find. The
repository's folder is now on pytest's own path (pyproject.toml, pythonpath), so both ways collect.
`python -P` runs pytest as its script does: without the current folder on sys.path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _collect(*python_flags: str) -> subprocess.CompletedProcess:
    # collection only: it imports every module named, which is where it failed, and runs no test
    return subprocess.run([sys.executable, *python_flags, "-m", "pytest", "-q", "--collect-only", "-p",
                           "no:cacheprovider", "tests/workspace/test_bulk_store.py",
                           "tests/dedup/test_dedup_pending_count.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_pytest_script_collects_tests_that_import_shared_helpers():
    result = _collect("-P")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No module named 'tests'" not in result.stdout + result.stderr


def test_python_m_pytest_still_collects_them():
    result = _collect()
    assert result.returncode == 0, result.stdout + result.stderr
