"""A server root: one folder holding many reviews (one workspace per subfolder), and its owner.

The root owner's token is stored as its SHA-256 only, one line per minting in ``ROOT/.root-tokens``
(lines are only added; the newest line is the token that signs in). The root owner creates reviews
and opens any of them as their owner; a reviewer's token belongs to one review's database and signs
in nowhere else.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from screener.errors import NameTaken, NotFoundError, PermissionDenied, UsageError, WorkspaceError
from screener.output import shell_word
from screener.workspace import Workspace
from screener.workspace.db import utcnow
from screener.workspace.reviewers import ROOT_OWNER, add_reviewer, set_display_name, token_hash
from screener.workspace.settings import load_settings

TOKENS_FILE = ".root-tokens"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _root(root: str | Path) -> Path:
    path = Path(root)
    if not path.is_dir():
        raise WorkspaceError(f"{root}: no such folder; create it (mkdir) and give it again")
    if (path / "review.toml").exists() or (path / "review.db").exists():
        # a server root holds reviews in subfolders; this is one review
        raise WorkspaceError(f"{root} is a review workspace, not a server root (a folder whose subfolders are "
                             f"reviews); for this review's sign-in links use `screener reviewers link {shell_word(root)} NAME` "
                             f"and `screener serve {shell_word(root)}`")
    return path


def mint_root_token(root: str | Path) -> str:
    """A new root-owner token; every earlier one stops working."""
    path = _root(root) / TOKENS_FILE
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(f"{utcnow()}\t{token_hash(token)}\n")
    return token


def root_token_hash(root: str | Path) -> str | None:
    try:
        lines = (Path(root) / TOKENS_FILE).read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        return None
    lines = [line for line in lines if "\t" in line]
    return lines[-1].split("\t", 1)[1].strip() if lines else None


def authenticate_root(root: str | Path, token: str) -> None:
    """PermissionDenied unless ``token`` is the root owner's newest token."""
    newest = root_token_hash(root)
    if not token or newest is None or not hmac.compare_digest(newest, token_hash(token.strip())):
        # said only by the server's pages and API (the command line makes tokens, it does not check them):
        # the person signing in gets the token from whoever runs the server
        raise PermissionDenied("this is not the server owner's token (or a newer one has been made since, which ends "
                               "this one); reviewers open the link their review's owner sent")


def list_reviews(root: str | Path) -> list[dict]:
    """The reviews under ``root``: subfolders that are workspaces, by name."""
    out = []
    for child in sorted(_root(root).iterdir()):
        if child.is_dir() and SLUG.match(child.name) and (child / "review.db").is_file():
            try:
                title = load_settings(child / "review.toml").title
            except Exception:      # a broken review.toml is the review's own page's business
                title = child.name
            out.append({"slug": child.name, "title": title, "path": str(child)})
    return out


def check_slug(slug: str) -> str:
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise UsageError(f"review folder name {slug!r}: use 1 to 40 lower-case letters, digits and hyphens, "
                         "starting with a letter or digit (e.g. pain-qual-2026)")
    return slug


def review_path(root: str | Path, slug: str) -> Path:
    check_slug(slug)
    path = _root(root) / slug
    if not (path / "review.db").is_file():
        raise NotFoundError(f"no review '{slug}' on this server")
    return path


def create_review(root: str | Path, slug: str, title: str, *, owner: str = ROOT_OWNER, owner_name: str = ""):
    """A new workspace ``ROOT/slug`` with ``owner`` as its owner, shown to the team as
    ``owner_name`` when given. Returns (workspace, owner token)."""
    check_slug(slug)
    title = " ".join((title or "").split())
    if not title:
        raise UsageError("a review needs a title, e.g. 'Experiences of chronic pain: a qualitative review'")
    if len(title) > 300:
        raise UsageError(f"the title is {len(title)} characters long; use at most 300")
    path = _root(root) / slug
    if path.exists():
        raise NameTaken(f"short name '{slug}': there is already a folder '{slug}' on this server (a review, or "
                        f"something kept there); choose another short name")
    owner_name = " ".join((owner_name or "").split())
    if len(owner_name) > 100:
        raise UsageError(f"your name is {len(owner_name)} characters long; use at most 100")
    ws = Workspace.init(path, title)
    _, token = add_reviewer(ws, owner, "owner", actor="root owner")
    if owner_name:
        set_display_name(ws, owner, owner_name, actor="root owner")
    return ws, token
