"""The arbiter's (and owner's) pages: the open conflicts, the newest decisions, and one study's
decision page, where a decision is made or made again."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from flask import abort, flash, g, redirect, render_template, request, url_for

from screener.errors import NotFoundError, ScreenerError, ScreeningError, UsageError
from screener.web.decided_meanwhile import meanwhile_line, replaced_line
from screener.web.messages import said
from screener.web.pages import bp, no_such_stage, page, stage_from, stage_name, study_from
from screener.web.text import abstract_sections, highlight
from screener.workspace.decided_meanwhile import DecidedMeanwhile
from screener.workspace.decisions import decision_view, recent_decisions
from screener.workspace.my_highlights import highlight_terms, my_highlights
from screener.workspace.reviewers import list_reviewers
from screener.workspace.screening import (
    DECISIONS,
    TITLE_ABSTRACT,
    check_reason,
    conflict_counts,
    list_conflicts,
    resolve,
    study_outcome,
    study_view,
)
from screener.workspace.settings import STAGES

PAGE_SIZE = 20       # cards a page: 200 conflicts on one page were 1.1 MB and a phone's long scroll
KINDS = {"decision": "include or exclude", "reason": "the reasons differ"}


@bp.get("/conflicts")
@page("arbiter", "owner")
def conflicts():
    stage = request.args.get("stage") or None
    if stage is not None and stage not in STAGES:
        no_such_stage(stage, "pages.conflicts")
    study = study_from(request.args)
    if study is not None and stage is None:
        stage = TITLE_ABSTRACT
    return _conflicts_page(stage, one=study, listed=_list_filter(request.args))


def _list_filter(args) -> dict[str, str]:
    """The list's kind, screener and page from ``args`` (a query or the resolve form's back_*),
    each checked: a value the page does not offer is refused naming it (400)."""
    kind, reviewer, number = args.get("kind") or "", args.get("reviewer") or "", args.get("page") or ""
    if kind and kind not in KINDS:
        abort(400, description=f"kind: '{kind}' is not a kind of conflict; use decision (include or exclude) or "
                               f"reason (the reasons differ), or leave it out for every conflict")
    if reviewer and reviewer not in {r.name for r in list_reviewers(g.ws) if r.can_vote}:
        abort(400, description=f"reviewer: '{reviewer}' is not one of the review's screeners; pick a screener "
                               f"from the list on the Conflicts page, or leave it out")
    if number and not (number.isascii() and number.isdigit() and int(number) >= 1):
        abort(400, description=f"page: '{number}' is not a page number; pages are numbered from 1")
    return {k: v for k, v in (("kind", kind), ("reviewer", reviewer), ("page", number)) if v}


def _listed(items: list[dict], listed: dict[str, str]) -> tuple[list[dict], dict]:
    """``items`` of the kind and screener asked for, the page of them asked for (the last page
    when fewer are left, after a resolution), and what the page says about the rest: counts of
    each kind over the screener asked for and of each screener over the kind asked for."""
    def of_kind(item: dict, kind: str) -> bool:
        return not kind or (item.get("conflict") == "reason") == (kind == "reason")

    def of_reviewer(item: dict, name: str) -> bool:
        return not name or any(v["reviewer"] == name for v in item["votes"])

    kind, name = listed.get("kind", ""), listed.get("reviewer", "")
    chosen = [i for i in items if of_kind(i, kind) and of_reviewer(i, name)]
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    number = min(int(listed.get("page") or 1), pages)
    start = (number - 1) * PAGE_SIZE
    names = sorted({v["reviewer"] for i in items for v in i["votes"]})
    about = {"total": len(chosen), "page": number, "pages": pages, "first": start + 1,
             "last": min(start + PAGE_SIZE, len(chosen)), "filter": {k: v for k, v in listed.items() if k != "page"},
             "kinds": {k: sum(1 for i in items if of_kind(i, k) and of_reviewer(i, name)) for k in KINDS},
             "reviewers": {n: sum(1 for i in items if of_kind(i, kind) and of_reviewer(i, n)) for n in names},
             "kind_names": KINDS}
    return chosen[start:start + PAGE_SIZE], about


def _conflicts_page(stage: str | None, *, error: tuple[int, str, str] | None = None, status: int = 200,
                    form: dict | None = None, one: int | None = None, listed: dict[str, str] | None = None):
    """The open conflicts, and the newest decisions with a link to change each; with ``one``, that
    study's decision page (open, decided or neither), where a decision is made again."""
    ws, who = g.ws, g.reviewer
    if one is not None:
        try:
            items = [decision_view(ws, who, one, stage or TITLE_ABSTRACT)]
        except NotFoundError as exc:
            abort(404, description=said(exc))
        about = None
    else:
        items, about = _listed(list_conflicts(ws, who, stage), listed or {})
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
    # none left at this stage: those waiting at the other, named with a link (the tabs carry no counts)
    elsewhere = ({s: n for s, n in conflict_counts(ws).items() if s != stage and n}
                 if stage is not None and one is None and not cards and not (about or {}).get("filter") else {})
    return render_template("conflicts.html", cards=cards, stage=stage, stages=STAGES, one=one, decided=decided,
                           elsewhere=elsewhere,
                           reasons=settings.exclusion_reasons, error=error, form=form or {},
                           highlight_include=settings.highlight_include, highlight_exclude=settings.highlight_exclude,
                           my_words=my_highlights(ws, who), about=about), status


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
    listed = _list_filter({k[5:]: v for k, v in request.form.items() if k.startswith("back_")})   # the list's filter and page
    one = study if request.form.get("one") else None        # sent from the study's decision page: back there
    form = {"decision": decision, "reason": reason, "note": note}     # kept when the page comes back
    seen = request.form.get("seen", "")
    if seen and not (seen.isascii() and seen.isdigit()):
        abort(400, description=f"seen: '{seen}' is not a decision's number; reload the page and decide again")
    expected = int(seen) if seen else None       # a page loaded before the field existed checks nothing
    if decision not in DECISIONS:
        return _conflicts_page(back, error=(study, stage, "choose include or exclude"), status=400, form=form,
                               one=one, listed=listed)
    try:
        outcome = study_outcome(ws, study, stage, who)
        try:
            check_reason(ws, stage, decision, reason, required=True if outcome.conflict == "reason" else None)
        except (ScreeningError, UsageError) as exc:
            message = "This exclusion needs a reason: pick one from the list." if not reason else said(exc)
            return _conflicts_page(back, error=(study, stage, message), status=422, form=form, one=one,
                                   listed=listed)
        resolved = resolve(ws, who, study, stage, decision, reason=reason, note=note, expected=expected)
    except DecidedMeanwhile as exc:
        # the study's own page: the decision now in force shown, what was typed still in the form, and
        # the form now saying it saw that decision, so that Resolve again replaces it knowingly
        return _conflicts_page(stage, error=(study, stage, meanwhile_line(exc.latest)), status=409, form=form,
                               one=study)
    except ScreenerError as exc:
        return _conflicts_page(back, error=(study, stage, said(exc)), status=exc.http_status, form=form, one=one,
                               listed=listed)
    flash(f"Study {study} at {stage_name(stage).lower()}: {decision}"
          + (f" ({reason})" if reason else "") + "." + replaced_line(resolved, who.name), "ok")
    if resolved.get("warning"):
        flash(resolved["warning"][0].upper() + resolved["warning"][1:] + ".", "error")
    if one is not None:
        return redirect(url_for("pages.conflicts", stage=stage, study=one), code=303)
    query = urlencode({**({"stage": back} if back else {}), **listed})
    return redirect(url_for("pages.conflicts") + (f"?{query}" if query else ""), code=303)
