"""Pages for labels, search and filters, the discussion of a conflict and owners' bulk actions.

``/studies``: a screener's "my votes" (and everyone else's "all studies") with a search box,
filters whose values carry their counts, pages, and the whole filter in the URL (a link shared
gives the same list). Label, comment and re-vote forms post here (session + CSRF); the screening
page's label keys post the same forms through fetch and get JSON back.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup

from screener.errors import ScreenerError
from screener.web.after_post import refuse_back
from screener.web.charts import charts
from screener.web.pages import no_such_stage, page, refuse
from screener.web.people import person
from screener.workspace.bulk import bulk_action
from screener.workspace.comments import add_comment, thread_if_open
from screener.workspace.fulltext import fulltext_for, reports_not_retrieved
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.screening import FULL_TEXT
from screener.workspace.settings import STAGES
from screener.workspace.study_labels import change_labels, labels_of, recent_labels
from screener.workspace.study_search import StudyFilter, search_studies

bp = Blueprint("studies", __name__)

FACET_NAMES = {"decision": "Decision", "vote": "My vote", "conflict": "Conflict", "label": "Label",
               "database": "Database", "year": "Year", "reason": "Exclusion reason", "reviewer": "Reviewer"}


def _back(default: str) -> str:
    """Where a form returns to: a path of this site only. Forms send the app's own path
    (request.full_path), so the review's prefix under `serve --root` (/r/<name>) is put back."""
    back = request.form.get("back") or ""
    return request.script_root + back if back.startswith("/") and not back.startswith("//") else default


def _wants_json() -> bool:
    return request.is_json or "application/json" in request.headers.get("Accept", "")


@bp.app_template_global()
def study_extras(study: int, stage: str) -> dict:
    """What the screening page and conflict cards show beside a study: its labels as I may see
    them, the labels on my keys, and the discussion when it is open to me."""
    who = g.get("reviewer")
    if who is None:
        return {"labels": [], "recent": [], "thread": None}
    return {"labels": labels_of(g.ws, who, [study])[study], "recent": recent_labels(g.ws, who),
            "thread": thread_if_open(g.ws, who, study, stage)}


@bp.app_template_global()
def study_charts(stage: str, estimate: dict | None = None) -> dict:
    """The SVG charts of ``stage`` as the signed-in reviewer may see them (markup, escaped inside)."""
    return {name: Markup(svg) for name, svg in charts(g.ws, g.get("reviewer"), stage, estimate).items()}


@bp.app_template_global()
def filter_url(base: dict, **change) -> str:
    """The /studies URL of ``base`` with ``change`` applied (None removes a field; page resets)."""
    args = dict(base)
    args.pop("page", None)
    for key, value in change.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = value
    return url_for("studies.studies") + ("?" + urlencode(args) if args else "")


@bp.get("/studies")
@page()
def studies():
    stage = request.args.get("stage")
    if stage and stage not in STAGES:
        no_such_stage(stage, "studies.studies")
    try:
        flt = StudyFilter.from_mapping(request.args.to_dict())
        if flt.conflict and g.reviewer.role == "screener" and g.ws.settings.blind:
            # search_studies refuses it too ('leave out conflict=1', for the API): a person who
            # opened a link passed on reads why, and gets the same list without that filter
            rest = {k: v for k, v in flt.to_dict().items() if k != "conflict"}
            refuse(403, "under blind mode a screener is not shown which studies are in conflict: it would tell "
                        "you how the others voted before the study is decided",
                   [("My votes without the conflict filter", filter_url(rest))])
        result = search_studies(g.ws, g.reviewer, flt)
    except ScreenerError as exc:
        abort(exc.http_status, description=str(exc))
    voted_here = any(n for vote, n in result["counts"].get("vote", {}).items() if vote != "none")
    displaced = owner_displaces_screener(g.ws, g.reviewer, flt.stage) is not None
    if not g.reviewer.can_vote or (displaced and not voted_here and not flt.vote):
        # an arbiter does not vote, nor an owner where the screeners give every vote: a 'My vote'
        # filter (all 'none') and 'my vote: —' on every study said nothing
        result["counts"].pop("vote", None)
    # at full text, whether each study on the page has its report (the owner attaches them one by one)
    fulltexts = ({s["study"]: _fulltext_word(fulltext_for(g.ws, s["study"])) for s in result["studies"]}
                 if flt.stage == FULL_TEXT else None)
    # reports marked not retrieved leave the full-text list; the owner reaches them here to attach one found later
    not_retrieved = reports_not_retrieved(g.ws) if flt.stage == FULL_TEXT and g.reviewer.role == "owner" else []
    return render_template("studies.html", result=result, flt=flt, args=flt.to_dict(), stages=STAGES,
                           facet_names=FACET_NAMES, reasons=g.ws.settings.exclusion_reasons, fulltexts=fulltexts,
                           not_retrieved=not_retrieved)


def _fulltext_word(attached) -> str:
    return {"file": "PDF", "url": "link", "not_retrieved": "not retrieved"}.get(attached.kind, attached.kind) \
        if attached is not None else "none yet"


@bp.post("/studies/<int:study>/labels")
@page()
def labels(study: int):
    add = [x for x in request.form.getlist("add") if x.strip()]
    remove = [x for x in request.form.getlist("remove") if x.strip()]
    if request.is_json:
        body = request.get_json(silent=True) or {}
        add, remove = body.get("add") or [], body.get("remove") or []
    try:
        result = change_labels(g.ws, g.reviewer, study, add, remove)
    except ScreenerError as exc:
        if _wants_json():
            return jsonify({"ok": False, "error": str(exc)}), exc.http_status
        return refuse_back(f"Labels not changed: {exc}", _back(url_for("studies.studies")))
    if _wants_json():
        # the page redraws its chips from this answer: who put each label on, named as the page names them
        for item in result.get("labels", []):
            item["by_name"] = [person(name) for name in item.get("by", [])]
        return jsonify(result)
    said = ", ".join([f"+{x}" for x in result["added"]] + [f"−{x}" for x in result["removed"]]) or "unchanged"
    flash(f"Study {study} labels: {said}.", "ok")
    return redirect(_back(url_for("studies.studies")), code=303)


@bp.post("/studies/<int:study>/comments")
@page()
def comment(study: int):
    stage = request.form.get("stage", "")
    kind = "revote_request" if request.form.get("kind") == "revote_request" else "comment"
    try:
        add_comment(g.ws, g.reviewer, study, stage, request.form.get("text", ""), kind=kind)
    except ScreenerError as exc:
        return refuse_back(f"Comment not added: {exc}", _back(url_for("pages.home")))
    flash("Asked the screeners to vote again." if kind == "revote_request" else "Comment added.", "ok")
    return redirect(_back(url_for("pages.home")), code=303)


@bp.post("/studies/bulk")
@page("owner")
def bulk():
    args = {k: v for k, v in request.form.items() if k.startswith("f_")}
    try:
        flt = StudyFilter.from_mapping({k[2:]: v for k, v in args.items()})
        action = request.form.get("action")
        if action == "label":
            result = bulk_action(g.ws, g.reviewer, flt, label=request.form.get("label", ""))
            flash(f"Label '{result['label']}' added to {result['labelled']} of the {result['selected']} "
                  f"selected studies.", "ok")
        elif action == "exclude":
            result = bulk_action(g.ws, g.reviewer, flt, decision="exclude", reason=request.form.get("reason", ""))
            flash(f"Excluded {result['excluded']} of the {result['selected']} selected studies before screening "
                  f"({result['reason']})" + (f"; {result['skipped_screened']} already screened were left to their "
                                              f"screeners" if result["skipped_screened"] else "") + ".", "ok")
        elif action == "prior":
            result = bulk_action(g.ws, g.reviewer, flt, prior="relevant")
            many = result["selected"] != 1
            flash(f"The ranker now knows {result['selected']} selected {'studies' if many else 'study'} as relevant "
                  f"({'they are' if many else 'it is'} still screened).", "ok")
        else:
            abort(400, description="choose label, exclude or known relevant")
    except ScreenerError as exc:
        return refuse_back(f"Nothing done: {exc}",
                           filter_url(flt.to_dict()) if "flt" in locals() else url_for("studies.studies"))
    return redirect(filter_url(flt.to_dict()) if "flt" in locals() else url_for("studies.studies"), code=303)
