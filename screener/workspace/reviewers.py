"""Reviewers and their sign-in tokens.

A token is shown once, when it is minted; only its SHA-256 is stored (tokens are 256-bit random
strings, so a plain hash is as good as a slow one). Minting is an event: every token row is kept,
and a reviewer's newest token is the only one that signs in.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from screener.errors import (
    ADD_REVIEWER,
    LIST_REVIEWERS,
    NAME_REVIEWER,
    NEW_LINK,
    SAME_PERSON,
    NotFoundError,
    PermissionDenied,
    ScreeningError,
    UsageError,
)
from screener.output import did_you_mean
from screener.workspace.db import utcnow

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

ROLES = ("screener", "arbiter", "owner", "searcher")
VOTING_ROLES = ("screener", "owner")       # the arbiter stays a third, independent reviewer
RESOLVING_ROLES = ("arbiter", "owner")
STRATEGY_ROLES = ("owner", "searcher")   # may save strategies and run searches (the information specialist)
# may import exports and correct an import's PRISMA-S details: the information specialist searched
# those databases. Withdrawing or restoring an import stays the owner's: it takes records out of
# (or puts them back into) studies being screened, and its answer counts the votes left behind
IMPORT_ROLES = ("owner", "searcher")
ROOT_OWNER = "root-owner"          # the reviewer the server's owner is inside each review it opens
# what people read for a reviewer who has not given a name: the server's owner is a person, not
# 'root-owner' (every other reviewer's name was typed by a person and reads as it is)
UNNAMED = {ROOT_OWNER: "Review owner"}
DISPLAY_NAME_EVENT = "reviewer_display_name"


@dataclass(frozen=True)
class Reviewer:
    id: int
    name: str
    role: str
    created_at: str

    @property
    def can_vote(self) -> bool:
        return self.role in VOTING_ROLES

    @property
    def role_phrase(self) -> str:
        """The role with its article, for a refusal: 'an arbiter', 'a screener'."""
        return f"{'an' if self.role[:1] in 'aeiou' else 'a'} {self.role}"

    def cannot_screen(self, remedy: str, arbiters_do_not: str) -> PermissionDenied:
        """Why this reviewer (who cannot vote) is given no study and no vote: the arbiter's words,
        'arbiters resolve conflicts' then where (``remedy``: each front end names its place) and
        ``arbiters_do_not`` (' and do not vote'), or the searcher's (who was told the arbiter's,
        'is an searcher; arbiters resolve conflicts')."""
        if self.role == "arbiter":
            return PermissionDenied(f"reviewer '{self.name}' is an arbiter; arbiters resolve conflicts", remedy=remedy,
                                    after=arbiters_do_not)
        return PermissionDenied(f"reviewer '{self.name}' is {self.role_phrase}; {self.role}s write and run the search "
                                "strategies, and do not screen: screening is for screeners (and the owner)")

    @property
    def can_resolve(self) -> bool:
        return self.role in RESOLVING_ROLES

    @property
    def can_edit_strategies(self) -> bool:
        return self.role in STRATEGY_ROLES

    @property
    def can_import(self) -> bool:
        return self.role in IMPORT_ROLES

    def to_dict(self) -> dict:
        return asdict(self)


def token_hash(token: str) -> str:
    """The stored form of a sign-in token: the hex SHA-256 of its UTF-8 bytes (what
    ``reviewer_tokens.token_hash`` holds and what a web session keeps instead of the token)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


_hash = token_hash      # the former private name, kept for callers that still use it


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise UsageError("a reviewer needs a name", remedy=NAME_REVIEWER)
    if name != name.strip():
        raise UsageError(f"reviewer name {name!r} starts or ends with a space; remove it")
    if len(name) > 100:
        raise UsageError(f"reviewer name is {len(name)} characters long; use at most 100")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise UsageError(f"reviewer name {name!r} contains a control character; use printable text")
    return name


def display_names(ws: Workspace) -> dict[str, str]:
    """Every reviewer's name as people read it in the web app: the newest name they (or the
    owner) gave (``set_display_name``), else ``UNNAMED``'s, else the name they were added with."""
    names = {r.name: UNNAMED.get(r.name, r.name) for r in list_reviewers(ws)}
    for (payload,) in ws.db.execute("SELECT payload FROM events WHERE kind = ? ORDER BY id", (DISPLAY_NAME_EVENT,)):
        given = json.loads(payload)
        if given.get("name") in names:
            names[given["name"]] = given["display_name"]
    return names


def set_display_name(ws: Workspace, name: str, display_name: str, *, actor: str) -> str:
    """Record ``display_name`` as how reviewer ``name`` is shown (an event; earlier names stay on
    record). The reviewer's own name (``--as``, sign-in links) does not change."""
    display_name = " ".join((display_name or "").split())
    if not display_name:
        raise UsageError("type the name the team should see, e.g. 'Ana Ruiz'")
    if len(display_name) > 100:
        raise UsageError(f"the name is {len(display_name)} characters long; use at most 100")
    if any(unicodedata.category(ch).startswith("C") for ch in display_name):
        raise UsageError("the name contains a control character; use printable text")
    with ws.transaction():
        reviewer = get_reviewer(ws, name)
        folded = display_name.casefold()
        for other, shown in display_names(ws).items():
            if other != reviewer.name and folded in (shown.casefold(), other.casefold()):
                # two people under one name would make a conflict's two votes read as one person's
                raise ScreeningError(f"'{shown}' is already the name of another reviewer; choose one that tells "
                                     f"you apart (e.g. with an initial)")
        ws.log_event(DISPLAY_NAME_EVENT, actor, f"reviewer:{reviewer.name}",
                     {"name": reviewer.name, "display_name": display_name})
    return display_name


def _row_to_reviewer(row) -> Reviewer:
    return Reviewer(row["id"], row["name"], row["role"], row["created_at"])


def store_new_token(ws: Workspace, reviewer: Reviewer, actor: str) -> str:
    """Store a new token for ``reviewer`` inside the caller's transaction and return it (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    ws.db.execute("INSERT INTO reviewer_tokens (reviewer_id, token_hash, created_at) VALUES (?, ?, ?)",
                  (reviewer.id, token_hash(token), utcnow()))
    ws.log_event("token_mint", actor, f"reviewer:{reviewer.name}", {"reviewer": reviewer.name})
    return token


def add_reviewer(ws: Workspace, name: str, role: str = "screener", *, actor: str = "owner") -> tuple[Reviewer, str]:
    """Create a reviewer and mint their first token. Returns (reviewer, token); the token is not
    stored and cannot be shown again (mint a new one with ``mint_token``)."""
    _check_name(name)
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not a role; use one of: {', '.join(ROLES)}")
    with ws.transaction() as conn:
        if conn.execute("SELECT 1 FROM reviewers WHERE name = ?", (name,)).fetchone():
            raise ScreeningError(f"reviewer '{name}' already exists", remedy=NEW_LINK,
                                 about={"review": str(ws.path), "name": name})
        folded = name.casefold()
        for (other,) in conn.execute("SELECT name FROM reviewers"):
            if other.casefold() == folded:
                # two names for one person would split their votes between two screeners
                raise ScreeningError(f"reviewer '{other}' already exists and '{name}' differs only in case",
                                     remedy=SAME_PERSON, about={"other": other})
        created_at = utcnow()
        cursor = conn.execute("INSERT INTO reviewers (name, role, created_at) VALUES (?, ?, ?)",
                              (name, role, created_at))
        reviewer = Reviewer(int(cursor.lastrowid or 0), name, role, created_at)
        ws.log_event("reviewer_add", actor, f"reviewer:{name}", {"name": name, "role": role})
        token = store_new_token(ws, reviewer, actor)
    return reviewer, token


def mint_token(ws: Workspace, name: str, *, actor: str = "owner") -> str:
    """A new token for ``name``; every earlier token of theirs stops working."""
    with ws.transaction():
        reviewer = get_reviewer(ws, name)
        return store_new_token(ws, reviewer, actor)


def list_reviewers(ws: Workspace) -> list[Reviewer]:
    return [_row_to_reviewer(r) for r in ws.db.execute("SELECT * FROM reviewers ORDER BY id")]


def get_reviewer(ws: Workspace, name: str) -> Reviewer:
    row = ws.db.execute("SELECT * FROM reviewers WHERE name = ?", (name,)).fetchone()
    if row is None:
        known = [r.name for r in list_reviewers(ws)]
        if meant := did_you_mean(name, known):
            # `--as ann` for 'Ann' or 'ann lee' for 'Ann Lee': the same person, written another way
            raise NotFoundError(f"no reviewer '{name}' in {ws.path}{meant}: give the name exactly as it was added",
                                remedy=LIST_REVIEWERS)
        hint = f"known reviewers: {', '.join(known)}" if known else "there are no reviewers yet"
        raise NotFoundError(f"no reviewer '{name}' in {ws.path} ({hint})", remedy=ADD_REVIEWER)
    return _row_to_reviewer(row)


def as_reviewer(ws: Workspace, reviewer: Reviewer | str) -> Reviewer:
    """Accept a Reviewer (the web app, after ``authenticate``) or a name (the CLI)."""
    if isinstance(reviewer, Reviewer):
        return reviewer
    return get_reviewer(ws, reviewer)


def reviewer_with_token_hash(ws: Workspace, reviewer_id: int) -> tuple[Reviewer, str] | None:
    """The reviewer and the hash of their newest token (None for a reviewer with no token)."""
    row = ws.db.execute(
        "SELECT r.id, r.name, r.role, r.created_at, t.token_hash FROM reviewers r"
        " JOIN reviewer_tokens t ON t.reviewer_id = r.id WHERE r.id = ? ORDER BY t.id DESC LIMIT 1",
        (reviewer_id,)).fetchone()
    if row is None:
        return None
    return Reviewer(row["id"], row["name"], row["role"], row["created_at"]), row["token_hash"]


def authenticate(ws: Workspace, token: str) -> Reviewer:
    """The reviewer whose newest token this is; PermissionDenied for an unknown or replaced token."""
    if not token:
        raise PermissionDenied("no token given; ask the review's owner for your link")
    row = ws.db.execute(
        "SELECT t.id, t.reviewer_id, (SELECT max(id) FROM reviewer_tokens n WHERE n.reviewer_id = t.reviewer_id)"
        " AS newest FROM reviewer_tokens t WHERE t.token_hash = ?", (token_hash(token),)).fetchone()
    if row is None:
        raise PermissionDenied("unknown token; ask the review's owner for your link")
    if row["id"] != row["newest"]:
        raise PermissionDenied("this token was replaced by a newer one; use the newest link from the owner")
    return _row_to_reviewer(ws.db.execute("SELECT * FROM reviewers WHERE id = ?", (row["reviewer_id"],)).fetchone())
