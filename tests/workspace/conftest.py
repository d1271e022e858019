"""Fixtures for the screening tests: a workspace with studies and a team of reviewers."""

from __future__ import annotations

import pytest

from screener.records.model import Record
from screener.workspace.reviewers import add_reviewer


def add_studies(ws, n: int, start: int = 0) -> list[int]:
    """n one-record studies; returns their study ids in file order."""
    with ws.transaction():
        record_ids = ws.add_source_records(
            [Record(title=f"Study {i}", abstract=f"Abstract {i}", authors=[f"Author{i}, A"], journal="J",
                    year=2000 + i % 20, database="test") for i in range(start, start + n)])
    return [ws.db.execute("SELECT study_id FROM current_links WHERE source_record_id = ?", (rid,)).fetchone()[0]
            for rid in record_ids]


@pytest.fixture()
def team(workspace):
    """(workspace, study ids, tokens): screeners alice and bob, arbiter carol, owner olivia, 6 studies."""
    tokens = {}
    for name, role in (("alice", "screener"), ("bob", "screener"), ("carol", "arbiter"), ("olivia", "owner")):
        tokens[name] = add_reviewer(workspace, name, role)[1]
    studies = add_studies(workspace, 6)
    return workspace, studies, tokens


def table_counts(ws) -> dict[str, int]:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("votes", "resolutions", "events", "leases", "reviewers", "reviewer_tokens", "fulltexts")}


@pytest.fixture()
def make_studies():
    return add_studies


@pytest.fixture()
def counts():
    return table_counts
