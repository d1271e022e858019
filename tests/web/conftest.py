"""Fixtures for the web app tests: a review with screeners, an arbiter, an owner and studies."""

from __future__ import annotations

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
