"""Opening a workspace that this process already has open must not drop the SQLite locks its
connections hold. POSIX locks belong to the process: closing any descriptor of review.db (as a
Python ``open()`` of the file to read its header did) releases every lock the process holds on it.
In WAL mode each connection keeps a shared lock on review.db so that another process closing its
last connection knows it is not the last; without it that process checkpoints and deletes the WAL
under the open connections, and their later writes are lost ('disk I/O error', 'database disk
image is malformed', a vote recorded twice — seen in test_screening_concurrency under load)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from screener import Workspace

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from screener import Workspace
ws = Workspace.open(sys.argv[2])
ws.log_event("probe", "child")
ws.close()
"""


def test_opening_a_workspace_again_keeps_the_locks_of_connections_already_open(workspace):
    workspace.log_event("probe", "parent")                # this process has review.db open
    again = Workspace.open(workspace.path)                # a thread or request opening it again
    subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(workspace.path)], check=True, timeout=120)
    # the child's connection was not the last one: it must have left the WAL to the parent
    assert (workspace.path / "review.db-wal").exists()
    workspace.log_event("probe", "parent")
    again.log_event("probe", "again")
    again.close()
    workspace.close()
    with Workspace.open(workspace.path) as fresh:
        actors = [row[0] for row in fresh.db.execute("SELECT actor FROM events WHERE kind = 'probe' ORDER BY id")]
    assert actors == ["parent", "child", "parent", "again"]
