"""Who is asking: bearer tokens for the API, signed session cookies and CSRF tokens for pages.

A session holds the reviewer's id and the SHA-256 of the token they signed in with (never the
token). Every request re-checks that this is still the reviewer's newest token, so minting a new
token (``screener reviewers link`` / ``token``) signs out every session opened with the old one.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flask import abort, current_app, g, request, session

from screener.errors import PermissionDenied
from screener.web.throttle import Throttle
from screener.workspace.reviewers import Reviewer, authenticate, reviewer_with_token_hash, token_hash
from screener.workspace.sessions import close_session, open_session, session_is_open

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

SECRET_FILE = ".web-secret"
MIN_SECRET_BYTES = 32
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def load_secret(workspace_dir: Path) -> bytes:
    """The key that signs session cookies: DIR/.web-secret (created once, mode 0600), so that
    sessions survive a restart of ``screener serve``. It is written whole or not at all (a file made
    aside, then linked in place): one left short — a disk that filled as it was written, a copy cut
    short — was used as it was, an empty key (every sign-in a 500) or a guessable one; it is
    replaced."""
    path = Path(workspace_dir) / SECRET_FILE
    try:
        data = path.read_bytes()
        if len(data) >= MIN_SECRET_BYTES:
            return data
    except FileNotFoundError:
        data = None
    except OSError:                  # not readable: sessions last as long as the process
        return secrets.token_bytes(48)
    secret = secrets.token_bytes(48)
    aside = path.with_name(f"{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret)
            handle.flush()
            os.fsync(handle.fileno())
        if data is None:
            try:
                os.link(aside, path)     # fails if another server process put its key there first
            except FileExistsError:
                return load_secret(workspace_dir)
        else:
            os.replace(aside, path)      # a short key: no session signed with it is worth keeping
    except OSError:                  # a read-only workspace, a full disk: sessions last as long as the process
        return secret
    finally:
        try:
            aside.unlink(missing_ok=True)
        except OSError:
            pass
    return secret


def bearer_reviewer(ws: Workspace) -> Reviewer:
    """The reviewer of ``Authorization: Bearer TOKEN``; PermissionDenied (→ 401) otherwise."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        raise PermissionDenied("no token: send 'Authorization: Bearer TOKEN' (TOKEN is what follows token= in the "
                               "sign-in link the review's owner gave you)")
    if scheme.lower() != "bearer" or not token.strip():
        raise PermissionDenied("the Authorization header must be 'Bearer TOKEN'")
    return _throttled_authenticate(ws, token.strip())


def _throttle():
    """The app's throttle of wrong tokens per client address (screener.web.throttle)."""
    return current_app.extensions.setdefault("screener_throttle", Throttle())


def _throttled_authenticate(ws: Workspace, token: str) -> Reviewer:
    """``authenticate``, refused with 429 (TooManyAttempts) for an address that sent too many
    wrong tokens lately; each wrong token counts against the address."""
    throttle, client = _throttle(), request.remote_addr or "?"
    throttle.check(client)
    try:
        return authenticate(ws, token)
    except PermissionDenied:
        throttle.failed(client)
        raise


def sign_in(ws: Workspace, token: str) -> Reviewer:
    reviewer = _throttled_authenticate(ws, token.strip())
    session.clear()
    session.permanent = True
    sid = secrets.token_urlsafe(32)
    open_session(ws, token_hash(sid), reviewer.id)      # server-side, so that signing out ends it
    session["sid"] = sid
    session["rid"] = reviewer.id
    session["th"] = token_hash(token.strip())
    session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return reviewer


def sign_out(ws: Workspace) -> None:
    """End the session on the server (a copied cookie stops working) and in the browser."""
    sid, rid = session.get("sid"), session.get("rid")
    if isinstance(sid, str) and isinstance(rid, int):
        close_session(ws, token_hash(sid), rid)
    session.clear()


def _session_open(ws: Workspace, sid, rid: int) -> bool:
    if not isinstance(sid, str):
        return False
    return session_is_open(ws, token_hash(sid), rid)


def session_reviewer(ws: Workspace) -> Reviewer | None:
    """The signed-in reviewer, or None (no session, signed out, or its token was replaced)."""
    rid, session_hash = session.get("rid"), session.get("th")
    if not isinstance(rid, int) or not isinstance(session_hash, str):
        return None
    if not _session_open(ws, session.get("sid"), rid):
        session.clear()
        return None
    found = reviewer_with_token_hash(ws, rid)
    if found is None or not hmac.compare_digest(found[1], session_hash):
        session.clear()
        return None
    return found[0]


def csrf_token() -> str:
    """This session's CSRF token (made on first use, e.g. for the sign-in form)."""
    token = session.get(CSRF_FIELD)
    if not token:
        token = session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """Abort 403 unless the form (or header) carries this session's CSRF token and any Origin
    header names this server."""
    expected = session.get(CSRF_FIELD)
    given = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    if not expected or not hmac.compare_digest(str(expected), given):
        g.csrf_failed = True
        abort(403, description="the form's security token is missing or out of date; reload the page "
                               "and try again")
    origin = request.headers.get("Origin")
    if origin and urlsplit(origin).netloc != request.host:
        g.csrf_failed = True
        abort(403, description=f"a form from {origin} may not post here")
