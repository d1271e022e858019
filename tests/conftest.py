"""Shared test fixtures. Corpora in ../shared are optional: tests that need them skip when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = Path(__import__("os").environ.get("SCREENER_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (or $SCREENER_SHARED); skips the test when it is not there."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present (the team's shared corpora); skipping corpus test")
    return SHARED


@pytest.fixture()
def workspace(tmp_path):
    from screener import Workspace

    ws = Workspace.init(tmp_path / "review", title="Test review")
    yield ws
    ws.close()
