"""Redirect-after-post: what a form's answer shows is kept where the page it is sent to (303, read
with GET) finds it again, so that Back and Reload show that page and never send the form twice.

A new sign-in link is kept in the session, one at a time.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import redirect, session
from werkzeug.wrappers import Response

LINK = "shown_link"


def see_other(url: str) -> Response:
    """The form's answer: the page at ``url``, asked for with GET."""
    return redirect(url, code=303)


def keep_link(link: dict[str, Any]) -> str:
    """Keep a new sign-in link (its reviewer's name, role and token) to show at the address the
    returned key names; the link kept before is dropped (the cookie holds one)."""
    key = secrets.token_urlsafe(9)
    session[LINK] = {**link, "key": key}
    return key


def kept_link(key: str | None) -> dict[str, Any] | None:
    """The link kept under ``key`` (None for another key: an older link, another session's)."""
    link = session.get(LINK)
    return dict(link) if key and isinstance(link, dict) and link.get("key") == key else None


def forget_link(name: str) -> None:
    """Drop the kept link of ``name`` (revoked: it no longer signs anyone in)."""
    link = session.get(LINK)
    if isinstance(link, dict) and link.get("name") == name:
        session.pop(LINK, None)
