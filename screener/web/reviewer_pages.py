"""The owner's Reviewers page: the team, adding a reviewer, new sign-in links, revoking, the owner's
own name. Its routes are on ``owner_pages.bp`` (their names stay ``owner_pages.*``).

A new link is the answer of a form: it is kept (``after_post``) and shown at the page's address with
its key, so that Reload and Back show the same link again and never add the reviewer twice or make
yet another link. It is shown while it still signs its reviewer in.
"""

from __future__ import annotations

from flask import flash, g, render_template, request, url_for

from screener.errors import PermissionDenied, ScreenerError, UsageError
from screener.web.after_post import forget_link, keep_link, kept_link, see_other
from screener.web.owner_api import signin_link, status_of
from screener.web.owner_pages import bp
from screener.web.owner_words import owner_message
from screener.web.pages import page
from screener.web.people import person
from screener.workspace.reviewers import ROLES, add_reviewer, authenticate, get_reviewer, mint_token, set_display_name
from screener.workspace.team import revoke_reviewer, team


def _reviewers_page(*, error: str | None = None, status: int = 200, new_link: dict | None = None,
                    typed: dict | None = None, typed_name: str | None = None):
    return render_template("owner_reviewers.html", team=team(g.ws), roles=ROLES, error=error,
                           new_link=new_link, typed=typed or {}, typed_name=typed_name), status


def _shown_link(key: str | None) -> dict | None:
    """The link kept under ``key``, while it is its reviewer's newest (not replaced or revoked since,
    here or in another browser)."""
    link = kept_link(key)
    if link is None:
        return None
    try:
        if authenticate(g.ws, link["token"]).name != link["name"]:
            return None
    except PermissionDenied:
        return None
    return {"name": link["name"], "role": link["role"], "new": link.get("new", False), "url": signin_link(link["token"])}


def _link_made(name: str, role: str, token: str, *, new: bool = False):
    key = keep_link({"name": name, "role": role, "token": token, "new": new})
    return see_other(url_for("owner_pages.reviewers", link=key) + "#new-link")


@bp.get("/owner/reviewers")
@page("owner")
def reviewers():
    return _reviewers_page(new_link=_shown_link(request.args.get("link")))


@bp.post("/owner/reviewers")
@page("owner")
def reviewers_add():
    name = request.form.get("name", "").strip()
    try:
        reviewer, token = add_reviewer(g.ws, name, request.form.get("role") or "screener", actor=g.reviewer.name)
    except ScreenerError as exc:
        return _reviewers_page(error=owner_message(exc), status=status_of(exc),      # what was typed stays
                               typed={"name": name, "role": request.form.get("role") or "screener"})
    return _link_made(reviewer.name, reviewer.role, token, new=True)


@bp.post("/owner/reviewers/<path:name>/link")          # a name may hold "/"
@page("owner")
def reviewers_link(name: str):
    try:
        reviewer = get_reviewer(g.ws, name)
        if reviewer.name == g.reviewer.name:
            raise UsageError("a new link for yourself would sign you out here; ask another owner, or use the CLI")
        token = mint_token(g.ws, name, actor=g.reviewer.name)
    except ScreenerError as exc:
        return _reviewers_page(error=owner_message(exc), status=status_of(exc))
    return _link_made(reviewer.name, reviewer.role, token)


@bp.post("/owner/reviewers/<path:name>/revoke")
@page("owner")
def reviewers_revoke(name: str):
    try:
        revoke_reviewer(g.ws, name, actor=g.reviewer.name)
    except ScreenerError as exc:
        return _reviewers_page(error=owner_message(exc), status=status_of(exc))
    forget_link(name)
    flash(f"{person(name)}'s sign-in is revoked: their links and sessions no longer work. A new link lets them back in.", "ok")
    return see_other(url_for("owner_pages.reviewers"))


@bp.post("/owner/reviewers/name")
@page("owner")
def reviewers_name():
    """The owner's own name as the team reads it (the server's owner was 'root-owner')."""
    typed = request.form.get("display_name", "")
    try:
        shown = set_display_name(g.ws, g.reviewer.name, typed, actor=g.reviewer.name)
    except ScreenerError as exc:
        return _reviewers_page(error=owner_message(exc), status=status_of(exc), typed_name=typed)
    flash(f"Your name is now {shown} on every page of this review.", "ok")
    return see_other(url_for("owner_pages.reviewers"))
