"""What every page of the reviewers' blueprint (sign-in, screening, conflicts, the dashboard) shares:
the blueprint, who may open a page, how a page refuses, and the stage and study a request names.

The pages themselves are in ``signin_pages``, ``screen_pages``, ``conflict_pages`` and
``dashboard_pages``, each adding its views to this one blueprint (``pages.screen``, …)."""

from __future__ import annotations

import functools
from typing import NoReturn

import flask
from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for

from screener.errors import NotFoundError
from screener.web.auth import check_csrf, session_reviewer
from screener.web.people import person
from screener.web.plain_words import (
    encoding_words,
    field_label,
    format_words,
    pair_likeness,
    pair_score_tip,
    pair_status,
    preset_words,
    stopping_method,
    stopping_method_tip,
)
from screener.web.remedies import page_line
from screener.workspace.screening import FULL_TEXT, TITLE_ABSTRACT, check_study_number
from screener.workspace.settings import STAGES

bp = Blueprint("pages", __name__)

STAGE_NAMES = {TITLE_ABSTRACT: "Title/abstract", FULL_TEXT: "Full text"}


@bp.app_template_filter("stage_name")
def stage_name(stage: str) -> str:
    return STAGE_NAMES.get(stage, stage)


for _filter in (encoding_words, field_label, format_words, pair_likeness, pair_score_tip, pair_status, preset_words,
                stopping_method, stopping_method_tip):
    bp.add_app_template_filter(_filter)


def refuse(status: int, message: str, links: list[tuple[str, str]], heading: str | None = None) -> NoReturn:
    """Abort with ``status`` and the error page, ``links`` [(text, url)] under its message;
    ``heading`` in place of the status code and its name."""
    abort(make_response(render_template("error.html", status=status, message=message, links=links,
                                        heading=heading), status))


def _not_signed_in() -> NoReturn:
    """A form sent after the sign-in ended (a newer link, an expired session): 401, saying that
    what was sent was not recorded (the bare 'you are not signed in' left a screener wondering
    whether the vote they had just cast counted)."""
    why = ("you are no longer signed in here (your session ended, or the review's owner sent you a "
           "newer sign-in link). Open your newest sign-in link")
    study = request.form.get("study", "")
    if request.endpoint == "pages.screen_vote" and study.isdigit():
        message = f"Your vote on study {study} was not recorded: {why}, then vote again."
    elif request.endpoint == "pages.conflicts_resolve" and study.isdigit():
        # the arbiter's decision, named as the vote is ('what you sent' was a decision on a study)
        decision = request.form.get("decision", "")
        what = f"{decision} decision" if decision in ("include", "exclude") else "decision"
        message = f"Your {what} on study {study} was not recorded: {why}, then decide it again."
    else:
        message = f"What you sent was not recorded: {why}, then do it again."
    if request.is_json or "application/json" in request.headers.get("Accept", ""):
        # the page's scripts (labels) read JSON: the HTML error page left them 'try again'
        abort(make_response(flask.jsonify({"ok": False, "error": message}), 401))
    refuse(401, message, [], heading="You are no longer signed in")


def no_such_stage(stage: str, endpoint: str) -> None:
    """Abort with 404: an address naming a stage there is not (``?stage=fulltext``) is a page
    that does not exist. Says so with the stages as the menu names them, each linked to
    ``endpoint`` at that stage (the code names are what the address must hold, not what a person reads)."""
    links = [(STAGE_NAMES[s], url_for(endpoint, stage=s)) for s in STAGES]
    message = (f"There is no stage called '{stage}' in this review. The stages are "
               f"{' and '.join(name for name, _ in links)}; open one:")
    refuse(404, message, links)


def page(*roles: str):
    """A page for signed-in reviewers (of these roles, if given); form posts also need CSRF."""
    def wrap(view):
        @functools.wraps(view)
        def inner(*args, **kwargs):
            who = session_reviewer(g.ws)
            if who is None:
                if request.method == "GET":          # back to this page once signed in
                    wanted = request.full_path.rstrip("?")
                    return redirect(url_for("pages.signin", next=wanted) if wanted != "/" else url_for("pages.signin"))
                _not_signed_in()
            g.reviewer = who
            if request.method == "POST":
                check_csrf()
            if roles and who.role not in roles:
                abort(403, description=f"this page is for the review's {' or '.join(roles)}; "
                                       f"you are signed in as {person(who.name)} ({who.role})")
            return view(*args, **kwargs)
        return inner
    return wrap


def stage_from(source) -> str:
    stage = source.get("stage") or TITLE_ABSTRACT
    if stage not in STAGES:
        # an address (GET) is answered with links to the same page at each stage; a form, with the screening pages
        no_such_stage(stage, request.endpoint if request.method == "GET" and request.endpoint else "pages.screen")
    return stage


def study_from(source) -> int | None:
    raw = source.get("study")
    if raw in (None, ""):
        return None
    try:
        study = int(raw)
    except ValueError:
        abort(400, description=f"study {raw!r} is not a study number")
    known_number(study)
    return study


def known_number(study: int) -> None:
    """A number SQLite cannot hold is no study here (the database raised OverflowError: a 500)."""
    try:
        check_study_number(g.ws, study)
    except NotFoundError as exc:
        abort(404, description=page_line(exc))
