"""The root owner's browser sessions on ``serve --root``, kept on the server so that signing out
ends them (issue 21: the root owner's cookie was signed only, so a copied cookie kept working for
14 days after sign-out, as a reviewer's did before m010).

A server root has no database: sessions are lines in ``ROOT/.root-sessions`` (mode 0600, lines only
added, as ``.root-tokens``): ``time<TAB>open|close<TAB>SHA-256 of the session id``. The cookie holds
the random session id; a session is live while its newest line is ``open``. Minting a new root
token (``screener admin token``) still ends every session opened with the old one, as before.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
from pathlib import Path

from screener.errors import ScreenerError, WorkspaceError
from screener.workspace import Workspace
from screener.workspace.db import utcnow
from screener.workspace.reviewers import token_hash
from screener.workspace.root import ROOT_OWNER, list_reviews
from screener.workspace.sessions import close_open_sessions

SESSIONS_FILE = ".root-sessions"
_LOCK = threading.Lock()
_CACHE: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}   # path → ((size, mtime), hash → kind)


def _append(root: Path, kind: str, sid: str) -> None:
    line = f"{utcnow()}\t{kind}\t{token_hash(sid)}\n"
    path = Path(root) / SESSIONS_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:   # one small write: atomic under O_APPEND
            handle.write(line)
    except OSError as exc:     # a read-only or full disk: one line (503), not a traceback (500)
        raise WorkspaceError(f"{path}: cannot record the sign-in session ({exc.strerror or exc}); "
                             f"make the server's folder writable") from None


def open_session(root: Path) -> str:
    """A new session id for the root owner (its hash recorded as open)."""
    sid = secrets.token_urlsafe(32)
    _append(root, "open", sid)
    return sid


def close_session(root: Path, sid: object) -> None:
    """End the session on the server: a copied cookie holding ``sid`` stops working."""
    if isinstance(sid, str) and sid:
        _append(root, "close", sid)


def _states(root: Path) -> dict[str, str]:
    path = Path(root) / SESSIONS_FILE
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    key, stamp = str(path), (info.st_size, info.st_mtime_ns)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    states: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] in ("open", "close"):
            states[parts[2].strip()] = parts[1]
    with _LOCK:
        _CACHE[key] = (stamp, states)
    return states


def session_open(root: Path, sid: object) -> bool:
    """Whether ``sid`` (from the cookie) names a root-owner session that is still open."""
    if not isinstance(sid, str) or not sid:
        return False
    wanted = token_hash(sid)
    kind = _states(root).get(wanted)
    return kind is not None and hmac.compare_digest(kind, "open")


def close_review_sessions(root: Path) -> int:
    """Close the root owner's open sessions inside every review under ``root`` (they sign in there
    as the reviewer ``root-owner``): signing out of the server root signs them out of the reviews
    they opened from it too. Returns how many were closed; a review that cannot be opened is left
    (its sessions still end when a newer owner link is minted there)."""
    closed = 0
    for review in list_reviews(root):
        try:
            with Workspace.open(review["path"]) as ws:
                closed += close_open_sessions(ws, ROOT_OWNER)
        except ScreenerError:
            continue
    return closed
