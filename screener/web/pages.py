"""The pages people use: sign-in, screening (keyboard first), my votes, the arbiter's conflicts and
the owner's dashboard. Server-rendered; every form post carries the session's CSRF token."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlencode

import flask
from flask import Blueprint, abort, flash, g, make_response, redirect, render_template, request, send_file, session, url_for

from screener.errors import NotFoundError, PermissionDenied, ScreenerError, ScreeningError, UsageError
from screener.report.agreement import agreement_report
from screener.report.prisma import prisma_counts, render_svg
from screener.web.auth import check_csrf, session_reviewer, sign_in, sign_out
from screener.web.estimate import visible_stopping_estimate
from screener.web.messages import said
from screener.web.pair_fields import decision_words
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
from screener.web.text import abstract_sections, highlight
from screener.web.throttle import TooManyAttempts
from screener.workspace.decisions import decision_view, recent_decisions
from screener.workspace.dedupe import decide_pair, dedupe_due, list_pairs
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.queue import holds_study, next_study, release_study
from screener.workspace.reviewers import list_reviewers
from screener.workspace.revotes import revotes_asked
from screener.workspace.screening import (
    DECISIONS,
    FULL_TEXT,
    TITLE_ABSTRACT,
    VoteBook,
    cast_vote,
    check_reason,
    check_study_number,
    conflict_counts,
    list_conflicts,
    progress,
    require_current_study,
    resolve,
    retract_vote,
    reviewer_votes,
    study_outcome,
    study_view,
)
from screener.workspace.settings import STAGES
from screener.workspace.studies import merged_into
from screener.workspace.team import decisions_by_stage, team
from screener.workspace.vote_open import closed_to_vote

bp = Blueprint("pages", __name__)

STAGE_NAMES = {TITLE_ABSTRACT: "Title/abstract", FULL_TEXT: "Full text"}
_DECIDED = ("include", "exclude")        # outcomes after which only the arbiter changes anything


@bp.app_template_filter("stage_name")
def _stage_name(stage: str) -> str:
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


def _stage_from(source) -> str:
    stage = source.get("stage") or TITLE_ABSTRACT
    if stage not in STAGES:
        # an address (GET) is answered with links to the same page at each stage; a form, with the screening pages
        no_such_stage(stage, request.endpoint if request.method == "GET" and request.endpoint else "pages.screen")
    return stage


def _study_from(source) -> int | None:
    raw = source.get("study")
    if raw in (None, ""):
        return None
    try:
        study = int(raw)
    except ValueError:
        abort(400, description=f"study {raw!r} is not a study number")
    _known_number(study)
    return study


def _known_number(study: int) -> None:
    """A number SQLite cannot hold is no study here (the database raised OverflowError: a 500)."""
    try:
        check_study_number(g.ws, study)
    except NotFoundError as exc:
        abort(404, description=str(exc))


# ---- signing in -------------------------------------------------------------------------------

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
        flash(f"Signed in as {person(who.name)} ({who.role}).", "ok")
        wanted = _page_of_this_review(request.form.get("next", ""))
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


# ---- screening --------------------------------------------------------------------------------

def _my_row(data: dict, stage: str, name: str) -> dict | None:
    return next((r for r in data["stages"][stage]["reviewers"] if r["name"] == name), None)


def _screen_page(stage: str, study: int | None = None, *, error: str | None = None, status: int = 200,
                 form: dict | None = None):
    ws, who = g.ws, g.reviewer
    # refused with links to the pages the message names (the menu reaches here; a dead end did not help)
    if not who.can_vote:
        elsewhere = "open Search strategies instead" if who.can_edit_strategies else "open Conflicts instead"
        refuse(403, f"you are signed in as {person(who.name)}, the review's {who.role}, who does not screen; "
                    f"{elsewhere}",
               [("Search strategies", url_for("workbench.workbench"))] if who.can_edit_strategies
               else [("Conflicts", url_for("pages.conflicts", stage=stage))])
    if study is None and owner_displaces_screener(ws, who, stage) is not None:
        needed = ws.settings.stages[stage].votes_needed
        refuse(403, f"under blind mode the review's screeners give the {needed} votes each study needs "
                    f"at {_stage_name(stage).lower()}, so an owner is given no studies to screen (your "
                    f"vote would take a screener's place): resolve their conflicts on the Conflicts page, "
                    f"or turn blind mode off under Manage → Settings",
               [("Conflicts", url_for("pages.conflicts", stage=stage)), ("Settings", url_for("owner_pages.settings"))])
    no_vote = None
    if study is not None:
        _merged_away(study, stage, voted=False)
        closed = closed_to_vote(ws, who, study, stage)
        if closed and who.role == "screener":
            # a study opened by its link that is not theirs: said at once, without vote buttons (the
            # vote's refusal came only after a vote); nothing of the study's votes is shown
            return render_template("not_in_queue.html", study=study, stage=stage, why=closed,
                                   votes_needed=ws.settings.stages[stage].votes_needed), status
        if closed:
            # an owner sees every vote, so the study is shown (the Studies page links each title
            # here), but without the buttons whose vote would be refused: the reason stands there
            no_vote = _owner_no_vote(closed, study, stage)
    undone = study is not None and _undone(study, stage)
    if undone and form is None:
        form = {"reason": session["undone"]["reason"], "note": session["undone"]["note"]}
    if study is None:
        item = next_study(ws, who, stage, lease_minutes=g.state.lease_minutes)
        leased = True
    else:
        item = study_view(ws, who, study, stage)
        # the queue's study for me, reached by its address (after attaching its full text, a
        # link): Skip works on it and it is not 'opened by its link'
        leased = holds_study(ws, who, study, stage)
    data = progress(ws, who)
    settings = ws.settings
    context = {
        "stage": stage, "stages": STAGES, "item": item, "leased": leased, "undone": undone, "error": error,
        "form": form or {}, "progress": data["stages"][stage], "mine": _my_row(data, stage, who.name),
        "estimate": visible_stopping_estimate(ws, who, stage),
        "criteria": settings.inclusion_criteria, "reasons": settings.exclusion_reasons,
        "reason_required": settings.stages[stage].reason_required,
        "hide_authors": settings.hide_authors and who.role == "screener",
        "highlight_include": settings.highlight_include, "highlight_exclude": settings.highlight_exclude,
        "last": session.get("last"),
        "revotes": [r for r in revotes_asked(ws, who) if not (item and r["study"] == item["study"] and r["stage"] == stage)],
        "no_vote": no_vote,
    }
    if item is not None:
        hl = functools.partial(highlight, include=settings.highlight_include, exclude=settings.highlight_exclude)
        context.update({
            "title_html": hl(item.get("title") or "(no title)"),
            "sections": [(label, hl(text)) for label, text in abstract_sections(item.get("abstract"))],
            "keywords_html": [hl(k) for k in item.get("keywords") or []],
            "my_vote": next((v for v in item.get("votes") or [] if v["reviewer"] == who.name), None),
            "other_votes": [v for v in item.get("votes") or [] if v["reviewer"] != who.name],
            "fulltext": item.get("fulltext"),
            "outcome": item.get("outcome"),
        })
    return render_template("screen.html", **context), status


def _merged_away(study: int, stage: str, *, voted: bool) -> None:
    """The page for a study dedupe merged into another (404, as before): says so in a person's
    words, whether a vote just sent was recorded (it was not), and links the study it went into
    (a bare '404 — Not found … screen study 3 instead' left the screener to type the address)."""
    try:
        require_current_study(g.ws, study)
        return                                  # still screened: not this page
    except NotFoundError:
        pass
    into = [s for s in merged_into(g.ws, study) if s != study]
    if not into:
        return                                  # no such study: the plain 404
    where = " and ".join(f"study {s}" for s in into)
    merged = f"study {study} was merged into {where} (deduplication found they are the same study)"
    refuse(404, (f"Your vote on study {study} was not recorded: {merged} while its page was open." if voted
                 else f"{merged[0].upper()}{merged[1:]}.") + f" Open {where} to screen it.",
           [(f"Study {s}", url_for("pages.screen", stage=stage, study=s)) for s in into]
           + [("My queue", url_for("pages.screen", stage=stage))], heading="This study was merged into another")


def _undone(study: int, stage: str) -> bool:
    """Whether ``study`` is the one this session's Undo just brought back at ``stage``."""
    undone = session.get("undone") or {}
    return undone.get("study") == study and undone.get("stage") == stage


def _owner_no_vote(closed: str, study: int, stage: str) -> dict[str, str]:
    """Why an owner's first vote on ``study`` would be refused (a ``vote_open`` name), in the
    page's words: what the vote's refusal says, said before the vote ({code, why, then: what to
    do instead, which the page writes with its link})."""
    at = _stage_name(stage).lower()
    needed = g.ws.settings.stages[stage].votes_needed
    outcome = study_outcome(g.ws, study, stage, g.reviewer)
    why = {
        "not_reached": f"it has not reached full text (only studies included at title/abstract come to {at})",
        "not_retrieved": "its full text is marked as not retrieved, so it is not screened at full text",
        "assigned_to_others": f"it is assigned to other screeners (each study goes to {needed} of the review's screeners)",
        "decided": f"it is already decided at {at} ({outcome.status}), and votes can no longer change it",
        "taken": f"it already has the {needed} screeners it needs",
        "owner_not_needed": f"under blind mode the review's screeners give the {needed} votes each study needs at "
                            f"{at}, so an owner's vote would take a screener's place",
    }[closed]
    if outcome.status == "conflict" and closed != "not_reached":
        # what an owner does about it: decide it ('it already has the 2 screeners it needs' told them nothing)
        return {"code": "conflict", "why": "You do not vote on this study: the screeners disagree on it.",
                "then": "Decide it on the Conflicts page."}
    return {"code": closed, "why": f"You do not vote on this study: {why}.", "then": ""}


@bp.get("/screen")
@page()
def screen():
    return _screen_page(_stage_from(request.args), _study_from(request.args))


@bp.post("/screen/vote")
@page()
def screen_vote():
    ws, who = g.ws, g.reviewer
    stage = _stage_from(request.form)
    study = _study_from(request.form)
    if study is None:
        abort(400, description="the form names no study")
    vote = request.form.get("vote", "")
    reason = request.form.get("reason", "").strip()
    note = request.form.get("note", "")
    form = {"reason": reason, "note": note}
    if vote not in ("include", "exclude", "maybe"):
        return _screen_page(stage, study, error=f"{vote!r} is not a vote; press I, E or M", status=400, form=form)
    if vote != "exclude":
        reason = ""          # a reason picked and then an include: the include wins, as the person meant
    try:
        require_current_study(ws, study)
        if vote == "exclude":
            try:
                check_reason(ws, stage, vote, reason)
            except (ScreeningError, UsageError) as exc:
                message = (f"An exclusion at {_stage_name(stage).lower()} needs a reason: pick one from the list "
                           f"(keys 1–9), then press E again." if not reason else said(exc))
                return _screen_page(stage, study, error=message, status=422, form=form)
        # my vote before this one: a vote from a second tab (or after Back) replaced it unsaid
        before = VoteBook(ws, who, [study]).vote_of(study, stage, who.id)
        result = cast_vote(ws, who, study, stage, vote, reason=reason, note=note)
    except ScreenerError as exc:
        if isinstance(exc, NotFoundError):
            _merged_away(study, stage, voted=True)
            raise
        return _screen_page(stage, study, error=said(exc), status=exc.http_status, form=form)
    session["last"] = {"study": study, "stage": stage, "vote": vote}
    session.pop("undone", None)
    told = vote + (f" ({result['vote']['reason']})" if result.get("vote") and result["vote"]["reason"] else "")
    was = before.vote + (f" ({before.reason})" if before.reason else "") if before else ""
    replaced = f"; this replaces your earlier vote ({was})" if result["recorded"] and before and was != told else ""
    flash(f"Study {study}: {told}{replaced}." + ("" if result["recorded"] else " (unchanged)"), "ok")
    return redirect(url_for("pages.screen", stage=stage), code=303)


@bp.post("/screen/undo")
@page()
def screen_undo():
    """Withdraw my last vote and show that study again."""
    ws, who = g.ws, g.reviewer
    stage = _stage_from(request.form)
    last = session.get("last")
    if not last or last.get("stage") != stage:
        # no vote of this session: my newest vote that can still be withdrawn (not on a decided study)
        mine = reviewer_votes(ws, who, stage)
        open_ = [v for v in mine if (v.get("outcome") or {}).get("status") not in _DECIDED]
        last = {"study": open_[0]["study"], "stage": stage} if open_ else None
        if last is None and mine:
            flash("You have no vote to undo at this stage: your votes are on decided studies, which only "
                  "the arbiter can change.", "error")
            return redirect(url_for("pages.screen", stage=stage), code=303)
    if not last:
        flash("You have no vote to undo at this stage.", "error")
        return redirect(url_for("pages.screen", stage=stage), code=303)
    try:
        # the vote's reason and note come back in the fields: an undo is mostly a slip corrected,
        # and the note written a moment before was lost
        view = study_view(ws, who, last["study"], stage)
        undone = next((v for v in view["votes"] if v["reviewer"] == who.name), None) or {}
        retract_vote(ws, who, last["study"], stage)
    except ScreenerError as exc:
        session.pop("last", None)
        flash(f"Could not undo: {exc}", "error")
        return redirect(url_for("pages.screen", stage=stage), code=303)
    session.pop("last", None)
    session["undone"] = {"study": last["study"], "stage": stage, "reason": undone.get("reason") or "",
                         "note": undone.get("note") or ""}
    flash(f"Your vote on study {last['study']} is withdrawn; vote again.", "ok")
    return redirect(url_for("pages.screen", stage=stage, study=last["study"]), code=303)


@bp.post("/screen/skip")
@page()
def screen_skip():
    """Give the study back unvoted; the queue offers it to others and to me later."""
    stage = _stage_from(request.form)
    study = _study_from(request.form)
    if study is None:
        abort(400, description="the form names no study")
    if _undone(study, stage):
        # brought back by U, not leased: unvoted, it is in the queue already; S moves on from it
        session.pop("undone", None)
        flash(f"Skipped study {study}; it stays in your queue for later.", "ok")
        return redirect(url_for("pages.screen", stage=stage), code=303)
    try:
        release_study(g.ws, g.reviewer, study, stage)
    except ScreeningError as exc:        # not mine to skip (voted meanwhile, or never given to me)
        return _screen_page(stage, error=said(exc), status=409)
    flash(f"Skipped study {study}; it goes back in the queue.", "ok")
    return redirect(url_for("pages.screen", stage=stage), code=303)


@bp.get("/mine")
@page()
def mine():
    stage = _stage_from(request.args)
    votes = reviewer_votes(g.ws, g.reviewer, stage)
    return render_template("mine.html", stage=stage, stages=STAGES, votes=votes)


@bp.get("/fulltext/<int:study>")
@page()
def fulltext(study: int):
    """The attached full-text file of a study (links open the publisher's page directly)."""
    _known_number(study)
    view = study_view(g.ws, g.reviewer, study, FULL_TEXT)
    attached = view.get("fulltext")
    if not attached or attached["kind"] != "file":
        abort(404, description=f"study {study} has no full-text file attached "
                               f"(attach one on the study's full-text screening page)")
    root = (g.ws.path / "fulltext").resolve()
    path = (g.ws.path / attached["location"]).resolve()
    if root not in path.parents or not path.is_file():
        abort(404, description=f"the full-text file of study {study} is missing from {root}")
    response = send_file(path, download_name=Path(path).name, conditional=True)
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; object-src 'self'"
    return response


# ---- arbiter ----------------------------------------------------------------------------------

@bp.get("/conflicts")
@page("arbiter", "owner")
def conflicts():
    stage = request.args.get("stage") or None
    if stage is not None and stage not in STAGES:
        no_such_stage(stage, "pages.conflicts")
    study = _study_from(request.args)
    if study is not None and stage is None:
        stage = TITLE_ABSTRACT
    return _conflicts_page(stage, one=study)


def _conflicts_page(stage: str | None, *, error: tuple[int, str, str] | None = None, status: int = 200,
                    form: dict | None = None, one: int | None = None):
    """The open conflicts, and the newest decisions with a link to change each; with ``one``, that
    study's decision page (open, decided or neither), where a decision is made again."""
    ws, who = g.ws, g.reviewer
    if one is not None:
        try:
            items = [decision_view(ws, who, one, stage or TITLE_ABSTRACT)]
        except NotFoundError as exc:
            abort(404, description=said(exc))
    else:
        items = list_conflicts(ws, who, stage)
    settings = ws.settings
    hl = functools.partial(highlight, include=settings.highlight_include, exclude=settings.highlight_exclude)
    cards = []
    for item in items:
        view = study_view(ws, who, item["study"], item["stage"])
        reviewers = sorted({v["reviewer"] for v in item["votes"]})
        cards.append({**item, "title_html": hl(item["title"] or "(no title)"),
                      "sections": [(label, hl(text)) for label, text in abstract_sections(view.get("abstract"))],
                      "view": view, "reviewers": reviewers})
    decided = [] if one is not None else recent_decisions(ws, who, stage)
    return render_template("conflicts.html", cards=cards, stage=stage, stages=STAGES, one=one, decided=decided,
                           reasons=settings.exclusion_reasons, error=error, form=form or {}), status


@bp.post("/conflicts/resolve")
@page("arbiter", "owner")
def conflicts_resolve():
    ws, who = g.ws, g.reviewer
    stage = _stage_from(request.form)
    study = _study_from(request.form)
    if study is None:
        abort(400, description="the form names no study")
    decision = request.form.get("decision", "")
    reason = request.form.get("reason", "").strip() if decision == "exclude" else ""
    note = request.form.get("note", "")
    back = request.form.get("back") or None
    one = study if request.form.get("one") else None        # sent from the study's decision page: back there
    form = {"decision": decision, "reason": reason, "note": note}     # kept when the page comes back
    if decision not in DECISIONS:
        return _conflicts_page(back, error=(study, stage, "choose include or exclude"), status=400, form=form,
                               one=one)
    try:
        outcome = study_outcome(ws, study, stage, who)
        try:
            check_reason(ws, stage, decision, reason, required=True if outcome.conflict == "reason" else None)
        except (ScreeningError, UsageError) as exc:
            message = "This exclusion needs a reason: pick one from the list." if not reason else said(exc)
            return _conflicts_page(back, error=(study, stage, message), status=422, form=form, one=one)
        resolved = resolve(ws, who, study, stage, decision, reason=reason, note=note)
    except ScreenerError as exc:
        return _conflicts_page(back, error=(study, stage, said(exc)), status=exc.http_status, form=form, one=one)
    flash(f"Study {study} at {_stage_name(stage).lower()}: {decision}"
          + (f" ({reason})" if reason else "") + ".", "ok")
    if resolved.get("warning"):
        flash(resolved["warning"][0].upper() + resolved["warning"][1:] + ".", "error")
    if one is not None:
        return redirect(url_for("pages.conflicts", stage=stage, study=one), code=303)
    query = f"?{urlencode({'stage': back})}" if back else ""
    return redirect(url_for("pages.conflicts") + query, code=303)


# ---- owner ------------------------------------------------------------------------------------

@bp.get("/dashboard")
@page("owner")
def dashboard():
    ws, who = g.ws, g.reviewer
    data = progress(ws, who)
    counts = conflict_counts(ws)
    return render_template(
        "dashboard.html", progress=data, stages=STAGES, agreement=agreement_report(ws),
        conflicts=counts, pairs=list_pairs(ws, "pending"), prisma=prisma_counts(ws).to_dict(),
        estimates={stage: visible_stopping_estimate(ws, who, stage) for stage in STAGES},
        reviewers=list_reviewers(ws), dedupe=dedupe_due(ws), decided=decisions_by_stage(ws),
        # a revoked screener signs in no more: their studies 'remaining' wait for nobody
        revoked={item["name"] for item in team(ws) if item["revoked"]})


@bp.get("/dashboard/prisma.svg")
@page("owner")
def prisma_svg():
    svg = render_svg(prisma_counts(g.ws), g.ws.settings.title)
    response = flask.Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@bp.post("/dashboard/pairs/<int:pair>")
@page("owner")
def decide(pair: int):
    decision = request.form.get("decision", "")
    if decision not in ("same", "different"):
        abort(400, description="choose same or different")
    result = decide_pair(g.ws, pair, decision, actor=g.reviewer.name, note=request.form.get("note", ""))
    flash(decision_words(pair, decision, result), "ok")
    return redirect(url_for("pages.dashboard") + "#dedupe", code=303)
