"""The review's kept answers to 'how many records does this line find on PubMed today' (table
``pubmed_line_counts``, m024), the cache ``screener.search.line_counts`` reads and fills: reopening
a strategy the same day asks PubMed nothing again. Rows are only added (a newer answer for the same
query, day and server wins); a failure is never kept, so counting again asks again.

    LineCountCache(ws, actor) — ``get(query, day, server)`` / ``put(query, day, server, answer)``
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING, Any

from screener.errors import WorkspaceError
from screener.workspace.db import utcnow

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

log = logging.getLogger(__name__)


def _digest(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


class LineCountCache:
    def __init__(self, ws: Workspace, actor: str = ""):
        self.ws = ws
        self.actor = actor

    def get(self, query: str, day: str, server: str) -> dict[str, Any] | None:
        row = self.ws.db.execute(
            "SELECT answer, query FROM pubmed_line_counts WHERE query_sha256 = ? AND day = ? AND server = ?"
            " ORDER BY id DESC LIMIT 1", (_digest(query), day, server)).fetchone()
        if row is None or row[1] != query:
            return None
        return json.loads(row[0])

    def put(self, query: str, day: str, server: str, answer: dict[str, Any]) -> None:
        """Keep an answer; a review that cannot be written (read-only, a full disk) loses only the
        keeping: the count PubMed gave is still shown, and asked again next time."""
        try:
            with self.ws.transaction():
                self.ws.db.execute(
                    "INSERT INTO pubmed_line_counts (query_sha256, query, day, server, count, answer, at, actor)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (_digest(query), query, day, server, answer.get("count"), json.dumps(answer, ensure_ascii=False),
                     utcnow(), self.actor))
        except WorkspaceError as exc:
            log.warning("a PubMed count was not kept in the review: %s", exc)
