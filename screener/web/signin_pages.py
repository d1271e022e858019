"""Signing in with the link's token, signing out, and the start page of whoever is signed in."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from screener.errors import PermissionDenied
from screener.web.auth import check_csrf, sign_in, sign_out
from screener.web.pages import bp, page
from screener.web.people import person
from screener.web.throttle import TooManyAttempts
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.revotes import revotes_asked
from screener.workspace.screening import progress
from screener.workspace.settings import STAGES


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    """GET shows the form (the link's token prefilled); POST checks the token and opens a session.
    The token never stays in the address bar: the form posts it and the answer redirects."""
    if request.method == "POST":
        check_csrf()
        token = request.form.get("token", "")
        try:
            who = sign_in(g.ws, token)
        except PermissionDenied as exc:
            return render_template("signin.html", token="", error=_signin_words(str(exc)),
                                   next=_page_of_this_review(request.form.get("next", ""))), 401
        except TooManyAttempts as exc:       # issue 21: sign-in failures throttled per address
            return (render_template("signin.html", token="", error=str(exc),
                                    next=_page_of_this_review(request.form.get("next", ""))),
                    429, {"Retry-After": str(exc.retry_after)})
        wanted = _page_of_this_review(request.form.get("next", ""))
        if wanted:       # the start page says who is signed in (said twice there, bar and page)
            flash(f"Signed in as {person(who.name)} ({who.role}).", "ok")
        return redirect(request.script_root + wanted if wanted else url_for("pages.home"), code=303)
    return render_template("signin.html", token=request.args.get("token", ""), error=None,
                           next=_page_of_this_review(request.args.get("next", "")))


# authenticate()'s refusals speak of tokens, as the API and the CLI do; the page speaks of the link
# the person opened or pasted
_SIGNIN_WORDS = (
    ("unknown token", "This sign-in link does not work: it may have been cut short or changed when it was copied. "
                      "Copy the whole link again, or ask the review's owner for a new one."),
    ("this token was replaced", "This sign-in link was replaced by a newer one: open the newest link the "
                                "review's owner sent you, or ask them for a new one."),
    ("no token given", "Open your sign-in link, or paste the part after 'token=' here."),
)


def _signin_words(message: str) -> str:
    return next((words for start, words in _SIGNIN_WORDS if message.startswith(start)), message)


def _page_of_this_review(path: str) -> str:
    """``path`` when it is a page of this review (``/screen?…``), else "": sign-in never sends anyone
    off the review (``//host``, ``https://…``, ``/\\host``) or back to the sign-in page."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path or any(c in path for c in "\r\n"):
        return ""
    if path.split("?", 1)[0].rstrip("/") in ("/signin", "/signout"):
        return ""
    return path


@bp.post("/signout")
@page()
def signout():
    sign_out(g.ws)
    return redirect(url_for("pages.signin"), code=303)


@bp.get("/")
@page()
def home():
    who = g.reviewer
    data = progress(g.ws, who)
    # stages where this owner is given nothing to screen (blind mode: their vote would take a screener's place)
    displaced = {stage: owner_displaces_screener(g.ws, who, stage) is not None for stage in STAGES}
    return render_template("home.html", progress=data, stages=STAGES, displaced=displaced,
                           revotes=revotes_asked(g.ws, who) if who.can_vote else [])
