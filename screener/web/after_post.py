"""Redirect-after-post: what a form's answer shows is kept where the page it is sent to (303, read
with GET) finds it again, so that Back and Reload show that page and never send the form twice.

A staged upload's page (a preview: a report per file, too big for the session cookie) is kept beside
the upload, in its private folder; a new sign-in link in the session, one at a time.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from flask import flash, redirect, request, session
from werkzeug.wrappers import Response

VIEW_FILE = "page.json"      # beside the upload's N/NAME folders (import_steps.staged_paths reads those only)
LINK = "shown_link"
REFUSED = "refused_form"


def see_other(url: str) -> Response:
    """The form's answer: the page at ``url``, asked for with GET."""
    return redirect(url, code=303)


def keep_view(folder: Path, view: dict[str, Any]) -> None:
    """Keep the page of the upload staged in ``folder`` (written whole, then renamed: a reload while
    it is written reads the one before)."""
    part = folder / (VIEW_FILE + ".part")
    part.write_text(json.dumps(view, ensure_ascii=False), encoding="utf-8")
    part.replace(folder / VIEW_FILE)


def kept_view(folder: Path) -> dict[str, Any] | None:
    """The page kept for the upload in ``folder``; None once the folder is gone."""
    try:
        return json.loads((folder / VIEW_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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


def refuse_back(message: str, back: str) -> Response:
    """A form answered by the page it was sent from, refused: the page again with ``message``, and
    told (once) which form was refused, so that its script (keep_typed.js) puts back what was typed."""
    flash(message, "error")
    mark_refused()
    return redirect(back, code=303)


def mark_refused() -> None:
    """The form sent to this address is refused: the next page shown says so to its script
    (keep_typed.js), which puts back what was typed, or shows it to copy where the form is not."""
    session[REFUSED] = request.path


def refused_form() -> str:
    """The path of the form just refused (read once, by the page that says so), else ''."""
    return str(session.pop(REFUSED, "") or "")
