"""Full texts: a file copied into the workspace or a link, attached to a study — or the report
recorded as not retrieved (PRISMA counts those). Each is an event; the newest per study holds."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.errors import NotFoundError, ScreeningError, UsageError, WorkspaceError
from screener.records.textio import file_sha256
from screener.workspace.db import utcnow
from screener.workspace.outcomes import FULL_TEXT, TITLE_ABSTRACT
from screener.workspace.queue_state import kept_state
from screener.workspace.studies import current_studies, require_current_study
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

FULLTEXT_DIR = "fulltext"
URL_SCHEMES = ("http", "https", "ftp")          # a link with one of these is stored as a link
_SCHEMES_TEXT = "http, https or ftp"
_URL = re.compile(r"^(https?|ftp)://\S+$", re.I)
# a host name then a path, as a browser's address bar shows a link without https:// ('www.x.org/…', 'doi.org/10.…')
_WEB_ADDRESS = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|edu|gov|int|info|io|[a-z]{2})/\S*$",
                          re.I)
_ANY_URL = re.compile(r"^([a-z][a-z0-9+.\-]*)://", re.I)


@dataclass(frozen=True)
class FullText:
    study_id: int
    kind: str          # file | url | not_retrieved
    location: str      # path relative to the workspace, or the URL; '' when not retrieved
    at: str
    actor: str
    note: str
    sha256: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _row(row, sha256: str = "") -> FullText:
    return FullText(row["study_id"], row["kind"], row["location"], row["at"], row["actor"], row["note"], sha256)


def _digests(ws: Workspace, study_id: int) -> list[str]:
    """The file digests of a study's full-text records, in order. The fulltexts table has no digest
    column; each record's 'fulltext' event (written in the same transaction, in the same order)
    carries it."""
    out = []
    for (payload,) in ws.db.execute("SELECT payload FROM events WHERE kind = 'fulltext' AND subject = ? "
                                    "ORDER BY id", (f"study:{study_id}",)):
        try:
            out.append(str(json.loads(payload).get("sha256") or ""))
        except (ValueError, AttributeError):
            out.append("")
    return out


def fulltext_history(ws: Workspace, study_id: int) -> list[FullText]:
    rows = ws.db.execute("SELECT * FROM fulltexts WHERE study_id = ? ORDER BY id", (study_id,)).fetchall()
    digests = _digests(ws, study_id) if any(r["kind"] == "file" for r in rows) else []
    if len(digests) != len(rows):          # records written without their event: no digest to give
        digests = [""] * len(rows)
    return [_row(r, d if r["kind"] == "file" else "") for r, d in zip(rows, digests)]


def fulltext_for(ws: Workspace, study_id: int) -> FullText | None:
    row = ws.db.execute("SELECT * FROM fulltexts WHERE study_id = ? ORDER BY id DESC LIMIT 1", (study_id,)).fetchone()
    if row is None:
        return None
    if row["kind"] != "file":
        return _row(row)
    return fulltext_history(ws, study_id)[-1]


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.\-]+", "_", name).strip("._") or "fulltext"
    return cleaned[:120]


def attach_fulltext(ws: Workspace, study_id: int, source: str | Path, *, actor: str = "owner", note: str = "") -> FullText:
    """Attach a file (copied to ``DIR/fulltext/study-ID/``) or a link (``URL_SCHEMES``: http, https,
    ftp) to a study. Other schemes, links with spaces and directories are refused (UsageError).
    The study's current full text attached again (same file content or link) is recorded once."""
    text = str(source).strip()
    require_current_study(ws, study_id)
    scheme = _ANY_URL.match(text)
    if _URL.match(text):
        kind, location, digest = "url", text, ""
    elif scheme and scheme.group(1).lower() in URL_SCHEMES:
        raise UsageError(f"{text}: a link may not contain spaces; write them as %20")
    elif scheme:
        raise UsageError(f"{text}: '{scheme.group(1)}' links are not accepted; give an {_SCHEMES_TEXT} URL, "
                         "or a file path (a local file is copied into the workspace)")
    else:
        path = Path(text).expanduser()
        if path.is_dir():
            raise UsageError(f"{text}: is a directory; give the full text's file, not its folder")
        if not path.is_file():
            if _WEB_ADDRESS.match(text):
                # a link copied without its scheme (www.…, doi.org/…): say the link to write, not only 'a URL'
                raise NotFoundError(f"{text}: no such file; if it is a web address, write it with https:// in front: "
                                    f"https://{text}")
            raise NotFoundError(f"{text}: no such file; give a PDF (or other file) path or an {_SCHEMES_TEXT} URL")
        target_dir = ws.path / FULLTEXT_DIR / f"study-{study_id}"
        tmp = None
        try:
            digest = file_sha256(path)
            target_dir.mkdir(parents=True, exist_ok=True)
            target = target_dir / _safe_name(path.name)
            if target.exists() and file_sha256(target) != digest:
                target = target_dir / f"{target.stem}-{digest[:8]}{target.suffix}"
            if not target.exists():
                tmp = target.with_name(target.name + ".part")
                shutil.copyfile(path, tmp)
                tmp.replace(target)
        except OSError as exc:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            raise WorkspaceError(f"{path}: cannot copy it into {target_dir} ({exc.strerror or exc}); "
                                 "nothing was attached") from None
        kind, location = "file", target.relative_to(ws.path).as_posix()
    attached = FullText(study_id, kind, location, utcnow(), actor, note, digest)
    with ws.transaction() as conn:
        current = fulltext_for(ws, study_id)
        if current is not None and (current.kind, current.location) == (kind, location) and note in ("", current.note):
            return current                 # already the study's full text: recorded once
        conn.execute("INSERT INTO fulltexts (at, study_id, kind, location, actor, note) VALUES (?, ?, ?, ?, ?, ?)",
                     (attached.at, study_id, kind, location, actor, note))
        ws.log_event("fulltext", actor, f"study:{study_id}", {"kind": kind, "location": location, "sha256": digest})
    return attached


def mark_not_retrieved(ws: Workspace, study_id: int, *, actor: str = "owner", note: str = "") -> FullText:
    """Record that the report could not be obtained. Only for studies included at title/abstract
    and not yet decided at full text; attaching a file or link later undoes it."""
    require_current_study(ws, study_id)
    with ws.transaction() as conn:
        book = VoteBook(ws, None, [study_id])
        ta = book.unmasked_outcome(study_id, TITLE_ABSTRACT)
        if ta.status != "include":
            raise ScreeningError(f"study {study_id} is not included at title/abstract ('{ta.status}'), so no "
                                 f"report is sought for it")
        ft = book.unmasked_outcome(study_id, FULL_TEXT)
        if ft.decided:
            raise ScreeningError(f"study {study_id} is already decided at full text ({ft.status}); it was retrieved")
        marked = FullText(study_id, "not_retrieved", "", utcnow(), actor, note)
        conn.execute("INSERT INTO fulltexts (at, study_id, kind, location, actor, note) VALUES (?, ?, 'not_retrieved', '', ?, ?)",
                     (marked.at, study_id, actor, note))
        ws.log_event("fulltext", actor, f"study:{study_id}", {"kind": "not_retrieved"})
    return marked


def reports_not_retrieved(ws: Workspace) -> list[int]:
    """Studies sought at full text whose report is (still) recorded as not retrieved. Only the studies
    ever marked so are read (the owner's Studies page asks on every load: every study's votes were)."""
    marked = {sid for (sid,) in ws.db.execute("SELECT DISTINCT study_id FROM fulltexts WHERE kind = 'not_retrieved'")}
    candidates = sorted(marked & set(current_studies(ws)))
    if not candidates:
        return []
    book = VoteBook(ws, None, candidates)
    return [sid for sid in candidates if book.unmasked_outcome(sid, FULL_TEXT).status == "not_retrieved"]


def excluded_warning(ws: Workspace, study_id: int) -> str | None:
    """What to tell whoever attaches a full text to a study that is not included at title/abstract
    (excluded, awaiting its votes, in conflict): it is kept, but it is screened at full text only
    once the study is included."""
    outcome = VoteBook(ws, None, [study_id]).outcome(study_id, TITLE_ABSTRACT)
    if outcome.status == "exclude":
        by = "by the arbiter" if outcome.decided_by == "arbiter" else "by its screeners"
        return (f"study {study_id} was excluded at title/abstract ({by}"
                + (f": {outcome.reason}" if outcome.reason else "") + "); the full text is attached but it is "
                "not screened at full text unless an arbiter includes the study at title/abstract")
    if outcome.status == "include":
        return None
    waits = "it is in conflict, for the arbiter" if outcome.status == "conflict" else "it awaits its votes"
    return (f"study {study_id} is not included at title/abstract yet ({waits}); the full text is attached "
            "and is screened at full text once the study is included")


def fulltext_command(ws: Workspace, study_id: int, source: str | None = None, *, not_retrieved: bool = False,
                     actor: str = "owner", note: str = "") -> dict[str, Any]:
    """What ``screener fulltext`` does: attach, mark not retrieved, or (neither) show the record."""
    if source and not_retrieved:
        raise UsageError("give either a PATH|URL or --not-retrieved, not both")
    result: FullText | None
    if not_retrieved:
        result = mark_not_retrieved(ws, study_id, actor=actor, note=note)   # refused unless included
    elif source:
        before = ws.db.execute("SELECT coalesce(max(id), 0) FROM fulltexts WHERE study_id = ?", (study_id,)).fetchone()[0]
        result = attach_fulltext(ws, study_id, source, actor=actor, note=note)
        after = ws.db.execute("SELECT coalesce(max(id), 0) FROM fulltexts WHERE study_id = ?", (study_id,)).fetchone()[0]
        answer = {"study": study_id, "fulltext": result.to_dict(), "recorded": after != before,
                  "history": [f.to_dict() for f in fulltext_history(ws, study_id)]}
        warning = excluded_warning(ws, study_id)
        if warning:
            answer["warning"] = warning
        return answer
    else:
        require_current_study(ws, study_id)
        result = fulltext_for(ws, study_id)
    return {"study": study_id, "fulltext": result.to_dict() if result else None,
            "history": [f.to_dict() for f in fulltext_history(ws, study_id)]}


def latest_fulltext_id(ws: Workspace) -> int:
    """The newest ``fulltexts`` row's id (0 before any): a change mark for "was anything recorded"."""
    return int(ws.db.execute("SELECT coalesce(max(id), 0) FROM fulltexts").fetchone()[0])


def reports_attached(ws: Workspace) -> dict[str, int]:
    """Of the reports sought (studies at full text, not marked not retrieved): how many have their
    report attached, a PDF or a link, and how many not yet (the owner's progress at full text)."""
    with kept_state(ws) as state:
        sought, _ = state.pool(FULL_TEXT)
    newest = dict(ws.db.execute("SELECT study_id, kind FROM fulltexts f"
                                " WHERE id = (SELECT max(id) FROM fulltexts g WHERE g.study_id = f.study_id)").fetchall())
    attached = sum(1 for sid in sought if newest.get(sid) in ("file", "url"))
    return {"sought": len(sought), "attached": attached, "missing": len(sought) - attached}
