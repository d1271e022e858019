"""What a screener has been asked to vote on again (``request_revote``, or an arbiter's 'Ask the
screeners to vote again' in a conflict's discussion), as their pages list it: the request was an
event only, and the study did not come back to their queue, so it reached no one.

    revotes_asked(ws, who) -> list[dict]
        ``{"study", "stage", "at", "by", "note"}`` for each study and stage where the newest request
        naming ``who`` came after their last vote and the study is still undecided, oldest first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screener.workspace.reviewers import Reviewer
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def revotes_asked(ws: Workspace, who: Reviewer) -> list[dict[str, Any]]:
    latest: dict[tuple[int, str], dict[str, Any]] = {}
    for at, actor, subject, stage, note in ws.db.execute(
            "SELECT at, actor, subject, json_extract(payload, '$.stage'), json_extract(payload, '$.note') FROM events"
            " WHERE kind = 'revote' AND json_extract(payload, '$.reviewer') = ? ORDER BY id", (who.name,)):
        study = int(subject.split(":", 1)[1])
        latest[(study, stage)] = {"study": study, "stage": stage, "at": at, "by": actor, "note": note or ""}
    if not latest:
        return []
    book = VoteBook(ws, who, sorted({study for study, _ in latest}))
    asked = []
    for (study, stage), ask in latest.items():
        voted = book.last_vote_at(study, stage, who.id)
        if voted is not None and voted > ask["at"]:
            continue                  # voted again since
        if book.unmasked_outcome(study, stage).decided:
            continue                  # decided meanwhile: nothing left to vote on
        asked.append(ask)
    return sorted(asked, key=lambda a: a["at"])
