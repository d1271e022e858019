"""Imports under way, so that one that was killed can be named afterwards.

Each file of an import lands in one transaction, so a killed import leaves nothing of the file it was
storing — and, in the database, no trace that it ran: whoever started it could not tell whether it
had finished. While an import runs, a small file in the review's folder says so
(``.import-running-<pid>-<random>.json``: the process, the computer, when, which files); it goes when
the import ends, however it ends, short of the process being killed. One left behind by a process
that is gone is an interrupted import: ``status``, the web's Imports page and dashboard, and the next
import name it (each front end in its own words: where to see what came in differs), and the next
import clears it. It is not the review's data (the database is), so clearing it deletes nothing of
the review.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.clock import utcnow

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

PREFIX = ".import-running-"


@contextmanager
def import_running(ws: Workspace, paths: list[Path]) -> Iterator[None]:
    """Mark an import under way for as long as the block runs (nothing is marked where the folder
    cannot be written: the import itself will say why it cannot write)."""
    marker = ws.path / f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}.json"
    aside = marker.with_suffix(".tmp")
    try:
        aside.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started_at": utcnow(),
                                     "files": [str(p) for p in paths]}), encoding="utf-8")
        aside.replace(marker)
    except OSError:
        pass
    try:
        yield
    finally:
        for path in (aside, marker):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass


def interrupted_imports(ws: Workspace) -> list[dict[str, Any]]:
    """Imports marked under way whose process is gone (killed, or the computer stopped), oldest first."""
    found = []
    for marker in sorted(ws.path.glob(f"{PREFIX}*.json")):
        try:
            run = json.loads(marker.read_text(encoding="utf-8"))
            pid, host = int(run["pid"]), str(run["host"])
        except (OSError, ValueError, KeyError, TypeError):
            continue        # being written, or not ours: said nothing about
        if host == socket.gethostname() and _alive(pid):
            continue        # still running (another terminal)
        found.append({"started_at": run.get("started_at", ""), "files": [Path(f).name for f in run.get("files", [])],
                      "marker": marker.name})
    return sorted(found, key=lambda run: run["started_at"])


def forget_interrupted(ws: Workspace, runs: list[dict[str, Any]]) -> None:
    """Clear the marks of interrupted imports once they have been named."""
    for run in runs:
        try:
            (ws.path / run["marker"]).unlink(missing_ok=True)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:     # another user's process
        return True
    return True
