"""The screener's pages: the keyboard-first screening page (vote, undo, skip), my votes, and a
study's attached full-text file."""

from __future__ import annotations

import functools
from pathlib import Path

from flask import abort, flash, g, redirect, render_template, request, send_file, session, url_for

from screener.errors import NotFoundError, ScreenerError, ScreeningError, UsageError
from screener.web.estimate import visible_stopping_estimate
from screener.web.messages import said
from screener.web.pages import bp, known_number, page, refuse, stage_from, stage_name, study_from
from screener.web.people import person
from screener.web.text import abstract_sections, highlight
from screener.workspace.my_highlights import highlight_terms, my_highlights, set_my_highlights, split_words
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.queue import holds_study, next_study, release_study
from screener.workspace.revotes import revotes_asked
from screener.workspace.screening import (
    FULL_TEXT,
    VoteBook,
    cast_vote,
    check_reason,
    progress,
    require_current_study,
    retract_vote,
    reviewer_votes,
    study_outcome,
    study_view,
)
from screener.workspace.settings import STAGES
from screener.workspace.studies import merged_into
from screener.workspace.vote_open import closed_to_vote

_DECIDED = ("include", "exclude")        # outcomes after which only the arbiter changes anything


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
        links = [("Conflicts", url_for("pages.conflicts", stage=stage)), ("Settings", url_for("owner_pages.settings"))]
        attach = ""
        if stage == FULL_TEXT:
            # the owner's own work at full text: the reports' full texts, attached on each study's page
            attach = (". To attach the reports' full texts, open each study from Studies at full text (its page "
                      "takes the PDF or a link).")
            links.insert(0, ("Studies at full text", url_for("studies.studies", stage=FULL_TEXT)))
        refuse(403, f"Under blind mode the review's screeners give the {needed} votes each study needs "
                    f"at {stage_name(stage).lower()}, so an owner is given no studies to screen (your "
                    f"vote would take a screener's place): resolve their conflicts on the Conflicts page, "
                    f"or turn blind mode off under Manage → Settings{attach or '.'}", links,
               heading=f"No studies for you to screen at {stage_name(stage).lower()}")
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
    kept = session.pop("fulltext_form", None)      # a refused full text: the link typed, back in its box
    if kept and kept.get("study") == study and stage == FULL_TEXT:
        form = {**(form or {}), "url": kept.get("url", "")}
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
        "my_words": my_highlights(ws, who),
        # the queue's end leads on: studies waiting for me at the other stage (the start page alone said so)
        "elsewhere": {s: row["remaining"] for s in STAGES if s != stage
                      and (row := _my_row(data, s, who.name)) is not None and row.get("remaining")},
        "last": session.get("last"),
        "revotes": [r for r in revotes_asked(ws, who) if not (item and r["study"] == item["study"] and r["stage"] == stage)],
        "no_vote": no_vote,
    }
    if item is not None:
        mine_now = next((v for v in item.get("votes") or [] if v["reviewer"] == who.name), None)
        if form is None and mine_now is not None:
            # changing my vote (from My votes): its note and reason in the fields, to keep or edit
            # (the note box was empty, and the new vote went in without the note)
            context["form"] = {"reason": mine_now.get("reason") or "", "note": mine_now.get("note") or ""}
        include, exclude = highlight_terms(ws, who)
        hl = functools.partial(highlight, include=include, exclude=exclude)
        context.update({
            "title_html": hl(item.get("title") or "(no title)"),
            "sections": [(label, hl(text)) for label, text in abstract_sections(item.get("abstract"))],
            "keywords_html": [hl(k) for k in item.get("keywords") or []],
            "my_vote": mine_now,
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
    at = stage_name(stage).lower()
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
    return _screen_page(stage_from(request.args), study_from(request.args))


@bp.post("/screen/vote")
@page()
def screen_vote():
    ws, who = g.ws, g.reviewer
    stage = stage_from(request.form)
    study = study_from(request.form)
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
                message = (f"An exclusion at {stage_name(stage).lower()} needs a reason: pick one from the list "
                           f"(keys 1–9), then press E again." if not reason else said(exc))
                return _screen_page(stage, study, error=message, status=422, form=form)
        # my vote before this one: a vote from a second tab (or after Back) replaced it unsaid
        before = VoteBook(ws, who, [study]).vote_of(study, stage, who.id)
        result = cast_vote(ws, who, study, stage, vote, reason=reason, note=note)
    except ScreenerError as exc:
        if isinstance(exc, NotFoundError):
            _merged_away(study, stage, voted=True)
            raise
        message = said(exc)
        if exc.http_status == 503:     # the storage refused it: say that the vote just cast is not in
            message = f"Your {vote} vote on study {study} was not recorded: {message}"
        return _screen_page(stage, study, error=message, status=exc.http_status, form=form)
    session["last"] = {"study": study, "stage": stage, "vote": vote}
    session.pop("undone", None)
    told = vote + (f" ({result['vote']['reason']})" if result.get("vote") and result["vote"]["reason"] else "")
    was = before.vote + (f" ({before.reason})" if before.reason else "") if before else ""
    replaced = f"; this replaces your earlier {was}" if result["recorded"] and before and was != told else ""
    flash(f"Study {study}: {told}{replaced}." + ("" if result["recorded"] else " (unchanged)"), "ok")
    return redirect(url_for("pages.screen", stage=stage), code=303)


@bp.post("/screen/undo")
@page()
def screen_undo():
    """Withdraw my last vote and show that study again."""
    ws, who = g.ws, g.reviewer
    stage = stage_from(request.form)
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
        flash(_undo_refused(last["study"], stage, exc), "error")
        return redirect(url_for("pages.screen", stage=stage), code=303)
    session.pop("last", None)
    session["undone"] = {"study": last["study"], "stage": stage, "reason": undone.get("reason") or "",
                         "note": undone.get("note") or ""}
    flash(f"Your vote on study {last['study']} is withdrawn; vote again.", "ok")
    return redirect(url_for("pages.screen", stage=stage, study=last["study"]), code=303)


def _undo_refused(study: int, stage: str, exc: ScreenerError) -> str:
    """Why U did not withdraw my vote on ``study``, in the page's words. The usual case: the other
    screener's vote came in after mine and decided the study ('Could not undo: study 1 is already
    decided at title_abstract …' said neither the stage's name nor that my vote still counts)."""
    outcome = study_outcome(g.ws, study, stage, g.reviewer)
    if outcome.status in _DECIDED:
        how = " — the screeners agreed" if outcome.decided_by == "votes" else ""
        reason = f" ({outcome.reason})" if outcome.reason else ""
        return (f"Your vote on study {study} stands: the study was decided meanwhile ({outcome.status}{reason}{how}), "
                f"and only the arbiter or the review's owner can change it now.")
    return f"Could not undo: {said(exc)}"


@bp.post("/screen/highlights")
@page()
def screen_highlights():
    """Save my own highlight words and show the same study again, marked with them."""
    stage = stage_from(request.form)
    study = study_from(request.form)
    typed = {"hl_include": request.form.get("include", ""), "hl_exclude": request.form.get("exclude", "")}
    back = request.form.get("back") or ""
    back = request.script_root + back if back.startswith("/") and not back.startswith("//") else ""   # this site only
    try:
        words = set_my_highlights(g.ws, g.reviewer, split_words(typed["hl_include"]), split_words(typed["hl_exclude"]))
    except ScreenerError as exc:
        if back:                 # from the conflicts page (an arbiter does not open the screening page)
            refuse(422, f"{said(exc)}; nothing was saved.", [("Back to the page", back)],
                   heading="Your highlight words were not saved")
        # the words typed stay in the boxes, the line above the study says which box and why
        return _screen_page(stage, study, error=f"{said(exc)}; nothing was saved.", status=422, form=typed)
    count = len(words["include"]) + len(words["exclude"])
    flash(f"Your highlight words are saved ({count})." if count else "Your highlight words are cleared.", "ok")
    return redirect(back or (url_for("pages.screen", stage=stage, study=study) if study else
                             url_for("pages.screen", stage=stage)), code=303)


@bp.post("/screen/skip")
@page()
def screen_skip():
    """Give the study back unvoted; the queue offers it to others and to me later."""
    stage = stage_from(request.form)
    study = study_from(request.form)
    if study is None:
        abort(400, description="the form names no study")
    if _undone(study, stage):
        # brought back by U, not leased: unvoted, it is in the queue already; S moves on from it
        session.pop("undone", None)
        flash(f"Skipped study {study}; it stays in your queue for later.", "ok")
        return redirect(url_for("pages.screen", stage=stage), code=303)
    try:
        release_study(g.ws, g.reviewer, study, stage)
    except ScreeningError:               # not mine to skip: voted meanwhile, or no longer held for me
        # which of the two, in the screener's words (the refusal guessed between them)
        mine = VoteBook(g.ws, g.reviewer, [study]).vote_of(study, stage, g.reviewer.id)
        why = (f"you voted on it meanwhile ({mine.vote}), in another tab or window" if mine else
               f"it is not held for you (the queue holds a study {g.state.lease_minutes} minutes for the "
               f"screener it gives it to)")
        return _screen_page(stage, error=f"Study {study} was not skipped: {why}.", status=409)
    flash(f"Skipped study {study}; it goes back in the queue.", "ok")
    return redirect(url_for("pages.screen", stage=stage), code=303)


@bp.get("/mine")
@page()
def mine():
    stage = stage_from(request.args)
    votes = reviewer_votes(g.ws, g.reviewer, stage)
    return render_template("mine.html", stage=stage, stages=STAGES, votes=votes)


@bp.get("/fulltext/<int:study>")
@page()
def fulltext(study: int):
    """The attached full-text file of a study (links open the publisher's page directly)."""
    known_number(study)
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
