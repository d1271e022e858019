"""The search workbench's JSON API: check and translate strategies, save versions, run and validate
them on the review's records, and run PubMed searches as background jobs.

Scripts send ``Authorization: Bearer TOKEN``; the strategy page calls the same endpoints with its
session cookie and the ``X-CSRF-Token`` header. Checking and translating is open to every signed-in
reviewer; saving, running, validating and searching need the owner or a ``searcher``. Errors are
``{"ok": false, "error": "..."}``: 400 bad input (empty text, unknown target or syntax, a strategy
over the size limit), 401 no or bad token, 403 role, 404 unknown strategy or job (a job id of
another review is unknown here), 409 a search job already running. Nothing is written before every
check has passed.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, g, request

from screener.errors import NO_RECORDS, NotFoundError, PermissionDenied, RecordParseError, UsageError
from screener.query import READERS, TARGETS
from screener.query.evaluate.known import load_known
from screener.query.evaluate.local import run_strategy, validate_strategy
from screener.query.workbench import check_strategy, translate_all
from screener.web import workbench_pages
from screener.web.auth import bearer_reviewer, check_csrf, session_reviewer
from screener.web.json_answers import json_response
from screener.web.people import person
from screener.workspace.search_jobs import create_job, list_jobs, runner_for
from screener.workspace.strategies import (
    diff_versions,
    get_version,
    included_studies_csv,
    list_strategies,
    list_versions,
    save_strategy,
)
from screener.workspace.strategy_drafts import get_draft, save_draft
from screener.workspace.strategy_records import review_records

bp = Blueprint("workbench_api", __name__, url_prefix="/api")

RUNNER_KEY = "screener_search_jobs"


def register(app) -> None:
    """Add the API and the page to ``app`` and resume the search jobs a stopped server left behind."""
    app.register_blueprint(bp)
    app.register_blueprint(workbench_pages.bp)
    runner = runner_for(app.extensions["screener"].ws)
    app.extensions[RUNNER_KEY] = runner
    if app.config.get("SCREENER_RESUME_JOBS", True):
        runner.resume()


def runner():
    return current_app.extensions[RUNNER_KEY]


@bp.before_request
def signed_in_reviewer():
    if request.headers.get("Authorization"):
        try:
            g.reviewer = bearer_reviewer(g.ws)
        except PermissionDenied as exc:
            abort(401, description=str(exc))
        return
    who = session_reviewer(g.ws)
    if who is None:
        abort(401, description="no token: send 'Authorization: Bearer TOKEN' (TOKEN is what follows token= in the "
                               "sign-in link the review's owner gave you), or sign in to the web app")
    if request.method == "POST":
        check_csrf()
    g.reviewer = who


def require_editor() -> None:
    who = g.reviewer
    if not who.can_edit_strategies:
        raise PermissionDenied(f"reviewer '{who.name}' is {who.role_phrase}; saving, running and searching strategies "
                               f"is for the owner or a searcher (the owner adds searchers on the Reviewers page)")


def json_body(allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, Any]:
    raw = request.get_data(cache=True)
    try:
        body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except ValueError as exc:
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise UsageError(f"the request body is not valid JSON{where}; send a JSON object such as "
                         f'{{"text": "1. pain.ti.", "from": "ovid"}}') from None
    if not isinstance(body, dict):
        raise UsageError(f"the request body must be a JSON object, not {type(body).__name__}")
    for key in body:
        if key not in allowed:
            raise UsageError(f"unknown field {key!r}; the fields are: {', '.join(allowed)}")
    for key in required:
        if key not in body:
            raise UsageError(f"missing field {key!r}; required: {', '.join(required)}")
    return body


def syntax_of(body: dict[str, Any]) -> str:
    read = body.get("from", "ovid")
    return "ovid" if read in (None, "") else read


def timed(data: dict[str, Any], started: float) -> dict[str, Any]:
    data["server_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return data


# ---- check and translate ---------------------------------------------------------------------

@bp.post("/strategies/check")
def check():
    """``{"text", "from"}`` → the strategy's problems (line, col, end_col) and each line's meaning."""
    started = time.perf_counter()
    body = json_body(("text", "from"), ("text",))
    return json_response(timed(check_strategy(body["text"], syntax_of(body)), started))


@bp.post("/strategies/translate")
def translate():
    """``{"text", "from", "to": [targets] | "all"}`` → per target ``{"query", "problems", "lines"}``."""
    started = time.perf_counter()
    body = json_body(("text", "from", "to"), ("text",))
    return json_response(timed(translate_all(body["text"], syntax_of(body), body.get("to", "all")), started))


@bp.get("/strategies/targets")
def targets():
    return json_response({"targets": list(TARGETS), "from": list(READERS)})


# ---- saved strategies --------------------------------------------------------------------------

@bp.get("/strategies")
def strategies_list():
    return json_response({"strategies": list_strategies(g.ws)})


@bp.post("/strategies")
def strategies_save():
    """``{"name", "text", "from", "note"}`` → the new version (201), or the newest one unchanged (200)."""
    require_editor()
    body = json_body(("name", "text", "from", "note"), ("name", "text"))
    saved = save_strategy(g.ws, body["name"], body["text"], syntax_of(body), actor=g.reviewer.name,
                          note=body.get("note") or "")
    return json_response(saved, 201 if saved["recorded"] else 200)


@bp.get("/strategies/draft")
def draft_get():
    """The signed-in person's draft (the editor's text, kept with the review), or null."""
    require_editor()
    return json_response({"draft": get_draft(g.ws, g.reviewer.name)})


@bp.post("/strategies/draft")
def draft_save():
    """``{"text", "from"}`` → the draft recorded (201), or the same one unchanged (200)."""
    require_editor()
    body = json_body(("text", "from"), ("text",))
    draft = save_draft(g.ws, body["text"], body.get("from"), actor=g.reviewer.name)
    return json_response({"draft": draft}, 201 if draft["recorded"] else 200)


def _version_of(strategy_id: int, version: Any) -> dict[str, Any]:
    """Version ``version`` (its number; the newest when None) of saved strategy ``strategy_id``, with text."""
    versions = list_versions(g.ws, strategy_id)
    if version is None:
        chosen = versions[-1]
    else:
        if isinstance(version, bool) or not isinstance(version, int):
            raise UsageError(f"'version' must be a version number, not {version!r}")
        found = [v for v in versions if v["version"] == version]
        if not found:
            raise NotFoundError(f"strategy {strategy_id} has no version {version} (it has 1 to {versions[-1]['version']})")
        chosen = found[0]
    return get_version(g.ws, chosen["id"])


@bp.get("/strategies/<int:strategy_id>")
def strategy_get(strategy_id: int):
    """The strategy's versions (without text) and its newest version's text; ``?version=N`` for another."""
    versions = list_versions(g.ws, strategy_id)
    raw = request.args.get("version")
    number = None
    if raw not in (None, ""):
        try:
            number = int(raw)
        except ValueError:
            raise UsageError(f"?version={raw!r} is not a version number") from None
    chosen = _version_of(strategy_id, number)
    for v in versions:          # 'saved_by' stays the name scripts use; the page shows the person
        v["saved_by_name"] = person(v["saved_by"])
    return json_response({"id": strategy_id, "name": chosen["strategy"], "versions": versions, "version": chosen})


@bp.get("/strategies/<int:strategy_id>/diff")
def strategy_diff(strategy_id: int):
    """``?from=N&to=M`` (version numbers; default: the two newest) → the lines removed and added."""
    versions = list_versions(g.ws, strategy_id)
    def number(name: str, default: int) -> int:
        raw = request.args.get(name)
        if raw in (None, ""):
            return default
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"?{name}={raw!r} is not a version number") from None
    newest = versions[-1]["version"]
    a = _version_of(strategy_id, number("from", max(1, newest - 1)))
    b = _version_of(strategy_id, number("to", newest))
    return json_response(diff_versions(g.ws, a["id"], b["id"]))


# ---- run and validate on the review's records ------------------------------------------------------

def _review_records():
    """The review's records, named by the review's title (the CLI names its folder, which on the web
    is a path on the server) and, when there are none, where to get them in the web app."""
    try:
        return review_records(g.ws, name=f"“{g.ws.settings.title}”")
    except UsageError as exc:
        if exc.remedy != NO_RECORDS:
            raise
        # the workbench page shows this answer beside its PubMed search
        raise UsageError(exc.worded({NO_RECORDS: " (import exports under Manage → Imports, or search PubMed below, "
                                                  "first)"})) from None


@bp.post("/strategies/<int:strategy_id>/run")
def strategy_run(strategy_id: int):
    """``{"version", "line"}`` → what `screener query run --review DIR` answers."""
    require_editor()
    body = json_body(("version", "line"))
    line = body.get("line")
    if line is not None and (isinstance(line, bool) or not isinstance(line, int)):
        raise UsageError(f"'line' must be a line number, not {line!r}")
    version = _version_of(strategy_id, body.get("version"))
    data = run_strategy(version["text"], records=_review_records, line=line, read=version["syntax"],
                        name=version["label"])
    data["version"] = {k: v for k, v in version.items() if k != "text"}
    return json_response(data)


@bp.post("/strategies/<int:strategy_id>/validate")
def strategy_validate(strategy_id: int):
    """``{"version", "known": "PMIDs or DOIs, one per line" | "included"}`` → what `screener query
    validate --review DIR` answers, on the pasted studies or the review's included studies."""
    require_editor()
    body = json_body(("version", "known"), ("known",))
    known = body["known"]
    if not isinstance(known, str) or not known.strip():
        raise UsageError("'known' is empty: paste the known studies' PMIDs or DOIs, one per line, or send "
                         "\"included\" for the review's included studies")
    version = _version_of(strategy_id, body.get("version"))
    if known.strip() == "included":
        content, described = included_studies_csv(g.ws)
        suffix = ".csv"
    else:
        content, suffix = known, ".txt"
        described = "pasted identifiers"
    with tempfile.TemporaryDirectory(prefix="screener-known-") as tmp:
        path = Path(tmp) / f"known{suffix}"
        path.write_text(content, encoding="utf-8")
        try:
            known_set = load_known(path)      # read once here to say what it left out
            data = validate_strategy(version["text"], known_set, records=_review_records,
                                     read=version["syntax"], name=version["label"])
        except (UsageError, RecordParseError) as exc:     # the temporary file's path means nothing in the browser
            raise type(exc)(str(exc).replace(str(path), described)) from None
    data["known_file"] = described
    data["known_skipped"] = known_set.skipped     # pasted lines that are neither a PMID nor a DOI
    data["version"] = {k: v for k, v in version.items() if k != "text"}
    return json_response(data)


# ---- PubMed search jobs ----------------------------------------------------------------------------

@bp.post("/searches/pubmed")
def search_pubmed():
    """``{"strategy_id", "version"} | {"query"}`` plus ``"eutils_url"``, ``"email"``, ``"batch_size"`` →
    the job (202); its progress at ``GET /api/jobs/ID``."""
    require_editor()
    body = json_body(("strategy_id", "version", "query", "eutils_url", "email", "batch_size"))
    version_id = None
    if ("strategy_id" in body) == ("query" in body):
        raise UsageError("give exactly one of 'strategy_id' (a saved strategy) or 'query' (a PubMed query)")
    if "strategy_id" in body:
        sid = body["strategy_id"]
        if isinstance(sid, bool) or not isinstance(sid, int):
            raise UsageError(f"'strategy_id' must be a saved strategy's number, not {sid!r}")
        version_id = _version_of(sid, body.get("version"))["id"]
    elif "version" in body:
        raise UsageError("'version' needs 'strategy_id' (the saved strategy it is a version of)")
    job = create_job(g.ws, actor=g.reviewer.name, version_id=version_id, query=body.get("query"),
                     eutils_url=body.get("eutils_url"), email=body.get("email") or "",
                     batch_size=body.get("batch_size", 500))
    runner().start(job["id"])
    return json_response(runner().status(job["id"]), 202)


@bp.get("/jobs")
def jobs_list():
    return json_response({"jobs": [runner().status(job["id"]) for job in list_jobs(g.ws)]})


@bp.get("/jobs/<job_id>")
def job_get(job_id: str):
    return json_response(runner().status(job_id))


@bp.post("/jobs/<job_id>/cancel")
def job_cancel(job_id: str):
    require_editor()
    return json_response(runner().cancel(job_id, g.reviewer.name))
