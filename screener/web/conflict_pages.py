"""The arbiter's (and owner's) pages: the open conflicts, the newest decisions, and one study's
decision page, where a decision is made or made again."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from flask import abort, flash, g, redirect, render_template, request, url_for

from screener.errors import NotFoundError, ScreenerError, ScreeningError, UsageError
from screener.web.messages import said
from screener.web.pages import bp, no_such_stage, page, stage_from, stage_name, study_from
from screener.web.text import abstract_sections, highlight
from screener.workspace.decisions import decision_view, recent_decisions
from screener.workspace.my_highlights import highlight_terms, my_highlights
from screener.workspace.screening import (
    DECISIONS,
    TITLE_ABSTRACT,
    check_reason,
    list_conflicts,
    resolve,
    study_outcome,
    study_view,
)
from screener.workspace.settings import STAGES


@bp.get("/conflicts")
@page("arbiter", "owner")
def conflicts():
    stage = request.args.get("stage") or None
    if stage is not None and stage not in STAGES:
        no_such_stage(stage, "pages.conflicts")
    study = study_from(request.args)
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
    include, exclude = highlight_terms(ws, who)
    hl = functools.partial(highlight, include=include, exclude=exclude)
    cards = []
    for item in items:
        view = study_view(ws, who, item["study"], item["stage"])
        reviewers = sorted({v["reviewer"] for v in item["votes"]})
        cards.append({**item, "title_html": hl(item["title"] or "(no title)"),
                      "sections": [(label, hl(text)) for label, text in abstract_sections(view.get("abstract"))],
                      "view": view, "reviewers": reviewers})
    decided = [] if one is not None else recent_decisions(ws, who, stage)
    return render_template("conflicts.html", cards=cards, stage=stage, stages=STAGES, one=one, decided=decided,
                           reasons=settings.exclusion_reasons, error=error, form=form or {},
                           highlight_include=settings.highlight_include, highlight_exclude=settings.highlight_exclude,
                           my_words=my_highlights(ws, who)), status


@bp.post("/conflicts/resolve")
@page("arbiter", "owner")
def conflicts_resolve():
    ws, who = g.ws, g.reviewer
    stage = stage_from(request.form)
    study = study_from(request.form)
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
    flash(f"Study {study} at {stage_name(stage).lower()}: {decision}"
          + (f" ({reason})" if reason else "") + ".", "ok")
    if resolved.get("warning"):
        flash(resolved["warning"][0].upper() + resolved["warning"][1:] + ".", "error")
    if one is not None:
        return redirect(url_for("pages.conflicts", stage=stage, study=one), code=303)
    query = f"?{urlencode({'stage': back})}" if back else ""
    return redirect(url_for("pages.conflicts") + query, code=303)
