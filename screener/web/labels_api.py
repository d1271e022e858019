"""The JSON API for labels, search and filters, the discussion of a conflict and owners' bulk
actions. The calls join the API blueprint (same bearer tokens, error shapes and blinding mask as
``screener.web.api``); every rule lives in the workspace modules they call.

- ``POST /api/studies/ID/labels`` ``{"add": [...], "remove": [...]}``
- ``GET /api/studies?q=&stage=&label=&decision=&vote=&conflict=1&database=&year=&reason=&reviewer=&page=``
- ``GET|POST /api/studies/ID/comments`` (POST ``{"stage", "text"}``; 409 before a conflict)
- ``POST /api/studies/ID/revote`` ``{"stage", "text"}`` (arbiter, owner)
- ``POST /api/bulk`` (owner) ``{"filter": {...}, "label": L}`` or ``{"filter": {...}, "decision": "exclude", "reason": R}``
- ``GET|PUT /api/highlights`` (PUT ``{"include": [...], "exclude": [...]}``): my own highlight words
"""

from __future__ import annotations

from flask import g, request

from screener.errors import ScreenerError
from screener.web.api import ApiError, bp, call_api, json_answer, known_number, read_body, stage_arg
from screener.workspace.bulk import bulk_action
from screener.workspace.comments import add_comment, comments
from screener.workspace.my_highlights import my_highlights, set_my_highlights
from screener.workspace.study_labels import change_labels
from screener.workspace.study_search import StudyFilter, search_studies


def _text_list(body: dict, key: str) -> list:
    value = body.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ApiError(400, f"'{key}' must be a list of labels, not {value!r}")
    return value


@bp.post("/studies/<int:study>/labels")
def labels_post(study: int):
    """Add and remove my labels on a study: ``{"add": [...], "remove": [...]}``."""
    known_number(study)
    body = read_body((), ("add", "remove"))
    add, remove = _text_list(body, "add"), _text_list(body, "remove")
    if not add and not remove:
        raise ApiError(400, 'send {"add": [labels]} or {"remove": [labels]} (or both)')
    return json_answer(call_api(change_labels, g.ws, g.reviewer, study, add, remove))


def filter_from_args(args, *, strict: bool = True) -> StudyFilter:
    try:
        return StudyFilter.from_mapping(args, strict=strict)
    except ScreenerError as exc:
        raise ApiError(exc.http_status, str(exc)) from None


@bp.get("/studies")
def studies_search():
    """The studies I may see that the filter selects, a page of them, the total and the counts per
    filter value (screeners: my votes; arbiters and owners: every study)."""
    flt = filter_from_args(request.args.to_dict())
    return json_answer(call_api(search_studies, g.ws, g.reviewer, flt))


@bp.route("/studies/<int:study>/comments", methods=["GET", "POST"])
def comments_call(study: int):
    """The discussion of a study in conflict: GET ``?stage=``, POST ``{"stage", "text"}``."""
    known_number(study)
    if request.method == "GET":
        return json_answer(call_api(comments, g.ws, g.reviewer, study, stage_arg()))
    body = read_body(("stage", "text"), ())
    return json_answer(call_api(add_comment, g.ws, g.reviewer, study, body["stage"], body["text"]), 201)


@bp.post("/studies/<int:study>/revote")
def revote(study: int):
    """The arbiter asks the study's screeners to vote again: ``{"stage", "text"}`` (text optional)."""
    known_number(study)
    body = read_body(("stage",), ("text",))
    return json_answer(call_api(add_comment, g.ws, g.reviewer, study, body["stage"], body.get("text") or "",
                       kind="revote_request"), 201)


@bp.post("/bulk")
def bulk():
    """An owner's action on every study a filter selects: a label, a team exclusion before
    screening (one event per study, with the filter), or ``"prior": "relevant"`` (known relevant, for the ranker)."""
    who = g.reviewer
    if who.role != "owner":
        raise ApiError(403, f"reviewer '{who.name}' is {who.role_phrase}; bulk actions are the owner's")
    body = read_body(("filter",), ("label", "decision", "reason", "prior"))
    if not isinstance(body["filter"], dict):
        raise ApiError(400, "'filter' must be an object like {\"q\": \"child*\", \"year\": \"1950-1989\"}")
    flt = filter_from_args(body["filter"])
    return json_answer(call_api(bulk_action, g.ws, who, flt, label=body.get("label"),
                       decision=body.get("decision"), reason=body.get("reason") or "", prior=body.get("prior")))


@bp.route("/highlights", methods=["GET", "PUT"])
def highlights():
    """The review's highlight terms and my own words; PUT ``{"include": [...], "exclude": [...]}``
    replaces each list given (a list left out keeps its words). A word refused is 422."""
    ws, who = g.ws, g.reviewer
    if request.method == "PUT":
        body = read_body((), ("include", "exclude"))
        mine = my_highlights(ws, who)
        lists = {}
        for key in ("include", "exclude"):
            value = body.get(key, mine[key])
            if not isinstance(value, list):
                raise ApiError(400, f"'{key}' must be a list of words, not {value!r}")
            lists[key] = value
        try:
            set_my_highlights(ws, who, lists["include"], lists["exclude"])
        except ScreenerError as exc:          # the request was well formed; a word in it is refused
            raise ApiError(422, str(exc)) from None
    return json_answer({"review": {"include": ws.settings.highlight_include, "exclude": ws.settings.highlight_exclude},
                        "mine": my_highlights(ws, who)})
