"""A full-text PDF uploaded from the browser: checked to be a PDF by its bytes, stored once by its
SHA-256 under ``DIR/fulltext/sha256/``, and attached to a study as a ``fulltexts`` event."""

from __future__ import annotations

import hashlib
import os
import tempfile
from typing import TYPE_CHECKING, Any

from screener.errors import UsageError
from screener.workspace.db import utcnow
from screener.workspace.fulltext import FULLTEXT_DIR, FullText, fulltext_for
from screener.workspace.screening import require_current_study

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

PDF_LIMIT = 50 * 1024 * 1024          # 50 MB: scanned theses are the largest full texts seen
PDF_LIMIT_TEXT = "50 MB"


def check_pdf(data: bytes, name: str) -> None:
    """UsageError unless ``data`` is a PDF by its bytes (``%PDF-`` within the first 1024 bytes, as
    readers accept) and within the size limit."""
    if not data:
        raise UsageError(f"{name}: the file is empty; upload the article's PDF")
    if len(data) > PDF_LIMIT:
        raise UsageError(f"{name}: {len(data) / 1048576:.1f} MB is over the {PDF_LIMIT_TEXT} limit for a full text; "
                         "compress it or give a link instead")
    if b"%PDF-" not in data[:1024]:
        # named for what it usually is (a byte signature told a screener nothing): the publisher's
        # page saved under the article's name, or the Word manuscript
        head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml", b"<meta")):
            raise UsageError(f"{name} is a web page, not a PDF (the article's page saved in its place): open the "
                             "article's page and download the PDF itself, or give the page's link instead")
        if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise UsageError(f"{name} is a Word document (or another zipped file), not a PDF: save it as PDF "
                             "first, or give a link")
        raise UsageError(f"{name} is not a PDF (it does not begin as a PDF does): upload the article's PDF, "
                         "or give a link")


def attach_pdf(ws: Workspace, study_id: int, data: bytes, name: str, *, actor: str = "owner", note: str = "") -> dict[str, Any]:
    """Attach ``data`` (a PDF) to a study. The same bytes are stored once, whichever study they are for."""
    require_current_study(ws, study_id)
    check_pdf(data, name)
    digest = hashlib.sha256(data).hexdigest()
    folder = ws.path / FULLTEXT_DIR / "sha256"
    target = folder / f"{digest}.pdf"
    folder.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        fd, tmp = tempfile.mkstemp(prefix=".upload.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    location = target.relative_to(ws.path).as_posix()
    with ws.transaction() as conn:
        current = fulltext_for(ws, study_id)
        if current is not None and (current.kind, current.location) == ("file", location):
            return {"study": study_id, "fulltext": current.to_dict(), "recorded": False}
        at = utcnow()
        conn.execute("INSERT INTO fulltexts (at, study_id, kind, location, actor, note) VALUES (?, ?, 'file', ?, ?, ?)",
                     (at, study_id, location, actor, note))
        ws.log_event("fulltext", actor, f"study:{study_id}",
                     {"kind": "file", "location": location, "sha256": digest, "name": name, "bytes": len(data)})
    return {"study": study_id, "fulltext": FullText(study_id, "file", location, at, actor, note, digest).to_dict(),
            "recorded": True}
