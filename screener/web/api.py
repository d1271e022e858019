"""The JSON API for scripts: ``Authorization: Bearer TOKEN`` on every call, no cookies.

Answers are the screening API's own dictionaries (``GET /api/next`` is exactly
``screener next --json``). Errors are ``{"ok": false, "error": "..."}`` with 400 malformed
request, 401 no or bad token, 403 role not allowed, 404 unknown study, 409 the study's state
forbids it (decided, wrong stage, not in conflict), 422 a missing or unknown reason. Every check
runs before anything is written.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from screener.errors import RESOLVE_CONFLICTS, PermissionDenied, ScreenerError, ScreeningError, UsageError
from screener.web.auth import bearer_reviewer
from screener.web.estimate import visible_stopping_estimate
from screener.web.json_answers import json_response
from screener.web.messages import without_paths
from screener.web.remedies import api_line
from screener.web.request_limits import BadBody, check_text, load_json
from screener.workspace.queue import next_study, release_study
from screener.workspace.screening import (
    DECISIONS,
    VOTES,
    cast_vote,
    check_reason,
    check_study_number,
    list_conflicts,
    progress,
    request_revote,
    require_current_study,
    resolve,
    reviewer_votes,
    study_outcome,
    study_view,
)
from screener.workspace.settings import STAGES
from screener.workspace.stages import check_stage

bp = Blueprint("api", __name__, url_prefix="/api")


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return json_answer({"ok": False, "error": str(exc)}, exc.status)


def _masked(data: Any) -> Any:
    """Without ``ranker_state``: what ordered the queue when a vote was cast counts every stage
    label, other screeners' pending votes included, and says whether the study was 'awaiting
    another vote' — not for a blinded screener's eyes."""
    if isinstance(data, dict):
        return {k: _masked(v) for k, v in data.items() if k != "ranker_state"}
    if isinstance(data, list):
        return [_masked(v) for v in data]
    return data


def json_answer(data: Any, status: int = 200) -> Response:
    who = g.get("reviewer")
    if who is not None and who.role == "screener" and g.ws.settings.blind:
        data = _masked(data)
    response = json_response(data, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="screener"'
    return response


@bp.before_request
def _authenticate():
    try:
        g.reviewer = bearer_reviewer(g.ws)
    except PermissionDenied as exc:
        raise ApiError(401, str(exc)) from None


def stage_arg(required: bool = True) -> str | None:
    stage = request.args.get("stage")
    if stage is None or stage == "":
        if required:
            raise ApiError(400, f"add ?stage= to the URL, one of: {', '.join(STAGES)}")
        return None
    check_stage(stage)
    return stage


def known_number(study: int) -> None:
    """A number SQLite cannot hold is no study here (the database raised OverflowError: a 500)."""
    call_api(check_study_number, g.ws, study)


def read_body(required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, Any]:
    raw = request.get_data(cache=True)
    try:
        body = load_json(raw)
        for key, value in (body.items() if isinstance(body, dict) else ()):
            check_text(value, key)
    except BadBody as exc:         # nested past the limit, or a lone surrogate (issue 21: were 500s)
        raise ApiError(400, str(exc)) from None
    except ValueError as exc:      # not UTF-8, not JSON, or a number too long for Python to read
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ApiError(400, f"the request body is not valid JSON{where}; send a JSON object like "
                            f'{{"study": 12, "stage": "title_abstract", "vote": "include"}}') from None
    if not isinstance(body, dict):
        raise ApiError(400, f"the request body must be a JSON object, not {type(body).__name__}")
    allowed = required + optional
    for key in body:
        if key not in allowed:
            raise ApiError(400, f"unknown field {key!r}; the fields are: {', '.join(allowed)}")
    for key in required:
        if key not in body:
            raise ApiError(400, f"missing field {key!r}; required: {', '.join(required)}")
    study = body.get("study")
    if "study" in body and (not isinstance(study, int) or isinstance(study, bool)):
        raise ApiError(400, f"'study' must be a study number, not {study!r}")
    if "study" in body:
        assert isinstance(study, int)      # checked above
        known_number(study)
    if "stage" in body:
        check_stage(body["stage"])
    for key in ("reason", "note"):
        if body.get(key) is None:
            body[key] = ""
        elif not isinstance(body[key], str):
            raise ApiError(400, f"'{key}' must be text, not {body[key]!r}")
    return body


def _api_words(message: str) -> str:
    """A message without the server's paths."""
    return without_paths(g.ws, message)


def call_api(function, *args, **kwargs):
    """Call the screening API, turning its refusals into the statuses their errors carry."""
    try:
        return function(*args, **kwargs)
    except ScreenerError as exc:
        raise ApiError(exc.http_status, _api_words(api_line(exc))) from None


# ---- screening ------------------------------------------------------------------------------

@bp.get("/me")
def me():
    """Who the token belongs to."""
    who = g.reviewer
    return json_answer({"name": who.name, "role": who.role, "blind": g.ws.settings.blind})


@bp.get("/next")
def next_():
    """The next study for me at ``stage`` (leased to me), exactly as ``screener next --json``."""
    stage = stage_arg()
    data = call_api(next_study, g.ws, g.reviewer, stage, lease_minutes=g.state.lease_minutes)
    return json_answer(data)


@bp.post("/votes")
def votes_post():
    """Cast, change or retract (``"vote": "retract"``) my vote on a study."""
    who = g.reviewer
    body = read_body(("study", "stage", "vote"), ("reason", "note"))
    if body["vote"] not in VOTES + ("retract",):
        raise ApiError(400, f"vote {body['vote']!r} is not a vote; use include, exclude, maybe or retract")
    if not who.can_vote:
        raise ApiError(403, api_line(who.cannot_screen(RESOLVE_CONFLICTS, " and do not vote")))
    study, stage, vote = body["study"], body["stage"], body["vote"]
    call_api(require_current_study, g.ws, study)
    seen = call_api(study_outcome, g.ws, study, stage, who)
    if seen.status in ("not_reached", "not_retrieved"):
        what = ("has not reached full text (it is not included at title/abstract)" if seen.status == "not_reached"
                else "has its full text marked not retrieved")
        raise ApiError(409, f"study {study} {what}; it cannot be screened at {stage}")
    if vote != "retract":
        try:
            check_reason(g.ws, stage, vote, body["reason"])
        except ScreenerError as exc:
            raise ApiError(422, _api_words(api_line(exc))) from None
    data = call_api(cast_vote, g.ws, who, study, stage, vote, reason=body["reason"], note=body["note"])
    return json_answer(data)


@bp.get("/votes")
def votes_get():
    """My own current votes, newest first (optionally ``?stage=``)."""
    return json_answer(call_api(reviewer_votes, g.ws, g.reviewer, stage_arg(required=False)))


@bp.post("/release")
def release():
    """Give a leased study back unvoted (skip)."""
    body = read_body(("study", "stage"), ())
    call_api(release_study, g.ws, g.reviewer, body["study"], body["stage"])
    return json_answer({"study": body["study"], "stage": body["stage"], "released": True})


@bp.get("/studies/<int:study>")
def study(study: int):
    """One study at ``stage`` as I may see it (blinded: my own votes only until it is decided)."""
    stage = stage_arg()
    known_number(study)
    return json_answer(call_api(study_view, g.ws, g.reviewer, study, stage))


@bp.get("/progress")
def progress_():
    """Per stage: counts and reviewers' progress as I may see them, and the stopping estimate."""
    data = call_api(progress, g.ws, g.reviewer)
    data["stopping"] = {stage: call_api(visible_stopping_estimate, g.ws, g.reviewer, stage) for stage in STAGES}
    return json_answer(data)


# ---- arbiter --------------------------------------------------------------------------------

def _require_resolver():
    who = g.reviewer
    if not who.can_resolve:
        raise ApiError(403, f"reviewer '{who.name}' is {who.role_phrase}; only an arbiter or the owner may "
                            f"see and resolve conflicts")


@bp.get("/conflicts")
def conflicts():
    """Open conflicts with every vote, reason and note (arbiters and the owner)."""
    _require_resolver()
    return json_answer(call_api(list_conflicts, g.ws, g.reviewer, stage_arg(required=False)))


@bp.post("/resolutions")
def resolutions():
    """The arbiter's decision on a conflict: ``{"study", "stage", "decision", "reason", "note", "expected"}``;
    ``expected`` (optional): the resolution id the sender saw in force, 0 or null for none; a newer
    decision refuses with 409 naming it. Without it the decision is recorded as before (scripts)."""
    _require_resolver()
    body = read_body(("study", "stage", "decision"), ("reason", "note", "expected"))
    if body["decision"] not in DECISIONS:
        raise ApiError(400, f"decision {body['decision']!r} is not a decision; use include or exclude")
    expected = (body["expected"] if body["expected"] is not None else 0) if "expected" in body else None  # null: none
    if expected is not None and (not isinstance(expected, int) or isinstance(expected, bool) or expected < 0):
        raise ApiError(400, f"'expected' must be the id of the decision you saw in force (the last of the conflict's "
                            f"\"resolutions\"), or 0 for none, not {expected!r}")
    study, stage = body["study"], body["stage"]
    call_api(require_current_study, g.ws, study)
    outcome = call_api(study_outcome, g.ws, study, stage, g.reviewer)
    if outcome.status in ("not_reached", "not_retrieved", "unscreened", "pending"):
        raise ApiError(409, f"study {study} is not in conflict at {stage} (it is {outcome.status.replace('_', ' ')}); "
                            f"nothing to resolve")
    try:
        check_reason(g.ws, stage, body["decision"], body["reason"],
                     required=True if outcome.conflict == "reason" else None)
    except (ScreeningError, UsageError) as exc:
        raise ApiError(422, _api_words(str(exc))) from None
    return json_answer(call_api(resolve, g.ws, g.reviewer, study, stage, body["decision"],
                       reason=body["reason"], note=body["note"], expected=expected))


@bp.post("/revotes")
def revotes():
    """The arbiter asks a screener to vote again on a study that has all its votes (an event):
    ``{"study", "stage", "reviewer", "note"}``; answers with the conflict view."""
    _require_resolver()
    body = read_body(("study", "stage", "reviewer"), ("note",))
    if not isinstance(body["reviewer"], str):
        raise ApiError(400, f"'reviewer' must be a reviewer's name, not {body['reviewer']!r}")
    return json_answer(call_api(request_revote, g.ws, g.reviewer, body["study"], body["stage"], body["reviewer"],
                       note=body["note"]))


def _methods_of(path: str) -> list[str]:
    """The methods the API's own calls take at ``path`` (the catch-all below left out)."""
    adapter = current_app.url_map.bind("localhost")
    allowed = []
    for method in ("GET", "POST", "PUT"):
        try:
            rule, _ = adapter.match(path, method=method, return_rule=True)
        except HTTPException:
            continue
        if rule.endpoint != "api.unknown":
            allowed.append(method)
    return allowed


@bp.route("/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(rest: str):
    path = f"/api/{rest}"
    allowed = _methods_of(path)
    if allowed:
        response = json_answer({"ok": False, "error": f"{path} does not take {request.method}; use "
                                                f"{' or '.join(allowed)}"}, 405)
        response.headers["Allow"] = ", ".join(allowed)
        return response
    head, _, tail = rest.partition("/")
    if head == "studies" and tail and "/" not in tail:
        raise ApiError(400, f"study {tail!r} is not a study number; use /api/studies/ID?stage=STAGE")
    raise ApiError(404, f"no API call {path}; see the README's Web app section for the calls")
