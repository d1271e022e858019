"""Fixtures for the web app tests: a review with screeners, an arbiter, an owner and studies."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from web_helpers import RECORDS, SETTINGS, study_ids

from screener.workspace.reviewers import add_reviewer


@pytest.fixture()
def review(workspace):
    """(ws, studies, tokens): screeners alice and bob, arbiter carol, owner olivia; 6 studies."""
    (workspace.path / "review.toml").write_text(SETTINGS, encoding="utf-8")
    workspace.reload_settings()
    tokens = {}
    for name, role in (("alice", "screener"), ("bob", "screener"), ("carol", "arbiter"), ("olivia", "owner")):
        tokens[name] = add_reviewer(workspace, name, role)[1]
    with workspace.transaction():
        workspace.add_source_records(RECORDS)
    return workspace, study_ids(workspace), tokens


@pytest.fixture()
def app(review):
    from screener.web import create_app

    ws = review[0]
    app = create_app(ws.path, secret_key=b"k" * 48)
    app.config["TESTING"] = True
    yield app
    app.extensions["screener"].ws.close()


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"


def _chromium() -> str:
    path = os.environ.get("SCREENER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not os.access(path, os.X_OK):
        pytest.skip(f"chromium is not installed ({path or 'not on PATH'}; Debian: apt-get install chromium); "
                    f"browser tests skipped")
    return path


@pytest.fixture()
def browser():
    """Debian's headless Chromium driven by Playwright (never `playwright install`); skips, saying
    why, when either is missing. Shared by every browser test under tests/web."""
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install '.[test]'); browser tests skipped")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()
